package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/importer"
)

// phases is what an in-process import (profileRun) measured: the first
// (validation) pass, the second (write) pass (parsing again and writing),
// and within it the time spent
// in the store's WriteBundle calls (building rows and hashes, sending them,
// and the server's work), attributed to kinds by their share of each batch.
type phases struct {
	Validate    time.Duration            // start to the first write
	WritePass   time.Duration            // first write to the last
	InStore     time.Duration            // inside WriteBundle (or PlanBundle), summed over the writers
	StoreByKind map[string]time.Duration // InStore by kind
	// WallByKind is, for each kind, the wall time from the first write of a
	// batch holding it to the end of the last: with several writers, the
	// kind's share of the import's duration.
	WallByKind map[string]time.Duration
	RowsByKind map[string]int
	Batches    int
	Record     time.Duration // RecordImport
	Backfill   time.Duration // a first load's backfill (importer.FirstLoader), after the write pass
	Total      time.Duration
	MissingIDs time.Duration // reference look-ups of the first pass
	NoDB       bool
}

// timedStore wraps a Store and times its calls.
type timedStore struct {
	importer.Store            // nil when noDB
	mu             sync.Mutex // writers call timeWrite at once
	p              phases
	spans          map[string][2]time.Time // by kind: first start, last end
}

func (s *timedStore) MissingIDs(ctx context.Context, label string, ids []string) ([]string, error) {
	t := time.Now()
	defer func() { s.p.MissingIDs += time.Since(t) }()
	if s.Store == nil {
		return nil, nil
	}
	return s.Store.MissingIDs(ctx, label, ids)
}

// EmptyKinds answers every kind without a database: a first load.
func (s *timedStore) EmptyKinds(ctx context.Context) ([]string, error) {
	if s.Store == nil {
		return thelist.Kinds, nil
	}
	return s.Store.EmptyKinds(ctx)
}

func (s *timedStore) WriteBundle(ctx context.Context, b thelist.Bundle) (thelist.ImportResult, error) {
	return s.timeWrite(b, func() (thelist.ImportResult, error) {
		if s.Store == nil {
			return fakeResult(b), nil
		}
		return s.Store.WriteBundle(ctx, b)
	})
}

func (s *timedStore) PlanBundle(ctx context.Context, b thelist.Bundle) (thelist.ImportResult, error) {
	return s.timeWrite(b, func() (thelist.ImportResult, error) {
		if s.Store == nil {
			return fakeResult(b), nil
		}
		return s.Store.PlanBundle(ctx, b)
	})
}

// BeginFirstLoad and FinishFirstLoad make the profiled import a first load
// when thelist import's would be (importer.FirstLoader).
func (s *timedStore) BeginFirstLoad(ctx context.Context) (bool, error) {
	if l, ok := s.Store.(importer.FirstLoader); ok {
		return l.BeginFirstLoad(ctx)
	}
	return false, nil
}

func (s *timedStore) FinishFirstLoad(ctx context.Context, derived, departures importer.BackfillProgress) error {
	t := time.Now()
	defer func() { s.p.Backfill += time.Since(t) }()
	return s.Store.(importer.FirstLoader).FinishFirstLoad(ctx, derived, departures)
}

func (s *timedStore) RecordImport(ctx context.Context, meta thelist.ImportMeta, res thelist.ImportResult) (string, error) {
	t := time.Now()
	defer func() { s.p.Record += time.Since(t) }()
	if s.Store == nil {
		return "no-db", nil
	}
	return s.Store.RecordImport(ctx, meta, res)
}

func (s *timedStore) timeWrite(b thelist.Bundle, write func() (thelist.ImportResult, error)) (thelist.ImportResult, error) {
	t := time.Now()
	res, err := write()
	end := time.Now()
	d := end.Sub(t)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.p.InStore += d
	s.p.Batches++
	counts := bundleCounts(b)
	total := 0
	for _, n := range counts {
		total += n
	}
	for kind, n := range counts {
		s.p.StoreByKind[kind] += time.Duration(float64(d) * float64(n) / float64(max(total, 1)))
		s.p.RowsByKind[kind] += n
		if n == 0 {
			continue
		}
		span, ok := s.spans[kind]
		if !ok || t.Before(span[0]) {
			span[0] = t
		}
		if end.After(span[1]) {
			span[1] = end
		}
		s.spans[kind] = span
		s.p.WallByKind[kind] = span[1].Sub(span[0])
	}
	return res, err
}

