package api

// Tests of the transport and operations layer: limits, GraphQL over HTTP,
// access, rate limits, metrics, the published schema and GraphiQL. Some use
// a schema built here, with a mutation, to test the rules about writes apart
// from the real mutations (mutations_test.go).

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/parser"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/internal/neo4jtest"
)

var update = flag.Bool("update", false, "rewrite docs/schema.graphql from the live schema")

const (
	tJSON = "application/json"
	tGQL  = "application/graphql-response+json"
)

var testFrontend = fstest.MapFS{
	"index.html":    {Data: []byte("<!doctype html><title>The List</title>")},
	"graphiql.html": {Data: []byte("<!doctype html><title>The List — GraphiQL</title><div id=graphiql></div>")},
}

// tpServer serves the real schema over store with cfg.
func tpServer(t *testing.T, store Store, cfg Config) *httptest.Server {
	t.Helper()
	srv, err := New(store, testFrontend, WithConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

// writesSchema is a small schema with a query, a guarded query field and a
// mutation, for the rules about writes.
func writesSchema(t *testing.T) graphql.Schema {
	t.Helper()
	schema, err := graphql.NewSchema(graphql.SchemaConfig{
		Query: graphql.NewObject(graphql.ObjectConfig{Name: "Query", Fields: graphql.Fields{
			"hello": {Type: graphql.String, Resolve: func(graphql.ResolveParams) (any, error) { return "hello", nil }},
			"auditLog": {Type: graphql.String, Resolve: func(p graphql.ResolveParams) (any, error) {
				if err := requireRole(p.Context, RoleEditor); err != nil {
					return nil, err
				}
				return "log", nil
			}},
		}}),
		Mutation: graphql.NewObject(graphql.ObjectConfig{Name: "Mutation", Fields: graphql.Fields{
			"touch": {Type: graphql.String, Resolve: func(p graphql.ResolveParams) (any, error) {
				if err := requireRole(p.Context, RoleEditor); err != nil {
					return nil, err
				}
				return "touched by " + PrincipalFrom(p.Context).Name, nil
			}},
		}}),
	})
	if err != nil {
		t.Fatal(err)
	}
	return schema
}

func writesServer(t *testing.T, cfg Config) *httptest.Server {
	t.Helper()
	srv, err := newServer(writesSchema(t), neo4jtest.Open(t), testFrontend, WithConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

type tpResponse struct {
	status int
	header http.Header
	body   []byte
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func (r tpResponse) codes() []string {
	var codes []string
	for _, e := range r.Errors {
		code, _ := e.Extensions["code"].(string)
		codes = append(codes, code)
	}
	return codes
}

// tpDo sends a request; headers are name, value pairs.
func tpDo(t *testing.T, method, u, body string, headers ...string) tpResponse {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		t.Fatal(err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", tJSON)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := tpResponse{status: resp.StatusCode, header: resp.Header}
	if r.body, err = io.ReadAll(resp.Body); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(resp.Header.Get("Content-Type"), "json") {
		if err := json.Unmarshal(r.body, &r); err != nil {
			t.Fatalf("response is not JSON: %v\n%s", err, r.body)
		}
	}
	return r
}

func tpQuery(q string) string {
	b, err := json.Marshal(map[string]any{"query": q})
	if err != nil {
		panic(err)
	}
	return string(b)
}

// deepIntrospection nests fields 14 deep, all answered from memory.
const deepIntrospection = `{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields { type { fields { name } } } } } } } } } } } } } }`

// wideConnection costs 25,402: four of them go over the default 100,000.
const wideConnection = `people(first: 100) { edges { node {
	stints { sources { id } lab { name } } degrees { sources { id } } sources { id } } } }`

// fourWide asks for wideConnection four times, as the aliases a to d.
var fourWide = `a: ` + wideConnection + ` b: ` + wideConnection + ` c: ` + wideConnection + ` d: ` + wideConnection

func TestLimits_RefusedBeforeTheDatabase(t *testing.T) {
	db := neo4jtest.Open(t)
	ts := tpServer(t, db, DefaultConfig())
	var aliases strings.Builder
	for i := range 31 {
		aliases.WriteString(" a" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + ": __typename")
	}
	tests := []struct {
		name, query, wantCode string
	}{
		{"too deep", deepIntrospection, codeTooDeep},
		{"too costly", `{ ` + fourWide + ` }`, codeTooComplex},
		{"too costly through a fragment", `query { ...F } fragment F on Query { ` + fourWide + ` }`, codeTooComplex},
		// No variables are sent: the pages cost their variable's default.
		{"a variable page size costs its default when none is sent",
			`query($n: Int = 100) { ` + strings.ReplaceAll(fourWide, "first: 100", "first: $n") + ` }`,
			codeTooComplex},
		{"too many aliases", `{` + aliases.String() + ` }`, codeTooComplex},
		{"too many root fields", `{ ` + strings.Repeat("__typename ", 21) + `}`, codeTooComplex},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := db.Queries()
			start := time.Now()
			r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(tt.query), "Accept", tGQL)
			elapsed := time.Since(start)
			if r.status != http.StatusBadRequest {
				t.Errorf("status = %d, want 400", r.status)
			}
			if codes := r.codes(); len(codes) == 0 || codes[0] != tt.wantCode {
				t.Errorf("codes = %v (%s), want %s", codes, r.body, tt.wantCode)
			}
			if r.Data != nil {
				t.Errorf("data = %s, want none: the document must not run", r.Data)
			}
			if got := db.Queries() - before; got != 0 {
				t.Errorf("Cypher statements sent = %d, want 0", got)
			}
			if elapsed > time.Second {
				t.Errorf("refused in %s, want well under a second", elapsed)
			}
		})
	}

	t.Run("one wide connection passes", func(t *testing.T) {
		r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(`{ `+wideConnection+` }`))
		if len(r.Errors) > 0 {
			t.Errorf("errors = %s, want none", r.body)
		}
	})
	t.Run("limits are configurable", func(t *testing.T) {
		cfg := DefaultConfig()
		cfg.Limits.MaxDepth, cfg.Limits.MaxCost = 2, 3
		ts := tpServer(t, db, cfg)
		for q, want := range map[string]string{
			`{ person(id: "x") { stints { id } } }`: codeTooDeep,
			`{ search(query: "x") { kind } }`:       codeTooComplex, // 1 + 10 × 1
		} {
			if r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(q)); !slices.Contains(r.codes(), want) {
				t.Errorf("%s: codes = %v, want %s", q, r.codes(), want)
			}
		}
	})
}

// introspectionQuery is what graphql-js 16's getIntrospectionQuery() returns
// with its defaults, which is what GraphiQL sends.
var introspectionQuery = `query IntrospectionQuery {
  __schema {
    queryType { name kind }
    mutationType { name kind }
    subscriptionType { name kind }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name` + strings.Repeat(` ofType { kind name`, 9) + strings.Repeat(` }`, 9) + `
}`

func TestLimits_IntrospectionPasses(t *testing.T) {
	db := neo4jtest.Open(t)
	ts := tpServer(t, db, DefaultConfig())
	before := db.Queries()
	r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(introspectionQuery), "Accept", tGQL)
	if r.status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("status %d, errors %s", r.status, r.body)
	}
	var data struct {
		Schema struct {
			QueryType struct{ Name string }
			Types     []struct{ Name string }
		} `json:"__schema"`
	}
	if err := json.Unmarshal(r.Data, &data); err != nil {
		t.Fatal(err)
	}
	if data.Schema.QueryType.Name != "Query" || len(data.Schema.Types) < 10 {
		t.Errorf("__schema = %+v, want the Query type and the others", data.Schema)
	}
	if got := db.Queries() - before; got != 0 {
		t.Errorf("introspection sent %d Cypher statements, want 0", got)
	}
}

