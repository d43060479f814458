package graph

import (
	"cmp"
	"slices"
	"strings"

	"github.com/thelist/thelist"
)

// A recordKind says where one kind of record lives in the graph, as the
// Cypher fragments that the write queries (createQuery, upsertQuery) and
// the lookup (lookupQuery) wrap around a batch of rows. Each row is a map
// with the record's key, its ends, its properties under "props" and its
// hash.
type recordKind struct {
	// create binds n, a new node or relationship that holds the record,
	// with its key and the properties written as props (a map literal's
	// entries, see createQuery). Relationship kinds also bind their ends a
	// and b, and make no record when an end is missing (the reference check
	// then fails the write).
	create func(props string) string
	// locate binds n, the node or relationship that holds the record,
	// creating it when absent, and stored, its hash before this write (null
	// when it is new). Relationship kinds also bind their ends a and b.
	locate string
	// clear deletes the relationships that a stored record owns besides n
	// itself, before make draws them again for its new content; a new
	// record has none to clear.
	clear, make string
	// lookup binds n read-only, null when the record is absent.
	lookup string
	// label is a node record's label; "" for a relationship record.
	label string
	// typ is a relationship record's type; "" for a node record.
	typ string
	// owned are the types of the relationships that a node record owns
	// (its links), which go when it is retracted.
	owned []string
	// refs are the row values that name other nodes, which must exist once
	// a bundle is written. Every record's sources are checked besides.
	refs []ref
	// made is how many relationships create makes for a row, when every
	// node the row names exists: a new record's references are checked by
	// counting what was created (see writeBatches), with no read.
	made func(row map[string]any) int
}

// named counts the refs that name a node in row.
func named(refs []ref, row map[string]any) int {
	n := 0
	for _, r := range refs {
		if r.id(row) != "" {
			n++
		}
	}
	return n
}

// ref says that a row's value at key (a key of the row, or "props.name" for
// one of its properties) is the id of a node with the label, or null.
type ref struct{ key, label string }

func (r ref) id(row map[string]any) string {
	m, key := row, r.key
	if k, ok := strings.CutPrefix(key, "props."); ok {
		m, _ = row["props"].(map[string]any) // every row has props
		key = k
	}
	id, _ := m[key].(string) // null names nothing
	return id
}

// link is a relationship that a node record owns: from the record's node n
// (dir "->") or to it ("<-"), to the node of the label whose id is the
// row's value at key. The record's write replaces all of its links, so a
// changed end leaves no stale relationship.
type link struct{ typ, dir, label, key string }

// nodeKind is a record stored as a node keyed by id, with the links it owns.
func nodeKind(label string, links ...link) recordKind {
	k := recordKind{
		label:  label,
		create: func(props string) string { return `CREATE (n:` + label + ` {id: row.id, ` + props + `})` },
		locate: `MERGE (n:` + label + ` {id: row.id}) WITH n, row, n.hash AS stored`,
		lookup: `OPTIONAL MATCH (n:` + label + ` {id: row.id}) USING INDEX n:` + label + `(id)`,
	}
	// Direction matters when deleting: a lab owns the PART_OF it leaves by,
	// not those its children reach it by.
	var out, in []string
	for _, l := range links {
		k.owned = append(k.owned, l.typ)
		if l.dir == "->" {
			out = append(out, l.typ)
		} else {
			in = append(in, l.typ)
		}
	}
	if len(out) > 0 {
		k.clear += `
		CALL (n) { MATCH (n)-[r:` + strings.Join(out, "|") + `]->() DELETE r }`
	}
	if len(in) > 0 {
		k.clear += `
		CALL (n) { MATCH (n)<-[r:` + strings.Join(in, "|") + `]-() DELETE r }`
	}
	// A link is made for each ref that names a node: exactly its refs.
	k.made = func(row map[string]any) int { return named(k.refs, row) }
	for _, l := range links {
		rel := `(n)-[:` + l.typ + `]->(x)`
		if l.dir == "<-" {
			rel = `(n)<-[:` + l.typ + `]-(x)`
		}
		// A null id matches no node, so an unreported end makes no link.
		k.make += `
		CALL (n, row) { MATCH (x:` + l.label + ` {id: row.` + l.key + `}) USING INDEX x:` + l.label + `(id) CREATE ` + rel + ` }`
		k.refs = append(k.refs, ref{l.key, l.label})
	}
	return k
}

