package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/frontend"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// costOf is the cost the limits give query with no variables.
func costOf(t *testing.T, query string) int {
	t.Helper()
	return costFor(t, query, nil)
}

// costFor is the cost the limits give the only operation of query for the
// request's variables vars, once query has passed validation.
func costFor(t *testing.T, query string, vars map[string]any) int {
	t.Helper()
	schema, err := NewSchema(nil)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(query)})})
	if err != nil {
		t.Fatalf("parse %s: %v", query, err)
	}
	if res := graphql.ValidateDocument(&schema, doc, graphql.SpecifiedRules); !res.IsValid {
		t.Fatalf("%s: %v", query, res.Errors)
	}
	op := operation(doc, "")
	if op == nil {
		t.Fatalf("%s: not one operation", query)
	}
	return operationCost(&schema, doc, op, vars)
}

// webApp is the document the web app sends for the operation name
// (frontend/src/graphql).
func webApp(t *testing.T, name string) string {
	t.Helper()
	doc, err := frontend.Operation(name)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestCost_ListSizes(t *testing.T) {
	tests := []struct {
		name, query string
		want        int
	}{
		// 1 people + 1 edges + 1 × (1 credentials + 3 × 1 credential).
		{"credentials are always three", `{ people(first: 1) { edges { credentials { credential } } } }`, 6},
		// Evidence is at most 10 a credential: 1 + 3 × (1 + 1 papers + 10 × 1).
		{"evidence is at most candidateMaxEvidence", `{ people(first: 1) { edges { credentials { credential papers { id } } } } }`,
			1 + 1 + 1 + 3*(1+1+candidateMaxEvidence)},
		// A connection's edges are its first, 20 by default, not 10.
		{"a connection's default page", `{ people { edges { node { id } } } }`, 1 + 1 + 20*2},
		{"a connection's page", `{ people(first: 3) { totalCount edges { node { id } } } }`, 1 + 1 + 1 + 3*2},
		// A variable page with no value costs its default, or the field's.
		{"a variable page without a value costs its default", `query($n: Int = 7) { people(first: $n) { edges { node { id } } } }`, 1 + 1 + 7*2},
		{"a variable page without a value or default costs the field's default", `query($n: Int) { people(first: $n) { edges { node { id } } } }`, 1 + 1 + 20*2},
		// A lab's top recruiters are at most first: the object itself is one.
		{"top recruiters by first", `{ recruitment(lab: "x", first: 5) { topRecruiters { count } } }`, 1 + 1 + 5},
		{"top recruiters by default", `{ recruitment(lab: "x") { topRecruiters { count } } }`, 1 + 1 + 10},
		// Chains: how many is not known (10); their hops are at most depth.
		{"chain hops by depth", `{ recruitment(personId: "x", depth: 2) { chainsUp { hops { id } } } }`, 1 + 1 + 10*(1+2)},
		{"chain hops by a variable depth's default", `query($d: Int) { recruitment(personId: "x", depth: $d) { chainsUp { hops { id } } } }`,
			1 + 1 + 10*(1+3)},
		// A path of maxHops hops has that many steps and one person more.
		{"path by maxHops", `{ path(from: "a", to: "b", maxHops: 2) { steps { kind } people { id } } }`, 1 + (1 + 2) + (1 + 3)},
		{"path by the default maxHops", `{ path(from: "a", to: "b") { steps { kind } } }`, 1 + 1 + 4},
		{"path by a variable maxHops's default", `query($h: Int = 5) { path(from: "a", to: "b", maxHops: $h) { steps { kind } } }`, 1 + 1 + 5},
		// Through a fragment the bound still comes from the field above.
		{"bounds through fragments", `{ path(from: "a", to: "b", maxHops: 3) { ...P } } fragment P on Path { steps { kind } }`, 1 + 1 + 3},
		// A talent-flow period's moves are at most perBucket; the flows and
		// periods are not bounded.
		{"moves by perBucket", `{ talentFlows(perBucket: 2) { flows { buckets { moves { id } } } } }`, 1 + 1 + 10*(1+10*(1+2))},
		// Both ends given: one flow.
		{"one flow between two labs", `{ talentFlows(from: "a", to: "b", perBucket: 2) { flows { buckets { moves { id } } } } }`, 1 + 1 + 1*(1+10*(1+2))},
		{"one end given", `{ talentFlows(to: "b", perBucket: 2) { flows { buckets { moves { id } } } } }`, 1 + 1 + 10*(1+10*(1+2))},
		// A variable the request does not set counts as not given (its
		// default is not read): priced as every flow, never less.
		{"an end by an unset variable", `query($f: ID = "a") { talentFlows(from: $f, to: "b") { flows { count } } }`, 1 + 1 + 10*1},
		// A list with no known bound costs its own first, or 10.
		{"search by first", `{ search(query: "x", first: 3) { kind } }`, 1 + 3},
		{"an unbounded list", `{ person(id: "x") { stints { id } } }`, 1 + 1 + 10},
		// A person's papers are at most first, 100 by default; their
		// credentials are three; their moves are not bounded (10).
		{"a person's papers by default", `{ person(id: "x") { papers { position } } }`, 1 + 1 + 100},
		{"a person's papers by first", `{ person(id: "x") { papers(first: 5) { position } } }`, 1 + 1 + 5},
		{"a person's credentials are three", `{ person(id: "x") { credentials { met } } }`, 1 + 1 + 3},
		{"a person's moves", `{ person(id: "x") { moves { id } } }`, 1 + 1 + 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := costOf(t, tt.query); got != tt.want {
				t.Errorf("cost = %d, want %d\n%s", got, tt.want, tt.query)
			}
		})
	}
}

