package graph

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// relHeldOn is the asOf rule (see heldOn) for any relationship bound to r,
// whatever carries its dates: its own start and end or date (stints,
// degrees, recruitments, memberships, foundings, investments), the move or
// offer node at one of its ends, or the year of the paper at one of its
// ends. A relationship with no date holds on any day. A null param makes
// the predicate true.
func relHeldOn(r, param string) string {
	d := `coalesce(` + r + `.start, ` + r + `.date)`
	return `(` + param + ` IS NULL OR ((` + d + ` IS NULL OR ` + d + ` <= ` + param + `)
		AND (` + r + `.end IS NULL OR ` + periodEnd(r, "end") + ` > ` + param + `)
		AND all(z IN [startNode(` + r + `), endNode(` + r + `)] WHERE NOT (z:Move OR z:Offer) OR z.date IS NULL OR z.date <= ` + param + `)
		AND all(z IN [startNode(` + r + `), endNode(` + r + `)] WHERE NOT z:Paper OR z.year IS NULL OR z.year <= ` + param + `.year)))`
}

// linkExpansions are, for each kind of person-to-person link, the Cypher
// that finds from the person x the people y one hop away, as of $asOf, with
// what links them: via (a lab or paper, or null), the relationships r1 (x's)
// and r2 (y's) or the one direct relationship r1, and for moves the move
// nodes m1 and m2. Each is a UNION branch returning the same columns.
var linkExpansions = map[string]string{
	thelist.LinkWorkedWith:  sharedNodeHop("WORKED_AT", "Lab", thelist.LinkWorkedWith, true),
	thelist.LinkStudiedWith: sharedNodeHop("STUDIED_AT", "Lab", thelist.LinkStudiedWith, true),
	thelist.LinkCoauthored:  sharedNodeHop("AUTHORED", "Paper", thelist.LinkCoauthored, false),
	thelist.LinkRecruited:   directHop("RECRUITED", thelist.LinkRecruited),
	thelist.LinkAdvised:     directHop("ADVISED", thelist.LinkAdvised),
	thelist.LinkMovedWith: `
		MATCH (x)-[r1:MADE_MOVE]->(m1:Move)-[:TO]->(via:Lab)<-[:TO]-(m2:Move)<-[r2:MADE_MOVE]-(y:Person)
		WHERE m1.date IS NOT NULL AND m2.date IS NOT NULL
			AND m1.date < ` + periodEnd("m2", "date") + ` + duration('P1Y') AND m2.date < ` + periodEnd("m1", "date") + ` + duration('P1Y')
			AND ($asOf IS NULL OR (m1.date <= $asOf AND m2.date <= $asOf))
		RETURN y, '` + thelist.LinkMovedWith + `' AS kind, via, r1, r2, m1, m2`,
}

// sharedNodeHop links x and y through a node both have a relationship of
// the type to; overlap asks that the two relationships' periods overlapped
// (two stints, two courses of study), an open end counting as still going.
func sharedNodeHop(typ, label, kind string, overlap bool) string {
	q := `
		MATCH (x)-[r1:` + typ + `]->(via:` + label + `)<-[r2:` + typ + `]-(y:Person)
		WHERE y <> x AND ` + relHeldOn("r1", "$asOf") + ` AND ` + relHeldOn("r2", "$asOf")
	if overlap {
		q += `
			AND (r1.start IS NULL OR r2.end IS NULL OR r1.start < ` + periodEnd("r2", "end") + `)
			AND (r2.start IS NULL OR r1.end IS NULL OR r2.start < ` + periodEnd("r1", "end") + `)`
	}
	return q + `
		RETURN y, '` + kind + `' AS kind, via, r1, r2, null AS m1, null AS m2`
}

// directHop links x and y by a relationship between them, either way.
func directHop(typ, kind string) string {
	return `
		MATCH (x)-[r1:` + typ + `]-(y:Person)
		WHERE y <> x AND ` + relHeldOn("r1", "$asOf") + `
		RETURN y, '` + kind + `' AS kind, null AS via, r1, null AS r2, null AS m1, null AS m2`
}