// endsClause binds a and b, the nodes of labels from and to whose ids are
// row.from and row.to.
//
// Every look-up by id in these statements names its index (USING INDEX).
// The planner plans a statement once, at the first batch of its kind, when
// the database may hold few or none of the nodes it looks up; a plan that
// scans an index and filters is cheap then and ruinous a million rows
// later. A server profile of the import benchmark found most of Neo4j's
// time in such scans before the hints.
func endsClause(from, to string) string {
	return `MATCH (a:` + from + ` {id: row.from}), (b:` + to + ` {id: row.to})
			USING INDEX a:` + from + `(id) USING INDEX b:` + to + `(id)`
}

// pairKind is a record stored as a relationship keyed by its two ends
// (row.from and row.to): a person authors a paper once. The key is also
// stored as the relationship's id, "from/to" (ids hold no "/"), which a
// uniqueness constraint guards (schema.go): two writers that both find a
// pair absent and both create it cannot both commit, so even imports that
// overlap, or an import and an edit, never duplicate an authorship.
func pairKind(from, typ, to string) recordKind {
	ends := endsClause(from, to)
	return recordKind{
		typ: typ,
		create: func(props string) string {
			return ends + `
			CREATE (a)-[n:` + typ + ` {id: row.id, ` + props + `}]->(b)`
		},
		locate: ends + `
			MERGE (a)-[n:` + typ + ` {id: row.id}]->(b)
			WITH n, a, b, row, n.hash AS stored`,
		lookup: `OPTIONAL MATCH (a:` + from + ` {id: row.from})-[n:` + typ + `]->(b:` + to + ` {id: row.to})
			USING INDEX a:` + from + `(id) USING INDEX b:` + to + `(id)`,
		refs: []ref{{"from", from}, {"to", to}},
		made: func(map[string]any) int { return 1 },
	}
}

// idKind is a record stored as a relationship with an id of its own, from
// the node of label from whose id is row.from to the one of label to, with
// the relationships it owns (clear and make, as in recordKind; made says how
// many make creates for a row, nil for none) and the other nodes it refers
// to.
func idKind(from, typ, to, clear, make string, made func(row map[string]any) int, refs ...ref) recordKind {
	k := idKindBetween(endsClause(from, to), typ, clear, make,
		append([]ref{{"from", from}, {"to", to}}, refs...)...)
	if made != nil {
		k.made = func(row map[string]any) int { return 1 + made(row) }
	}
	return k
}

// idKindBetween is idKind with ends, a clause that binds a and b. The
// relationship is found through its uniqueness constraint; a record whose
// ends changed in a newer bundle is deleted and created again between the
// new ends, keeping its id, and counts as updated.
func idKindBetween(ends, typ, clear, make string, refs ...ref) recordKind {
	return recordKind{
		typ: typ,
		create: func(props string) string {
			return ends + `
			CREATE (a)-[n:` + typ + ` {id: row.id, ` + props + `}]->(b)`
		},
		// One index seek finds the record; it is kept when its ends are
		// the same, else replaced. A MERGE after the seek would seek again
		// under lock and make the planner hold the batch (Eager): the
		// import benchmark measured these kinds 3 to 9 times slower than
		// LOAD CSV that way.
		locate: ends + `
			OPTIONAL MATCH ()-[old:` + typ + ` {id: row.id}]->() USING INDEX old:` + typ + `(id)
			WITH a, b, row, old, old.hash AS stored
			CALL (a, b, row, old) {
				WITH a, b, row, old WHERE old IS NOT NULL AND startNode(old) = a AND endNode(old) = b
				RETURN old AS n
				UNION
				WITH a, b, row, old WHERE old IS NULL OR startNode(old) <> a OR endNode(old) <> b
				FOREACH (_ IN CASE WHEN old IS NOT NULL THEN [1] ELSE [] END | DELETE old)
				CREATE (a)-[n:` + typ + ` {id: row.id}]->(b)
				RETURN n
			}
			WITH n, a, b, row, stored`,
		clear:  clear,
		make:   make,
		lookup: `OPTIONAL MATCH ()-[n:` + typ + ` {id: row.id}]->() USING INDEX n:` + typ + `(id)`,
		refs:   refs,
		made:   func(map[string]any) int { return 1 },
	}
}