// The web app's candidate page (frontend/src/api.ts) and its evidence's
// sources: the credentials are priced at three, not ten, so the page costs
// a third as much and more rows' sources fit in one request.
func TestCost_CandidatePage(t *testing.T) {
	page := webApp(t, "Candidates")
	// A row: 4 scalars + node (1 + 3 + stints 1 + 10 × (3 + lab 3)) +
	// credentials (1 + 3 × (2 + 3 lists of 1 + 10 × ~6–7)).
	got := costOf(t, page)
	if got > DefaultLimits().MaxCost {
		t.Fatalf("the candidate page costs %d, over the default limit %d", got, DefaultLimits().MaxCost)
	}
	// The web app's request for the sources of the evidence, with as many
	// rows as the document asks for (candidateSourcesPerRequest), or more.
	sourcesDoc := webApp(t, "CandidateSources")
	rowsArg := regexp.MustCompile(`people\([^)]*first: (\d+)`)
	m := rowsArg.FindStringSubmatch(sourcesDoc)
	if m == nil {
		t.Fatalf("CandidateSources asks for no first:\n%s", sourcesDoc)
	}
	asked, _ := strconv.Atoi(m[1])
	sources := func(rows int) string {
		return strings.Replace(sourcesDoc, "first: "+m[1], "first: "+strconv.Itoa(rows), 1)
	}
	fit := 0
	for rows := 1; rows <= 100; rows++ {
		if costOf(t, sources(rows)) > DefaultLimits().MaxCost {
			break
		}
		fit = rows
	}
	if fit < asked {
		t.Errorf("%d rows of evidence sources fit in one request; the web app asks for %d", fit, asked)
	}
	t.Logf("candidate page: cost %d; evidence sources: %d rows a request", got, fit)
}

// The web app's person page (frontend/src/api.ts, personQuery): the
// person with stints, degrees, papers, moves and credentials, each fact with
// its sources, and their offers, in one request under the default limit.
func TestCost_PersonPage(t *testing.T) {
	page := webApp(t, "GetPerson")
	got := costOf(t, page)
	if got > DefaultLimits().MaxCost {
		t.Fatalf("the person page costs %d, over the default limit %d", got, DefaultLimits().MaxCost)
	}
	t.Logf("person page: cost %d", got)
}