// pathQuery builds the shortest-path query: a breadth-first search over
// people, one level per hop, unrolled maxHops times (a validated number;
// the kinds choose among fixed Cypher branches, never user text).
//
// Why not SHORTEST over the raw relationships: a hop is one relationship
// (RECRUITED, ADVISED), two through a shared lab or paper, or four through
// two moves, and the two stints of a WORKED_WITH hop must overlap. Cypher 5
// cannot give one iteration of a quantified path pattern those different
// shapes, and the checks that span two relationships (same type at a lab,
// overlapping periods) then cannot be inlined into the search: SHORTEST
// still answers correctly, but by enumerating trails, which took over a
// minute on the demo data when no path exists. Here each level expands the
// frontier by every kind of hop with ordinary pattern matches, keeps the
// people not seen before, one parent each (the smallest ids, so the answer
// is deterministic), and stops as soon as the target is reached, so the
// cost grows with the people within reach, not with the paths to them.
func pathQuery(kinds []string, maxHops int) string {
	var branches []string
	for _, k := range kinds {
		branches = append(branches, linkExpansions[k])
	}
	expand := strings.Join(branches, "\n\t\tUNION")
	var b strings.Builder
	// The levels run in a reduce, so that the expansion is planned once
	// rather than once per level: each step's COLLECT subquery reads the
	// frontier and the people seen so far from the accumulator.
	b.WriteString(`
OPTIONAL MATCH (a:Person {id: $from})
OPTIONAL MATCH (b:Person {id: $to})
WITH a, b, reduce(st = {frontier: CASE WHEN a IS NULL OR b IS NULL OR a = b THEN [] ELSE [a.id] END, seen: [a.id], tree: []},
	level IN range(1, $maxHops) | CASE WHEN size(st.frontier) = 0 THEN st ELSE [found IN [COLLECT {
		UNWIND st.frontier AS fid
		MATCH (x:Person {id: fid})
		CALL (x) {` + expand + `
		}
		WITH x, y, kind, via, r1, r2, m1, m2 WHERE NOT y.id IN st.seen
		RETURN {id: y.id, parent: x.id, kind: kind, via: via, r1: r1, r2: r2, m1: m1, m2: m2}
		ORDER BY y.id, x.id, kind, coalesce(via.id, ''), coalesce(r1.id, r1.degreeId, ''), coalesce(r2.id, '')
	}] | [found IN [[i IN range(0, size(found) - 1) WHERE i = 0 OR found[i].id <> found[i - 1].id | found[i]]] |
		{seen: st.seen + [f IN found | f.id], tree: st.tree + found,
			frontier: CASE WHEN $to IN [f IN found | f.id] THEN [] ELSE [f IN found | f.id] END}][0]][0] END) AS st
WITH a, b, st.seen AS seen, st.tree AS tree`)
	// Walk back from the target to the source through the parents.
	b.WriteString(`
WITH a, b, tree, $to IN seen AS found
WITH a, b, found, CASE WHEN NOT found OR a = b THEN [] ELSE reduce(chain = [[e IN tree WHERE e.id = $to][0]], i IN range(2, $maxHops) |
	CASE WHEN chain[0].parent = $from THEN chain ELSE [[e IN tree WHERE e.id = chain[0].parent][0]] + chain END) END AS chain
WITH a, b, found, chain, [$from] + [e IN chain | e.id] AS ids,
	[e IN chain WHERE e.via:Lab | e.via.id] AS labIds
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, found, ids,
	[e IN chain | {id: e.id, parent: e.parent, kind: e.kind, viaKind: CASE WHEN e.via:Paper THEN 'PAPER' WHEN e.via:Lab THEN 'LAB' END,
		via: CASE WHEN e.via IS NOT NULL THEN {id: e.via.id, title: e.via.title, year: e.via.year, venue: e.via.venue,
			breakthrough: e.via.breakthrough} END,
		rels: [x IN [e.r1, e.r2] WHERE x IS NOT NULL AND e.m1 IS NULL | x { id: coalesce(x.id, x.degreeId), .role, .degree, .start, .startPrecision,
			.end, .endPrecision, .date, .datePrecision, .confidence, .note, type: type(x), from: startNode(x).id,
			sources: ` + fmt.Sprintf(sourcesOf, "x") + ` }],
		moves: [x IN [e.m1, e.m2] WHERE x IS NOT NULL | x { .id, .personId, .date, .datePrecision, .confidence, .note,
			sources: ` + fmt.Sprintf(sourcesOf, "x") + ` }]}] AS chain,
	` + peopleOf("ids") + ` AS people, ` + labsByID("labIds") + ` AS labs`)
	return b.String()
}

