package synth_test

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/importer"
	"github.com/thelist/thelist/internal/importertest"
	"github.com/thelist/thelist/synth"
)

// generate writes a bundle of n people with seed into a new temporary
// folder and returns the folder.
func generate(tb testing.TB, n int, seed uint64) (string, synth.Stats) {
	tb.Helper()
	dir := tb.TempDir()
	stats, err := synth.Generate(synth.Config{People: n, Seed: seed}, dir)
	if err != nil {
		tb.Fatalf("Generate(%d people, seed %d): %v", n, seed, err)
	}
	return dir, stats
}

// checksums returns the sha256 of every file in dir, by name.
func checksums(tb testing.TB, dir string) map[string][32]byte {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string][32]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		out[e.Name()] = sha256.Sum256(b)
	}
	return out
}

func TestGenerate_Deterministic(t *testing.T) {
	a, _ := generate(t, 3000, 7)
	b, _ := generate(t, 3000, 7)
	c, _ := generate(t, 3000, 8)
	sa, sb, sc := checksums(t, a), checksums(t, b), checksums(t, c)
	if len(sa) < 11 {
		t.Fatalf("got %d files, want every kind and the manifest", len(sa))
	}
	for name, sum := range sa {
		if sb[name] != sum {
			t.Errorf("%s: two runs with seed 7 differ", name)
		}
	}
	if sa["people.csv"] == sc["people.csv"] || sa["stints.csv"] == sc["stints.csv"] {
		t.Errorf("seeds 7 and 8 wrote the same people or stints")
	}
}

func TestGenerate_ValidBundle(t *testing.T) {
	dir, stats := generate(t, 2000, 1)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rep, err := importer.Import(ctx, importertest.EmptyStore{TB: t}, dir, importer.Options{DryRun: true})
	if err != nil {
		t.Fatalf("import of the generated bundle: %v", err)
	}
	for _, kind := range thelist.Kinds {
		if got, want := rep.Rows[kind], stats.Rows[kind]; got != want {
			t.Errorf("%s: importer read %d rows, Generate reports %d", kind, got, want)
		}
		if stats.Rows[kind] == 0 {
			t.Errorf("%s: no rows", kind)
		}
	}

	// The check above means something only if the fake store makes a
	// reference outside the bundle fail.
	t.Run("a reference outside the bundle fails", func(t *testing.T) {
		f, err := os.OpenFile(filepath.Join(dir, "moves.csv"), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, err = io.WriteString(f, "syn-move-extra,syn-person-0000001,,syn-lab-99999,,,,synthetic\n")
		if err = errors.Join(err, f.Close()); err != nil {
			t.Fatal(err)
		}
		_, err = importer.Import(ctx, importertest.EmptyStore{TB: t}, dir, importer.Options{DryRun: true})
		if err == nil || !strings.Contains(err.Error(), "syn-lab-99999") {
			t.Errorf("import with a move to an unknown lab: got %v, want an error naming syn-lab-99999", err)
		}
	})
}

// readCSV calls fn with every record of a bundle file, by column name.
func readCSV(tb testing.TB, dir, kind string, fn func(rec map[string]string)) {
	tb.Helper()
	f, err := os.Open(filepath.Join(dir, kind+".csv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		tb.Fatalf("%s: %v", kind, err)
	}
	rec := map[string]string{}
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			return
		} else if err != nil {
			tb.Fatalf("%s: %v", kind, err)
		}
		for i, v := range row {
			rec[header[i]] = v
		}
		fn(rec)
	}
}

// sortedCounts returns the values of m, largest first.
func sortedCounts(m map[string]int) []int {
	out := make([]int, 0, len(m))
	for _, n := range m {
		out = append(out, n)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(out)))
	return out
}

