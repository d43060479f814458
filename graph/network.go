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

// relHeldOn is the asOf rule for any relationship bound to r, whatever
// carries its dates: its own start and end or date (stints, degrees,
// recruitments, memberships, foundings, investments), the move or offer
// node at one of its ends, or the year of the paper at one of its ends.
// A fact with no date at all (a timedRels relationship with neither start,
// date nor end; a link to an undated move, offer or paper) is left out of
// every dated view: it is never placed on a day no source gave it. Nothing
// of a lab shows before the lab was founded. A null param makes the
// predicate true. The predicate sits inside the path search's quantified
// pattern, so it is kept to two passes over the ends.
func relHeldOn(r, param string) string {
	d := `coalesce(` + r + `.start, ` + r + `.date)`
	return `(` + param + ` IS NULL OR ((` + d + ` IS NULL OR ` + d + ` <= ` + param + `)
		AND (` + r + `.end IS NULL OR ` + periodEnd(r, "end") + ` > ` + param + `)
		AND (` + d + ` IS NOT NULL OR ` + r + `.end IS NOT NULL OR NOT type(` + r + `) IN ` + timedRels + `)
		AND all(z IN [startNode(` + r + `), endNode(` + r + `)] WHERE NOT (z:Move OR z:Offer) OR (z.date IS NOT NULL AND z.date <= ` + param + `))
		AND all(z IN [startNode(` + r + `), endNode(` + r + `)] WHERE (NOT z:Paper OR (z.year IS NOT NULL AND z.year <= ` + param + `.year))
			AND (NOT z:Lab OR z.founded IS NULL OR z.founded <= ` + param + `))))`
}

// timedRels are the relationship types that carry their own dates and state
// a fact in time, which a dated view leaves out when it has none. A link to
// a move, an offer or a paper is dated by that node instead; ADVISED by its
// degree; PART_OF is no fact in time.
const timedRels = `['WORKED_AT', 'STUDIED_AT', 'FOUNDED', 'RECRUITED', 'INVESTED_IN', 'MEMBER_OF']`

// linkExpansions are, for each kind of person-to-person link, the Cypher
// that finds from the person x the people y one hop away, as of $asOf, with
// what links them: via (a lab or paper, or null), the relationships r1 (x's)
// and r2 (y's) or the one direct relationship r1, and for moves the move
// nodes m1 and m2. Each is a UNION branch returning the same columns.
var linkExpansions = linkExpansionsOf("y, ")

// linkExpansionsOf are linkExpansions returning y first when ret is "y, ",
// or not at all when ret is "": then y is bound before the branch (the
// path index's walk names both people of a hop), and the branch matches
// the links between the two, which Neo4j finds from their own
// relationships rather than from everyone at their labs.
func linkExpansionsOf(ret string) map[string]string {
	return map[string]string{
		thelist.LinkWorkedWith:  sharedNodeHop("WORKED_AT", "Lab", thelist.LinkWorkedWith, true, ret),
		thelist.LinkStudiedWith: sharedNodeHop("STUDIED_AT", "Lab", thelist.LinkStudiedWith, true, ret),
		thelist.LinkCoauthored:  sharedNodeHop("AUTHORED", "Paper", thelist.LinkCoauthored, false, ret),
		thelist.LinkRecruited:   directHop("RECRUITED", thelist.LinkRecruited, ret),
		thelist.LinkAdvised:     directHop("ADVISED", thelist.LinkAdvised, ret),
		thelist.LinkMovedWith: `
		MATCH (x)-[r1:MADE_MOVE]->(m1:Move)-[:TO]->(via:Lab)<-[:TO]-(m2:Move)<-[r2:MADE_MOVE]-(y:Person)
		WHERE m1.date IS NOT NULL AND m2.date IS NOT NULL AND ` + movedTogetherCypher("m1", "m2") + `
			AND ($asOf IS NULL OR (m1.date <= $asOf AND m2.date <= $asOf))
		RETURN ` + ret + `'` + thelist.LinkMovedWith + `' AS kind, via, r1, r2, m1, m2`,
	}
}

