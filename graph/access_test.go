package graph_test

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// writers are the methods of DB that write. Every other method only reads,
// in read transactions, which a cluster routes to its readers
// (docs/operations.md).
var writers = []string{"ApplySchema", "RecordImport", "Wipe", "WriteBundle", "WriteChange", "RetractChange",
	// A key's own shortlists and saved searches (lists.go).
	"CreateShortlist", "RenameShortlist", "DeleteShortlist", "AddToShortlist", "RemoveFromShortlist",
	"SaveSearch", "DeleteSavedSearch",
	// thelist import's lock (importlock.go).
	"LockImport", "HeartbeatImport", "UnlockImport",
	// Lab merges and their undos (labmerge.go).
	"MergeLabs", "UnmergeLabs",
	// The backfills of facts kept at write time: thelist derive (derived.go)
	// and thelist aggregates rebuild (labagg.go), and a first load's mark
	// and its backfill at the end (firstload.go).
	"DeriveAll", "RebuildDepartures", "BeginFirstLoad", "FinishFirstLoad"}

// TestAccessMode_ReadsNeverWrite checks, from the package's source, that no
// method of DB but the writers reaches writeTx or a session in write access
// mode, directly or through the package's own functions; and that each
// writer does, so the list stays true.
func TestAccessMode_ReadsNeverWrite(t *testing.T) {
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	calls := map[string][]string{} // function or method name → the names it calls
	writes := map[string]bool{}    // calls writeTx or names AccessModeWrite itself
	var methods []string           // exported methods of DB
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			name := fn.Name.Name
			if fn.Recv != nil && len(fn.Recv.List) == 1 {
				if star, ok := fn.Recv.List[0].Type.(*ast.StarExpr); ok {
					if id, ok := star.X.(*ast.Ident); ok && id.Name == "DB" && fn.Name.IsExported() {
						methods = append(methods, name)
					}
				}
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.Ident:
					if n.Name == "writeTx" {
						writes[name] = true
					}
					calls[name] = append(calls[name], n.Name)
				case *ast.SelectorExpr:
					if n.Sel.Name == "AccessModeWrite" {
						writes[name] = true
					}
					calls[name] = append(calls[name], n.Sel.Name)
				}
				return true
			})
		}
	}
	var reaches func(name string, seen map[string]bool) bool
	reaches = func(name string, seen map[string]bool) bool {
		if writes[name] {
			return true
		}
		if seen[name] {
			return false
		}
		seen[name] = true
		for _, c := range calls[name] {
			if c != name && reaches(c, seen) {
				return true
			}
		}
		return false
	}
	sort.Strings(methods)
	if len(methods) < 15 {
		t.Fatalf("found %d methods of DB (%v): the parse went wrong", len(methods), methods)
	}
	for _, m := range methods {
		w := reaches(m, map[string]bool{})
		switch {
		case w && !slices.Contains(writers, m):
			t.Errorf("DB.%s reaches a write transaction: reads must use readTx (or add it to writers and docs/operations.md)", m)
		case !w && slices.Contains(writers, m):
			t.Errorf("DB.%s is listed as a writer but never opens a write transaction", m)
		}
	}
}

// TestAccessMode_ReadTxRefusesWrites checks against Neo4j that the
// transaction of every read is opened in read access mode: Neo4j refuses a
// write in it.
func TestAccessMode_ReadTxRefusesWrites(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	if err := graph.RunInReadTx(ctx, db, "RETURN 1"); err != nil {
		t.Fatalf("a read in readTx: %v", err)
	}
	err := graph.RunInReadTx(ctx, db, "CREATE (:AccessModeProbe)")
	if err == nil {
		t.Fatal("a CREATE in readTx succeeded: reads are not in read access mode")
	}
	if !strings.Contains(err.Error(), "read access mode") && !strings.Contains(err.Error(), "AccessMode") {
		t.Errorf("error = %v, want Neo4j's refusal of a write in read access mode", err)
	}
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !empty {
		t.Error("the probe node was written")
	}
}