// slowStore is the real store with a person lookup (the person query reads
// through PersonWith) that takes as long as its context lets it.
type slowStore struct{ *graph.DB }

func (slowStore) PersonWith(ctx context.Context, _ string, _ thelist.PersonDetail) (thelist.Person, error) {
	<-ctx.Done()
	return thelist.Person{}, thelist.Errorf(thelist.ETIMEOUT, "person: %v", ctx.Err())
}

func TestLimits_RequestTimeout(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Limits.Timeout = 100 * time.Millisecond
	ts := tpServer(t, slowStore{neo4jtest.Open(t)}, cfg)
	start := time.Now()
	r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(`{ person(id: "x") { name } }`))
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("answered after %s, want about 100ms", elapsed)
	}
	if r.status != http.StatusOK || !slices.Equal(r.codes(), []string{thelist.ETIMEOUT}) {
		t.Errorf("status %d, codes %v (%s); want 200 and [TIMEOUT]", r.status, r.codes(), r.body)
	}
}

// stuckStore's person lookup outlives its request: it returns only when
// released, whatever its context says, like a resolver still decoding a
// large answer when the deadline passes.
type stuckStore struct {
	*graph.DB
	entered, release chan struct{}
}

func (s stuckStore) PersonWith(context.Context, string, thelist.PersonDetail) (thelist.Person, error) {
	s.entered <- struct{}{}
	<-s.release
	return thelist.Person{}, thelist.Errorf(thelist.ENOTFOUND, "person: none")
}