// movedTogetherCypher is thelist.MovedTogether in Cypher, for the moves (or any
// map or node with date and datePrecision) bound to a and b: each began
// before the parameter $movedTogether (movedTogetherParam) had passed since
// the end of the other's period. The window is a parameter, set from the Go
// rule, and TestMovedTogether_CypherAgreesWithGo feeds both the same cases.
func movedTogetherCypher(a, b string) string {
	return `(` + a + `.date < ` + periodEnd(b, "date") + ` + $movedTogether AND ` +
		b + `.date < ` + periodEnd(a, "date") + ` + $movedTogether)`
}

// movedTogetherParam is thelist.MovedTogetherMonths as the Cypher duration
// $movedTogether.
var movedTogetherParam = neo4j.DurationOf(thelist.MovedTogetherMonths, 0, 0, 0)

// sharedNodeHop links x and y through a node both have a relationship of
// the type to; overlap asks that the two relationships' periods overlapped
// (two stints, two courses of study), an open end counting as still going.
func sharedNodeHop(typ, label, kind string, overlap bool, ret string) string {
	q := `
		MATCH (x)-[r1:` + typ + `]->(via:` + label + `)<-[r2:` + typ + `]-(y:Person)
		WHERE y <> x AND ` + relHeldOn("r1", "$asOf") + ` AND ` + relHeldOn("r2", "$asOf")
	if overlap {
		q += `
			AND ` + periodsOverlap("r1.start", periodEnd("r1", "end"), "r2.start", periodEnd("r2", "end"))
	}
	return q + `
		RETURN ` + ret + `'` + kind + `' AS kind, via, r1, r2, null AS m1, null AS m2`
}

// directHop links x and y by a relationship between them, either way.
func directHop(typ, kind, ret string) string {
	return `
		MATCH (x)-[r1:` + typ + `]-(y:Person)
		WHERE y <> x AND ` + relHeldOn("r1", "$asOf") + `
		RETURN ` + ret + `'` + kind + `' AS kind, null AS via, r1, null AS r2, null AS m1, null AS m2`
}

// linkReaches are, for each kind of person-to-person link, the Cypher that
// finds from the people whose ids are in the list frontier the ids of the
// people one hop away, as of $asOf, without saying who links to whom: the
// search of pathQuery needs only the set, and asking for the set lets a
// level go through each lab once rather than once per person there. Each
// is a UNION branch returning the column id, and finds the same people as
// the linkExpansions branch of its kind from each person of the frontier.
var linkReaches = map[string]string{
	thelist.LinkWorkedWith:  sharedNodeReach("WORKED_AT", "Lab", true),
	thelist.LinkStudiedWith: sharedNodeReach("STUDIED_AT", "Lab", true),
	thelist.LinkCoauthored:  sharedNodeReach("AUTHORED", "Paper", false),
	thelist.LinkRecruited:   directReach("RECRUITED"),
	thelist.LinkAdvised:     directReach("ADVISED"),
	// Two moves to a lab moved together (movedTogetherCypher) when the spans from
	// each date to $movedTogether after its period overlap.
	thelist.LinkMovedWith: `
		UNWIND frontier AS fid
		MATCH (:Person {id: fid})-[:MADE_MOVE]->(m1:Move)-[:TO]->(via:Lab)
		WHERE m1.date IS NOT NULL AND ($asOf IS NULL OR m1.date <= $asOf)
		WITH DISTINCT via
		WITH via, COLLECT {
			MATCH (via)<-[:TO]-(m1:Move)<-[:MADE_MOVE]-(x)
			WHERE x.id IN frontier AND m1.date IS NOT NULL AND ($asOf IS NULL OR m1.date <= $asOf)
			RETURN {s: m1.date, e: ` + periodEnd("m1", "date") + ` + $movedTogether} AS span
		} AS spans
		WITH via, ` + spanUnion("spans") + ` AS spans
		MATCH (via)<-[:TO]-(m2:Move)<-[:MADE_MOVE]-(y:Person)
		WHERE m2.date IS NOT NULL AND ($asOf IS NULL OR m2.date <= $asOf)
			AND ` + overlapsSpans("spans", "m2.date", periodEnd("m2", "date")+` + $movedTogether`) + `
		RETURN y.id AS id`,
}

