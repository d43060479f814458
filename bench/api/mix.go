package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/frontend"
	"github.com/thelist/thelist/graph"
)

// The mix: the reads the web app makes, weighted as a session of it might
// make them: the person page most, then the recruiter's filter, then the
// network and lab views. The filter, the path and the neighbourhood are the
// web app's own documents (frontend/src/graphql), read through
// frontend.MustOperation so they cannot drift from what it sends. The
// person page, the recruitment chains and the alumni are narrowed to what
// the one statement the other targets run answers (the web app's pages ask
// for papers, moves, credentials, offers, clusters and sources too, which
// change the API's statements), so all three targets do the same work.
var mix = []*query{
	{name: "person", weight: 4, ours: `query GetPerson($id: ID!) {
  person(id: $id) {
    id name nativeName
    stints { id lab { id name kind country } role start end confidence note sources { id publisher title date url note } }
    degrees { id lab { id name kind country } degree field start end completed advisorId advisorName sources { id publisher title date url note } }
    sources { id publisher title date url note }
  }
}`},
	{name: "credentials", weight: 2, ours: frontend.MustOperation("Candidates")},
	{name: "recruitment", weight: 1, ours: `query Recruitment($id: ID!) {
  recruitment(personId: $id, depth: 3) {
    person { id name }
    chainsUp { hops { id date confidence recruiter { id name } recruit { id name } toLab { id name } } }
    chainsDown { hops { id date confidence recruiter { id name } recruit { id name } toLab { id name } } }
  }
}`},
	{name: "alumni", weight: 1, ours: `query LabAlumni($id: ID!, $since: String, $until: String) {
  labAlumni(lab: $id, since: $since, until: $until) {
    count
    alumni {
      left leftBy
      person { id name nativeName }
      stint { id role start end lab { id name kind country } }
      next { by confidence date id lab { id name kind country } }
    }
    destinations { count lab { id name } people { id name } }
  }
}`},
	{name: "path", weight: 1, ours: frontend.MustOperation("Path")},
	{name: "neighborhood", weight: 1, ours: frontend.MustOperation("Neighborhood")},
}

// The path's kinds of links. With every kind, a search of 4 levels on the
// 100k graph used to run past the 30 s transaction timeout; since the search
// runs from both ends it answers in about a second (BENCHMARKS.md), but the
// benchmark keeps asking for papers, recruitments and advisors, so that its
// numbers compare with earlier runs.
var pathKinds = []string{thelist.LinkCoauthored, thelist.LinkRecruited, thelist.LinkAdvised}

// The alumni window: departures in [alumniSince, alumniUntil).
const alumniSince, alumniUntil = "2020", "2025"

// query is one read of the mix.
type query struct {
	name   string
	weight int
	ours   string // our GraphQL document
	items  []*item
	// checks are requests that only the equivalence check sends, for
	// cases that the timed sample may not hold.
	checks []*item
	// The statement the API sends for it, wrapped for @neo4j/graphql's
	// @cypher, and the statement's columns and parameters' GraphQL types.
	columns []string
	args    []arg
}

type arg struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// item is one sampled request of a query, as each target sends it.
type item struct {
	vars   map[string]any // our GraphQL variables
	stmt   string         // the statement the API sent for it
	params map[string]any // and its parameters
	ngDoc  string         // the @neo4j/graphql document
	ngVars map[string]any
}

func mixWeights() map[string]int {
	w := map[string]int{}
	for _, q := range mix {
		w[q.name] = q.weight
	}
	return w
}

// sample is the seeded sample of ids that every target gets.
type sample struct {
	people, recruiters, labs []string
	// People whose recruitment chains have a hop out of date order within
	// three levels, for the equivalence check: the timed sample need not
	// hold one, and there @neo4j/graphql's client applies the rule.
	outOfOrder []string
	pairs      [][2]string
}