func bundleCounts(b thelist.Bundle) map[string]int {
	return map[string]int{
		thelist.KindSources: len(b.Sources), thelist.KindLabs: len(b.Labs), thelist.KindPeople: len(b.People),
		thelist.KindPapers: len(b.Papers), thelist.KindAuthorships: len(b.Authorships),
		thelist.KindDegrees: len(b.Degrees), thelist.KindStints: len(b.Stints), thelist.KindOffers: len(b.Offers),
		thelist.KindMoves: len(b.Moves), thelist.KindRecruitments: len(b.Recruitments),
		thelist.KindInvestments: len(b.Investments), thelist.KindGroups: len(b.Groups),
		thelist.KindMemberships: len(b.Memberships),
	}
}

func fakeResult(b thelist.Bundle) thelist.ImportResult {
	r := thelist.ImportResult{Counts: map[string]thelist.ImportCounts{}}
	for kind, n := range bundleCounts(b) {
		if n > 0 {
			r.Counts[kind] = thelist.ImportCounts{Created: n}
		}
	}
	return r
}

// profileRun is the subcommand "profile-run": importer.Import in this
// process, with a CPU profile, against the database or (-nodb) against a
// store that writes nothing, which measures the importer's own work alone.
// It prints the phases as JSON on stdout.
func profileRun(args []string) error {
	fs := flag.NewFlagSet("profile-run", flag.ExitOnError)
	cpu := fs.String("cpuprofile", "", "write a CPU profile here")
	mem := fs.String("memprofile", "", "write a heap profile when the write pass starts (the first pass has freed its id sets by then)")
	noDB := fs.Bool("nodb", false, "write nothing: a store that only counts")
	writers := fs.Int("writers", 2, "importer.Options.Writers (thelist import --writers)")
	uri := fs.String("uri", "bolt://127.0.0.1:7691", "Neo4j Bolt address")
	password := fs.String("password", "thelist-bench", "Neo4j password")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("usage: profile-run [flags] DIR")
	}
	ctx := context.Background()
	s := &timedStore{p: phases{StoreByKind: map[string]time.Duration{}, WallByKind: map[string]time.Duration{},
		RowsByKind: map[string]int{}, NoDB: *noDB}, spans: map[string][2]time.Time{}}
	if !*noDB {
		db, err := graph.Open(ctx, graph.Config{URI: *uri, User: "neo4j", Password: *password, TxTimeout: 10 * time.Minute})
		if err != nil {
			return err
		}
		defer db.Close(ctx)
		s.Store = db
	}
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer func() {
			pprof.StopCPUProfile()
			f.Close()
		}()
	}
	began := time.Now()
	prog := &phaseProgress{hook: func() {
		if *mem == "" {
			return
		}
		runtime.GC()
		if f, err := os.Create(*mem); err == nil {
			pprof.WriteHeapProfile(f)
			f.Close()
		}
	}}
	if _, err := importer.Import(ctx, s, fs.Arg(0), importer.Options{DryRun: *noDB, Writers: *writers, Progress: prog}); err != nil {
		return err
	}
	s.p.Total = time.Since(began)
	s.p.Validate = prog.start.Sub(began)
	s.p.WritePass = prog.finish.Sub(prog.start)
	return json.NewEncoder(os.Stdout).Encode(s.p)
}

// phaseProgress notes when the write pass starts (the validation pass is
// over) and ends, and calls hook at the start.
type phaseProgress struct {
	start, finish time.Time
	hook          func()
}

func (p *phaseProgress) Start(int) {
	p.hook()
	p.start = time.Now()
}
func (p *phaseProgress) Add(int) {}
func (p *phaseProgress) Finish() { p.finish = time.Now() }