// Every bound names a list field of the schema, and every bounding
// argument exists on some field: a renamed field or argument must not leave
// a bound that silently applies to nothing.
func TestCost_BoundsNameListFields(t *testing.T) {
	schema, err := NewSchema(nil)
	if err != nil {
		t.Fatal(err)
	}
	args := map[string]bool{}
	for _, typ := range schema.TypeMap() {
		if obj, ok := typ.(*graphql.Object); ok {
			for _, f := range obj.Fields() {
				for _, a := range f.Args {
					args[a.Name()] = true
				}
			}
		}
	}
	for key, b := range listBounds {
		typeName, field, _ := strings.Cut(key, ".")
		obj, ok := schema.Type(typeName).(*graphql.Object)
		if !ok {
			t.Errorf("%s: no object type %s", key, typeName)
			continue
		}
		def := obj.Fields()[field]
		if def == nil || !isList(def.Type) {
			t.Errorf("%s: not a list field", key)
		}
		if b.arg != "" && !args[b.arg] {
			t.Errorf("%s: no field takes an argument %s", key, b.arg)
		}
		if b.arg != "" && b.cap < 1 {
			t.Errorf("%s: bounded by %s without a cap for when it has no readable value", key, b.arg)
		}
	}
}

// webAppLargest are the largest values the web app sends for the variables
// that size a list, by variable name: the network view's largest limit
// (frontend/src/network/state.ts, limits) and hops, the deepest recruitment
// chain (recruitmentDepths), the path's hops (NetworkPage's maxHops) and the
// longest search (searchLabs asks for 20).
var webAppLargest = map[string]any{"limit": 5000, "hops": 3, "depth": 6, "maxHops": 4, "first": 20,
	"from": "a", "to": "b", "perBucket": 100}

// Every operation the web app sends passes the default cost limit with
// the largest variables it sends them with, the network view's 5,000-node
// neighbourhood included.
func TestCost_WebAppOperationsPass(t *testing.T) {
	names, err := frontend.Operations()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		got := costFor(t, webApp(t, name), webAppLargest)
		if got > DefaultLimits().MaxCost {
			t.Errorf("%s costs %d with the web app's largest variables, over the default limit %d", name, got, DefaultLimits().MaxCost)
		}
		t.Logf("%s: %d", name, got)
	}
}

// A row of the lab page's flow table reads its moves between two labs, 100
// of them, or, for a row from no reported lab, every flow in of the period
// with 12 moves each (frontend/src/lab/api.ts, rowMoves and
// unreportedRowMoves): both pass, and 100 with one end would not.
func TestCost_FlowRowMoves(t *testing.T) {
	doc := webApp(t, "FlowRowMoves")
	limit := DefaultLimits().MaxCost
	if got := costFor(t, doc, map[string]any{"from": "a", "to": "b", "perBucket": 100}); got > limit {
		t.Errorf("a row between two labs costs %d, over %d", got, limit)
	}
	if got := costFor(t, doc, map[string]any{"to": "b", "perBucket": 12}); got > limit {
		t.Errorf("a row from no reported lab costs %d, over %d", got, limit)
	}
	if got := costFor(t, doc, map[string]any{"to": "b", "perBucket": 100}); got <= limit {
		t.Errorf("100 moves of every flow cost %d, within %d: the cost model no longer counts the flows", got, limit)
	}
}