// withClear adds clauses to what a changed record of k clears.
func withClear(k recordKind, clauses string) recordKind {
	k.clear += clauses
	return k
}

// The kinds of the data model. Every record stores the ids of its sources
// in a sources list; Cypher reads them back with sourcesOf.
var recordKinds = map[string]recordKind{
	thelist.KindSources: nodeKind("Source"),
	// labRows orders parents before their children, so a lab's parent is
	// written before the lab: in an earlier batch, or in an earlier row of
	// the same statement (rows stream through a statement's clauses one by
	// one when nothing makes the planner buffer them).
	// A lab's registry ids are props only when reported (labRows), so
	// labs without them keep the hash they had before the ids existed; a
	// changed lab clears those it no longer reports.
	thelist.KindLabs: withClear(nodeKind("Lab", link{"PART_OF", "->", "Lab", "parentId"}), `
		SET n.ror = row.props.ror, n.openalex = row.props.openalex, n.wikidata = row.props.wikidata
		WITH *`),
	thelist.KindPeople:      nodeKind("Person"),
	thelist.KindPapers:      nodeKind("Paper"),
	thelist.KindAuthorships: pairKind("Person", "AUTHORED", "Paper"),
	// A degree's ADVISED relationship is keyed by the degree's id, so a new
	// advisor replaces the old one and a cleared advisor removes it.
	thelist.KindDegrees: idKind("Person", "STUDIED_AT", "Lab", `
		CALL (n) { MATCH ()-[r:ADVISED {degreeId: n.id}]->() USING INDEX r:ADVISED(degreeId) DELETE r }`, `
		CALL (a, row) {
			MATCH (x:Person {id: row.advisorId}) USING INDEX x:Person(id)
			CREATE (x)-[:ADVISED {degreeId: row.id, sources: row.props.sources}]->(a)
		}`, func(row map[string]any) int { return named([]ref{{"advisorId", "Person"}}, row) },
		ref{"advisorId", "Person"}),
	// A founder's stint also makes a FOUNDED relationship keyed by the
	// stint's id and dated by its start.
	thelist.KindStints: idKind("Person", "WORKED_AT", "Lab", `
		CALL (n) { MATCH ()-[r:FOUNDED {stintId: n.id}]->() USING INDEX r:FOUNDED(stintId) DELETE r }`, `
		FOREACH (_ IN CASE WHEN row.props.founder THEN [1] ELSE [] END |
			CREATE (a)-[:FOUNDED {stintId: row.id, date: row.props.start, datePrecision: row.props.startPrecision,
				sources: row.props.sources}]->(b))`, func(row map[string]any) int {
		if row["props"].(map[string]any)["founder"] == true {
			return 1
		}
		return 0
	}),
	thelist.KindOffers: nodeKind("Offer",
		link{"MADE", "<-", "Lab", "labId"}, link{"TO", "->", "Person", "personId"},
		link{"EXTENDED", "<-", "Person", "extendedById"}),
	thelist.KindMoves: nodeKind("Move",
		link{"MADE_MOVE", "<-", "Person", "props.personId"}, link{"FROM", "->", "Lab", "props.fromLabId"},
		link{"TO", "->", "Lab", "props.toLabId"}, link{"RECRUITED_BY", "->", "Person", "recruiterId"},
		link{"WITH_OFFER", "->", "Offer", "offerId"}),
	thelist.KindRecruitments: idKind("Person", "RECRUITED", "Person", "", "", nil),
	// Exactly one of the investor ids is set; the other matches nothing.
	thelist.KindInvestments: idKindBetween(`
		OPTIONAL MATCH (ip:Person {id: row.investorPersonId})
		OPTIONAL MATCH (il:Lab {id: row.investorLabId})
		WITH row, coalesce(ip, il) AS a WHERE a IS NOT NULL
		MATCH (b:Lab {id: row.to})`, "INVESTED_IN", "", "",
		ref{"investorPersonId", "Person"}, ref{"investorLabId", "Lab"}, ref{"to", "Lab"}),
	thelist.KindDeals:       dealKind(),
	thelist.KindGroups:      nodeKind("Group"),
	thelist.KindMemberships: pairKind("Person", "MEMBER_OF", "Group"),
}

