package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist/internal/neo4jtest"
)

// thelist serve starts while Neo4j cannot be reached, answers UNAVAILABLE
// within 2 s meanwhile (and /readyz is not ready), and once Neo4j answers
// it applies the schema and serves, by itself, within seconds (issue 11).
func TestServe_StartsWithoutNeo4jAndRecovers(t *testing.T) {
	neo4jtest.Open(t) // an empty test database
	cfg := neo4jtest.Config()
	// A constraint the schema makes, gone, so that its return shows the
	// schema was applied on recovery.
	cypher(t, "DROP CONSTRAINT lab_id IF EXISTS")
	proxy := neo4jtest.NewProxy(t)
	proxy.Cut()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	exited := make(chan int, 1)
	go func() {
		exited <- run(ctx, []string{"serve", "--addr", addr, "--rate-limit", "off", "--neo4j-uri", proxy.URI(),
			"--neo4j-user", cfg.User, "--neo4j-password", cfg.Password}, io.Discard, io.Discard)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-exited:
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop within 30 s")
		}
	})
	base := "http://" + addr

	started := time.Now()
	for {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		select {
		case code := <-exited:
			t.Fatalf("serve exited with status %d while Neo4j was down, want it to start", code)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Since(started) > 10*time.Second {
			t.Fatal("serve did not listen within 10 s while Neo4j was down")
		}
	}
	if status := get(t, base+"/readyz"); status != http.StatusServiceUnavailable {
		t.Errorf("/readyz while Neo4j is down: %d, want 503", status)
	}
	const q = `{"query": "{ person(id: \"nobody\") { name } }"}`
	for i := range 3 {
		start := time.Now()
		status, codes := graphql(t, base, q)
		if elapsed := time.Since(start); elapsed > 2*time.Second {
			t.Errorf("request %d answered after %s, want within 2 s", i, elapsed)
		}
		if status != http.StatusServiceUnavailable || codes != "UNAVAILABLE" {
			t.Errorf("request %d while Neo4j is down: %d %s, want 503 UNAVAILABLE", i, status, codes)
		}
	}

	proxy.Restore()
	back := time.Now()
	for {
		status, codes := graphql(t, base, q)
		if status == http.StatusOK && codes == "" {
			break
		}
		if time.Since(back) > 10*time.Second {
			t.Fatalf("10 s after Neo4j came back: %d %s, want an answer", status, codes)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if status := get(t, base+"/readyz"); status != http.StatusOK {
		t.Errorf("/readyz once Neo4j is back: %d, want 200", status)
	}
	for {
		res := cypher(t, "SHOW CONSTRAINTS YIELD name WHERE name = 'lab_id' RETURN count(*) AS n")
		if res.Records[0].Values[0].(int64) == 1 {
			break
		}
		if time.Since(back) > 20*time.Second {
			t.Fatal("20 s after Neo4j came back the schema's constraint lab_id is still missing")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func get(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// graphql posts a request and returns its status and its errors' codes.
func graphql(t *testing.T, base, body string) (int, string) {
	t.Helper()
	resp, err := http.Post(base+"/graphql", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
	var r struct {
		Errors []struct {
			Extensions struct{ Code string } `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatalf("POST /graphql: %d, not JSON: %v", resp.StatusCode, err)
	}
	var codes []string
	for _, e := range r.Errors {
		codes = append(codes, e.Extensions.Code)
	}
	return resp.StatusCode, strings.Join(codes, ",")
}

// cypher runs a statement on the test database directly.
func cypher(t *testing.T, query string) *neo4j.EagerResult {
	t.Helper()
	return neo4jtest.Query(t, query, nil)
}