// Path returns the shortest chain of people from q.From to q.To through the
// kinds of links asked for, or nil when there is none within q.MaxHops. It
// costs one round trip. An unknown person is ENOTFOUND.
func (db *DB) Path(ctx context.Context, q thelist.PathQuery) (*thelist.Path, error) {
	if q.MaxHops < 1 || q.MaxHops > thelist.MaxPathHops {
		return nil, thelist.Errorf(thelist.EINVALID, "maxHops: must be between 1 and %d", thelist.MaxPathHops)
	}
	var kinds []string
	for _, k := range thelist.LinkKinds { // a fixed order, whatever order the caller gave
		if len(q.Kinds) == 0 || slices.Contains(q.Kinds, k) {
			kinds = append(kinds, k)
		}
	}
	for _, k := range q.Kinds {
		if !slices.Contains(thelist.LinkKinds, k) {
			return nil, thelist.Errorf(thelist.EINVALID, "kinds: unknown kind %q", k)
		}
	}
	params := map[string]any{"from": q.From, "to": q.To, "maxHops": q.MaxHops, "asOf": dateParam(q.AsOf),
		"full": q.FullPeople}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (*thelist.Path, error) {
		res, err := tx.Run(ctx, pathQuery(kinds, q.MaxHops), params)
		if err != nil {
			return nil, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return nil, err
		}
		m := rec.AsMap()
		if !boolean(m, "fromFound") {
			return nil, thelist.Errorf(thelist.ENOTFOUND, "from: no person with id %q", q.From)
		} else if !boolean(m, "toFound") {
			return nil, thelist.Errorf(thelist.ENOTFOUND, "to: no person with id %q", q.To)
		} else if !boolean(m, "found") {
			return nil, nil
		}
		return decodePath(m)
	})
}

// decodePath turns the chain of the search, one entry per hop, into steps.
func decodePath(m map[string]any) (*thelist.Path, error) {
	people, err := decodePeople(m["people"])
	if err != nil {
		return nil, fmt.Errorf("path: %w", err)
	}
	labs, err := decodeLabs(m["labs"])
	if err != nil {
		return nil, fmt.Errorf("path: %w", err)
	}
	ids := strs(m, "ids")
	path := &thelist.Path{People: make([]thelist.Person, 0, len(ids)), Steps: []thelist.PathStep{}}
	for _, id := range ids {
		path.People = append(path.People, personOr(people, id))
	}
	for _, e := range maps(m["chain"]) {
		step := thelist.PathStep{From: personOr(people, str(e, "parent")), To: personOr(people, str(e, "id")),
			Kind: str(e, "kind")}
		for _, r := range maps(e["rels"]) {
			link, err := pathLink(r)
			if err != nil {
				return nil, err
			}
			step.Links = append(step.Links, link)
		}
		for _, mv := range maps(e["moves"]) {
			link := thelist.PathLink{Type: "MOVE", ID: str(mv, "id"), PersonID: str(mv, "personId")}
			if link.Start, err = dateOf(mv, "date"); err != nil {
				return nil, fmt.Errorf("path: move %s: %w", link.ID, err)
			}
			if link.Fact, err = factOf(mv); err != nil {
				return nil, fmt.Errorf("path: move %s: %w", link.ID, err)
			}
			step.Links = append(step.Links, link)
		}
		if len(step.Links) == 0 {
			return nil, fmt.Errorf("path: hop to %s has no relationship", step.To.ID)
		}
		via, _ := e["via"].(map[string]any) // null for direct hops
		switch {
		case str(e, "viaKind") == "PAPER":
			paper, err := decodePaperRef(via)
			if err != nil {
				return nil, err
			}
			step.ViaPaper = &paper
			if paper.Year > 0 {
				step.Start = thelist.MustParseDate(strconv.Itoa(paper.Year))
			}
		case str(e, "viaKind") == "LAB":
			step.ViaLab = labOr(labs, str(via, "id"))
			if step.Kind == thelist.LinkMovedWith {
				step.Start = step.Links[0].Start
				if step.Links[1].Start.Time.Before(step.Start.Time) {
					step.Start = step.Links[1].Start
				}
			} else {
				step.Start, step.End = overlapOf(step.Links[0], step.Links[1])
			}
		default:
			step.Inverse = step.Links[0].PersonID != step.From.ID
			step.Start = step.Links[0].Start
		}
		path.Steps = append(path.Steps, step)
	}
	return path, nil
}