// sharedNodeReach is the reach of sharedNodeHop. With overlap, the periods
// of the frontier's relationships to each lab are merged into a few spans
// first, so that a lab's other relationships are each compared with those
// spans rather than with every frontier stint there: at a lab of thousands
// of stints the pairs would be millions. (The spans are read back from the
// lab with a COLLECT subquery, since Cypher allows no aggregation inside
// the reduce that runs the levels. x has no label there on purpose: with
// :Person the planner seeks every frontier id in the index once per lab,
// where reading the lab's relationships and testing x.id IN frontier, a
// hash look-up, costs the lab's size.)
func sharedNodeReach(typ, label string, overlap bool) string {
	q := `
		UNWIND frontier AS fid
		MATCH (:Person {id: fid})-[r1:` + typ + `]->(via:` + label + `)
		WHERE ` + relHeldOn("r1", "$asOf")
	if !overlap {
		return q + `
		WITH DISTINCT via
		MATCH (via)<-[r2:` + typ + `]-(y:Person)
		WHERE ` + relHeldOn("r2", "$asOf") + `
		RETURN y.id AS id`
	}
	return q + `
		WITH DISTINCT via
		WITH via, COLLECT {
			MATCH (via)<-[r1:` + typ + `]-(x)
			WHERE x.id IN frontier AND ` + relHeldOn("r1", "$asOf") + `
			RETURN {s: r1.start, e: ` + periodEnd("r1", "end") + `} AS span
		} AS spans
		WITH via, ` + spanUnion("spans") + ` AS spans
		MATCH (via)<-[r2:` + typ + `]-(y:Person)
		WHERE ` + relHeldOn("r2", "$asOf") + ` AND ` + overlapsSpans("spans", "r2.start", periodEnd("r2", "end")) + `
		RETURN y.id AS id`
}

// directReach is the reach of directHop.
func directReach(typ string) string {
	return `
		UNWIND frontier AS fid
		MATCH (:Person {id: fid})-[r1:` + typ + `]-(y:Person)
		WHERE ` + relHeldOn("r1", "$asOf") + `
		RETURN y.id AS id`
}

// spanUnion is a Cypher expression that merges the list of spans {s, e}
// (a null s or e is open on that side, as a stint with no start or end is)
// into spans that do not overlap, covering the same days: each span is
// merged with all the merged spans it overlaps. The spans come unsorted:
// sorting them inside the level's subquery made Neo4j count the frontier
// list once per buffered row, and ran out of transaction memory.
func spanUnion(spans string) string {
	overlap := periodsOverlap("v.s", "v.e", "x.s", "x.e")
	return `reduce(u = [], x IN ` + spans + ` | [o IN [[v IN u WHERE ` + overlap + `]] |
			[v IN u WHERE NOT (` + overlap + `)] + [reduce(m = x, v IN o | {
				s: CASE WHEN m.s IS NULL OR v.s IS NULL THEN null WHEN v.s < m.s THEN v.s ELSE m.s END,
				e: CASE WHEN m.e IS NULL OR v.e IS NULL THEN null WHEN v.e > m.e THEN v.e ELSE m.e END})]][0])`
}

// overlapsSpans is a Cypher predicate that the span from start to end
// overlaps one of the spans, with the overlap rule of sharedNodeHop.
func overlapsSpans(spans, start, end string) string {
	return `any(x IN ` + spans + ` WHERE ` + periodsOverlap("x.s", "x.e", start, end) + `)`
}

// periodsOverlap is a Cypher predicate that the period from s1 to e1
// overlaps the one from s2 to e2, each end excluded; a null start or end
// leaves its period open on that side.
func periodsOverlap(s1, e1, s2, e2 string) string {
	return `(` + s1 + ` IS NULL OR ` + e2 + ` IS NULL OR ` + s1 + ` < ` + e2 + `)
			AND (` + s2 + ` IS NULL OR ` + e1 + ` IS NULL OR ` + s2 + ` < ` + e1 + `)`
}