// Every transaction of a DB waits for the ones it committed before: the
// sessions share one bookmark manager, which each commit moves on, so a
// read after a write on a cluster's lagging reader still sees the write.
func TestSessions_CausallyChained(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	before, err := db.Bookmarks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.WriteBundle(ctx, fixture()); err != nil {
		t.Fatal(err)
	}
	afterWrite, err := db.Bookmarks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(afterWrite) == 0 || slices.Equal(afterWrite, before) {
		t.Fatalf("bookmarks after a write = %q, before %q: the write's session does not report to the DB's bookmark manager", afterWrite, before)
	}
	if _, err := db.WriteBundle(ctx, thelist.Bundle{Sources: []thelist.Source{{ID: "s3", Publisher: "P", Title: "T"}}}); err != nil {
		t.Fatal(err)
	}
	afterSecond, err := db.Bookmarks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(afterSecond) != 1 || slices.Contains(afterSecond, afterWrite[0]) {
		t.Errorf("bookmarks after a second write = %q, after the first %q: want one, newer", afterSecond, afterWrite)
	}
}

// WarmUp plans the slow statements by running them on ids that match
// nothing: one statement for the path search, the alumni, the person page,
// the lab page's people and each of its two flows, and one per
// candidates filter shape; no error, nothing written. The first page of each
// shape, as the web app asks for it (first: 20, no cursor), then sends a
// statement that WarmUp sent, with parameters of the same types and sizes:
// the key of Neo4j's plan cache, so that page finds its plan cached.
func TestWarmUp(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	warmed := map[string]string{} // statement → its parameters' cache key
	db.ObserveStatements(func(cypher string, params map[string]any) { warmed[cypher] = planCacheKey(params) })
	before := db.Queries()
	if err := db.WarmUp(ctx); err != nil {
		t.Fatalf("WarmUp: %v", err)
	}
	// Besides the path search, the alumni, the person page, the lab page's
	// people, its two flows and one statement per candidates filter,
	// WarmUp reads the path index (a statement per kind of link and its
	// freshness), plans the index's links query for each chain length and
	// asks whether the stored derived facts serve: a fixed number, never
	// one per record.
	least := int64(6 + len(graph.WarmUpCandidateFilters))
	if got := db.Queries() - before; got < least || got > least+24 {
		t.Errorf("WarmUp sent %d statements, want %d (path, alumni, person, lab page, 2 flows and %d candidates filters) to %d with the path index's",
			got, least, len(graph.WarmUpCandidateFilters), least+24)
	}
	if n, r := counts(t); n != 0 || r != 0 {
		t.Errorf("WarmUp left %d nodes and %d relationships, want none", n, r)
	}

	for _, f := range graph.WarmUpCandidateFilters {
		var sent, key string
		db.ObserveStatements(func(cypher string, params map[string]any) { sent, key = cypher, planCacheKey(params) })
		if _, err := db.Candidates(ctx, f, thelist.Credentials, 20, ""); err != nil {
			t.Fatalf("candidates %+v: %v", f, err)
		}
		if warmedKey, ok := warmed[sent]; !ok {
			t.Errorf("the first page of %+v sends a statement WarmUp did not", f)
		} else if warmedKey != key {
			t.Errorf("the first page of %+v has parameters %s, WarmUp's %s: another plan", f, key, warmedKey)
		}
	}
	db.ObserveStatements(nil)
}

// planCacheKey describes parameters as Neo4j's plan cache tells them
// apart: by name and type, and strings by the order of magnitude of their
// length (see warmUpID).
func planCacheKey(params map[string]any) string {
	var keys []string
	for k, v := range params {
		desc := fmt.Sprintf("%T", v)
		if s, ok := v.(string); ok {
			desc += fmt.Sprintf("(%d digits)", len(strconv.Itoa(len(s))))
		}
		keys = append(keys, k+":"+desc)
	}
	sort.Strings(keys)
	return strings.Join(keys, ",")
}

// A context's own transaction timeout (the warm-up's) replaces the DB's for
// the reads made with it: a statement that runs for seconds is stopped by
// Neo4j at 10 ms.
func TestReadTx_ContextTimeout(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := graph.WithTxTimeout(context.Background(), 10*time.Millisecond)
	start := time.Now()
	err := graph.RunInReadTx(ctx, db, "UNWIND range(1, 500000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x)")
	if thelist.ErrorCode(err) != thelist.ETIMEOUT {
		t.Fatalf("err = %v, want TIMEOUT", err)
	}
	if elapsed := time.Since(start); elapsed > 20*time.Second {
		t.Errorf("stopped after %s, want about the 10 ms timeout", elapsed)
	}
	// Without it, the same DB's reads keep its own timeout.
	if err := graph.RunInReadTx(context.Background(), db, "RETURN 1"); err != nil {
		t.Errorf("RETURN 1 with the DB's timeout: %v", err)
	}
}
