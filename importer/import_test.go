package importer

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/thelist/thelist"
)

// fivePeople is a bundle of five people citing a source in the database.
func fivePeople() map[string]string {
	var b strings.Builder
	b.WriteString("id,name,sources\n")
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&b, "p%d,Person %d,src\n", i, i)
	}
	return map[string]string{"people.csv": b.String()}
}

// recordingProgress records what Import tells its Progress.
type recordingProgress struct {
	calls []string
}

func (p *recordingProgress) Start(total int) {
	p.calls = append(p.calls, fmt.Sprintf("start %d", total))
}
func (p *recordingProgress) Add(n int) { p.calls = append(p.calls, fmt.Sprintf("add %d", n)) }
func (p *recordingProgress) Finish()   { p.calls = append(p.calls, "finish") }

func batchIDs(batches []thelist.Bundle) [][]string {
	var out [][]string
	for _, b := range batches {
		var ids []string
		for _, s := range b.Sources {
			ids = append(ids, "source "+s.ID)
		}
		for _, p := range b.People {
			ids = append(ids, "person "+p.ID)
		}
		out = append(out, ids)
	}
	return out
}

func TestImport_WritesInBatches(t *testing.T) {
	t.Run("five rows in batches of two", func(t *testing.T) {
		store := &fakeStore{knowAll: true}
		progress := &recordingProgress{}
		rep := importValid(t, store, fivePeople(), Options{BatchSize: 2, Progress: progress})
		got := batchIDs(store.writes)
		want := [][]string{{"person p1", "person p2"}, {"person p3", "person p4"}, {"person p5"}}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("WriteBundle batches: got %q, want %q", got, want)
		}
		if got, want := rep.Counts[thelist.KindPeople], (thelist.ImportCounts{Created: 5}); got != want {
			t.Errorf("Counts[people]: got %+v, want %+v (the sum of the batches)", got, want)
		}
		if got := rep.Rows[thelist.KindPeople]; got != 5 {
			t.Errorf("Rows[people]: got %d, want 5", got)
		}
		if wantCalls := []string{"start 5", "add 2", "add 2", "add 1", "finish"}; !slices.Equal(progress.calls, wantCalls) {
			t.Errorf("progress: got %q, want %q", progress.calls, wantCalls)
		}
		if len(store.recorded) != 1 || rep.RunID != fakeRunID {
			t.Errorf("RecordImport: %d calls, RunID %q; want 1 call and RunID %q", len(store.recorded), rep.RunID, fakeRunID)
		}
	})
	t.Run("a batch spans files", func(t *testing.T) {
		store := &fakeStore{}
		files := map[string]string{
			"sources.csv": "id,publisher,title\ns1,P,T\ns2,P,T\ns3,P,T\n",
			"people.csv":  "id,name,sources\nann,Ann,s1\nbob,Bob,s2\n",
		}
		rep := importValid(t, store, files, Options{BatchSize: 2})
		got := batchIDs(store.writes)
		want := [][]string{{"source s1", "source s2"}, {"source s3", "person ann"}, {"person bob"}}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("WriteBundle batches: got %q, want %q", got, want)
		}
		for kind, n := range map[string]int{thelist.KindSources: 3, thelist.KindPeople: 2} {
			if got, want := rep.Counts[kind], (thelist.ImportCounts{Created: n}); got != want {
				t.Errorf("Counts[%s]: got %+v, want %+v", kind, got, want)
			}
		}
	})
	t.Run("one batch by default", func(t *testing.T) {
		store := &fakeStore{knowAll: true}
		importValid(t, store, fivePeople(), Options{})
		if len(store.writes) != 1 || store.writes[0].Len() != 5 {
			t.Errorf("WriteBundle: got %d calls %q, want one with all 5 people", len(store.writes), batchIDs(store.writes))
		}
	})
	t.Run("a batch as large as the bundle", func(t *testing.T) {
		store := &fakeStore{knowAll: true}
		importValid(t, store, fivePeople(), Options{BatchSize: 5})
		if len(store.writes) != 1 {
			t.Errorf("WriteBundle: got %d calls %q, want 1 (no empty batch at the end)", len(store.writes), batchIDs(store.writes))
		}
	})
}

