package main

// The anchor: the same bundle loaded by Neo4j's own LOAD CSV, one statement
// per kind in the importer's order, each a CALL { … } IN TRANSACTIONS OF
// 5000 ROWS run in an auto-commit transaction. It builds the graph that
// graph/records.go describes, property for property, except the importer's
// internal hash:
//
//   - nodes and relationships with a uniquely constrained key are MERGEd on
//     it (Person.id, WORKED_AT.id, ADVISED.degreeId, ...), so each MERGE is
//     an index seek, as in the importer;
//   - pair kinds (AUTHORED, MEMBER_OF) MERGE the relationship between their
//     two ends with its key id, "person/paper", which a uniqueness
//     constraint guards, as the importer does;
//   - links that a node record owns and that have no key of their own
//     (PART_OF, MADE, TO, EXTENDED, MADE_MOVE, FROM, RECRUITED_BY,
//     WITH_OFFER) are CREATEd, as the importer does after deleting the old
//     ones (there are none in an empty database);
//   - ends are found by MATCH on their uniquely constrained id;
//   - dates go through date() with a <name>Precision string from the length
//     of the cell; lists through split() on ";"; an empty cell is null and
//     SET n += {…} leaves a null property out, as the importer's SET n +=
//     row.props does; booleans that the importer stores as false when not
//     reported (topLab, breakthrough, founder, inferred) are false here too.
//
// A lab's parent may come later in labs.csv; the importer sorts parents
// first, LOAD CSV cannot, so the parent is MERGEd (an index seek that
// creates it early, to be filled in by its own row).

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