// dealKind is a deal: a Deal node that the buyer MADE_DEAL, with a TARGET
// lab and a BROUGHT relationship to each person the deal brought, whose ids
// are a list (row.personIds) rather than one value.
func dealKind() recordKind {
	k := nodeKind("Deal", link{"MADE_DEAL", "<-", "Lab", "buyerId"}, link{"TARGET", "->", "Lab", "targetId"})
	k.owned = append(k.owned, "BROUGHT")
	k.clear += `
		CALL (n) { MATCH (n)-[r:BROUGHT]->(:Person) DELETE r }`
	k.make += `
		CALL (n, row) { UNWIND row.personIds AS pid MATCH (x:Person {id: pid}) USING INDEX x:Person(id) CREATE (n)-[:BROUGHT]->(x) }`
	refs := k.refs
	k.made = func(row map[string]any) int {
		people, _ := row["personIds"].([]string)
		return named(refs, row) + len(people)
	}
	return k
}

// batch is the rows of one kind of record, ready to write.
type batch struct {
	kind string
	rows []map[string]any
}

// bundleBatches turns a bundle into rows, one batch per kind present, in
// thelist.Kinds order, each row hashed. WriteBundle and PlanBundle both
// start here, so a plan compares exactly the hashes a write would store.
func bundleBatches(b thelist.Bundle) []batch {
	rows := map[string][]map[string]any{
		thelist.KindSources:      sourceRows(b.Sources),
		thelist.KindLabs:         labRows(b.Labs),
		thelist.KindPeople:       personRows(b.People),
		thelist.KindPapers:       paperRows(b.Papers),
		thelist.KindAuthorships:  authorshipRows(b.Authorships),
		thelist.KindDegrees:      degreeRows(b.Degrees),
		thelist.KindStints:       stintRows(b.Stints),
		thelist.KindOffers:       offerRows(b.Offers),
		thelist.KindMoves:        moveRows(b.Moves),
		thelist.KindRecruitments: recruitmentRows(b.Recruitments),
		thelist.KindInvestments:  investmentRows(b.Investments),
		thelist.KindDeals:        dealRows(b.Deals),
		thelist.KindGroups:       groupRows(b.Groups),
		thelist.KindMemberships:  membershipRows(b.Memberships),
	}
	var out []batch
	for _, kind := range thelist.Kinds {
		if len(rows[kind]) == 0 {
			continue
		}
		for _, row := range rows[kind] {
			row["hash"] = hashRow(row)
		}
		out = append(out, batch{kind: kind, rows: rows[kind]})
	}
	return out
}

// rowsOf builds one row per record.
func rowsOf[T any](records []T, row func(T) map[string]any) []map[string]any {
	out := make([]map[string]any, len(records))
	for i, r := range records {
		out[i] = row(r)
	}
	return out
}

// nullable stores an empty string as null, so an unreported field is absent
// from the graph rather than present and empty.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nullableList stores an empty list as null, like an empty string.
func nullableList(s []string) any {
	if len(s) == 0 {
		return nil
	}
	return s
}

// nullableInt stores an unreported number (nil, or 0 where 0 means not
// reported) as null.
func nullableInt[T int | int64](p *T) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