// pathLink reads one relationship of a path.
func pathLink(r map[string]any) (thelist.PathLink, error) {
	l := thelist.PathLink{Type: str(r, "type"), ID: str(r, "id"), PersonID: str(r, "from"),
		Role: cmpOr(str(r, "role"), str(r, "degree"))}
	var err error
	if l.Start, err = dateOf(r, "start"); err != nil {
		return l, fmt.Errorf("path: %s %s: %w", l.Type, l.ID, err)
	}
	if l.Start.IsZero() {
		if l.Start, err = dateOf(r, "date"); err != nil {
			return l, fmt.Errorf("path: %s %s: %w", l.Type, l.ID, err)
		}
	}
	if l.End, err = dateOf(r, "end"); err != nil {
		return l, fmt.Errorf("path: %s %s: %w", l.Type, l.ID, err)
	}
	if l.Fact, err = factOf(r); err != nil {
		return l, fmt.Errorf("path: %s %s: %w", l.Type, l.ID, err)
	}
	return l, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// overlapOf is the time two stints or degrees shared, as far as reported:
// the later start and the earlier end (zero when neither is known).
func overlapOf(x, y thelist.PathLink) (start, end thelist.Date) {
	start, end = x.Start, x.End
	if start.IsZero() || (!y.Start.IsZero() && y.Start.Time.After(start.Time)) {
		start = y.Start
	}
	if end.IsZero() || (!y.End.IsZero() && y.End.PeriodEnd().Before(end.PeriodEnd())) {
		end = y.End
	}
	return start, end
}

// nodeKindOf is a Cypher expression for the kind of the node bound to x, as
// the network view names it.
func nodeKindOf(x string) string {
	return `CASE WHEN ` + x + `:Person THEN 'PERSON' WHEN ` + x + `:Lab THEN 'LAB' WHEN ` + x + `:Paper THEN 'PAPER' ` +
		`WHEN ` + x + `:Offer THEN 'OFFER' WHEN ` + x + `:Move THEN 'MOVE' WHEN ` + x + `:Group THEN 'GROUP' END`
}

// nodeKeyOf is a Cypher expression for the key of the node bound to x:
// its kind and id, since ids are unique within a kind only.
func nodeKeyOf(x string) string { return `(` + nodeKindOf(x) + ` + ':' + ` + x + `.id)` }

// neighborhoodQuery builds the neighbourhood query for the relationship
// types (from thelist.EdgeTypes) and a validated number of hops.
//
// SHORTEST 1 per reachable node is a breadth-first search, so each node
// is reached once, at its distance, however many paths lead to it. The
// nearest $limit - 1 nodes besides the centre (by distance, then kind and
// id) are kept, and the edges are every relationship among them, so the
// view shows how the kept nodes connect and not just the tree the search
// walked.
func neighborhoodQuery(types []string, hops int) string {
	t := strings.Join(types, "|")
	return `
CALL {
	MATCH (c:Person {id: $id}) RETURN c, 0 AS rank
	UNION
	MATCH (c:Lab {id: $id}) RETURN c, 1 AS rank
	UNION
	MATCH (c:Paper {id: $id}) RETURN c, 2 AS rank
}
WITH c ORDER BY rank LIMIT 1
CALL (c) {
	MATCH SHORTEST 1 (c) (()-[r:` + t + `]-() WHERE ` + relHeldOn("r", "$asOf") + `){1,` + strconv.Itoa(hops) + `} (x)
	WHERE x <> c AND (x:Person OR x:Lab OR x:Paper OR x:Offer OR x:Move OR x:Group)
	WITH x, size(r) AS distance
	ORDER BY distance, ` + nodeKindOf("x") + `, x.id
	LIMIT $limit
	RETURN collect({node: x, distance: distance}) AS reached
}
WITH [{node: c, distance: 0}] + reached[0..$limit - 1] AS kept, size(reached) AS reachedCount
WITH kept, reachedCount, [k IN kept | k.node] AS ns
CALL (ns) {
	UNWIND ns AS src
	MATCH (src)-[r:` + t + `]->(dst)
	WHERE dst IN ns AND ` + relHeldOn("r", "$asOf") + `
	WITH r, src, dst, [z IN [src, dst] WHERE z:Move OR z:Offer][0] AS event
	WITH r, src, dst, event, type(r) + ':' + coalesce(r.id, r.degreeId, r.stintId, ` + nodeKeyOf("src") + ` + '>' + ` + nodeKeyOf("dst") + `) AS id
	ORDER BY id
	RETURN collect({id: id, type: type(r), source: ` + nodeKeyOf("src") + `, target: ` + nodeKeyOf("dst") + `,
		start: coalesce(r.start, r.date, event.date),
		startPrecision: CASE WHEN r.start IS NOT NULL THEN r.startPrecision WHEN r.date IS NOT NULL THEN r.datePrecision
			ELSE event.datePrecision END,
		end: r.end, endPrecision: r.endPrecision,
		confidence: coalesce(r.confidence, event.confidence, CASE WHEN r.inferred THEN 'inferred' END)}) AS edges
}
CALL (kept) {
	UNWIND kept AS k
	WITH k.node AS x, k.distance AS distance
	RETURN collect({distance: distance, kind: ` + nodeKindOf("x") + `, id: x.id, name: x.name, title: x.title,
		labKind: x.kind, topLab: x.topLab, year: x.year, date: x.date, datePrecision: x.datePrecision,
		moveTo: CASE WHEN x:Move THEN COLLECT { MATCH (x)-[:TO]->(tl:Lab) RETURN tl.name }[0] END,
		offerFrom: CASE WHEN x:Offer THEN COLLECT { MATCH (x)<-[:MADE]-(ol:Lab) RETURN ol.name }[0] END,
		personName: CASE WHEN x:Move OR x:Offer THEN COLLECT { MATCH (x)-[:TO|MADE_MOVE]-(op:Person) RETURN op.name }[0] END,
		currentLab: CASE WHEN x:Person THEN COLLECT {
			MATCH (x)-[w:WORKED_AT]->(cl:Lab) WHERE ` + heldOn("w", "$day") + `
			RETURN cl { .id, .name, .kind, .country, .topLab } ORDER BY w.start DESC, w.id LIMIT 1 }[0] END}) AS nodes
}
RETURN reachedCount, edges, nodes`
}

// Neighborhood returns the nodes within q.Hops relationships of the person,
// lab or paper with id q.ID (a person first when ids collide across kinds),
// at most q.Limit of them counting the centre, nearest first, with the
// relationships among them. It is ENOTFOUND when no such node exists, and
// costs one round trip.
func (db *DB) Neighborhood(ctx context.Context, q thelist.NeighborhoodQuery) (thelist.Neighborhood, error) {
	if q.Hops < 1 || q.Hops > thelist.MaxNeighborhoodHops {
		return thelist.Neighborhood{}, thelist.Errorf(thelist.EINVALID, "hops: must be between 1 and %d", thelist.MaxNeighborhoodHops)
	}
	if q.Limit < 1 || q.Limit > thelist.MaxNeighborhoodNodes {
		return thelist.Neighborhood{}, thelist.Errorf(thelist.EINVALID, "limit: must be between 1 and %d", thelist.MaxNeighborhoodNodes)
	}
	types := q.Types
	if len(types) == 0 {
		types = thelist.EdgeTypes
	}
	for _, t := range types {
		if !slices.Contains(thelist.EdgeTypes, t) {
			return thelist.Neighborhood{}, thelist.Errorf(thelist.EINVALID, "kinds: unknown relationship type %q", t)
		}
	}
	day := now().UTC()
	if !q.AsOf.IsZero() {
		day = q.AsOf.Time
	}
	params := map[string]any{"id": q.ID, "limit": q.Limit, "asOf": dateParam(q.AsOf), "day": neo4j.DateOf(day)}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.Neighborhood, error) {
		res, err := tx.Run(ctx, neighborhoodQuery(types, q.Hops), params)
		if err != nil {
			return thelist.Neighborhood{}, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return thelist.Neighborhood{}, err
		} else if len(recs) == 0 {
			return thelist.Neighborhood{}, thelist.Errorf(thelist.ENOTFOUND, "no person, lab or paper with id %q", q.ID)
		}
		return decodeNeighborhood(recs[0].AsMap(), q.Limit)
	})
}

