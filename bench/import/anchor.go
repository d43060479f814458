package main

// The anchor: the same bundle loaded by Neo4j's own LOAD CSV, one statement
// per kind in the importer's order, each a CALL { … } IN TRANSACTIONS OF
// 5000 ROWS run in an auto-commit transaction. It builds the graph that
// graph/records.go describes, property for property, except the importer's
// internal hash. The SET maps come from the kinds' declarations
// (thelist.Declared) by the rules of graph/declared.go, so a field added to
// a kind is loaded here with no change; the properties the graph writes by
// hand (a person's nameKey, a move's lab ids, …) are named beside them.
//
//   - nodes and relationships with a uniquely constrained key are MERGEd on
//     it (Person.id, WORKED_AT.id, ADVISED.degreeId, ...), so each MERGE is
//     an index seek, as in the importer;
//   - pair kinds (AUTHORED, MEMBER_OF) MERGE the relationship between their
//     two ends with its key id, "person/paper", which a uniqueness
//     constraint guards, as the importer does;
//   - links that a node record owns and that have no key of their own
//     (PART_OF, MADE, TO, EXTENDED, MADE_MOVE, FROM, RECRUITED_BY,
//     WITH_OFFER, MADE_DEAL, TARGET, BROUGHT) are CREATEd, as the importer does after deleting the old
//     ones (there are none in an empty database);
//   - ends are found by MATCH on their uniquely constrained id;
//   - dates go through date() with a <name>Precision string from the length
//     of the cell; lists through split() on ";"; an empty cell is null and
//     SET n += {…} leaves a null property out, as the importer's SET n +=
//     row.props does; booleans that the importer stores as false when not
//     reported (topLab, staffApproximate, breakthrough, aiThesis, founder,
//     concurrent, inferred) are false here too.
//
// A lab's parent may come later in labs.csv; the importer sorts parents
// first, LOAD CSV cannot, so the parent is MERGEd (an index seek that
// creates it early, to be filled in by its own row).

import (
	"fmt"
	"strings"

	"github.com/thelist/thelist"
)

// anchorStep is one LOAD CSV statement, for the file kind+".csv".
type anchorStep struct {
	kind  string
	query string
}

// prec expands to the precision of a date cell, null when it is empty.
func prec(cell string) string {
	return `CASE size(` + cell + `) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END`
}

// date expands to a date property and its precision.
func date(name, cell string) string {
	return name + `: date(` + cell + `), ` + name + `Precision: ` + prec(cell)
}

// list expands to a ;-separated cell as a list of trimmed, non-empty items;
// null when the cell is empty.
func list(cell string) string {
	return `CASE WHEN ` + cell + ` IS NULL THEN null ELSE [x IN split(` + cell + `, ';') WHERE trim(x) <> '' | trim(x)] END`
}

// boolOr expands to a boolean cell; an empty cell is def (false, or null).
func boolOr(cell, def string) string {
	return `CASE ` + cell + ` WHEN 'true' THEN true WHEN 'false' THEN false ELSE ` + def + ` END`
}

// nameKey approximates thelist.NameKey (name.go: NFKC, case folded, Latin
// diacritics dropped, punctuation to spaces, spaces collapsed) in Cypher:
// NFKC and lower case, spaces collapsed. It is the same on the generator's
// names, which are ASCII letters and single spaces.
func nameKey(cell string) string {
	return `CASE WHEN ` + cell + ` IS NULL OR trim(` + cell + `) = '' THEN null ELSE reduce(s = '', w IN [x IN split(toLower(normalize(` + cell + `, NFKC)), ' ') WHERE x <> ''] | s + CASE s WHEN '' THEN '' ELSE ' ' END + w) END`
}

