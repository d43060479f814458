package graph_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/importer"
	"github.com/thelist/thelist/internal/neo4jtest"
	"github.com/thelist/thelist/synth"
)

// perWriteStore is the database as an importer's store that does not defer
// (no first load): every batch keeps its people's facts in its own
// transaction, as every import did before first loads deferred them.
type perWriteStore struct{ *graph.DB }

func (perWriteStore) BeginFirstLoad(context.Context) (bool, error) { return false, nil }

// watchedStore is the database as an importer's store that counts the
// batches written with and without DeferFacts, and, when stopAtLateKind,
// fails the first batch of a kind written after stints, the way a Neo4j
// that goes away (or an import that is killed) stops a load midway.
type watchedStore struct {
	*graph.DB
	stopAtLateKind bool
	mu             sync.Mutex
	deferred, kept int
}

func (s *watchedStore) WriteBundle(ctx context.Context, b thelist.Bundle) (thelist.ImportResult, error) {
	s.mu.Lock()
	if b.DeferFacts {
		s.deferred++
	} else {
		s.kept++
	}
	s.mu.Unlock()
	late := len(b.Offers) + len(b.Moves) + len(b.Recruitments) + len(b.Investments) + len(b.Deals) + len(b.Groups) + len(b.Memberships)
	if s.stopAtLateKind && late > 0 {
		return thelist.ImportResult{}, thelist.Errorf(thelist.EUNAVAILABLE, "the database is not answering")
	}
	return s.DB.WriteBundle(ctx, b)
}

// recordedProgress keeps what a backfill stage reported.
type recordedProgress struct {
	mu           sync.Mutex
	total, added int
	finished     bool
}

func (p *recordedProgress) Start(total int) { p.mu.Lock(); p.total = total; p.mu.Unlock() }
func (p *recordedProgress) Add(n int)       { p.mu.Lock(); p.added += n; p.mu.Unlock() }
func (p *recordedProgress) Finish()         { p.mu.Lock(); p.finished = true; p.mu.Unlock() }

// loadDump is every node and relationship of the test database with every
// property, but the import log and lock (whose times differ from load to
// load), one sorted line each.
func loadDump(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		`MATCH (n) WHERE NOT n:ImportRun AND NOT n:ImportLock
		 RETURN 'node ' + reduce(s = '', l IN labels(n) | s + ':' + l) AS head, properties(n) AS props`,
		`MATCH (a)-[r]->(b) WHERE NOT a:ImportRun
		 RETURN 'rel ' + labels(a)[0] + ':' + coalesce(a.id, '') + '-[' + type(r) + ']->' + labels(b)[0] + ':' + coalesce(b.id, '') AS head,
			properties(r) AS props`,
	} {
		for _, rec := range neo4jtest.Query(t, q, nil).Records {
			m := rec.AsMap()
			props, _ := m["props"].(map[string]any)
			out = append(out, fmt.Sprint(m["head"])+" "+sortedProps(props))
		}
	}
	slices.Sort(out)
	return out
}

func assertSameGraph(t *testing.T, what string, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	n := 0
	for _, l := range want {
		if !slices.Contains(got, l) && n < 10 {
			t.Errorf("%s: only in the per-write load: %s", what, l)
			n++
		}
	}
	for _, l := range got {
		if !slices.Contains(want, l) && n < 20 {
			t.Errorf("%s: only in the deferred load: %s", what, l)
			n++
		}
	}
	t.Fatalf("%s: the graphs differ (%d vs %d lines)", what, len(want), len(got))
}

func assertDeparturesKept(t *testing.T, db *graph.DB) {
	t.Helper()
	bad, n, differ, err := db.CheckDepartures(context.Background(), 5, nil)
	if err != nil {
		t.Fatalf("check departures: %v", err)
	}
	if n == 0 || differ != 0 {
		t.Errorf("check departures: %d of %d people differ (%+v), want 0 of some", differ, n, bad)
	}
}

