// Package neo4jtest connects tests to the test Neo4j: a real server with its
// own port and data folder (neo4j/neo4jctl start test, which make test runs),
// so tests never touch the data of make run.
//
// Packages that use it must not run in parallel with each other, since they
// share the one database and wipe it: make test runs go test with -p 1.
package neo4jtest

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist/graph"
)

// Config returns the test database's settings: THELIST_TEST_NEO4J_URI and
// THELIST_TEST_NEO4J_PASSWORD, or the test instance of neo4j/neo4jctl.
func Config() graph.Config {
	return graph.Config{
		URI:      getenv("THELIST_TEST_NEO4J_URI", "bolt://127.0.0.1:7688"),
		User:     getenv("THELIST_TEST_NEO4J_USER", "neo4j"),
		Password: getenv("THELIST_TEST_NEO4J_PASSWORD", "thelist-test"),
		Database: "neo4j",
	}
}

// Open connects to the test database, wipes it and applies the schema. The
// connection is closed when the test ends.
//
// When the database does not answer, the test fails under CI (CI=true), so
// a missing database can never pass as a green run; elsewhere it is skipped
// with the command that starts it, so `go test ./...` on a laptop still
// runs every other test.
func Open(tb testing.TB) *graph.DB {
	tb.Helper()
	db := Connect(tb, Config())
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := db.Wipe(ctx); err != nil {
		tb.Fatalf("wipe test database: %v", err)
	}
	if err := db.ApplySchema(ctx); err != nil {
		tb.Fatalf("apply schema: %v", err)
	}
	return db
}

// Connect opens a connection to the test database with cfg (Config(), or a
// copy of it with a setting changed) and leaves its data as it is: Open wipes through it, and a
// test that needs a DB configured otherwise (a lower bound, say) opens a
// second one over the data it has loaded. The connection is closed when the
// test ends. A database that does not answer fails or skips the test as in
// Open.
func Connect(tb testing.TB, cfg graph.Config) *graph.DB {
	tb.Helper()
	if err := reachable(cfg.URI); err != nil {
		unavailable(tb, cfg.URI, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := graph.Open(ctx, cfg)
	if err != nil {
		unavailable(tb, cfg.URI, err)
	}
	tb.Cleanup(func() {
		if err := db.Close(context.Background()); err != nil {
			tb.Errorf("close test database: %v", err)
		}
	})
	return db
}

// unavailable fails the test under CI and skips it elsewhere, naming the
// command that starts the test database.
func unavailable(tb testing.TB, uri string, err error) {
	tb.Helper()
	if os.Getenv("CI") != "" {
		tb.Fatalf("test Neo4j at %s: %v", uri, err)
	}
	tb.Skipf("test Neo4j at %s does not answer (%v); start it with `neo4j/neo4jctl start test` or run `make test`", uri, err)
}

// probes remembers, per address, whether a socket opened there, so that with
// no database every test after the first skips at once: the driver, asked to
// connect to a closed port, retries until its 30-second deadline, and a
// package of dozens of such tests took minutes to skip.
var probes sync.Map // host:port -> *probe

type probe struct {
	once sync.Once
	err  error
}

// reachable reports whether a TCP connection to the URI's host and port
// opens within two seconds, asking once per address and test binary. A
// socket that opens says nothing of Bolt: graph.Open still checks that.
func reachable(uri string) error {
	u, err := url.Parse(uri)
	if err != nil {
		return fmt.Errorf("parse %q: %w", uri, err)
	}
	addr := u.Host
	if u.Port() == "" {
		addr = net.JoinHostPort(u.Hostname(), "7687")
	}
	v, _ := probes.LoadOrStore(addr, &probe{})
	p := v.(*probe)
	p.once.Do(func() {
		conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
		if err != nil {
			p.err = err
			return
		}
		p.err = conn.Close()
	})
	return p.err
}

func getenv(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// Query runs a Cypher statement on the test database directly, outside
// the graph package, to set up or look at what a test needs.
func Query(tb testing.TB, cypher string, params map[string]any) *neo4j.EagerResult {
	tb.Helper()
	cfg := Config()
	drv, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
	if err != nil {
		tb.Fatal(err)
	}
	defer drv.Close(context.Background())
	res, err := neo4j.ExecuteQuery(context.Background(), drv, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		tb.Fatalf("%s: %v", cypher, err)
	}
	return res
}
