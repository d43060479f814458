package importer

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// heldOpen is the real database, except that an import through it, once it
// holds the lock and has validated its bundle, waits for release before
// writing: the window in which a second import starts.
type heldOpen struct {
	*graph.DB
	holding chan struct{} // closed once the import waits
	release chan struct{}
}

func (s heldOpen) EmptyKinds(ctx context.Context) ([]string, error) {
	close(s.holding)
	<-s.release
	return s.DB.EmptyKinds(ctx)
}

// TestImportNeo4j_OneImportAtATime runs two imports of the demo bundle at
// once into an empty database: the second is refused at once, naming the
// first's host and pid, and the first writes every authorship once.
func TestImportNeo4j_OneImportAtATime(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := testContext(t)
	first := heldOpen{DB: db, holding: make(chan struct{}), release: make(chan struct{})}
	var wg sync.WaitGroup
	var firstErr error
	wg.Go(func() { _, firstErr = Import(ctx, first, demoBundle, Options{Writers: 2}) })
	<-first.holding
	began := time.Now()
	_, err := Import(ctx, db, demoBundle, Options{Writers: 2})
	refusedIn := time.Since(began)
	close(first.release)
	wg.Wait()
	if firstErr != nil {
		t.Fatalf("first import: %v", firstErr)
	}
	host, _ := os.Hostname()
	if thelist.ErrorCode(err) != thelist.ECONFLICT || !strings.Contains(err.Error(), thelist.Quote(host)) ||
		!strings.Contains(err.Error(), "pid ") || !strings.Contains(err.Error(), "wait for it to finish") {
		t.Fatalf("second import: %v; want CONFLICT naming the first's host and pid", err)
	}
	// At once: the refusal is a single look-up, not a wait for the lock
	// (a wide bound for a loaded machine; the holder waited until after).
	if refusedIn > 10*time.Second {
		t.Errorf("refused after %s, want at once", refusedIn)
	}
	authored := countOf(t, `MATCH ()-[r:AUTHORED]->() RETURN count(r) AS n`)
	distinct := countOf(t, `MATCH (a)-[:AUTHORED]->(b) WITH DISTINCT a, b RETURN count(*) AS n`)
	if authored == 0 || authored != distinct {
		t.Errorf("AUTHORED: %d relationships between %d pairs, want one a pair", authored, distinct)
	}
	t.Run("the lock is freed when the import ends", func(t *testing.T) {
		assertCounts(t, mustImport(t, ctx, db, demoBundle, Options{}), allUnchanged)
	})
}

func TestImportNeo4j_StaleLock(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := testContext(t)
	dead := thelist.ImportLock{Token: "dead-import", Host: "gone-host", PID: 4242}
	if _, mine, err := db.LockImport(ctx, dead, 0); err != nil || !mine {
		t.Fatalf("set-up lock: mine %v, err %v", mine, err)
	}
	time.Sleep(50 * time.Millisecond) // silent for longer than StaleAfter below
	opts := Options{StaleAfter: 10 * time.Millisecond}
	t.Run("is reported, with how to break it", func(t *testing.T) {
		_, err := Import(ctx, db, demoBundle, opts)
		if thelist.ErrorCode(err) != thelist.ECONFLICT || !strings.Contains(err.Error(), `"gone-host", pid 4242`) ||
			!strings.Contains(err.Error(), "--break-stale-lock") {
			t.Fatalf("error %v; want CONFLICT naming gone-host and --break-stale-lock", err)
		}
		assertEmpty(t, ctx, db, true)
	})
	t.Run("is broken with BreakStaleLock", func(t *testing.T) {
		opts := opts
		opts.BreakStaleLock = true
		rep := mustImport(t, ctx, db, demoBundle, opts)
		if rep.BrokenLock == nil || rep.BrokenLock.Host != "gone-host" || rep.BrokenLock.PID != 4242 {
			t.Errorf("BrokenLock %+v, want gone-host's", rep.BrokenLock)
		}
		assertCounts(t, rep, allCreated)
	})
	t.Run("a lock renewed within the time is never broken", func(t *testing.T) {
		if _, mine, err := db.LockImport(ctx, dead, 0); err != nil || !mine {
			t.Fatalf("set-up lock: mine %v, err %v", mine, err)
		}
		_, err := Import(ctx, db, demoBundle, Options{BreakStaleLock: true})
		if thelist.ErrorCode(err) != thelist.ECONFLICT {
			t.Errorf("error %v, want CONFLICT", err)
		}
	})
}

// countOf runs a count on the test database through a driver of its own
// (graph.DB has no method that counts relationships).
func countOf(tb testing.TB, cypher string) int64 {
	tb.Helper()
	cfg := neo4jtest.Config()
	ctx := context.Background()
	drv, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
	if err != nil {
		tb.Fatal(err)
	}
	defer drv.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, drv, cypher, nil, neo4j.EagerResultTransformer)
	if err != nil {
		tb.Fatalf("%s: %v", cypher, err)
	}
	n, _, err := neo4j.GetRecordValue[int64](res.Records[0], "n")
	if err != nil {
		tb.Fatal(err)
	}
	return n
}