func fact() string {
	return `confidence: row.confidence, note: row.note, sources: ` + list("row.sources")
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
	loadCSV("sources", `
  MERGE (n:Source {id: row.id})
  SET n += {publisher: row.publisher, title: row.title, url: row.url, language: row.language, note: row.note,
    `+date("date", "row.date")+`}`),
	loadCSV("labs", `
  MERGE (n:Lab {id: row.id})
  SET n += {name: row.name, kind: row.kind, country: row.country, topLab: `+boolOr("row.top_lab", "false")+`,
    aliases: `+list("row.aliases")+`, sources: `+list("row.sources")+`, `+date("founded", "row.founded")+`}
  WITH n, row WHERE row.parent_id IS NOT NULL
  MERGE (p:Lab {id: row.parent_id})
  CREATE (n)-[:PART_OF]->(p)`),
	loadCSV("people", `
  MERGE (n:Person {id: row.id})
  SET n += {name: row.name, nativeName: row.native_name, aliases: `+list("row.aliases")+`,
    orcid: row.orcid, openalex: row.openalex, dblp: row.dblp, googleScholar: row.google_scholar,
    sources: `+list("row.sources")+`, nameKey: `+nameKey("row.name")+`}`),
	loadCSV("papers", `
  MERGE (n:Paper {id: row.id})
  SET n += {title: row.title, year: toInteger(row.year), venue: row.venue, doi: row.doi, arxiv: row.arxiv,
    citations: toInteger(row.citations), breakthrough: `+boolOr("row.breakthrough", "false")+`,
    topics: `+list("row.topics")+`, sources: `+list("row.sources")+`,
    `+date("citationsDate", "row.citations_date")+`}`),
	loadCSV("authorships", `
  MATCH (a:Person {id: row.person_id}), (b:Paper {id: row.paper_id})
  MERGE (a)-[n:AUTHORED {id: row.person_id + '/' + row.paper_id}]->(b)
  SET n += {position: toInteger(row.position), sources: `+list("row.sources")+`}`),
	loadCSV("degrees", `
  MATCH (a:Person {id: row.person_id}), (b:Lab {id: row.lab_id})
  MERGE (a)-[n:STUDIED_AT {id: row.id}]->(b)
  SET n += {degree: row.degree, field: row.field, completed: `+boolOr("row.completed", "null")+`,
    sources: `+list("row.sources")+`, `+date("start", "row.start")+`, `+date("end", "row.end")+`}
  WITH a, row WHERE row.advisor_id IS NOT NULL
  MATCH (x:Person {id: row.advisor_id})
  MERGE (x)-[r:ADVISED {degreeId: row.id}]->(a)
  SET r.sources = `+list("row.sources")),
	loadCSV("stints", `
  MATCH (a:Person {id: row.person_id}), (b:Lab {id: row.lab_id})
  MERGE (a)-[n:WORKED_AT {id: row.id}]->(b)
  SET n += {role: row.role, founder: `+boolOr("row.founder", "false")+`, `+fact()+`,
    `+date("start", "row.start")+`, `+date("end", "row.end")+`}
  WITH a, b, row WHERE row.founder = 'true'
  MERGE (a)-[f:FOUNDED {stintId: row.id}]->(b)
  SET f += {`+date("date", "row.start")+`, sources: `+list("row.sources")+`}`),
	loadCSV("offers", `
  MERGE (n:Offer {id: row.id})
  SET n += {totalValue: toInteger(row.total_value), firstYearValue: toInteger(row.first_year_value),
    currency: row.currency, years: toInteger(row.years), status: row.status, `+fact()+`,
    `+date("date", "row.date")+`}`+
		link("(x:Lab {id: row.lab_id})", "(x)-[:MADE]->(n)")+
		link("(x:Person {id: row.person_id})", "(n)-[:TO]->(x)")+
		link("(x:Person {id: row.extended_by_id})", "(x)-[:EXTENDED]->(n)")),
	loadCSV("moves", `
  MERGE (n:Move {id: row.id})
  SET n += {personId: row.person_id, fromLabId: row.from_lab_id, toLabId: row.to_lab_id, `+fact()+`,
    `+date("date", "row.date")+`}`+
		link("(x:Person {id: row.person_id})", "(x)-[:MADE_MOVE]->(n)")+
		link("(x:Lab {id: row.from_lab_id})", "(n)-[:FROM]->(x)")+
		link("(x:Lab {id: row.to_lab_id})", "(n)-[:TO]->(x)")+
		link("(x:Person {id: row.recruiter_id})", "(n)-[:RECRUITED_BY]->(x)")+
		link("(x:Offer {id: row.offer_id})", "(n)-[:WITH_OFFER]->(x)")),
	loadCSV("recruitments", `
  MATCH (a:Person {id: row.recruiter_id}), (b:Person {id: row.recruit_id})
  MERGE (a)-[n:RECRUITED {id: row.id}]->(b)
  SET n += {toLabId: row.to_lab_id, inferred: coalesce(row.confidence = 'inferred', false), `+fact()+`,
    `+date("date", "row.date")+`}`),
	loadCSV("investments", `
  OPTIONAL MATCH (ip:Person {id: row.investor_person_id})
  OPTIONAL MATCH (il:Lab {id: row.investor_lab_id})
  WITH row, coalesce(ip, il) AS a WHERE a IS NOT NULL
  MATCH (b:Lab {id: row.lab_id})
  MERGE (a)-[n:INVESTED_IN {id: row.id}]->(b)
  SET n += {round: row.round, amount: toInteger(row.amount), currency: row.currency,
    sources: `+list("row.sources")+`, `+date("date", "row.date")+`}`),
	loadCSV("groups", `
  MERGE (n:Group {id: row.id})
  SET n += {name: row.name, platform: row.platform, sources: `+list("row.sources")+`}`),
	loadCSV("memberships", `
  MATCH (a:Person {id: row.person_id}), (b:Group {id: row.group_id})
  MERGE (a)-[n:MEMBER_OF {id: row.person_id + '/' + row.group_id}]->(b)
  SET n += {`+fact()+`, `+date("start", "row.start")+`, `+date("end", "row.end")+`}`),
}