// A neighbourhood is priced by the limit the request asks for, whether
// written in the document or sent as a variable; the network view's own
// query at its largest limit passes, and a document with two such
// neighbourhoods is refused either way.
func TestCost_NeighborhoodByItsLimit(t *testing.T) {
	schema, err := NewSchema(nil)
	if err != nil {
		t.Fatal(err)
	}
	limits := DefaultLimits()
	// refused says whether checkCost refuses the only operation of query.
	refused := func(query string, vars map[string]any) bool {
		t.Helper()
		doc, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(query)})})
		if err != nil {
			t.Fatal(err)
		}
		err = limits.checkCost(&schema, doc, operation(doc, ""), vars)
		if err != nil && !strings.Contains(err.Error(), "has a cost of") {
			t.Errorf("error %q does not say the cost", err)
		}
		var ge gqlError
		if err != nil && (!errors.As(err, &ge) || ge.code != codeTooComplex) {
			t.Errorf("error %v, want code %s", err, codeTooComplex)
		}
		return err != nil
	}
	network := webApp(t, "Neighborhood")
	// A node is 12 fields (currentLab is 3), an edge 7; the neighbourhood
	// and its truncated, nodes and edges lists are 4.
	perLimit := func(limit int) int { return 4 + limit*12 + limit*7 }
	for _, limit := range []int{200, 1000, 5000} {
		vars := map[string]any{"id": "x", "hops": 3, "limit": limit}
		if got, want := costFor(t, network, vars), perLimit(limit); got != want {
			t.Errorf("limit %d as a variable: cost %d, want %d", limit, got, want)
		}
		literal := strings.Replace(strings.Replace(network, ", $limit: Int", "", 1), "limit: $limit", "limit: "+strconv.Itoa(limit), 1)
		if got, want := costFor(t, literal, vars), perLimit(limit); got != want {
			t.Errorf("limit %d written in the document: cost %d, want %d", limit, got, want)
		}
		if refused(network, vars) {
			t.Errorf("the network view's query with limit %d is refused", limit)
		}
	}
	// Sent as JSON, a number may arrive as a float; graphql-go reads it as
	// the Int it is, and so does the cost.
	if got, want := costFor(t, network, map[string]any{"limit": float64(1000)}), perLimit(1000); got != want {
		t.Errorf("limit 1000.0: cost %d, want %d", got, want)
	}
	// No limit sent: the argument's default, 200.
	if got, want := costFor(t, network, map[string]any{"id": "x"}), perLimit(200); got != want {
		t.Errorf("limit left out: cost %d, want %d", got, want)
	}

	small := map[string]any{"a": "x", "b": "y", "limit": 200}
	big := map[string]any{"a": "x", "b": "y", "limit": thelist.MaxNeighborhoodNodes}
	if refused(twoNeighborhoods, small) {
		t.Error("two neighbourhoods of 200 are refused")
	}
	if !refused(twoNeighborhoods, big) {
		t.Errorf("two neighbourhoods of %d, sent as a variable, pass (cost %d)", thelist.MaxNeighborhoodNodes, costFor(t, twoNeighborhoods, big))
	}
	literal := strings.ReplaceAll(strings.Replace(twoNeighborhoods, ", $limit: Int", "", 1), "limit: $limit", "limit: "+strconv.Itoa(thelist.MaxNeighborhoodNodes))
	if !refused(literal, small) {
		t.Errorf("two neighbourhoods of %d, written in the document, pass", thelist.MaxNeighborhoodNodes)
	}
	// Pages multiply what is below them: a page of people with a page of
	// papers each, every paper with its sources, is refused at 100 a page,
	// and passes at 10.
	pages := `query($n: Int) { people(first: $n) { edges { node { papers(first: $n) { paper { title sources { id url } } } } } } }`
	if !refused(pages, map[string]any{"n": 100}) {
		t.Errorf("100 people with 100 papers each pass (cost %d)", costFor(t, pages, map[string]any{"n": 100}))
	}
	if refused(pages, map[string]any{"n": 10}) {
		t.Errorf("10 people with 10 papers each are refused (cost %d)", costFor(t, pages, map[string]any{"n": 10}))
	}
}