// props is the map that SET n += … writes for a record of kind: every
// property the importer stores for it (graph/declared.go's declaredProps),
// made from the same declarations (thelist.Declared), so that a field
// added to a kind is loaded here too; extra holds the entries the graph
// writes by hand (graph/records.go), as "name: expression".
func props(kind string, extra ...string) string {
	var entries []string
	for _, f := range thelist.Declared[kind] {
		cell := "row." + f.Column
		if f.Type == thelist.FieldSources && f.Hand&thelist.LayerGraph == 0 {
			entries = append(entries, "sources: "+list(cell))
			continue
		}
		if !f.Stored() || f.Type == thelist.FieldID { // the id is the key MERGEd on
			continue
		}
		name := f.Name()
		switch f.Type {
		case thelist.FieldText:
			entries = append(entries, name+": "+cell)
		case thelist.FieldBool:
			entries = append(entries, name+": "+boolOr(cell, "false"))
		case thelist.FieldOptBool:
			entries = append(entries, name+": "+boolOr(cell, "null"))
		case thelist.FieldDate:
			entries = append(entries, date(name, cell))
		case thelist.FieldInt: // 0 is not reported, stored as null
			entries = append(entries, name+": CASE toInteger("+cell+") WHEN 0 THEN null ELSE toInteger("+cell+") END")
		case thelist.FieldCount, thelist.FieldMoney:
			entries = append(entries, name+": toInteger("+cell+")")
		case thelist.FieldList:
			entries = append(entries, name+": "+list(cell))
		default:
			panic(fmt.Sprintf("anchor: no property for field %s of %s (type %d)", f.Column, kind, f.Type)) // a new field type: declaredProps gained a case this lacks
		}
	}
	return "{" + strings.Join(append(entries, extra...), ", ") + "}"
}

// loadCSV wraps a body (which sees row) into the statement for kind.
func loadCSV(kind, body string) anchorStep {
	return anchorStep{kind, `LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {` + body + `
} IN TRANSACTIONS OF 5000 ROWS`}
}

// link is a nested CALL that creates one owned link when its end exists.
func link(match, create string) string {
	return `
  WITH n, row
  CALL (n, row) { MATCH ` + match + ` CREATE ` + create + ` }`
}

