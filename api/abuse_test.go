package api

// The abuse suite (issue 11): every hostile request we know of, sent
// through the real HTTP handler to a server on the real Neo4j, is refused
// quickly with a clear code, and the server stays healthy after it.

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// assertHealthy checks that the server still answers: ready, and a real
// query runs.
func assertHealthy(t *testing.T, ts *httptest.Server) {
	t.Helper()
	if r := tpDo(t, http.MethodGet, ts.URL+"/readyz", ""); r.status != http.StatusOK {
		t.Errorf("/readyz: status %d after the abuse, want 200", r.status)
	}
	if r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(`{ people(first: 1) { totalCount } }`), "Accept", tGQL); r.status != http.StatusOK || len(r.Errors) > 0 {
		t.Errorf("a plain query after the abuse: status %d, %s", r.status, r.body)
	}
}

// Each hostile document is refused through HTTP with 400 and its code, in
// well under a second (the log has the times; the issue asks for 100 ms,
// which the measure meets by three orders of magnitude, BenchmarkMeasureDocument),
// without a query to Neo4j; the server is healthy afterwards.
func TestAbuse_HostileDocumentsRefusedQuickly(t *testing.T) {
	db := neo4jtest.Open(t)
	ts := tpServer(t, db, DefaultConfig())
	var memBefore runtime.MemStats
	runtime.ReadMemStats(&memBefore)
	for _, tt := range hostileDocuments {
		t.Run(tt.name, func(t *testing.T) {
			before := db.Queries()
			start := time.Now()
			r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(tt.doc), "Accept", tGQL)
			elapsed := time.Since(start)
			if r.status != http.StatusBadRequest || !slices.Equal(r.codes(), []string{tt.code}) || r.Data != nil {
				t.Errorf("status %d, codes %v, want 400 and [%s]\n%.300s", r.status, r.codes(), tt.code, r.body)
			}
			if elapsed > quickBound {
				t.Errorf("answered after %s, want under %s", elapsed, quickBound)
			}
			if got := db.Queries() - before; got != 0 {
				t.Errorf("sent %d Cypher statements, want 0", got)
			}
			if len(r.body) > 2000 {
				t.Errorf("a %d-byte answer: an error should not echo the document", len(r.body))
			}
			t.Logf("%d bytes refused in %s", len(tt.doc), elapsed)
		})
	}
	assertHealthy(t, ts)
	var memAfter runtime.MemStats
	runtime.ReadMemStats(&memAfter)
	t.Logf("heap in use: %d MB before, %d MB after", memBefore.HeapInuse>>20, memAfter.HeapInuse>>20)
}

// Inputs are checked at the edge: texts against their limits, echoes cut
// short, Ints in GraphQL's range, cursors that name nothing.
func TestAbuse_InputsCheckedAtTheEdge(t *testing.T) {
	ts, _ := mutationServer(t)
	huge := strings.Repeat("x", 100_000)
	t.Run("a 100 KB name in a mutation", func(t *testing.T) {
		r := gqlAs(t, ts, "editor-key", `mutation($in: SourceInput!) { addSource(input: $in) { id } }`,
			map[string]any{"in": map[string]any{"id": "src-huge", "publisher": huge, "title": "t"}})
		if !slices.Equal(r.codes(), []string{thelist.EINVALID}) {
			t.Fatalf("codes %v, want [%s]\n%.300s", r.codes(), thelist.EINVALID, r.body)
		}
		if msg := r.Errors[0].Message; !strings.HasPrefix(msg, "input.publisher: 100000 bytes, more than the 400 allowed") || len(msg) > 300 {
			t.Errorf("message %q, want the field, its limit and the value cut short", msg)
		}
	})
	t.Run("a control character in a list mutation", func(t *testing.T) {
		r := gqlAs(t, ts, "reader-key", `mutation($n: String!) { createShortlist(name: $n) { id } }`, map[string]any{"n": "a\x00b"})
		if !slices.Equal(r.codes(), []string{thelist.EINVALID}) || !strings.Contains(r.Errors[0].Message, "name: control character U+0000") {
			t.Errorf("codes %v, %s; want %s naming the control character", r.codes(), r.body, thelist.EINVALID)
		}
	})
	t.Run("an invalid 10,000-character orderBy", func(t *testing.T) {
		long := strings.Repeat("A", 10_000)
		for _, r := range []tpResponse{
			tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(`{ people(orderBy: `+long+`) { totalCount } }`), "Accept", tGQL),
			gqlAs(t, ts, "", `query($o: CandidateOrder) { people(orderBy: $o) { totalCount } }`, map[string]any{"o": long}),
		} {
			if len(r.codes()) == 0 || len(r.body) > 1500 || strings.Contains(string(r.body), strings.Repeat("A", 100)) {
				t.Errorf("codes %v, a %d-byte answer; want an error that quotes the value cut short\n%.400s", r.codes(), len(r.body), r.body)
			}
		}
	})
	t.Run("an Int out of GraphQL's range", func(t *testing.T) {
		for _, r := range []tpResponse{
			tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(`{ people(where: {minCitations: 99999999999}) { totalCount } }`), "Accept", tGQL),
			gqlAs(t, ts, "", `query($m: Int) { people(where: {minCitations: $m}) { totalCount } }`, map[string]any{"m": 99999999999}),
			tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(`{ people(first: -99999999999) { totalCount } }`), "Accept", tGQL),
		} {
			if !slices.Equal(r.codes(), []string{thelist.EINVALID}) {
				t.Errorf("codes %v, want [%s]\n%.400s", r.codes(), thelist.EINVALID, r.body)
			}
		}
		// The limits of the range are Ints.
		if r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(`{ people(where: {minCitations: 2147483647}) { totalCount } }`), "Accept", tGQL); len(r.Errors) > 0 {
			t.Errorf("2147483647: %s", r.body)
		}
	})
	t.Run("a cursor that is not a change of the record", func(t *testing.T) {
		r := gqlAs(t, ts, "", `{ history(kind: "people", id: "ada", after: "junk") { id } }`, nil)
		if !slices.Equal(r.codes(), []string{thelist.EINVALID}) || !strings.Contains(r.Errors[0].Message, `after: "junk" is not a change of this record`) {
			t.Errorf("codes %v, %s; want %s saying the cursor names no change", r.codes(), r.body, thelist.EINVALID)
		}
	})
	assertHealthy(t, ts)
}