// twoNeighborhoods asks what the network view asks, for two centres at once.
const twoNeighborhoods = `query Two($a: ID!, $b: ID!, $limit: Int) { a: neighborhood(id: $a, limit: $limit) { ...Hood } b: neighborhood(id: $b, limit: $limit) { ...Hood } }
fragment Hood on Neighborhood {
	truncated
	nodes { key id kind label distance labKind topLab currentLab { id name } year date }
	edges { id source target type start end confidence }
}`

// A request whose variables make it too costly is refused before the
// database is asked, with QUERY_TOO_COMPLEX; the same document with small
// variables runs.
func TestLimits_CostOfVariablesRefusedBeforeTheDatabase(t *testing.T) {
	db := neo4jtest.Open(t)
	ts := tpServer(t, db, DefaultConfig())
	send := func(limit int) tpResponse {
		b, err := json.Marshal(map[string]any{"query": twoNeighborhoods, "variables": map[string]any{"a": "nobody", "b": "nobody", "limit": limit}})
		if err != nil {
			t.Fatal(err)
		}
		return tpDo(t, http.MethodPost, ts.URL+"/graphql", string(b), "Accept", tGQL)
	}
	before := db.Queries()
	r := send(thelist.MaxNeighborhoodNodes)
	if r.status != http.StatusBadRequest || !slices.Equal(r.codes(), []string{codeTooComplex}) || r.Data != nil {
		t.Errorf("limit %d: status %d, codes %v, data %s; want 400, [%s] and no data", thelist.MaxNeighborhoodNodes, r.status, r.codes(), r.Data, codeTooComplex)
	}
	if got := db.Queries() - before; got != 0 {
		t.Errorf("the refused request sent %d Cypher statements, want 0", got)
	}
	// The network view's own query at its largest limit runs: an unknown
	// centre is NOT_FOUND from its statement, not refused for its cost.
	largest := map[string]any{"id": "nobody", "hops": webAppLargest["hops"], "limit": webAppLargest["limit"]}
	b, err := json.Marshal(map[string]any{"query": webApp(t, "Neighborhood"), "variables": largest})
	if err != nil {
		t.Fatal(err)
	}
	before = db.Queries()
	if r := tpDo(t, http.MethodPost, ts.URL+"/graphql", string(b), "Accept", tGQL); !slices.Equal(r.codes(), []string{thelist.ENOTFOUND}) {
		t.Errorf("the network view at limit %v: codes %v (%s), want [%s]", webAppLargest["limit"], r.codes(), r.body, thelist.ENOTFOUND)
	}
	if got := db.Queries() - before; got != 1 {
		t.Errorf("the network view sent %d Cypher statements, want 1", got)
	}
	// The same document, cached, with small variables runs: each unknown
	// centre is NOT_FOUND from its own statement.
	before = db.Queries()
	r = send(200)
	if !slices.Equal(r.codes(), []string{thelist.ENOTFOUND, thelist.ENOTFOUND}) {
		t.Errorf("limit 200: codes %v (%s), want two %s", r.codes(), r.body, thelist.ENOTFOUND)
	}
	if got := db.Queries() - before; got != 2 {
		t.Errorf("limit 200 sent %d Cypher statements, want 2", got)
	}
}

// The cost is measured on every request, so it must stay cheap: the person
// page, the web app's largest document, and the network view's query.
func BenchmarkCheckCost(b *testing.B) {
	schema, err := NewSchema(nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"GetPerson", "Neighborhood"} {
		b.Run(name, func(b *testing.B) {
			text, err := frontend.Operation(name)
			if err != nil {
				b.Fatal(err)
			}
			doc, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(text)})})
			if err != nil {
				b.Fatal(err)
			}
			op, limits := operation(doc, ""), DefaultLimits()
			b.ReportAllocs()
			for b.Loop() {
				if err := limits.checkCost(&schema, doc, op, webAppLargest); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