func sampleIDs(ctx context.Context, driver neo4j.DriverWithContext, seed, n int) (sample, error) {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6170692d62656e63))
	ids := func(q string, params map[string]any) ([]string, error) {
		res, err := neo4j.ExecuteQuery(ctx, driver, q, params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			return nil, err
		}
		out := make([]string, 0, len(res.Records))
		for _, r := range res.Records {
			out = append(out, r.Values[0].(string))
		}
		return out, nil
	}
	pick := func(all []string, k int) []string {
		if len(all) == 0 {
			return nil
		}
		out := make([]string, k)
		for i := range out {
			out[i] = all[rng.IntN(len(all))]
		}
		return out
	}
	var s sample
	people, err := ids(`MATCH (p:Person) RETURN p.id ORDER BY p.id`, nil)
	if err != nil {
		return s, err
	}
	s.people = pick(people, n)
	recruiters, err := ids(`MATCH (p:Person) WHERE EXISTS { (p)-[:RECRUITED]-() } RETURN p.id ORDER BY p.id`, nil)
	if err != nil {
		return s, err
	}
	s.recruiters = pick(recruiters, n)
	// Labs someone left, for the alumni page and the filter's workedAt, of
	// any size: the alumni of the largest labs (up to 17,856 stints) once
	// overran Neo4j's transaction memory and were left out; BENCHMARKS.md
	// reports both.
	labs, err := ids(`MATCH (l:Lab) WHERE EXISTS { (l)<-[r:WORKED_AT]-() WHERE r.end IS NOT NULL }
		RETURN l.id ORDER BY l.id`, nil)
	if err != nil {
		return s, err
	}
	s.labs = pick(labs, n)
	// A path between two people a few hops apart, as someone exploring the
	// network asks: a co-author of a co-author, or, for someone without
	// one, anyone (most such pairs have no path within 4 hops: the search
	// then runs all its levels).
	for _, a := range s.people {
		far, err := ids(`MATCH (a:Person {id: $id})-[:AUTHORED]->(:Paper)<-[:AUTHORED]-(b:Person)-[:AUTHORED]->(:Paper)<-[:AUTHORED]-(c:Person)
			WHERE c <> a AND b <> a RETURN DISTINCT c.id ORDER BY c.id`, map[string]any{"id": a})
		if err != nil {
			return s, err
		}
		b := people[rng.IntN(len(people))]
		if len(far) > 0 {
			b = far[rng.IntN(len(far))]
		}
		s.pairs = append(s.pairs, [2]string{a, b})
	}
	// Drawn last, so that the timed sample is that of earlier runs. The
	// first and the last person of two-hop chains whose second hop is
	// known to come before the first (graph.chainOrder): down from the
	// first and up from the last, the rule drops a hop.
	outOfOrder, err := ids(`MATCH (x:Person)-[a:RECRUITED]->(:Person)-[b:RECRUITED]->(z:Person)
		WHERE a.date IS NOT NULL AND b.date IS NOT NULL AND NOT b.date + CASE b.datePrecision
			WHEN 'year' THEN duration('P1Y') WHEN 'month' THEN duration('P1M') ELSE duration('P1D') END > a.date
		UNWIND [x.id, z.id] AS id RETURN DISTINCT id ORDER BY id`, nil)
	if err != nil {
		return s, err
	}
	s.outOfOrder = pick(outOfOrder, min(n, 20))
	return s, nil
}

