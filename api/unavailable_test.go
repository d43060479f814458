package api

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// While Neo4j cannot be reached, a GraphQL request answers UNAVAILABLE,
// 503 with Retry-After, within 2 s, rather than TIMEOUT at the request
// timeout; once it is back the server answers again by itself.
func TestUnavailable_FastWhileNeo4jIsGone(t *testing.T) {
	neo4jtest.Open(t) // an empty test database with the schema
	proxy := neo4jtest.NewProxy(t)
	cfg := neo4jtest.Config()
	cfg.URI = proxy.URI()
	ts := tpServer(t, neo4jtest.Connect(t, cfg), DefaultConfig())
	const q = `{ person(id: "nobody") { name } }`
	// A person who does not exist is null, with no error.
	if r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(q)); len(r.Errors) > 0 || r.status != http.StatusOK {
		t.Fatalf("with the database up: status %d, codes %v (%s), want an answer", r.status, r.codes(), r.body)
	}

	proxy.Cut()
	for i := range 3 {
		start := time.Now()
		r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(q), "Accept", tJSON)
		elapsed := time.Since(start)
		if !slices.Equal(r.codes(), []string{thelist.EUNAVAILABLE}) {
			t.Errorf("request %d with the database gone: codes %v (%s), want [UNAVAILABLE]", i, r.codes(), r.body)
		}
		if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
			t.Errorf("request %d: status %d, Retry-After %q; want 503 with Retry-After", i, r.status, r.header.Get("Retry-After"))
		}
		if elapsed > 2*time.Second {
			t.Errorf("request %d answered after %s, want within 2 s", i, elapsed)
		}
	}
	if r := tpDo(t, http.MethodGet, ts.URL+"/readyz", ""); r.status != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the database gone: %d, want 503", r.status)
	}

	proxy.Restore()
	deadline := time.Now().Add(10 * time.Second)
	for {
		r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(q))
		if len(r.Errors) == 0 && r.status == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("10 s after the database came back: codes %v (%s)", r.codes(), r.body)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