// pathQuery builds the shortest-path query: a breadth-first search over
// people from both ends at once, one level per hop, unrolled maxHops times
// (a validated number; the kinds choose among fixed Cypher branches, never
// user text).
//
// Why not SHORTEST over the raw relationships: a hop is one relationship
// (RECRUITED, ADVISED), two through a shared lab or paper, or four through
// two moves, and the two stints of a WORKED_WITH hop must overlap. Cypher 5
// cannot give one iteration of a quantified path pattern those different
// shapes, and the checks that span two relationships (same type at a lab,
// overlapping periods) then cannot be inlined into the search: SHORTEST
// still answers correctly, but by enumerating trails, which took over a
// minute on the demo data when no path exists.
//
// Every kind of link holds both ways (the branches of linkExpansions test
// x and y alike), so the search runs from both people: each level expands
// whichever side's last level is smaller, by the ids it reaches
// (linkReaches), and stops when a level reaches someone the other side has
// seen, or finds nobody new. Two searches of radius k/2 see far fewer people
// than one of radius k once big labs put thousands at one hop: a person at
// the lab of 17,856 stints of the 100k graph reaches about 17,700 people at
// the first level, and a one-way search of 4 levels ran past the 30 s
// transaction timeout.
//
// The chain is then walked from the meeting point out to either end, one
// person at a time, with the detailed linkExpansions: the meeting person
// with the smallest id, then at each step the neighbour on the level
// before with the smallest id, and the link with the smallest kind, via and
// relationship ids, so the answer is the same on every run.
//
// The search stops early, with tooBroad, when the level it would expand
// holds more than $maxFrontier people. A level costs the relationships of
// the labs and papers its people touch, which from a few thousand people
// is nearly every stint of the graph: the bound does not make a level
// cheap, it keeps a graph larger than the one measured from expanding
// levels that can only be slower.
func pathQuery(kinds []string, maxHops int) string {
	var reaches, expands []string
	for _, k := range kinds {
		reaches = append(reaches, linkReaches[k])
		expands = append(expands, linkExpansions[k])
	}
	// UNION ALL, and DISTINCT after it: a UNION's distinct would count the
	// frontier, which its rows carry, once per person reached.
	reach := strings.Join(reaches, "\n\t\tUNION ALL")
	expand := strings.Join(expands, "\n\t\tUNION")
	var b strings.Builder
	// The levels run in a reduce, so that the expansion is planned once
	// rather than once per level: each step's COLLECT subquery reads the
	// frontier and the people seen so far from the accumulator. fwd and bwd
	// are the levels from $from and from $to, seen the ids of each side.
	b.WriteString(`
OPTIONAL MATCH (a:Person {id: $from})
OPTIONAL MATCH (b:Person {id: $to})
WITH a, b, reduce(st = {fwd: [[a.id]], bwd: [[b.id]], fseen: [a.id], bseen: [b.id],
		meet: CASE WHEN a IS NOT NULL AND a = b THEN [a.id] ELSE [] END, done: a IS NULL OR b IS NULL OR a = b, tooBroad: false},
	level IN range(1, $maxHops) | CASE WHEN st.done THEN st ELSE [fromSide IN [size(st.fwd[-1]) <= size(st.bwd[-1])] |
		CASE WHEN size(CASE WHEN fromSide THEN st.fwd[-1] ELSE st.bwd[-1] END) > $maxFrontier THEN st {.*, done: true, tooBroad: true}
		ELSE [found IN [COLLECT {
			WITH CASE WHEN fromSide THEN st.fwd[-1] ELSE st.bwd[-1] END AS frontier,
				CASE WHEN fromSide THEN st.fseen ELSE st.bseen END AS seen
			CALL (frontier) {` + reach + `
			}
			WITH id, seen WHERE NOT id IN seen
			RETURN DISTINCT id
		}] | [meet IN [[id IN found WHERE id IN CASE WHEN fromSide THEN st.bseen ELSE st.fseen END]] |
			CASE WHEN fromSide THEN st {.*, fwd: st.fwd + [found], fseen: st.fseen + found, meet: meet,
				done: size(meet) > 0 OR size(found) = 0}
			ELSE st {.*, bwd: st.bwd + [found], bseen: st.bseen + found, meet: meet,
				done: size(meet) > 0 OR size(found) = 0} END][0]][0] END][0] END) AS st`)
	// Walk from the meeting person to $from through the forward levels,
	// then to $to through the backward ones. A hop found from the forward
	// side's child is turned round, so that r1 and m1 stay the parent's.
	b.WriteString(`
WITH a, b, st, size(st.fwd) - 1 AS kf, size(st.bwd) - 1 AS kb,
	reduce(m = null, id IN st.meet | CASE WHEN m IS NULL OR id < m THEN id ELSE m END) AS meet
WITH a, b, st.tooBroad AS tooBroad, meet IS NOT NULL AS found, CASE WHEN meet IS NULL OR a = b THEN [] ELSE
	reduce(walk = {f: meet, b: meet, chain: []}, t IN range(1, kf + kb) | [e IN [COLLECT {
		MATCH (x:Person {id: CASE WHEN t <= kf THEN walk.f ELSE walk.b END})
		CALL (x) {` + expand + `
		}
		WITH x, y, kind, via, r1, r2, m1, m2
		WHERE y.id IN CASE WHEN t <= kf THEN st.fwd[kf - t] ELSE st.bwd[kb - (t - kf)] END
		WITH CASE WHEN t <= kf THEN {id: x.id, parent: y.id, kind: kind, via: via, r1: r2, r2: r1, m1: m2, m2: m1}
			ELSE {id: y.id, parent: x.id, kind: kind, via: via, r1: r1, r2: r2, m1: m1, m2: m2} END AS e, y
		RETURN e
		ORDER BY y.id, e.kind, coalesce(e.via.id, ''), coalesce(e.r1.id, e.r1.degreeId, ''), coalesce(e.r2.id, e.r2.degreeId, ''),
			coalesce(e.m1.id, ''), coalesce(e.m2.id, '')
		LIMIT 1
	}[0]] | CASE WHEN t <= kf THEN {f: e.parent, b: walk.b, chain: [e] + walk.chain}
		ELSE {f: walk.f, b: e.id, chain: walk.chain + [e]} END][0]).chain END AS chain`)
	b.WriteString(pathAnswer)
	return b.String()
}