// buildItems makes each query's sampled requests, and captures, by calling
// the graph package as the API's resolvers do, the statement and
// parameters the API sends for each.
func buildItems(ctx context.Context, db *graph.DB, driver neo4j.DriverWithContext, s sample) error {
	since, until := thelist.MustParseDate(alumniSince), thelist.MustParseDate(alumniUntil)
	var captured []struct {
		stmt   string
		params map[string]any
	}
	db.ObserveStatements(func(cypher string, params map[string]any) {
		captured = append(captured, struct {
			stmt   string
			params map[string]any
		}{cypher, params})
	})
	defer db.ObserveStatements(nil)
	for _, q := range mix {
		n := len(s.people)
		if q.name == "recruitment" {
			n += len(s.outOfOrder)
		}
		for i := range n {
			var vars map[string]any
			var call func() error
			switch q.name {
			case "person":
				id := s.people[i]
				vars = map[string]any{"id": id}
				call = func() error { _, err := db.Person(ctx, id); return err }
			case "credentials":
				lab := s.labs[i]
				vars = map[string]any{"where": map[string]any{"atLeast": 2, "workedAt": []string{lab}}}
				call = func() error {
					_, err := db.Candidates(ctx, thelist.CandidateFilter{AtLeast: 2, WorkedAt: []string{lab}}, thelist.Credentials, 20, "")
					return err
				}
			case "recruitment":
				id := slices.Concat(s.recruiters, s.outOfOrder)[i]
				vars = map[string]any{"id": id}
				call = func() error {
					_, err := db.Recruitment(ctx, thelist.RecruitmentQuery{PersonID: id, Depth: 3, First: 10, IncludeChildren: true})
					return err
				}
			case "alumni":
				lab := s.labs[i]
				vars = map[string]any{"id": lab, "since": alumniSince, "until": alumniUntil}
				call = func() error {
					_, err := db.LabAlumni(ctx, thelist.AlumniQuery{LabID: lab, IncludeChildren: true, Since: since, Until: until})
					return err
				}
			case "path":
				p := s.pairs[i]
				vars = map[string]any{"from": p[0], "to": p[1], "kinds": pathKinds, "maxHops": 4}
				call = func() error {
					_, err := db.Path(ctx, thelist.PathQuery{From: p[0], To: p[1], MaxHops: 4, Kinds: pathKinds})
					return err
				}
			case "neighborhood":
				id := s.people[i]
				vars = map[string]any{"id": id, "hops": 1, "limit": 200}
				call = func() error {
					_, err := db.Neighborhood(ctx, thelist.NeighborhoodQuery{ID: id, Hops: 1, Limit: 200})
					return err
				}
			}
			captured = captured[:0]
			if err := call(); err != nil {
				return fmt.Errorf("%s %v: %w", q.name, vars, err)
			}
			if len(captured) != 1 {
				return fmt.Errorf("%s %v: the API sent %d statements, the benchmark expects one", q.name, vars, len(captured))
			}
			it := &item{vars: vars, stmt: captured[0].stmt, params: captured[0].params}
			if len(q.items) > 0 && it.stmt != q.items[0].stmt {
				return fmt.Errorf("%s: the statement differs between sampled requests; @cypher needs one", q.name)
			}
			q.items = append(q.items, it)
		}
		q.items, q.checks = q.items[:len(s.people)], q.items[len(s.people):]
		if native[q.name] {
			if err := nativeRequests(ctx, driver, q); err != nil {
				return fmt.Errorf("%s: %w", q.name, err)
			}
			continue
		}
		// The statement's columns, for the @cypher wrapper that returns them
		// as one map.
		res, err := neo4j.ExecuteQuery(ctx, driver, q.items[0].stmt, q.items[0].params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			return fmt.Errorf("%s: %w", q.name, err)
		}
		q.columns = res.Keys
		names := make([]string, 0, len(q.items[0].params))
		for k := range q.items[0].params {
			names = append(names, k)
		}
		sort.Strings(names)
		var decl, use []string
		for _, k := range names {
			t, err := gqlType(q.items[0].params[k])
			if err != nil {
				return fmt.Errorf("%s: parameter %s: %w", q.name, k, err)
			}
			q.args = append(q.args, arg{k, t})
			decl = append(decl, "$"+k+": "+t)
			use = append(use, k+": $"+k)
		}
		doc := fmt.Sprintf("query Q(%s) { %s(%s) }", strings.Join(decl, ", "), ngField(q.name), strings.Join(use, ", "))
		for _, it := range slices.Concat(q.items, q.checks) {
			it.ngDoc, it.ngVars = doc, map[string]any{}
			for k, v := range it.params {
				it.ngVars[k] = jsonParam(v)
			}
		}
	}
	return nil
}

// native are the reads that @neo4j/graphql translates itself (native.go);
// the others are @cypher fields with our statement. The -ng-native flag
// sets them.
var native = map[string]bool{}

// nativeCapable are the reads native.go has @neo4j/graphql documents for.
var nativeCapable = []string{"person", "credentials", "recruitment"}

func setNative(list string) error {
	clear(native)
	for _, name := range strings.Split(list, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		if !slices.Contains(nativeCapable, name) {
			return fmt.Errorf("%q: @neo4j/graphql can translate only %s", name, strings.Join(nativeCapable, ", "))
		}
		native[name] = true
	}
	return nil
}