// An anonymous read of lists that belong to a key is HTTP 401, with the
// GraphQL error in the body, under either media type; with a key it runs.
func TestAbuse_AnonymousOwnedReadsAre401(t *testing.T) {
	ts, _ := mutationServer(t)
	for _, q := range []string{
		`{ shortlists { id } }`,
		`{ savedSearches { id } }`,
		`{ shortlist(id: "x") { id } }`,
		`{ people(first: 1) { totalCount } ...Mine } fragment Mine on Query { shortlists { id } }`,
	} {
		for _, accept := range []string{tGQL, tJSON} {
			r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(q), "Accept", accept)
			if r.status != http.StatusUnauthorized || !slices.Equal(r.codes(), []string{codeUnauthenticated}) || r.header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s (%s): status %d, codes %v; want 401, [%s] and WWW-Authenticate", q, accept, r.status, r.codes(), codeUnauthenticated)
			}
		}
	}
	if r := gqlAs(t, ts, "reader-key", `{ shortlists { id } }`, nil); r.status != http.StatusOK || len(r.Errors) > 0 {
		t.Errorf("with a key: status %d, %s", r.status, r.body)
	}
}

// The published schema follows the reads setting: with --reads key it
// needs a key, as /graphql does.
func TestAbuse_SchemaFollowsTheReadsSetting(t *testing.T) {
	db := neo4jtest.Open(t)
	open := tpServer(t, db, DefaultConfig())
	if r := tpDo(t, http.MethodGet, open.URL+"/graphql/schema.graphql", ""); r.status != http.StatusOK {
		t.Errorf("open reads, no key: status %d, want 200", r.status)
	}
	cfg := DefaultConfig()
	cfg.Access.ReadsNeedKey = true
	cfg.Access.AddKey("rd", "reader-key", RoleReader)
	closed := tpServer(t, db, cfg)
	r := tpDo(t, http.MethodGet, closed.URL+"/graphql/schema.graphql", "")
	if r.status != http.StatusUnauthorized || !slices.Equal(r.codes(), []string{codeUnauthenticated}) {
		t.Errorf("reads need a key, no key: status %d, codes %v; want 401, [%s]", r.status, r.codes(), codeUnauthenticated)
	}
	if r := tpDo(t, http.MethodGet, closed.URL+"/graphql/schema.graphql", "", "Authorization", "Bearer reader-key"); r.status != http.StatusOK || !strings.Contains(string(r.body), "type Query") {
		t.Errorf("reads need a key, with one: status %d", r.status)
	}
}

// A request that outlives its timeout frees its goroutines: the resolvers
// are cancelled with the request's context, and nothing is left running
// once the answers are in.
func TestAbuse_TimedOutRequestsFreeTheirGoroutines(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Limits.Timeout = 100 * time.Millisecond
	ts := tpServer(t, slowStore{neo4jtest.Open(t)}, cfg)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	post := func() tpResponse {
		req, err := http.NewRequest(http.MethodPost, ts.URL+"/graphql", strings.NewReader(tpQuery(`{ a: person(id: "x") { name } b: person(id: "y") { name } }`)))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", tJSON)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r tpResponse
		if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	post() // the server's own goroutines (the driver's pool) start with the first request
	time.Sleep(100 * time.Millisecond)
	base := runtime.NumGoroutine()
	done := make(chan tpResponse)
	for i := 0; i < 20; i++ {
		go func() { done <- post() }()
	}
	for i := 0; i < 20; i++ {
		if r := <-done; !slices.Contains(r.codes(), thelist.ETIMEOUT) {
			t.Errorf("codes %v, want %s", r.codes(), thelist.ETIMEOUT)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base+2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base+2 {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines left after the timed-out requests, %d before\n%s", n, base, buf[:runtime.Stack(buf, true)])
	}
}

// shortMessage cuts what an error echoes, quoted or not, and keeps the
// rest of the message as it was.
func TestAbuse_ShortMessage(t *testing.T) {
	long := strings.Repeat("é", 200)
	tests := []struct{ in, want string }{
		{`no person with id "ada"`, `no person with id "ada"`},
		{`no person with id "` + long + `" here`, `no person with id "` + strings.Repeat("é", thelist.MaxEchoLength) + `… (400 bytes)" here`},
		{`Argument "orderBy" has invalid value ` + strings.Repeat("A", 100) + `.`, `Argument "orderBy" has invalid value ` + strings.Repeat("A", thelist.MaxEchoLength) + `… (101 bytes)`},
		{`an "escaped \" quote" stays`, `an "escaped \" quote" stays`},
	}
	for _, tt := range tests {
		if got := shortMessage(tt.in); got != tt.want {
			t.Errorf("shortMessage(%.40q…) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := shortMessage(strings.Repeat("a b ", 1000)); len(got) > maxMessageLength+len("…") {
		t.Errorf("a %d-byte message, want at most %d", len(got), maxMessageLength)
	}
}