var anchorSteps = []anchorStep{
	loadCSV(thelist.KindSources, `
  MERGE (n:Source {id: row.id})
  SET n += `+props(thelist.KindSources, "originalId: row.original_id")),
	// The registry ids are hand-written in the graph (stored only when
	// reported), which an empty cell's null gives here too.
	loadCSV(thelist.KindLabs, `
  MERGE (n:Lab {id: row.id})
  SET n += `+props(thelist.KindLabs, "ror: row.ror", "openalex: row.openalex", "wikidata: row.wikidata")+`
  WITH n, row WHERE row.parent_id IS NOT NULL
  MERGE (p:Lab {id: row.parent_id})
  CREATE (n)-[:PART_OF]->(p)`),
	loadCSV(thelist.KindPeople, `
  MERGE (n:Person {id: row.id})
  SET n += `+props(thelist.KindPeople, "nameKey: "+nameKey("row.name"))),
	loadCSV(thelist.KindPapers, `
  MERGE (n:Paper {id: row.id})
  SET n += `+props(thelist.KindPapers)),
	loadCSV(thelist.KindAuthorships, `
  MATCH (a:Person {id: row.person_id}), (b:Paper {id: row.paper_id})
  MERGE (a)-[n:AUTHORED {id: row.person_id + '/' + row.paper_id}]->(b)
  SET n += `+props(thelist.KindAuthorships)),
	loadCSV(thelist.KindDegrees, `
  MATCH (a:Person {id: row.person_id}), (b:Lab {id: row.lab_id})
  MERGE (a)-[n:STUDIED_AT {id: row.id}]->(b)
  SET n += `+props(thelist.KindDegrees, "fieldKey: "+nameKey("row.field"))+`
  WITH a, row WHERE row.advisor_id IS NOT NULL
  MATCH (x:Person {id: row.advisor_id})
  MERGE (x)-[r:ADVISED {degreeId: row.id}]->(a)
  SET r.sources = `+list("row.sources")),
	loadCSV(thelist.KindStints, `
  MATCH (a:Person {id: row.person_id}), (b:Lab {id: row.lab_id})
  MERGE (a)-[n:WORKED_AT {id: row.id}]->(b)
  SET n += `+props(thelist.KindStints)+`
  WITH a, b, row WHERE row.founder = 'true'
  MERGE (a)-[f:FOUNDED {stintId: row.id}]->(b)
  SET f += {`+date("date", "row.start")+`, sources: `+list("row.sources")+`}`),
	loadCSV(thelist.KindOffers, `
  MERGE (n:Offer {id: row.id})
  SET n += `+props(thelist.KindOffers)+
		link("(x:Lab {id: row.lab_id})", "(x)-[:MADE]->(n)")+
		link("(x:Person {id: row.person_id})", "(n)-[:TO]->(x)")+
		link("(x:Person {id: row.extended_by_id})", "(x)-[:EXTENDED]->(n)")),
	// A move's person and labs are also properties of its node (moveRows).
	loadCSV(thelist.KindMoves, `
  MERGE (n:Move {id: row.id})
  SET n += `+props(thelist.KindMoves, "personId: row.person_id", "fromLabId: row.from_lab_id", "toLabId: row.to_lab_id")+
		link("(x:Person {id: row.person_id})", "(x)-[:MADE_MOVE]->(n)")+
		link("(x:Lab {id: row.from_lab_id})", "(n)-[:FROM]->(x)")+
		link("(x:Lab {id: row.to_lab_id})", "(n)-[:TO]->(x)")+
		link("(x:Person {id: row.recruiter_id})", "(n)-[:RECRUITED_BY]->(x)")+
		link("(x:Offer {id: row.offer_id})", "(n)-[:WITH_OFFER]->(x)")),
	loadCSV(thelist.KindRecruitments, `
  MATCH (a:Person {id: row.recruiter_id}), (b:Person {id: row.recruit_id})
  MERGE (a)-[n:RECRUITED {id: row.id}]->(b)
  SET n += `+props(thelist.KindRecruitments, "toLabId: row.to_lab_id", "inferred: coalesce(row.confidence = 'inferred', false)")),
	loadCSV(thelist.KindInvestments, `
  OPTIONAL MATCH (ip:Person {id: row.investor_person_id})
  OPTIONAL MATCH (il:Lab {id: row.investor_lab_id})
  WITH row, coalesce(ip, il) AS a WHERE a IS NOT NULL
  MATCH (b:Lab {id: row.lab_id})
  MERGE (a)-[n:INVESTED_IN {id: row.id}]->(b)
  SET n += `+props(thelist.KindInvestments)),
	// A deal is a node that its buyer MADE_DEAL, with a TARGET lab and a
	// BROUGHT link to each person of its ;-separated person_ids (dealKind).
	loadCSV(thelist.KindDeals, `
  MERGE (n:Deal {id: row.id})
  SET n += `+props(thelist.KindDeals)+
		link("(x:Lab {id: row.buyer_lab_id})", "(x)-[:MADE_DEAL]->(n)")+
		link("(x:Lab {id: row.target_lab_id})", "(n)-[:TARGET]->(x)")+`
  WITH n, row
  CALL (n, row) { UNWIND coalesce(`+list("row.person_ids")+`, []) AS pid MATCH (x:Person {id: pid}) CREATE (n)-[:BROUGHT]->(x) }`),
	loadCSV(thelist.KindGroups, `
  MERGE (n:Group {id: row.id})
  SET n += `+props(thelist.KindGroups)),
	loadCSV(thelist.KindMemberships, `
  MATCH (a:Person {id: row.person_id}), (b:Group {id: row.group_id})
  MERGE (a)-[n:MEMBER_OF {id: row.person_id + '/' + row.group_id}]->(b)
  SET n += `+props(thelist.KindMemberships)),
}