// nativeReads lists the reads @neo4j/graphql translates itself, for the
// report.
func nativeReads() []string {
	var out []string
	for _, q := range mix {
		if native[q.name] {
			out = append(out, q.name)
		}
	}
	return out
}

// nativeRequests sets the @neo4j/graphql document and variables of each of
// q's sampled requests, for a read it translates itself.
func nativeRequests(ctx context.Context, driver neo4j.DriverWithContext, q *query) error {
	var doc string
	vars := func(it *item) map[string]any { return map[string]any{"id": it.vars["id"]} }
	switch q.name {
	case "person":
		doc = ngPersonQuery
	case "recruitment":
		doc = ngRecruitmentQuery
	case "credentials":
		if err := checkLabPartDepth(ctx, driver); err != nil {
			return err
		}
		aiFields, err := aiPhDFields(ctx, driver, thelist.Credentials)
		if err != nil {
			return err
		}
		filters := newCredentialFilters(thelist.Credentials, aiFields)
		doc = ngCredentialsQuery
		vars = func(it *item) map[string]any {
			w := obj(it.vars["where"])
			return filters.vars(w["workedAt"].([]string)[0], w["atLeast"].(int))
		}
	default:
		return fmt.Errorf("no native @neo4j/graphql document")
	}
	for _, it := range slices.Concat(q.items, q.checks) {
		it.ngDoc, it.ngVars = doc, vars(it)
	}
	return nil
}

func ngField(name string) string { return "cypher_" + name }

// gqlType is the GraphQL type @neo4j/graphql declares for a parameter, so
// that it hands Neo4j the same Cypher type (an Int is a Cypher integer, a
// Date a date).
func gqlType(v any) (string, error) {
	switch v.(type) {
	case nil, string:
		return "String", nil
	case []string:
		return "[String!]", nil
	case int, int64:
		return "Int", nil
	case float64:
		return "Float", nil
	case bool:
		return "Boolean", nil
	case neo4j.Date:
		return "Date", nil
	}
	return "", fmt.Errorf("no GraphQL type for %T", v)
}

func jsonParam(v any) any {
	if d, ok := v.(neo4j.Date); ok {
		return d.Time().Format(time.DateOnly)
	}
	return v
}