func decodeNeighborhood(m map[string]any, limit int) (thelist.Neighborhood, error) {
	// The search keeps limit-1 nodes besides the centre but asks for one
	// more, so that reaching it says that some were left out.
	out := thelist.Neighborhood{Truncated: intOf(m, "reachedCount") > limit-1}
	for _, nm := range maps(m["nodes"]) {
		n := thelist.NetworkNode{ID: str(nm, "id"), Kind: str(nm, "kind"), Distance: intOf(nm, "distance"),
			Year: intOf(nm, "year")}
		n.Key = n.Kind + ":" + n.ID
		switch n.Kind {
		case thelist.NodePerson, thelist.NodeGroup:
			n.Label = str(nm, "name")
		case thelist.NodeLab:
			n.Label, n.LabKind, n.TopLab = str(nm, "name"), str(nm, "labKind"), boolean(nm, "topLab")
		case thelist.NodePaper:
			n.Label = str(nm, "title")
		case thelist.NodeMove:
			n.Label = strings.TrimSpace(str(nm, "personName") + " → " + str(nm, "moveTo"))
		case thelist.NodeOffer:
			n.Label = strings.TrimSpace("Offer from " + str(nm, "offerFrom") + " to " + str(nm, "personName"))
		}
		var err error
		if n.Date, err = dateOf(nm, "date"); err != nil {
			return out, fmt.Errorf("neighborhood node %s: %w", n.Key, err)
		}
		if lm, ok := nm["currentLab"].(map[string]any); ok {
			lab, err := decodeLab(lm)
			if err != nil {
				return out, fmt.Errorf("neighborhood node %s: %w", n.Key, err)
			}
			n.CurrentLab = &lab
		}
		out.Nodes = append(out.Nodes, n)
	}
	if len(out.Nodes) == 0 {
		return out, fmt.Errorf("neighborhood: no centre")
	}
	out.Center = out.Nodes[0]
	for _, em := range maps(m["edges"]) {
		e := thelist.NetworkEdge{ID: str(em, "id"), Type: str(em, "type"), Source: str(em, "source"),
			Target: str(em, "target"), Confidence: cmpOr(str(em, "confidence"), thelist.ConfidenceReported)}
		var err error
		if e.Start, err = dateOf(em, "start"); err != nil {
			return out, fmt.Errorf("neighborhood edge %s: %w", e.ID, err)
		}
		if e.End, err = dateOf(em, "end"); err != nil {
			return out, fmt.Errorf("neighborhood edge %s: %w", e.ID, err)
		}
		out.Edges = append(out.Edges, e)
	}
	return out, nil
}