// Every batch carries the kinds the database held none of before the first
// write, and only those: the writer creates their records without a
// look-up.
func TestImport_NewKinds(t *testing.T) {
	for _, dryRun := range []bool{false, true} {
		store := &fakeStore{knowAll: true, empty: []string{thelist.KindPeople, thelist.KindPapers}}
		importValid(t, store, fivePeople(), Options{BatchSize: 2, DryRun: dryRun})
		batches := store.writes
		if dryRun {
			batches = store.plans
		}
		if len(batches) != 3 {
			t.Fatalf("dry run %v: %d batches, want 3", dryRun, len(batches))
		}
		for i, b := range batches {
			want := map[string]bool{thelist.KindPeople: true, thelist.KindPapers: true}
			if !maps.Equal(b.NewKinds, want) {
				t.Errorf("dry run %v, batch %d: NewKinds %v, want %v", dryRun, i, b.NewKinds, want)
			}
		}
	}
}

func TestImport_DryRun(t *testing.T) {
	store := &fakeStore{knowAll: true}
	rep := importValid(t, store, fivePeople(), Options{DryRun: true, BatchSize: 2})
	if len(store.writes) != 0 || len(store.recorded) != 0 {
		t.Errorf("WriteBundle called %d times, RecordImport %d times; want neither in a dry run", len(store.writes), len(store.recorded))
	}
	if got := len(store.plans); got != 3 {
		t.Errorf("PlanBundle calls: got %d, want 3", got)
	}
	if got, want := rep.Counts[thelist.KindPeople], (thelist.ImportCounts{Created: 5}); got != want {
		t.Errorf("Counts[people]: got %+v, want %+v (what PlanBundle said)", got, want)
	}
	if !rep.DryRun || rep.RunID != "" {
		t.Errorf("Report: DryRun %v, RunID %q; want true and no run", rep.DryRun, rep.RunID)
	}
}

func TestImport_WriteFailure(t *testing.T) {
	store := &fakeStore{knowAll: true, failWriteAt: 2}
	progress := &recordingProgress{}
	rep, err := Import(testContext(t), store, writeBundle(t, fivePeople()), Options{BatchSize: 2, Progress: progress})
	if err == nil {
		t.Fatal("Import: got no error, want the failure of the second batch")
	}
	t.Run("names the batch and says how to finish", func(t *testing.T) {
		// The second batch holds the rows on lines 4 and 5.
		for _, want := range []string{"people.csv:5", "connection reset by peer", "running the same import again finishes the job"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q, want it to contain %q", err, want)
			}
		}
		if !errors.Is(err, errWrite) {
			t.Errorf("error %v does not wrap the store's error", err)
		}
		var verr *ValidationError
		if errors.As(err, &verr) {
			t.Errorf("error is a *ValidationError, want a write error")
		}
	})
	t.Run("stops at the failed batch", func(t *testing.T) {
		if got := len(store.writes); got != 2 {
			t.Errorf("WriteBundle calls: got %d, want 2 (none after the failure)", got)
		}
		if len(store.recorded) != 0 {
			t.Errorf("RecordImport called %d times, want 0 for an unfinished import", len(store.recorded))
		}
	})
	t.Run("reports what was written", func(t *testing.T) {
		if got, want := rep.Counts[thelist.KindPeople], (thelist.ImportCounts{Created: 2}); got != want {
			t.Errorf("Counts[people]: got %+v, want %+v (the first batch)", got, want)
		}
		if want := []string{"start 5", "add 2", "finish"}; !slices.Equal(progress.calls, want) {
			t.Errorf("progress: got %q, want %q", progress.calls, want)
		}
	})
}

func TestImport_FileChangedBetweenPasses(t *testing.T) {
	dir := writeBundle(t, fivePeople())
	store := &fakeStore{known: map[string][]string{"Source": {"src"}}}
	// MissingIDs runs at the end of the first pass: edit the file then.
	store.onMissing = func() {
		if err := os.WriteFile(filepath.Join(dir, "people.csv"), []byte("id,name,sources\np1,,src\n"), 0o644); err != nil {
			t.Errorf("edit people.csv: %v", err)
		}
	}
	_, err := Import(testContext(t), store, dir, Options{})
	if want := "people.csv changed while it was imported: people.csv:2: name: missing"; err == nil || err.Error() != want {
		t.Errorf("Import: got %v, want %q", err, want)
	}
	if len(store.recorded) != 0 {
		t.Errorf("RecordImport called %d times, want 0", len(store.recorded))
	}
}