// TestFirstLoad_DefersAndEqualsPerWrite loads a generated bundle into an
// empty database twice: keeping the facts batch by batch (as imports did
// before), and as a first load, whose batches skip them and whose backfill
// works them out at the end. The two graphs are equal, property for
// property, derived facts, departures and DerivedState included, and the
// check finds nothing. A first load stopped midway leaves the facts marked
// incomplete, so reads compute credentials at query time and give what the
// records say; running the import again finishes it. An import into the
// loaded database keeps the facts per write again.
func TestFirstLoad_DefersAndEqualsPerWrite(t *testing.T) {
	gen := t.TempDir()
	if _, err := synth.Generate(synth.Config{People: 300, Seed: 11}, gen); err != nil {
		t.Fatalf("generate: %v", err)
	}
	ctx := context.Background()
	opts := importer.Options{BatchSize: 400, Writers: 2}
	cfg := neo4jtest.Config()
	cfg.TxTimeout = 5 * time.Minute

	// The reference: every batch keeps its facts.
	neo4jtest.Open(t)
	db := neo4jtest.Connect(t, cfg)
	rep, err := importer.Import(ctx, perWriteStore{db}, gen, opts)
	if err != nil {
		t.Fatalf("per-write import: %v", err)
	}
	if rep.FirstLoad {
		t.Fatal("per-write import: reported as a first load")
	}
	assertNoDerivedFindings(t, db)
	assertDeparturesKept(t, db)
	want := loadDump(t)
	if !slices.ContainsFunc(want, func(l string) bool { return strings.HasPrefix(l, "node :Departure ") }) ||
		!slices.ContainsFunc(want, func(l string) bool { return strings.Contains(l, "credAiPhd=") }) {
		t.Fatal("the per-write load kept no departures or no derived facts: nothing to compare")
	}

	t.Run("first load", func(t *testing.T) {
		if err := db.Wipe(ctx); err != nil {
			t.Fatal(err)
		}
		store := &watchedStore{DB: db}
		var derived, departures recordedProgress
		o := opts
		o.Backfill = func(stage string) importer.Progress {
			if stage == "derived facts" {
				return &derived
			}
			return &departures
		}
		rep, err := importer.Import(ctx, store, gen, o)
		if err != nil {
			t.Fatalf("first load: %v", err)
		}
		if !rep.FirstLoad || store.deferred == 0 || store.kept != 0 {
			t.Fatalf("first load: FirstLoad %v, %d batches deferred and %d kept facts; want every batch deferred",
				rep.FirstLoad, store.deferred, store.kept)
		}
		if derived.total != 300 || derived.added != 300 || !derived.finished ||
			departures.total != 300 || departures.added != 300 || !departures.finished {
			t.Errorf("backfill progress: derived %+v, departures %+v; want 300 people each, finished", &derived, &departures)
		}
		assertSameGraph(t, "first load", loadDump(t), want)
		assertStoredAgrees(t, db, nil)
		assertDeparturesKept(t, db)
		if pending, err := db.FirstLoadPending(ctx); err != nil || pending {
			t.Errorf("after the first load: pending %v (%v), want false", pending, err)
		}
	})

	t.Run("stopped midway, then run again", func(t *testing.T) {
		if err := db.Wipe(ctx); err != nil {
			t.Fatal(err)
		}
		_, err := importer.Import(ctx, &watchedStore{DB: db, stopAtLateKind: true}, gen, opts)
		if thelist.ErrorCode(err) != thelist.EUNAVAILABLE {
			t.Fatalf("stopped load: error %v, want UNAVAILABLE", err)
		}
		// People, degrees, jobs and papers are written; no one's facts are.
		m := neo4jtest.Query(t, `MATCH (p:Person) RETURN count(p) AS people,
			count(p.derivedVersion) AS derived, COUNT { MATCH (d:Departure) } AS departures`, nil).Records[0].AsMap()
		if m["people"] != int64(300) || m["derived"] != int64(0) || m["departures"] != int64(0) {
			t.Fatalf("after the stop: %v; want 300 people, no derived facts and no departures", m)
		}
		if pending, err := db.FirstLoadPending(ctx); err != nil || !pending {
			t.Errorf("after the stop: pending %v (%v), want true", pending, err)
		}
		if got := derivedFindings(t, db); len(got) != 1 || got[0].Kind != thelist.FindingDerivedStale {
			t.Errorf("check after the stop: %+v, want one %s finding", got, thelist.FindingDerivedStale)
		}
		// A reader meanwhile gets the credentials the records give: the
		// filter computes them at query time, as it does under rules whose
		// facts are not stored.
		some := false
		for _, f := range derivedFilters(nil) {
			read, err := db.Candidates(ctx, f, thelist.Credentials, 50, "")
			if err != nil {
				t.Fatalf("%+v during the load: %v", f, err)
			}
			computed, err := db.Candidates(ctx, f, queryTimeRules, 50, "")
			if err != nil {
				t.Fatalf("%+v at query time: %v", f, err)
			}
			if read.TotalCount != computed.TotalCount || !slices.Equal(pageRows(read), pageRows(computed)) {
				t.Errorf("%+v during the load: %d %v, query time gives %d %v", f,
					read.TotalCount, pageRows(read), computed.TotalCount, pageRows(computed))
			}
			some = some || computed.TotalCount > 0
		}
		if !some {
			t.Error("no filter found anyone during the load: the reads prove nothing")
		}

		// The database holds people now, and the mark makes the rerun a
		// first load all the same.
		store := &watchedStore{DB: db}
		rep, err := importer.Import(ctx, store, gen, opts)
		if err != nil {
			t.Fatalf("rerun: %v", err)
		}
		if !rep.FirstLoad || store.kept != 0 {
			t.Fatalf("rerun: FirstLoad %v, %d batches kept facts; want a first load", rep.FirstLoad, store.kept)
		}
		assertSameGraph(t, "stopped and rerun", loadDump(t), want)
		assertNoDerivedFindings(t, db)
		if pending, err := db.FirstLoadPending(ctx); err != nil || pending {
			t.Errorf("after the rerun: pending %v (%v), want false", pending, err)
		}
	})

	t.Run("later imports keep facts per write", func(t *testing.T) {
		// The database holds the bundle (the subtest before, or the first
		// load's), with no mark.
		edited := t.TempDir()
		entries, err := os.ReadDir(gen)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(gen, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if e.Name() == "stints.csv" {
				// A job's title changes.
				old := "syn-stint-0000002.1,syn-person-0000002,syn-lab-00015,software engineer,,1998-09,1999-04,"
				if !strings.Contains(string(b), old) {
					t.Fatalf("stints.csv has no line %q: the generator changed", old)
				}
				b = []byte(strings.Replace(string(b), old, strings.Replace(old, "software engineer", "research engineer", 1), 1))
			}
			if err := os.WriteFile(filepath.Join(edited, e.Name()), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		store := &watchedStore{DB: db}
		rep, err := importer.Import(ctx, store, edited, opts)
		if err != nil {
			t.Fatalf("import into the loaded database: %v", err)
		}
		if rep.FirstLoad || store.deferred != 0 {
			t.Fatalf("import into the loaded database: FirstLoad %v, %d batches deferred; want none", rep.FirstLoad, store.deferred)
		}
		if c := rep.Counts[thelist.KindStints]; c.Updated != 1 {
			t.Errorf("stints: %+v, want one updated", c)
		}
		assertNoDerivedFindings(t, db)
		assertDeparturesKept(t, db)
	})

	t.Run("a deferred batch needs the mark", func(t *testing.T) {
		_, err := db.WriteBundle(ctx, thelist.Bundle{DeferFacts: true,
			Sources: []thelist.Source{{ID: "src-deferred", Title: "Deferred"}}})
		if thelist.ErrorCode(err) != thelist.ECONFLICT {
			t.Errorf("deferred batch without the mark: %v, want CONFLICT", err)
		}
	})
}
