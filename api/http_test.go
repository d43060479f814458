package api

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/thelist/thelist/internal/neo4jtest"
)

// realServer serves cfg through the http.Server thelist serve uses
// (Server.HTTPServer), with its timeouts, on a port of its own.
func realServer(t *testing.T, cfg Config) string {
	t.Helper()
	srv, err := New(neo4jtest.Open(t), testFrontend, WithConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := srv.HTTPServer()
	go func() { _ = hs.Serve(ln) }() // returns ErrServerClosed at Close
	t.Cleanup(func() { _ = hs.Close() })
	return ln.Addr().String()
}

// trickle opens a connection, sends a POST whose headers announce a body
// of n bytes, and then sends that body a byte every interval in the
// background. It returns the connection to read the answer from.
func trickle(t *testing.T, addr string, n int, interval time.Duration) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: thelist\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", n)
	go func() {
		for range n {
			if _, err := conn.Write([]byte(" ")); err != nil {
				return // the server closed the connection
			}
			time.Sleep(interval)
		}
	}()
	return conn
}

// A body sent at a byte a second is cut off at the read timeout: the
// connection is closed long before the body could have arrived.
func TestHTTP_SlowBodyIsCutOff(t *testing.T) {
	cfg := DefaultConfig()
	cfg.HTTP.Read = time.Second
	addr := realServer(t, cfg)

	conn := trickle(t, addr, 100, time.Second)
	start := time.Now()
	closed := make(chan error, 1)
	go func() {
		_, err := io.Copy(io.Discard, conn) // until the server closes it
		closed <- err
	}()
	select {
	case <-closed:
		elapsed := time.Since(start)
		if elapsed < 500*time.Millisecond {
			t.Errorf("closed after %s, before the 1 s read timeout", elapsed)
		}
		t.Logf("closed after %s", elapsed)
	case <-time.After(5 * time.Second):
		t.Fatal("a body trickled at 1 byte/s still held its connection after 5 s; the read timeout is 1 s")
	}
}

// A refusal sent before the body is read (here the rate limit's 429) is
// delivered at once, without waiting for a body that is trickled in, and
// closes the connection.
func TestHTTP_RefusalDoesNotWaitForTheBody(t *testing.T) {
	cfg := DefaultConfig()
	cfg.RateLimit = RateLimit{PerSecond: 0.001, Burst: 1}
	cfg.HTTP.Read = time.Minute // the refusal must not wait for this
	addr := realServer(t, cfg)
	if r := tpDo(t, http.MethodPost, "http://"+addr+"/graphql", tpQuery(`{ __typename }`)); r.status != http.StatusOK {
		t.Fatalf("first request: status %d (%s), want 200", r.status, r.body)
	}

	conn := trickle(t, addr, 100, time.Second)
	start := time.Now()
	if err := conn.SetReadDeadline(time.Now().Add(5 * time.Second)); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer while the body trickled in (after %s): %v", time.Since(start), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("status = %d, want 429", resp.StatusCode)
	}
	if resp.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After on the 429")
	}
	if !resp.Close {
		t.Error("the connection is kept open after a refusal whose body was not read")
	}
}

// Every response carries the browser security headers: pages, the API,
// GraphiQL, errors and refusals.
func TestHTTP_SecurityHeadersOnEveryResponse(t *testing.T) {
	cfg := DefaultConfig()
	cfg.RateLimit = RateLimit{PerSecond: 0.001, Burst: 1}
	addr := realServer(t, cfg)
	base := "http://" + addr
	want := map[string]string{
		"X-Content-Type-Options": "nosniff",
		"X-Frame-Options":        "DENY",
		"Referrer-Policy":        "strict-origin-when-cross-origin",
	}
	check := func(name string, h http.Header) {
		t.Helper()
		for k, v := range want {
			if got := h.Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", name, k, got, v)
			}
		}
		csp := h.Get("Content-Security-Policy")
		for _, d := range []string{"script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
			if !strings.Contains(csp, d) {
				t.Errorf("%s: Content-Security-Policy %q lacks %q", name, csp, d)
			}
		}
		if strings.Contains(csp, "script-src 'self' 'unsafe") {
			t.Errorf("%s: Content-Security-Policy %q allows inline script or eval", name, csp)
		}
		if h.Get("Permissions-Policy") == "" {
			t.Errorf("%s: no Permissions-Policy", name)
		}
	}
	check("graphql", tpDo(t, http.MethodPost, base+"/graphql", tpQuery(`{ __typename }`)).header)
	check("rate limited", tpDo(t, http.MethodPost, base+"/graphql", tpQuery(`{ __typename }`)).header)
	for _, c := range []struct{ name, path, accept string }{
		{"app", "/", ""},
		{"asset", "/assets/app-1a.js", ""},
		{"graphiql", "/graphql", "text/html"},
		{"schema", "/graphql/schema.graphql", ""},
		{"healthz", "/healthz", ""},
		{"metrics", "/metrics", ""},
		{"not found", "/nothing-here", ""},
	} {
		req, err := http.NewRequest(http.MethodGet, base+c.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if c.accept != "" {
			req.Header.Set("Accept", c.accept)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		check(c.name, resp.Header)
	}
}