func nonZero(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

func nullableBool(p *bool) any {
	if p == nil {
		return nil
	}
	return *p
}

func sourceIDs(sources []thelist.Source) []string {
	ids := make([]string, len(sources))
	for i, s := range sources {
		ids[i] = s.ID
	}
	return ids
}

func sourceRows(sources []thelist.Source) []map[string]any {
	return rowsOf(sources, func(s thelist.Source) map[string]any {
		props := declaredProps(thelist.SourceFields, s, map[string]any{"originalId": nullable(s.OriginalID)})
		return map[string]any{"id": s.ID, "props": props}
	})
}

func labRows(labs []thelist.Lab) []map[string]any {
	return rowsOf(parentsFirst(labs), func(l thelist.Lab) map[string]any {
		props := declaredProps(thelist.LabFields, l, map[string]any{})
		for key, v := range map[string]string{"ror": l.ROR, "openalex": l.OpenAlex, "wikidata": l.Wikidata} {
			if v != "" {
				props[key] = v
			}
		}
		return map[string]any{"id": l.ID, "parentId": nullable(l.ParentID), "props": props}
	})
}

// parentsFirst orders labs so that a lab's parent, when it is in the same
// bundle, comes before it: the PART_OF link of a lab written in one batch
// can then find a parent that the bundle also brings. Labs keep their order
// otherwise. A cycle (which the importer rejects) cannot loop: depth stops
// at the number of labs.
func parentsFirst(labs []thelist.Lab) []thelist.Lab {
	parent := make(map[string]string, len(labs))
	for _, l := range labs {
		parent[l.ID] = l.ParentID
	}
	depth := func(id string) int {
		d := 0
		for p, ok := parent[id]; ok && p != "" && d < len(labs); p, ok = parent[p] {
			d++
		}
		return d
	}
	out := make([]thelist.Lab, len(labs))
	copy(out, labs)
	depths := make(map[string]int, len(labs))
	for _, l := range labs {
		depths[l.ID] = depth(l.ID)
	}
	slices.SortStableFunc(out, func(x, y thelist.Lab) int { return cmp.Compare(depths[x.ID], depths[y.ID]) })
	return out
}

func personRows(people []thelist.Person) []map[string]any {
	return rowsOf(people, func(p thelist.Person) map[string]any {
		// nameKey, the name's normalised form, is what search and matching
		// look people up by.
		return map[string]any{"id": p.ID, "props": declaredProps(thelist.PersonFields, p, map[string]any{
			"nameKey": nullable(thelist.NameKey(p.Name)),
		})}
	})
}

func paperRows(papers []thelist.Paper) []map[string]any {
	return rowsOf(papers, func(p thelist.Paper) map[string]any {
		props := declaredProps(thelist.PaperFields, p, map[string]any{})
		return map[string]any{"id": p.ID, "props": props}
	})
}

func authorshipRows(authorships []thelist.Authorship) []map[string]any {
	return rowsOf(authorships, func(a thelist.Authorship) map[string]any {
		return map[string]any{"id": a.PersonID + "/" + a.PaperID, "from": a.PersonID, "to": a.PaperID,
			"props": declaredProps(thelist.AuthorshipFields, a, map[string]any{})}
	})
}

func degreeRows(degrees []thelist.Degree) []map[string]any {
	return rowsOf(degrees, func(d thelist.Degree) map[string]any {
		props := declaredProps(thelist.DegreeFields, d, map[string]any{
			// The credential rules match fields on their normalised form,
			// made here once by thelist.FieldKey rather than again in Cypher.
			"fieldKey": nullable(thelist.FieldKey(d.Field))})
		return map[string]any{"id": d.ID, "from": d.PersonID, "to": d.LabID, "advisorId": nullable(d.AdvisorID),
			"props": props}
	})
}

func stintRows(stints []thelist.Stint) []map[string]any {
	return rowsOf(stints, func(s thelist.Stint) map[string]any {
		props := declaredProps(thelist.StintFields, s, map[string]any{})
		return map[string]any{"id": s.ID, "from": s.PersonID, "to": s.LabID, "props": props}
	})
}

func offerRows(offers []thelist.Offer) []map[string]any {
	return rowsOf(offers, func(o thelist.Offer) map[string]any {
		props := declaredProps(thelist.OfferFields, o, map[string]any{})
		return map[string]any{"id": o.ID, "labId": o.LabID, "personId": o.PersonID,
			"extendedById": nullable(o.ExtendedByID), "props": props}
	})
}

// moveRows denormalises a move's person and labs onto its node, so that
// "moves from A to B between dates" is one seek in the move_from_to_date
// index rather than a traversal from each lab.
func moveRows(moves []thelist.Move) []map[string]any {
	return rowsOf(moves, func(m thelist.Move) map[string]any {
		props := declaredProps(thelist.MoveFields, m, map[string]any{"personId": m.PersonID,
			"fromLabId": nullable(m.FromLabID), "toLabId": m.ToLabID})
		return map[string]any{"id": m.ID, "recruiterId": nullable(m.RecruiterID), "offerId": nullable(m.OfferID),
			"props": props}
	})
}

func recruitmentRows(recruitments []thelist.Recruitment) []map[string]any {
	return rowsOf(recruitments, func(r thelist.Recruitment) map[string]any {
		props := declaredProps(thelist.RecruitmentFields, r, map[string]any{"toLabId": nullable(r.ToLabID),
			"inferred": r.Confidence == thelist.ConfidenceInferred})
		return map[string]any{"id": r.ID, "from": r.RecruiterID, "to": r.RecruitID, "props": props}
	})
}

func investmentRows(investments []thelist.Investment) []map[string]any {
	return rowsOf(investments, func(i thelist.Investment) map[string]any {
		props := declaredProps(thelist.InvestmentFields, i, map[string]any{})
		return map[string]any{"id": i.ID, "investorPersonId": nullable(i.InvestorPersonID),
			"investorLabId": nullable(i.InvestorLabID), "to": i.LabID, "props": props}
	})
}

func dealRows(deals []thelist.Deal) []map[string]any {
	return rowsOf(deals, func(d thelist.Deal) map[string]any {
		people := d.PersonIDs
		if people == nil {
			people = []string{}
		}
		props := declaredProps(thelist.DealFields, d, map[string]any{})
		return map[string]any{"id": d.ID, "buyerId": d.BuyerLabID, "targetId": d.TargetLabID, "personIds": people,
			"props": props}
	})
}

func groupRows(groups []thelist.Group) []map[string]any {
	return rowsOf(groups, func(g thelist.Group) map[string]any {
		return map[string]any{"id": g.ID, "props": declaredProps(thelist.GroupFields, g, map[string]any{})}
	})
}

func membershipRows(memberships []thelist.Membership) []map[string]any {
	return rowsOf(memberships, func(m thelist.Membership) map[string]any {
		props := declaredProps(thelist.MembershipFields, m, map[string]any{})
		return map[string]any{"id": m.PersonID + "/" + m.GroupID, "from": m.PersonID, "to": m.GroupID, "props": props}
	})
}

// addReferences adds to refs, by label, the ids that rows of kind point at,
// which must all exist once the rows are written: every record's sources,
// and with linked the refs of the kind.
func addReferences(refs map[string][]string, kind string, rows []map[string]any, linked bool) {
	for _, row := range rows {
		sources, _ := row["props"].(map[string]any)["sources"].([]string) // a source cites none
		refs["Source"] = append(refs["Source"], sources...)
		if !linked {
			continue
		}
		for _, r := range recordKinds[kind].refs {
			if id := r.id(row); id != "" {
				refs[r.label] = append(refs[r.label], id)
			}
		}
	}
}

// distinctIDs sorts each label's ids and drops repeats: a batch of
// authorships cites the same source thousands of times.
func distinctIDs(refs map[string][]string) {
	for label, ids := range refs {
		slices.Sort(ids)
		refs[label] = slices.Compact(ids)
	}
}