// writeStatements writes what the @neo4j/graphql server needs to declare a
// @cypher field per query: the statement, wrapped to return its columns as
// one map, and the parameters' types.
func writeStatements(path string) error {
	type field struct {
		Name      string `json:"name"`
		Statement string `json:"statement"`
		Args      []arg  `json:"args"`
	}
	var fields []field
	for _, q := range mix {
		if q.columns == nil {
			continue
		}
		cols := make([]string, len(q.columns))
		for i, c := range q.columns {
			cols[i] = c + ": " + c
		}
		fields = append(fields, field{Name: ngField(q.name), Args: q.args,
			Statement: "CALL {\n" + q.items[0].stmt + "\n}\nRETURN {" + strings.Join(cols, ", ") + "} AS result"})
	}
	b, err := json.MarshalIndent(fields, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// Digests: what must agree between the targets for one answer. They are
// read from our GraphQL answer, from the statement's row (the floor's
// record, or the same map as @neo4j/graphql's JSON from a @cypher field),
// and from @neo4j/graphql's own translation (digestNg).

func digestOurs(q string, data map[string]any) string {
	switch q {
	case "person":
		p := obj(data["person"])
		return fmt.Sprintf("stints=%d degrees=%d", size(p["stints"]), size(p["degrees"]))
	case "credentials":
		pg := obj(data["people"])
		var rows []string
		for _, e := range list(pg["edges"]) {
			var degrees, stints, papers int
			for _, c := range list(obj(e)["credentials"]) {
				degrees += size(obj(c)["degrees"])
				stints += size(obj(c)["stints"])
				papers += size(obj(c)["papers"])
			}
			rows = append(rows, candidateDigest(fmt.Sprint(obj(obj(e)["node"])["id"]), degrees, stints, papers,
				num(obj(e)["citations"])))
		}
		return fmt.Sprintf("total=%d rows=%s", num(pg["totalCount"]), strings.Join(rows, ","))
	case "recruitment":
		r := obj(data["recruitment"])
		var ids []string
		for _, c := range append(list(r["chainsUp"]), list(r["chainsDown"])...) {
			for _, h := range list(obj(c)["hops"]) {
				ids = append(ids, fmt.Sprint(obj(h)["id"]))
			}
		}
		return edgesDigest(ids)
	case "alumni":
		return fmt.Sprintf("alumni=%d", size(obj(data["labAlumni"])["alumni"]))
	case "path":
		p := obj(data["path"])
		if p == nil {
			return "none"
		}
		return fmt.Sprintf("length=%d", num(p["length"]))
	case "neighborhood":
		n := obj(data["neighborhood"])
		return fmt.Sprintf("nodes=%d edges=%d", size(n["nodes"]), size(n["edges"]))
	}
	return "?"
}

func digestRow(q string, row map[string]any) string {
	switch q {
	case "person":
		p := obj(row["person"])
		return fmt.Sprintf("stints=%d degrees=%d", size(p["stints"]), size(p["degrees"]))
	case "credentials":
		var rows []string
		for i, r := range list(row["rows"]) {
			if i < 20 { // the statement reads one row more, to know of a next page
				r := obj(r)
				rows = append(rows, candidateDigest(fmt.Sprint(obj(r["person"])["id"]), size(r["aiPhd"]), size(r["topLab"]),
					size(r["breakthrough"]), num(r["citations"])))
			}
		}
		return fmt.Sprintf("total=%d rows=%s", num(row["total"]), strings.Join(rows, ","))
	case "recruitment":
		var ids []string
		for _, e := range list(row["edges"]) {
			ids = append(ids, fmt.Sprint(obj(e)["id"]))
		}
		return edgesDigest(ids)
	case "alumni":
		return fmt.Sprintf("alumni=%d", size(row["rows"]))
	case "path":
		if found, _ := row["found"].(bool); !found {
			return "none"
		}
		return fmt.Sprintf("length=%d", size(row["ids"])-1)
	case "neighborhood":
		return fmt.Sprintf("nodes=%d edges=%d", size(row["nodes"]), size(row["edges"]))
	}
	return "?"
}

func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }
func list(v any) []any         { l, _ := v.([]any); return l }
func size(v any) int           { return len(list(v)) }

func num(v any) int64 {
	switch n := v.(type) {
	case int64:
		return n
	case float64:
		return int64(n)
	case json.Number:
		i, _ := n.Int64()
		return i
	}
	return -1
}

// checkEquivalence asks every target for every sampled item and compares
// the digests; it fails on any error or difference.
func checkEquivalence(ctx context.Context, targets map[string]target) (map[string]string, error) {
	out := map[string]string{}
	names := []string{targetOurs, targetCypher, targetNeo4jGraphQL}
	for _, q := range mix {
		seen := map[string]int{}
		for i, it := range slices.Concat(q.items, q.checks) {
			var first string
			for _, name := range names {
				d, err := targets[name].do(ctx, q, it)
				if err != nil {
					return nil, fmt.Errorf("equivalence: %s, %s %v: %w", name, q.name, it.vars, err)
				}
				if name == names[0] {
					first = d
				} else if d != first {
					return nil, fmt.Errorf("equivalence: %s %v (sample %d): %s answered %q, %s %q",
						q.name, it.vars, i, names[0], first, name, d)
				}
			}
			seen[first]++
		}
		keys := make([]string, 0, len(seen))
		for k := range seen {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var parts []string
		for _, k := range keys {
			if len(parts) == 4 {
				parts = append(parts, fmt.Sprintf("… (%d distinct)", len(keys)))
				break
			}
			short := k
			if len(short) > 40 {
				short = short[:40] + "…"
			}
			parts = append(parts, fmt.Sprintf("%s ×%d", short, seen[k]))
		}
		checks := ""
		if len(q.checks) > 0 {
			checks = fmt.Sprintf(" (and %d more, for the equivalence check only)", len(q.checks))
		}
		out[q.name] = fmt.Sprintf("%d items agree%s: %s", len(q.items), checks, strings.Join(parts, "; "))
		logf("  %s: %s", q.name, out[q.name])
	}
	return out, nil
}