// Closing the server waits for a resolver that outlived its request's
// timeout, and refuses resolvers that would start after it began, so the
// database can close with no resolver still using it.
func TestServer_CloseWaitsForResolvers(t *testing.T) {
	store := stuckStore{neo4jtest.Open(t), make(chan struct{}, 1), make(chan struct{})}
	cfg := DefaultConfig()
	cfg.Limits.Timeout = 50 * time.Millisecond
	srv, err := New(store, testFrontend, WithConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(`{ person(id: "x") { name } }`))
	if !slices.Equal(r.codes(), []string{thelist.ETIMEOUT}) {
		t.Fatalf("codes %v (%s), want [TIMEOUT]", r.codes(), r.body)
	}
	<-store.entered

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := srv.Close(ctx); err == nil {
		t.Fatal("Close returned while a resolver was still running")
	}
	r = tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(`{ person(id: "y") { name } }`))
	if !slices.Equal(r.codes(), []string{thelist.EUNAVAILABLE}) {
		t.Errorf("a request after Close began: codes %v (%s), want [UNAVAILABLE]", r.codes(), r.body)
	}
	select {
	case <-store.entered:
		t.Error("a resolver started after Close began")
	default:
	}

	close(store.release)
	ctx, cancel = context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Close(ctx); err != nil {
		t.Errorf("Close after the resolver finished: %v", err)
	}
}

func TestGraphQLOverHTTP_AcceptNegotiation(t *testing.T) {
	ts := tpServer(t, neo4jtest.Open(t), DefaultConfig())
	tests := []struct {
		accept     string
		wantStatus int
		wantType   string
	}{
		{"", 200, tJSON},
		{tGQL, 200, tGQL},
		{tJSON, 200, tJSON},
		{"*/*", 200, tJSON},
		{"application/*", 200, tJSON},
		{tGQL + ", " + tJSON + ";q=0.9", 200, tGQL},
		{tJSON + ";q=0.5, " + tGQL, 200, tGQL},
		{tGQL + ";q=0.1, " + tJSON, 200, tJSON},
		{tJSON + ", " + tGQL, 200, tGQL}, // a tie goes to the newer type
		{"text/html", 406, tJSON},
		{"application/xml, text/plain;q=0.5", 406, tJSON},
		{tGQL + ";q=0", 406, tJSON},
	}
	for _, tt := range tests {
		t.Run("Accept "+tt.accept, func(t *testing.T) {
			r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(`{ __typename }`), "Accept", tt.accept)
			if r.status != tt.wantStatus {
				t.Errorf("status = %d, want %d", r.status, tt.wantStatus)
			}
			if got := r.header.Get("Content-Type"); !strings.HasPrefix(got, tt.wantType) {
				t.Errorf("Content-Type = %q, want %s", got, tt.wantType)
			}
			if tt.wantStatus == 406 && !slices.Equal(r.codes(), []string{codeNotAcceptable}) {
				t.Errorf("codes = %v, want [NOT_ACCEPTABLE]", r.codes())
			}
		})
	}
}