// pathAnswer is the end of the path queries (pathQuery, pathLinksQuery):
// from the people a and b, the search's verdicts tooBroad and found, and
// the chain, one entry per hop from $from, it returns the path.
var pathAnswer = `
WITH a, b, tooBroad, found, chain, [$from] + [e IN chain | e.id] AS ids,
	[e IN chain WHERE e.via:Lab | e.via.id] AS labIds
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, tooBroad, found, ids,
	[e IN chain | {id: e.id, parent: e.parent, kind: e.kind, viaKind: CASE WHEN e.via:Paper THEN 'PAPER' WHEN e.via:Lab THEN 'LAB' END,
		via: CASE WHEN e.via IS NOT NULL THEN {id: e.via.id, title: e.via.title, year: e.via.year, venue: e.via.venue,
			breakthrough: e.via.breakthrough} END,
		rels: [x IN [e.r1, e.r2] WHERE x IS NOT NULL AND e.m1 IS NULL | x { id: coalesce(x.id, x.degreeId), .role, .degree, .start, .startPrecision,
			.end, .endPrecision, .date, .datePrecision, .confidence, .note, type: type(x), from: startNode(x).id,
			sources: ` + fmt.Sprintf(sourcesOf, "x") + ` }],
		moves: [x IN [e.m1, e.m2] WHERE x IS NOT NULL | x { .id, .personId, .date, .datePrecision, .confidence, .note,
			sources: ` + fmt.Sprintf(sourcesOf, "x") + ` }]}] AS chain,
	` + peopleOf("ids") + ` AS people, ` + labsByID("labIds") + ` AS labs`

// DefaultMaxPathFrontier bounds the people one level of the path search
// may expand from (see pathQuery) unless Config.MaxPathFrontier says
// otherwise; over it, Path is ETOOBROAD rather than a search that may run
// past the transaction timeout or be taken for "no path". On the
// 100k-person synthetic graph a level from 20,000 people reads nearly every
// stint and takes about 6 s (BENCHMARKS.md); in 21 sampled pairs with every
// kind and 4 hops the largest level expanded was 254 people, since the
// smaller side goes first. A faster Neo4j can afford a higher bound, a
// busier one a lower.
const DefaultMaxPathFrontier = 25000

// Path returns the shortest chain of people from q.From to q.To through the
// kinds of links asked for, or nil when there is none within q.MaxHops. It
// costs one round trip. An unknown person is ENOTFOUND; a search that
// would expand a level of more than Config.MaxPathFrontier people is
// ETOOBROAD.
func (db *DB) Path(ctx context.Context, q thelist.PathQuery) (*thelist.Path, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	kinds, params := db.pathArgs(q)
	if path, ok, err := db.indexedPath(ctx, q, kinds, params); ok || err != nil {
		return path, err
	}
	return db.cypherPath(ctx, q, kinds, params)
}

