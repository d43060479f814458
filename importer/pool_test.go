package importer

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/thelist/thelist"
)

// overlapStore is a Store whose WriteBundle notes which kinds are being
// written at once. It holds each write until a second one has started (or
// a short while has passed), so that writes which may overlap do.
type overlapStore struct {
	fakeStore
	mu       sync.Mutex
	inFlight map[*thelist.Bundle][]string
	overlaps [][]string // for each write that started while others ran: its kinds, then theirs
	started  chan struct{}
}

func (s *overlapStore) WriteBundle(ctx context.Context, b thelist.Bundle) (thelist.ImportResult, error) {
	kinds := bundleKinds(b)
	s.mu.Lock()
	if s.inFlight == nil {
		s.inFlight = map[*thelist.Bundle][]string{}
	}
	if len(s.inFlight) > 0 {
		seen := slices.Clone(kinds)
		for _, other := range s.inFlight {
			seen = append(seen, "|")
			seen = append(seen, other...)
		}
		s.overlaps = append(s.overlaps, seen)
	}
	s.inFlight[&b] = kinds
	s.mu.Unlock()
	select { // tell a waiting write that this one started, or wait for one
	case s.started <- struct{}{}:
	case <-s.started:
	case <-time.After(50 * time.Millisecond):
	case <-ctx.Done():
	}
	s.mu.Lock()
	delete(s.inFlight, &b)
	s.mu.Unlock()
	return thelist.ImportResult{Counts: createdCounts(b)}, nil
}

// bundleKinds lists the kinds b holds, sorted.
func bundleKinds(b thelist.Bundle) []string {
	kinds := slices.Collect(maps.Keys(kindLens(b)))
	slices.Sort(kinds)
	return kinds
}

func TestImport_WritersOverlapOnlyBatchesOfOneKind(t *testing.T) {
	files := map[string]string{
		"sources.csv": "id,publisher,title\ns1,P,T\n",
		"labs.csv":    "id,name,kind,sources\nl1,L1,company,s1\nl2,L2,company,s1\nl3,L3,company,s1\nl4,L4,company,s1\nl5,L5,company,s1\n",
		"people.csv":  "id,name,sources\na,A,s1\nb,B,s1\nc,C,s1\nd,D,s1\ne,E,s1\nf,F,s1\n",
		"stints.csv":  "id,person_id,lab_id,sources\nt1,a,l1,s1\nt2,b,l2,s1\nt3,c,l3,s1\nt4,d,l4,s1\n",
	}
	store := &overlapStore{fakeStore: fakeStore{knowAll: true}, started: make(chan struct{})}
	rep, err := Import(testContext(t), store, writeBundle(t, files), Options{BatchSize: 2, Writers: 3})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if len(store.overlaps) == 0 {
		t.Fatal("no two batches were written at once; want people and stints batches to overlap")
	}
	kindsSeen := map[string]bool{}
	for _, o := range store.overlaps {
		kinds := strings.Split(strings.Join(o, " "), " | ")
		for _, k := range kinds {
			if k != kinds[0] || strings.Contains(k, " ") || k == thelist.KindLabs {
				t.Errorf("overlapping batches %q: want only batches of one kind, never labs", o)
				break
			}
		}
		kindsSeen[kinds[0]] = true
	}
	if !kindsSeen[thelist.KindPeople] || !kindsSeen[thelist.KindStints] {
		t.Errorf("overlaps %q: want batches of people and of stints to overlap", store.overlaps)
	}
	for kind, n := range map[string]int{thelist.KindLabs: 5, thelist.KindPeople: 6, thelist.KindStints: 4} {
		if got := rep.Counts[kind].Created; got != n {
			t.Errorf("Counts[%s].Created: got %d, want %d", kind, got, n)
		}
	}
}

// failingStore fails the write of the batch that holds the person "c".
type failingStore struct{ fakeStore }

func (s *failingStore) WriteBundle(_ context.Context, b thelist.Bundle) (thelist.ImportResult, error) {
	for _, p := range b.People {
		if p.ID == "c" {
			return thelist.ImportResult{}, errWrite
		}
	}
	return thelist.ImportResult{Counts: createdCounts(b)}, nil
}

func TestImport_WritersStopAtTheFirstFailure(t *testing.T) {
	files := map[string]string{
		"sources.csv": "id,publisher,title\ns1,P,T\n",
		"people.csv":  "id,name,sources\na,A,s1\nb,B,s1\nc,C,s1\nd,D,s1\n",
		"stints.csv":  "id,person_id,lab_id,sources\nt1,a,l1,s1\n",
		"labs.csv":    "id,name,kind,sources\nl1,L1,company,s1\n",
	}
	store := &failingStore{fakeStore{knowAll: true}}
	_, err := Import(testContext(t), store, writeBundle(t, files), Options{BatchSize: 2, Writers: 2})
	if !errors.Is(err, errWrite) {
		t.Fatalf("Import: got %v, want the write error", err)
	}
	if !strings.Contains(err.Error(), "people.csv:") || !strings.Contains(err.Error(), "running the same import again finishes the job") {
		t.Errorf("error %q: want the file of the failed batch and how to finish", err)
	}
}