func TestGraphQLOverHTTP_StatusCodes(t *testing.T) {
	ts := writesServer(t, DefaultConfig())
	editor := DefaultConfig()
	editor.Access.AddKey("ed", "editor-key", RoleEditor)
	tsKey := writesServer(t, editor)
	tests := []struct {
		name, method, body, query, accept string
		headers                           []string
		wantStatus                        int
		wantCode                          string
	}{
		{name: "query over GET", method: "GET", query: `{ hello }`, wantStatus: 200},
		{name: "mutation over GET", method: "GET", query: `mutation { touch }`, wantStatus: 405, wantCode: codeBadRequest},
		{name: "mutation over GET, JSON client", method: "GET", query: `mutation { touch }`, accept: tJSON, wantStatus: 405, wantCode: codeBadRequest},
		{name: "validation error, GraphQL client", method: "POST", body: tpQuery(`{ nope }`), accept: tGQL, wantStatus: 400, wantCode: codeValidationFailed},
		{name: "validation error, JSON client", method: "POST", body: tpQuery(`{ nope }`), accept: tJSON, wantStatus: 200, wantCode: codeValidationFailed},
		{name: "GET without a query", method: "GET", accept: tJSON, wantStatus: 400, wantCode: codeBadRequest},
		{name: "GET with variables that are not JSON", method: "GET", query: `{ hello }`, headers: []string{"variables", "{"}, wantStatus: 400, wantCode: codeBadRequest},
		{name: "body in another charset", method: "POST", body: tpQuery(`{ hello }`), headers: []string{"Content-Type", "application/json; charset=latin1"}, wantStatus: 415, wantCode: codeBadRequest},
		{name: "the older application/graphql+json", method: "POST", body: tpQuery(`{ hello }`), headers: []string{"Content-Type", "application/graphql+json"}, wantStatus: 415, wantCode: codeBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := ts.URL + "/graphql"
			var headers []string
			if tt.method == "GET" {
				v := url.Values{}
				if tt.query != "" {
					v.Set("query", tt.query)
				}
				if len(tt.headers) == 2 && tt.headers[0] == "variables" {
					v.Set("variables", tt.headers[1])
				}
				u += "?" + v.Encode()
			} else {
				headers = tt.headers
			}
			accept := tt.accept
			if accept == "" {
				accept = tGQL
			}
			r := tpDo(t, tt.method, u, tt.body, append([]string{"Accept", accept}, headers...)...)
			if r.status != tt.wantStatus {
				t.Errorf("status = %d, want %d (%s)", r.status, tt.wantStatus, r.body)
			}
			if tt.wantCode != "" && !slices.Contains(r.codes(), tt.wantCode) {
				t.Errorf("codes = %v, want %s", r.codes(), tt.wantCode)
			}
			if tt.wantStatus == 405 && r.header.Get("Allow") != "POST" {
				t.Errorf("Allow = %q, want POST", r.header.Get("Allow"))
			}
		})
	}
	t.Run("mutation over GET is refused even with an editor's key", func(t *testing.T) {
		r := tpDo(t, "GET", tsKey.URL+"/graphql?"+url.Values{"query": {`mutation { touch }`}}.Encode(), "", "Authorization", "Bearer editor-key")
		if r.status != 405 || r.header.Get("Allow") != "POST" {
			t.Errorf("status %d, Allow %q; want 405 and POST", r.status, r.header.Get("Allow"))
		}
	})
	t.Run("PUT", func(t *testing.T) {
		r := tpDo(t, http.MethodPut, ts.URL+"/graphql", tpQuery(`{ hello }`))
		if r.status != 405 || r.header.Get("Allow") != "GET, POST" {
			t.Errorf("status %d, Allow %q; want 405 and GET, POST", r.status, r.header.Get("Allow"))
		}
	})
}