func TestGenerate_Shape(t *testing.T) {
	const people = 5000
	dir, stats := generate(t, people, 1)

	t.Run("lab sizes are heavy-tailed", func(t *testing.T) {
		byLab := map[string]int{}
		readCSV(t, dir, thelist.KindStints, func(r map[string]string) { byLab[r["lab_id"]]++ })
		sizes := sortedCounts(byLab)
		largest, median := sizes[0], sizes[len(sizes)/2]
		if largest < 20*median {
			t.Errorf("largest lab has %d stints, median %d: want at least 20 times", largest, median)
		}
		if got := stats.Rows[thelist.KindLabs]; got != people/50 {
			t.Errorf("got %d labs, want %d", got, people/50)
		}
	})

	t.Run("a few people hold many authorships", func(t *testing.T) {
		byPerson := map[string]int{}
		readCSV(t, dir, thelist.KindAuthorships, func(r map[string]string) { byPerson[r["person_id"]]++ })
		counts := sortedCounts(byPerson)
		total, top := 0, 0
		for i, n := range counts {
			total += n
			if i < people/100 {
				top += n
			}
		}
		if share := float64(top) / float64(total); share < 0.15 {
			t.Errorf("top 1%% of people hold %.1f%% of %d authorships, want at least 15%%", 100*share, total)
		}
		if counts[0] < 100 {
			t.Errorf("the most prolific person has %d authorships, want 100 or more", counts[0])
		}
	})

	t.Run("moves and recruitments", func(t *testing.T) {
		if moves := stats.Rows[thelist.KindMoves]; moves < people/2 {
			t.Errorf("got %d moves for %d people, want at least %d", moves, people, people/2)
		}
		byRecruiter := map[string]int{}
		readCSV(t, dir, thelist.KindRecruitments, func(r map[string]string) { byRecruiter[r["recruiter_id"]]++ })
		counts := sortedCounts(byRecruiter)
		if len(counts) == 0 {
			t.Fatal("no recruitments")
		}
		median := counts[len(counts)/2]
		if counts[0] < 20 || counts[0] < 10*median {
			t.Errorf("the busiest recruiter has %d recruits, the median %d: want at least 20 and 10 times the median", counts[0], median)
		}
		withRecruiter := 0
		readCSV(t, dir, thelist.KindMoves, func(r map[string]string) {
			if r["recruiter_id"] != "" {
				withRecruiter++
			}
		})
		if got, want := withRecruiter, stats.Rows[thelist.KindRecruitments]; got != want {
			t.Errorf("%d moves name a recruiter, want one per recruitment (%d)", got, want)
		}
	})

	t.Run("careers", func(t *testing.T) {
		phd, aiPhD, current := 0, 0, 0
		aiFields := []string{"machine learning", "computer vision", "natural language processing",
			"artificial intelligence", "robotics", "reinforcement learning"}
		readCSV(t, dir, thelist.KindDegrees, func(r map[string]string) {
			if r["degree"] == thelist.DegreePhD {
				phd++
				if r["completed"] == "true" && slices.Contains(aiFields, r["field"]) {
					aiPhD++
				}
			}
		})
		readCSV(t, dir, thelist.KindStints, func(r map[string]string) {
			if r["end"] == "" {
				current++
			}
		})
		if share := float64(phd) / people; share < 0.25 || share > 0.35 {
			t.Errorf("%.0f%% of people have a PhD, want about 30%%", 100*share)
		}
		if aiPhD == 0 || aiPhD == phd {
			t.Errorf("%d of %d PhDs are completed AI PhDs: want some, not all", aiPhD, phd)
		}
		if current < people/2 {
			t.Errorf("%d stints without an end for %d people: want most careers to go on", current, people)
		}
	})
}

// TestGenerate_BoundedMemory generates 100,000 people and checks that the
// heap never grew past 200 MB: generation streams, and keeps only labs.
func TestGenerate_BoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 100,000 people")
	}
	const people = 100_000
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	began := time.Now()
	_, stats := generate(t, people, 1)
	close(done)
	wg.Wait()
	t.Logf("%d people: %d rows in %s, peak heap %.1f MB", people, total(stats), time.Since(began).Round(time.Millisecond),
		float64(peak.Load())/(1<<20))
	if got := peak.Load(); got > 200<<20 {
		t.Errorf("peak heap %.1f MB, want below 200 MB", float64(got)/(1<<20))
	}
}

func total(s synth.Stats) int {
	n := 0
	for _, r := range s.Rows {
		n += r
	}
	return n
}