// pathArgs are the kinds of link a checked query asks for, in a fixed
// order whatever order the caller gave, and the path queries' parameters.
func (db *DB) pathArgs(q thelist.PathQuery) ([]string, map[string]any) {
	var kinds []string
	for _, k := range thelist.LinkKinds {
		if len(q.Kinds) == 0 || slices.Contains(q.Kinds, k) {
			kinds = append(kinds, k)
		}
	}
	return kinds, map[string]any{"from": q.From, "to": q.To, "maxHops": q.MaxHops, "asOf": dateParam(q.AsOf),
		"full": q.FullPeople, "maxFrontier": db.maxPathFrontier, "movedTogether": movedTogetherParam}
}

// cypherPath is Path all in Neo4j, with pathQuery: what Path does when the
// path index is not current.
func (db *DB) cypherPath(ctx context.Context, q thelist.PathQuery, kinds []string, params map[string]any) (*thelist.Path, error) {
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (*thelist.Path, error) {
		m, err := singleRow(ctx, tx, pathQuery(kinds, q.MaxHops), params)
		if err != nil {
			return nil, err
		}
		return db.pathOf(q, m)
	})
}

// pathOf reads the row of a path query.
func (db *DB) pathOf(q thelist.PathQuery, m map[string]any) (*thelist.Path, error) {
	if noPath, err := db.pathVerdict(q, boolean(m, "fromFound"), boolean(m, "toFound"), boolean(m, "tooBroad"),
		boolean(m, "found")); err != nil || noPath {
		return nil, err
	}
	return decodePath(m)
}

// pathVerdict is the answer of a search that found no chain: an unknown
// person, a search too broad, or no path (noPath).
func (db *DB) pathVerdict(q thelist.PathQuery, fromFound, toFound, tooBroad, found bool) (noPath bool, err error) {
	switch {
	case !fromFound:
		return false, thelist.Errorf(thelist.ENOTFOUND, "from: no person with id %q", q.From)
	case !toFound:
		return false, thelist.Errorf(thelist.ENOTFOUND, "to: no person with id %q", q.To)
	case tooBroad:
		return false, thelist.Errorf(thelist.ETOOBROAD, "the search for a path would expand more people from one side in "+
			"one hop than the %d it may; ask for fewer kinds of links, fewer hops, or an asOf", db.maxPathFrontier)
	}
	return !found, nil
}

// decodePath turns the chain of the search, one entry per hop, into steps.
func decodePath(m map[string]any) (*thelist.Path, error) {
	people, labs, err := decodePeopleAndLabs(m)
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
			MATCH (x)-[w:WORKED_AT]->(cl:Lab) WHERE ` + stintHolds("w", "$day") + `
			RETURN cl { .id, .name, .kind, .country, .topLab } ORDER BY ` + stintMainOrder("w") + ` LIMIT 1 }[0] END}) AS nodes
}
RETURN reachedCount, edges, nodes`
}

// Neighborhood returns the nodes within q.Hops relationships of the person,
// lab or paper with id q.ID (a person first when ids collide across kinds),
// at most q.Limit of them counting the centre, nearest first, with the
// relationships among them. It is ENOTFOUND when no such node exists, and
// costs one round trip.
func (db *DB) Neighborhood(ctx context.Context, q thelist.NeighborhoodQuery) (thelist.Neighborhood, error) {
	if err := q.Check(); err != nil {
		return thelist.Neighborhood{}, err
	}
	types := q.Types
	if len(types) == 0 {
		types = thelist.EdgeTypes
	}
	day := now().UTC()
	if !q.AsOf.IsZero() {
		day = q.AsOf.Time
	}
	params := map[string]any{"id": q.ID, "limit": q.Limit, "asOf": dateParam(q.AsOf), "day": neo4j.DateOf(day),
		"currentRecencyMonths": thelist.Current.RecencyMonths}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.Neighborhood, error) {
		m, err := firstRow(ctx, tx, neighborhoodQuery(types, q.Hops), params,
			thelist.Errorf(thelist.ENOTFOUND, "no person, lab or paper with id %q", q.ID))
		if err != nil {
			return thelist.Neighborhood{}, err
		}
		return decodeNeighborhood(m, q.Limit)
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