func TestAccess_KeysAndRoles(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Access.AddKey("ed", "editor-key", RoleEditor)
	cfg.Access.AddKey("rd", "reader-key", RoleReader)
	ts := writesServer(t, cfg)
	closed := cfg
	closed.Access.ReadsNeedKey = true
	tsClosed := writesServer(t, closed)

	tests := []struct {
		name       string
		ts         *httptest.Server
		key, query string
		wantStatus int
		wantCode   string // "" for none
		wantData   string
	}{
		{"open read, no key", ts, "", `{ hello }`, 200, "", `{"hello":"hello"}`},
		{"write, no key", ts, "", `mutation { touch }`, 401, codeUnauthenticated, ""},
		{"read, unknown key", ts, "wrong", `{ hello }`, 401, codeUnauthenticated, ""},
		{"write, reader's key", ts, "reader-key", `mutation { touch }`, 403, codeForbidden, ""},
		{"write, editor's key", ts, "editor-key", `mutation { touch }`, 200, "", `{"touch":"touched by ed"}`},
		{"guarded field, reader's key", ts, "reader-key", `{ auditLog }`, 200, codeForbidden, `{"auditLog":null}`},
		{"guarded field, editor's key", ts, "editor-key", `{ auditLog }`, 200, "", `{"auditLog":"log"}`},
		{"closed read, no key", tsClosed, "", `{ hello }`, 401, codeUnauthenticated, ""},
		{"closed read, reader's key", tsClosed, "reader-key", `{ hello }`, 200, "", `{"hello":"hello"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			headers := []string{"Accept", tGQL}
			if tt.key != "" {
				headers = append(headers, "Authorization", "Bearer "+tt.key)
			}
			r := tpDo(t, http.MethodPost, tt.ts.URL+"/graphql", tpQuery(tt.query), headers...)
			if r.status != tt.wantStatus {
				t.Errorf("status = %d, want %d (%s)", r.status, tt.wantStatus, r.body)
			}
			if tt.wantCode == "" && len(r.Errors) > 0 || tt.wantCode != "" && !slices.Equal(r.codes(), []string{tt.wantCode}) {
				t.Errorf("codes = %v, want [%s]", r.codes(), tt.wantCode)
			}
			if tt.wantData != "" && string(r.Data) != tt.wantData {
				t.Errorf("data = %s, want %s", r.Data, tt.wantData)
			}
			if r.status == 401 && r.header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
}

func TestAccess_KeyConfiguration(t *testing.T) {
	t.Run("env list", func(t *testing.T) {
		var a Access
		if err := a.ParseKeys("k1:editor, k:2:reader, old-k3y:reader:newsroom, new:k3y:editor:newsroom"); err != nil {
			t.Fatal(err)
		}
		for key, want := range map[string]Principal{
			// Unnamed keys are named by the start of their hash, as always.
			"k1":  {Name: "key-" + HashKey("k1")[:8], Role: RoleEditor},
			"k:2": {Name: "key-" + HashKey("k:2")[:8], Role: RoleReader},
			// Named keys: two of one name, during a rotation, are one owner.
			"old-k3y": {Name: "newsroom", Role: RoleReader},
			"new:k3y": {Name: "newsroom", Role: RoleEditor},
		} {
			if p, err := a.authenticate("Bearer " + key); err != nil || p != want {
				t.Errorf("key %q: %+v, %v; want %+v", key, p, err, want)
			}
		}
	})
	t.Run("malformed env entries", func(t *testing.T) {
		for _, tt := range []struct{ list, want string }{
			{"s3cretA", "entry 1: want key:role or key:role:name"},
			{"ok-key:reader,s3cretA:admin", "entry 2: want key:role"},
			{"ok-key:reader,,s3cretA:admin:newsroom", "entry 3: no role before the name"},
			{":editor", "entry 1: the key is empty"},
			{"ok-key:reader, :reader:newsroom", "entry 2: the key is empty"},
			{"s3cretA:reader:", "entry 1: the name is empty"},
			{"s3cretA:reader:news room", "entry 1: the name is empty or has spaces"},
			{"s3cretA:editor:reader", "entry 1: a name may not be a role"},
		} {
			err := (&Access{}).ParseKeys(tt.list)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseKeys(%q) = %v, want an error with %q", tt.list, err, tt.want)
			} else if strings.Contains(err.Error(), "s3cret") || strings.Contains(err.Error(), "ok-key") {
				t.Errorf("ParseKeys(%q) = %v: the error shows a key", tt.list, err)
			}
		}
	})
	t.Run("file of hashes", func(t *testing.T) {
		path := t.TempDir() + "/keys"
		content := "# name each key\n\n" + HashKey("s3cret") + " editor newsroom\n" + HashKey("r") + " reader intern\n"
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		var a Access
		if err := a.LoadKeysFile(path); err != nil {
			t.Fatal(err)
		}
		if p, err := a.authenticate("Bearer s3cret"); err != nil || p != (Principal{Name: "newsroom", Role: RoleEditor}) {
			t.Errorf("s3cret = %+v, %v; want newsroom, editor", p, err)
		}
		if _, err := a.authenticate("Bearer " + HashKey("s3cret")); err == nil {
			t.Error("the hash itself was accepted as a key")
		}
		for _, bad := range []string{"s3cret editor x\n", HashKey("x") + " owner x\n", HashKey("x") + " editor\n"} {
			if err := (&Access{}).readKeys(strings.NewReader(bad)); err == nil {
				t.Errorf("key file %q: no error", bad)
			} else if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("key file %q: error %v shows the key pasted in place of its hash", bad, err)
			}
		}
	})
	t.Run("hash matches sha256sum", func(t *testing.T) {
		// printf %s s3cret | sha256sum
		if got, want := HashKey("s3cret"), "1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0"; got != want {
			t.Errorf("HashKey = %s, want %s", got, want)
		}
	})
}

// testClock is a clock the test moves by hand.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestRateLimit_BurstThen429(t *testing.T) {
	clock := &testClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	cfg := DefaultConfig()
	cfg.RateLimit = RateLimit{PerSecond: 0.5, Burst: 3}
	cfg.Now = clock.Now
	cfg.Access.AddKey("ed", "editor-key", RoleEditor)
	ts := writesServer(t, cfg)
	ask := func(headers ...string) tpResponse {
		return tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(`{ hello }`), append([]string{"Accept", tGQL}, headers...)...)
	}
	for i := range 3 {
		if r := ask(); r.status != 200 {
			t.Fatalf("request %d of the burst: status %d", i+1, r.status)
		}
	}
	r := ask()
	if r.status != http.StatusTooManyRequests || !slices.Equal(r.codes(), []string{codeRateLimited}) {
		t.Fatalf("past the burst: status %d, codes %v; want 429 and RATE_LIMITED", r.status, r.codes())
	}
	if got := r.header.Get("Retry-After"); got != "2" {
		t.Errorf("Retry-After = %q, want 2 (one token every 2 s)", got)
	}
	if r := ask("Authorization", "Bearer editor-key"); r.status != 200 {
		t.Errorf("a key's own bucket: status %d, want 200", r.status)
	}
	clock.Add(2 * time.Second)
	if r := ask(); r.status != 200 {
		t.Errorf("after Retry-After: status %d, want 200", r.status)
	}
	if r := ask(); r.status != 429 {
		t.Errorf("the refilled token spent: status %d, want 429", r.status)
	}
	t.Run("parse", func(t *testing.T) {
		for in, want := range map[string]RateLimit{"off": {}, "": {}, "10": {10, 10}, "2.5,7": {2.5, 7}, "0.2": {0.2, 1}} {
			if got, err := ParseRateLimit(in); err != nil || got != want {
				t.Errorf("ParseRateLimit(%q) = %+v, %v; want %+v", in, got, err, want)
			}
		}
		for _, bad := range []string{"fast", "10,0", "-1", "10,x"} {
			if _, err := ParseRateLimit(bad); err == nil {
				t.Errorf("ParseRateLimit(%q): no error", bad)
			}
		}
	})
}

// getMetrics reads the server's /metrics.
func getMetrics(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return body
}

func TestMetrics_CountRequests(t *testing.T) {
	cfg := DefaultConfig()
	cfg.RateLimit = RateLimit{PerSecond: 0.001, Burst: 2}
	ts := writesServer(t, cfg)
	for range 3 { // the third is rate limited
		tpDo(t, http.MethodPost, ts.URL+"/graphql", `{"query": "query Hello { hello }"}`)
	}
	body := getMetrics(t, ts.URL)
	for _, want := range []string{
		`thelist_graphql_requests_total{operation="Hello",status="200"} 2`,
		`thelist_graphql_requests_total{operation="-",status="429"} 1`,
		`thelist_graphql_document_cache_total{result="miss"} 1`,
		`thelist_graphql_document_cache_total{result="hit"} 1`,
		`thelist_rate_limited_total 1`,
		`thelist_graphql_errors_total{code="RATE_LIMITED"} 1`,
		`thelist_graphql_root_field_duration_seconds_count{field="hello"} 2`,
		`thelist_graphql_request_duration_seconds_count{operation="Hello"} 2`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	t.Run("operation names are bounded", func(t *testing.T) {
		var o operationNames
		o.seen = map[string]bool{}
		for i := range maxOperationNames + 5 {
			o.label("Op" + strings.Repeat("x", i%60) + string(rune('a'+i%26)) + string(rune('a'+i/26)))
		}
		if len(o.seen) != maxOperationNames || o.label("Brand_new") != "other" || o.label("not a name!") != "other" {
			t.Errorf("%d names kept; want %d and then other", len(o.seen), maxOperationNames)
		}
	})
}

func TestSchema_PublishedSDL(t *testing.T) {
	schema, err := NewSchema(nil) // building the schema asks nothing of the store
	if err != nil {
		t.Fatal(err)
	}
	sdl := PrintSchema(schema)
	const golden = "../docs/schema.graphql"
	if *update {
		if err := os.WriteFile(golden, []byte(sdl), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./api -run TestSchema_PublishedSDL -update)", err)
	}
	if string(want) != sdl {
		t.Errorf("%s is stale: run `go test ./api -run TestSchema_PublishedSDL -update` and commit it", golden)
	}
	if _, err := parser.Parse(parser.ParseParams{Source: sdl}); err != nil {
		t.Errorf("the SDL does not parse: %v", err)
	}

	t.Run("served at /graphql/schema.graphql", func(t *testing.T) {
		ts := tpServer(t, neo4jtest.Open(t), DefaultConfig())
		r := tpDo(t, http.MethodGet, ts.URL+"/graphql/schema.graphql", "")
		if r.status != 200 || string(r.body) != sdl || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
			t.Errorf("status %d, Content-Type %q, body equal to the SDL: %v", r.status, r.header.Get("Content-Type"), string(r.body) == sdl)
		}
		if again := tpDo(t, http.MethodGet, ts.URL+"/graphql/schema.graphql", "", "If-None-Match", r.header.Get("ETag")); again.status != http.StatusNotModified {
			t.Errorf("with its ETag: status %d, want 304", again.status)
		}
	})
}

func TestSchema_PrintSDL(t *testing.T) {
	color := graphql.NewEnum(graphql.EnumConfig{Name: "Color", Description: "A colour.", Values: graphql.EnumValueConfigMap{
		"RED":  {Value: "red"},
		"BLUE": {Value: "blue", DeprecationReason: "Use RED."},
	}})
	filter := graphql.NewInputObject(graphql.InputObjectConfig{Name: "Filter", Fields: graphql.InputObjectConfigFieldMap{
		"colors": {Type: graphql.NewList(graphql.NewNonNull(color)), DefaultValue: []any{"red"}},
		"name":   {Type: graphql.String, Description: "Part of a \"name\"."},
	}})
	node := graphql.NewInterface(graphql.InterfaceConfig{Name: "Node", Fields: graphql.Fields{"id": {Type: graphql.NewNonNull(graphql.ID)}},
		ResolveType: func(graphql.ResolveTypeParams) *graphql.Object { return nil }})
	thing := graphql.NewObject(graphql.ObjectConfig{Name: "Thing", Interfaces: []*graphql.Interface{node}, Description: "One thing.\nOn two lines.",
		Fields: graphql.Fields{"id": {Type: graphql.NewNonNull(graphql.ID)}, "old": {Type: graphql.Int, DeprecationReason: graphql.DefaultDeprecationReason}}})
	other := graphql.NewObject(graphql.ObjectConfig{Name: "Other", Fields: graphql.Fields{"n": {Type: graphql.Float}}})
	either := graphql.NewUnion(graphql.UnionConfig{Name: "Either", Types: []*graphql.Object{thing, other},
		ResolveType: func(graphql.ResolveTypeParams) *graphql.Object { return nil }})
	schema, err := graphql.NewSchema(graphql.SchemaConfig{
		Types: []graphql.Type{thing},
		Query: graphql.NewObject(graphql.ObjectConfig{Name: "Query", Fields: graphql.Fields{
			"things": {Type: graphql.NewNonNull(graphql.NewList(either)), Description: "Things, filtered.", Args: graphql.FieldConfigArgument{
				"where": {Type: filter},
				"first": {Type: graphql.Int, DefaultValue: 20, Description: "At most 100."},
				"ratio": {Type: graphql.Float, DefaultValue: 1.0},
				"color": {Type: color, DefaultValue: "blue"},
			}},
			"node": {Type: node, Args: graphql.FieldConfigArgument{"id": {Type: graphql.NewNonNull(graphql.ID)}}},
		}}),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `"""A colour."""
enum Color {
  BLUE @deprecated(reason: "Use RED.")
  RED
}

union Either = Thing | Other

input Filter {
  colors: [Color!] = [RED]
  """Part of a "name"."""
  name: String
}

interface Node {
  id: ID!
}

type Other {
  n: Float
}

type Query {
  node(id: ID!): Node
  """Things, filtered."""
  things(
    color: Color = BLUE
    """At most 100."""
    first: Int = 20
    ratio: Float = 1.0
    where: Filter
  ): [Either]!
}

"""
One thing.
On two lines.
"""
type Thing implements Node {
  id: ID!
  old: Int @deprecated
}
`
	if got := PrintSchema(schema); got != want {
		t.Errorf("PrintSchema =\n%s\nwant\n%s", got, want)
	}
}

func TestGraphiQL_ServedToBrowsers(t *testing.T) {
	ts := tpServer(t, neo4jtest.Open(t), DefaultConfig())
	browser := "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	t.Run("a browser opening /graphql", func(t *testing.T) {
		r := tpDo(t, http.MethodGet, ts.URL+"/graphql", "", "Accept", browser)
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") || !strings.Contains(string(r.body), "GraphiQL") {
			t.Errorf("status %d, Content-Type %q, body %.80s; want the GraphiQL page", r.status, r.header.Get("Content-Type"), r.body)
		}
	})
	t.Run("a browser following a link with a query", func(t *testing.T) {
		r := tpDo(t, http.MethodGet, ts.URL+"/graphql?query="+url.QueryEscape("{ __typename }"), "", "Accept", browser)
		if r.status != 200 || string(r.Data) != `{"__typename":"Query"}` {
			t.Errorf("status %d, body %s; want the JSON answer", r.status, r.body)
		}
	})
	t.Run("a client without Accept", func(t *testing.T) {
		r := tpDo(t, http.MethodGet, ts.URL+"/graphql", "")
		if r.status != 400 || !slices.Equal(r.codes(), []string{codeBadRequest}) {
			t.Errorf("status %d, codes %v; want 400 and BAD_REQUEST (no query)", r.status, r.codes())
		}
	})
	t.Run("without the web app", func(t *testing.T) {
		srv, err := New(neo4jtest.Open(t), nil)
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "/graphql", nil)
		req.Header.Set("Accept", "text/html")
		srv.ServeHTTP(rec, req)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "make build") {
			t.Errorf("status %d, body %.80s; want a page saying how to build GraphiQL in", rec.Code, rec.Body.String())
		}
	})
}
