package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/api"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/importer"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// demo returns the test database loaded with the demo bundle in data/, the
// same data make run serves.
func demo(t *testing.T) *graph.DB { t.Helper(); return loaded(t, "../data") }

// loaded returns the test database, wiped, with the bundle in dir imported.
func loaded(t *testing.T, dir string) *graph.DB {
	t.Helper()
	db := neo4jtest.Open(t)
	if _, err := importer.Import(context.Background(), db, dir, importer.Options{}); err != nil {
		t.Fatalf("import %s: %v", dir, err)
	}
	return db
}

func newServer(t *testing.T, store api.Store) *httptest.Server {
	t.Helper()
	srv, err := api.New(store, fstest.MapFS{
		"index.html":       {Data: []byte("<!doctype html><title>The List</title>")},
		"assets/app-1a.js": {Data: []byte("console.log(1)")},
		// Large enough to be worth compressing (gzhttp skips small files).
		"assets/big-2b.js": {Data: []byte(strings.Repeat("console.log('The List');\n", 400))},
	})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

// gqlResponse is a GraphQL response as a client decodes it.
type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Locations  []location     `json:"locations"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// location is where in the document a GraphQL error's field is.
type location struct{ Line, Column int }

func (r gqlResponse) codes() []string {
	var codes []string
	for _, e := range r.Errors {
		code, _ := e.Extensions["code"].(string)
		codes = append(codes, code)
	}
	return codes
}

// post sends a GraphQL request and returns the status, content type and
// decoded body.
func post(t *testing.T, ts *httptest.Server, accept, body string) (int, string, gqlResponse) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/graphql", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	return do(t, req)
}

func do(t *testing.T, req *http.Request) (int, string, gqlResponse) {
	t.Helper()
	status, contentType, raw := doRaw(t, req)
	var r gqlResponse
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, raw)
	}
	return status, contentType, r
}

// doRaw sends req and returns the status, content type and body as sent.
func doRaw(t *testing.T, req *http.Request) (int, string, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), raw
}

func query(q string, vars map[string]any) string {
	b, err := json.Marshal(map[string]any{"query": q, "variables": vars})
	if err != nil {
		panic(err)
	}
	return string(b)
}

// postInOneStatement posts q, which must be answered without errors, and
// checks that it cost exactly one Cypher statement: the one round trip per
// root field that the API's look-ahead promises.
func postInOneStatement(t *testing.T, db *graph.DB, ts *httptest.Server, q string) {
	t.Helper()
	before := db.Queries()
	if _, _, r := post(t, ts, "", query(q, nil)); len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	if got := db.Queries() - before; got != 1 {
		t.Errorf("Cypher statements sent = %d, want 1", got)
	}
}

func TestGraphQL_SearchThenPersonPage(t *testing.T) {
	ts := newServer(t, demo(t))

	status, _, r := post(t, ts, "", query(`query($q: String!) { search(query: $q, kinds: [PERSON]) { kind person { id name } } }`,
		map[string]any{"q": "deitke"}))
	if status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("search: status %d, errors %+v", status, r.Errors)
	}
	var search struct {
		Search []struct {
			Kind   string
			Person struct{ ID, Name string }
		}
	}
	if err := json.Unmarshal(r.Data, &search); err != nil {
		t.Fatal(err)
	}
	if len(search.Search) == 0 || search.Search[0].Kind != "PERSON" || search.Search[0].Person.ID != "matt-deitke" {
		t.Fatalf("search deitke = %+v, want matt-deitke first", search.Search)
	}

	_, _, r = post(t, ts, "", query(`query($id: ID!) { person(id: $id) {
		name nativeName
		stints { lab { id name kind } role start end sources { publisher title url } }
		degrees { lab { id } degree completed sources { id } }
		sources { id } } }`, map[string]any{"id": "matt-deitke"}))
	if len(r.Errors) > 0 {
		t.Fatalf("person: errors %+v", r.Errors)
	}
	var person struct {
		Person struct {
			Name       string
			NativeName *string
			Stints     []struct {
				Lab        struct{ ID, Name, Kind string }
				Role       *string
				Start, End *string
				Sources    []struct{ Publisher, Title string }
			}
			Degrees []struct {
				Lab       struct{ ID string }
				Degree    string
				Completed *bool
				Sources   []struct{ ID string }
			}
			Sources []struct{ ID string }
		}
	}
	if err := json.Unmarshal(r.Data, &person); err != nil {
		t.Fatal(err)
	}
	p := person.Person
	if p.Name != "Matt Deitke" || p.NativeName != nil {
		t.Errorf("name = %q, nativeName = %v; want Matt Deitke and null", p.Name, p.NativeName)
	}
	var labs []string
	for _, s := range p.Stints {
		labs = append(labs, s.Lab.ID)
		if len(s.Sources) == 0 || s.Sources[0].Publisher == "" {
			t.Errorf("stint at %s has no source", s.Lab.ID)
		}
	}
	for _, want := range []string{"vercept", "meta-superintelligence-labs", "ai2"} {
		if !slices.Contains(labs, want) {
			t.Errorf("stints at %v, want one at %s", labs, want)
		}
	}
	// The seed story: he left the University of Washington's PhD programme.
	if len(p.Degrees) != 1 || p.Degrees[0].Lab.ID != "uw" || p.Degrees[0].Degree != "phd" ||
		p.Degrees[0].Completed == nil || *p.Degrees[0].Completed || len(p.Degrees[0].Sources) == 0 {
		t.Errorf("degrees = %+v, want one sourced, unfinished PhD at uw", p.Degrees)
	}
	if len(p.Sources) == 0 {
		t.Error("person has no sources")
	}
}

func TestGraphQL_PeopleOverGET(t *testing.T) {
	ts := newServer(t, demo(t))
	q := url.Values{
		"query":     {`query($after: String) { people(orderBy: NAME, first: 25, after: $after) { totalCount edges { cursor node { id name } credentials { credential met } matched } pageInfo { hasNextPage endCursor } } }`},
		"variables": {`{}`},
	}
	seen := map[string]bool{}
	total := -1
	lastName := ""
	for page := 0; page < 100; page++ {
		req, err := http.NewRequest(http.MethodGet, ts.URL+"/graphql?"+q.Encode(), nil)
		if err != nil {
			t.Fatal(err)
		}
		status, _, r := do(t, req)
		if status != http.StatusOK || len(r.Errors) > 0 {
			t.Fatalf("page %d: status %d, errors %+v", page, status, r.Errors)
		}
		var data struct {
			People struct {
				TotalCount int
				Edges      []struct {
					Node        struct{ ID, Name string }
					Credentials []struct{ Credential string }
					Matched     []string
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   *string
				}
			}
		}
		if err := json.Unmarshal(r.Data, &data); err != nil {
			t.Fatal(err)
		}
		total = data.People.TotalCount
		for _, e := range data.People.Edges {
			if seen[e.Node.ID] {
				t.Errorf("page %d repeats %s", page, e.Node.ID)
			}
			seen[e.Node.ID] = true
			// Without a filter, people is everyone by name, each with the
			// three credentials and no reasons (no condition was asked).
			if e.Node.Name < lastName {
				t.Errorf("page %d: %q comes after %q, want name order", page, e.Node.Name, lastName)
			}
			lastName = e.Node.Name
			if len(e.Credentials) != 3 || len(e.Matched) != 0 {
				t.Errorf("%s: credentials %v, matched %v; want three credentials and no reasons", e.Node.ID, e.Credentials, e.Matched)
			}
		}
		if !data.People.PageInfo.HasNextPage {
			break
		}
		vars, err := json.Marshal(map[string]any{"after": *data.People.PageInfo.EndCursor})
		if err != nil {
			t.Fatal(err)
		}
		q.Set("variables", string(vars))
	}
	if total < 5 || len(seen) != total {
		t.Errorf("paged through %d people, totalCount %d; want all of them", len(seen), total)
	}
}

func TestGraphQL_Errors(t *testing.T) {
	ts := newServer(t, demo(t))
	const (
		jsonType = "application/json"
		gqlType  = "application/graphql-response+json"
	)
	tests := []struct {
		name       string
		accept     string
		body       string
		wantStatus int
		wantCode   string
		wantData   bool // data key present (the request was executed)
	}{
		{"parse error, JSON client", jsonType, query(`{ person(id: "x" { name } }`, nil), 200, "GRAPHQL_PARSE_FAILED", false},
		{"parse error, GraphQL client", gqlType, query(`{ person(id: "x" { name } }`, nil), 400, "GRAPHQL_PARSE_FAILED", false},
		{"unknown field", gqlType, query(`{ person(id: "x") { salary } }`, nil), 400, "GRAPHQL_VALIDATION_FAILED", false},
		{"missing argument", jsonType, query(`{ person { name } }`, nil), 200, "GRAPHQL_VALIDATION_FAILED", false},
		{"body is not JSON", jsonType, `{"query": `, 400, "BAD_REQUEST", false},
		{"no query", jsonType, `{"variables": {}}`, 400, "BAD_REQUEST", false},
		{"page too large", jsonType, query(`{ people(first: 1000) { totalCount } }`, nil), 200, "BAD_USER_INPUT", true},
		{"forged cursor", gqlType, query(`{ people(after: "abc") { totalCount } }`, nil), 200, "BAD_USER_INPUT", true},
		{"variable of the wrong type", jsonType, query(`query($n: Int) { people(first: $n) { totalCount } }`, map[string]any{"n": "many"}), 200, "BAD_USER_INPUT", true},
		{"missing variable", jsonType, query(`query($id: ID!) { person(id: $id) { name } }`, nil), 200, "BAD_USER_INPUT", true},
		{"unknown operation name", jsonType, `{"query": "query A { people { totalCount } }", "operationName": "B"}`, 400, "BAD_REQUEST", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, ctype, r := post(t, ts, tt.accept, tt.body)
			if status != tt.wantStatus {
				t.Errorf("status = %d, want %d", status, tt.wantStatus)
			}
			if !strings.HasPrefix(ctype, tt.accept) {
				t.Errorf("Content-Type = %q, want %s", ctype, tt.accept)
			}
			if codes := r.codes(); len(codes) == 0 || codes[0] != tt.wantCode {
				t.Errorf("codes = %v, want %s", codes, tt.wantCode)
			}
			if got := r.Data != nil; got != tt.wantData {
				t.Errorf("data present = %v, want %v", got, tt.wantData)
			}
		})
	}

	t.Run("unknown person is null, not an error", func(t *testing.T) {
		_, _, r := post(t, ts, "", query(`{ person(id: "nobody") { name } }`, nil))
		if len(r.Errors) > 0 || string(r.Data) != `{"person":null}` {
			t.Errorf("data = %s, errors = %+v; want person null and no error", r.Data, r.Errors)
		}
	})
	t.Run("wrong content type", func(t *testing.T) {
		req, err := http.NewRequest(http.MethodPost, ts.URL+"/graphql", strings.NewReader(`{ people { totalCount } }`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "text/plain")
		if status, _, _ := do(t, req); status != http.StatusUnsupportedMediaType {
			t.Errorf("status = %d, want 415", status)
		}
	})
}

// failingStore is the real store with one method that fails the way a bug
// would: with an error that is not a thelist.Error and names internals.
type failingStore struct{ *graph.DB }

func (failingStore) PersonWith(context.Context, string, thelist.PersonDetail) (thelist.Person, error) {
	return thelist.Person{}, errors.New("Neo.ClientError.Statement.SyntaxError: MATCH (p:Person {id: $id}) RETURN p")
}

func TestGraphQL_InternalErrorsAreHidden(t *testing.T) {
	ts := newServer(t, failingStore{neo4jtest.Open(t)})
	_, _, r := post(t, ts, "", query(`{ person(id: "x") { name } }`, nil))
	if codes := r.codes(); !slices.Equal(codes, []string{"INTERNAL"}) {
		t.Fatalf("codes = %v, want [INTERNAL]", codes)
	}
	msg := r.Errors[0].Message
	if strings.Contains(msg, "MATCH") || strings.Contains(msg, "Neo.") || !strings.HasPrefix(msg, "internal error (request ") {
		t.Errorf("message = %q, want a generic message with the request id", msg)
	}
	if len(r.Errors[0].Path) != 1 || r.Errors[0].Path[0] != "person" {
		t.Errorf("path = %v, want [person]", r.Errors[0].Path)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	db := neo4jtest.Open(t)
	ts := newServer(t, db)
	get := func(path string) int {
		t.Helper()
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := get("/healthz"); got != http.StatusOK {
		t.Errorf("/healthz = %d, want 200", got)
	}
	if got := get("/readyz"); got != http.StatusOK {
		t.Errorf("/readyz with the database up = %d, want 200", got)
	}
	if err := db.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := get("/readyz"); got != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the database gone = %d, want 503", got)
	}
	if got := get("/healthz"); got != http.StatusOK {
		t.Errorf("/healthz with the database gone = %d, want 200 (the process is up)", got)
	}
}

func TestStaticFiles_CacheHeaders(t *testing.T) {
	ts := newServer(t, neo4jtest.Open(t))
	tests := []struct{ path, wantCache, wantBody string }{
		{"/", "no-cache", "<title>The List</title>"},
		{"/assets/app-1a.js", "public, max-age=31536000, immutable", "console.log(1)"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, err := http.Get(ts.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), tt.wantBody) {
				t.Errorf("GET %s = %d %q, want 200 with %q", tt.path, resp.StatusCode, body, tt.wantBody)
			}
			if got := resp.Header.Get("Cache-Control"); got != tt.wantCache {
				t.Errorf("Cache-Control = %q, want %q", got, tt.wantCache)
			}
			if resp.Header.Get("X-Request-Id") == "" {
				t.Error("no X-Request-Id header")
			}
		})
	}
}

func TestStaticFiles_Gzip(t *testing.T) {
	ts := newServer(t, neo4jtest.Open(t))
	get := func(acceptGzip bool) (*http.Response, []byte) {
		req, err := http.NewRequest(http.MethodGet, ts.URL+"/assets/big-2b.js", nil)
		if err != nil {
			t.Fatal(err)
		}
		if acceptGzip {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		// A Transport that does not ask for gzip itself, so the test sees
		// the bytes on the wire.
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, body
	}
	want := strings.Repeat("console.log('The List');\n", 400)
	resp, body := get(true)
	if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("with Accept-Encoding: gzip: Content-Encoding %q, Vary %q; want gzip, Accept-Encoding",
			resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || string(plain) != want || len(body) >= len(want)/4 {
		t.Errorf("gzip body: %d bytes for %d, unpacked equal %v (%v)", len(body), len(want), string(plain) == want, err)
	}
	if got := resp.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
		t.Errorf("Cache-Control = %q", got)
	}
	resp, body = get(false)
	if resp.Header.Get("Content-Encoding") != "" || string(body) != want {
		t.Errorf("without Accept-Encoding: Content-Encoding %q, body of %d bytes; want the plain file", resp.Header.Get("Content-Encoding"), len(body))
	}
}

func TestGraphQL_OneRoundTripPerRootField(t *testing.T) {
	db := demo(t)
	ts := newServer(t, db)
	warmUp(t, db) // as serve does: plans, the path index and whether stored facts serve
	tests := []struct {
		name, query string
	}{
		{"person page", `{ person(id: "matt-deitke") { name stints { lab { name } sources { title } } degrees { lab { name } } sources { url } } }`},
		{"person page with papers, moves and credentials", `{ person(id: "ashish-vaswani") { name stints { lab { name } }
			papers { position paper { title breakthrough sources { url } } sources { url } }
			moves { date from { name } to { name } recruiter { name } sources { url } }
			credentials { credential met degrees { field } stints { role } papers { title } } } }`},
		{"a page of people", `{ people(first: 20) { totalCount edges { node { name stints { lab { name } } } } } }`},
		{"search", `{ search(query: "deitke") { kind person { name stints { lab { name } } } lab { name } paper { title } } }`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			postInOneStatement(t, db, ts, tt.query)
		})
	}
}

// The answer's fields come in the order the query asked for them (GraphQL
// spec §7.2.2), not in key order, aliases and fragments included.
func TestGraphQL_AnswerFollowsSelectionOrder(t *testing.T) {
	ts := newServer(t, demo(t))
	body := query(`query {
  someone: person(id: "matt-deitke") { name id ...Jobs degrees { field degree } }
}
fragment Jobs on Person { stints { role lab { name id } } }`, nil)
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/graphql", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	_, _, raw := doRaw(t, req)
	str := `"(?:[^"\\]|\\.)*"`
	stint := `\{"role":(?:null|` + str + `),"lab":\{"name":` + str + `,"id":` + str + `\}\}`
	want := regexp.MustCompile(`^\{"data":\{"someone":\{"name":"Matt Deitke","id":"matt-deitke",` +
		`"stints":\[` + stint + `(?:,` + stint + `)*\],` +
		`"degrees":\[\{"field":` + str + `,"degree":` + str + `\}\]\}\}\}\n$`)
	if !want.Match(raw) {
		t.Errorf("answer not in the order of the selection:\n%s", raw)
	}
}

// warmUp runs the warm-up that serve runs before it takes requests, so a
// test that counts statements counts a request's, not the first load of
// the path index or the check that stored derived facts are complete.
func warmUp(t *testing.T, db *graph.DB) {
	t.Helper()
	if err := db.WarmUp(context.Background()); err != nil {
		t.Fatalf("warm up: %v", err)
	}
}
