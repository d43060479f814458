package api

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// heldStore is the real store with an alumni read that signals when it
// starts and returns (an empty answer) only when released, whatever its
// context says: a heavy read keeping its slot for as long as the test
// wants, however fast or slow the database is.
type heldStore struct {
	*graph.DB
	entered, release chan struct{}
}

func (s heldStore) LabAlumni(ctx context.Context, q thelist.AlumniQuery) (thelist.LabAlumni, error) {
	s.entered <- struct{}{}
	<-s.release
	return thelist.LabAlumni{}, ctx.Err()
}

const alumniQuery = `{ labAlumni(lab: "nowhere") { count } }`

// heavyWaiting reads thelist_heavy_reads_waiting from /metrics.
func heavyWaiting(t *testing.T, url string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^thelist_heavy_reads_waiting (\S+)$`).FindSubmatch(getMetrics(t, url))
	if m == nil {
		t.Fatalf("no thelist_heavy_reads_waiting in /metrics")
	}
	return string(m[1])
}

// With one slot, a second heavy read waits for the first to finish, while a
// light read is answered at once.
func TestAdmission_HeavyReadsTakeTurns(t *testing.T) {
	store := heldStore{neo4jtest.Open(t), make(chan struct{}, 2), make(chan struct{}, 2)}
	cfg := DefaultConfig()
	cfg.Limits.HeavyReads = 1
	ts := tpServer(t, store, cfg)

	answers := make(chan tpResponse, 2)
	ask := func() { answers <- tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(alumniQuery)) }
	go ask()
	<-store.entered // the first holds the slot
	go ask()
	deadline := time.Now().Add(10 * time.Second)
	for heavyWaiting(t, ts.URL) != "1" {
		if time.Now().After(deadline) {
			t.Fatal("the second heavy read never waited")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case <-store.entered:
		t.Fatal("the second heavy read ran while the first held the only slot")
	default:
	}

	light := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(`{ person(id: "nobody") { name } }`))
	if light.status != http.StatusOK || len(light.Errors) > 0 {
		t.Errorf("light read while the slot is held: status %d, codes %v (%s)", light.status, light.codes(), light.body)
	}

	store.release <- struct{}{}
	select {
	case <-store.entered: // the second got the slot
	case <-time.After(10 * time.Second):
		t.Fatal("the second heavy read did not start after the first finished")
	}
	store.release <- struct{}{}
	for range 2 {
		if r := <-answers; r.status != http.StatusOK || slices.Contains(r.codes(), thelist.ETIMEOUT) {
			t.Errorf("heavy read: status %d, codes %v (%s)", r.status, r.codes(), r.body)
		}
	}
	if got := heavyWaiting(t, ts.URL); got != "0" {
		t.Errorf("waiting after both = %s, want 0", got)
	}
}

// A heavy read that cannot get a slot before its request's timeout is
// answered TIMEOUT and never reaches the store.
func TestAdmission_WaitEndsAtTheRequestTimeout(t *testing.T) {
	store := heldStore{neo4jtest.Open(t), make(chan struct{}, 2), make(chan struct{}, 2)}
	cfg := DefaultConfig()
	cfg.Limits.HeavyReads = 1
	cfg.Limits.Timeout = 200 * time.Millisecond
	ts := tpServer(t, store, cfg)
	t.Cleanup(func() { store.release <- struct{}{} }) // before the server closes

	first := make(chan tpResponse, 1)
	go func() { first <- tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(alumniQuery)) }()
	<-store.entered
	start := time.Now()
	r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(`{ people(first: 1) { totalCount } }`))
	if !slices.Equal(r.codes(), []string{thelist.ETIMEOUT}) {
		t.Errorf("waiting heavy read: codes %v (%s), want [TIMEOUT]", r.codes(), r.body)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("answered after %s, want about the 200ms timeout", elapsed)
	}
	select {
	case <-store.entered:
		t.Error("a heavy read reached the store without a slot")
	default:
	}
	<-first
}

// Without a limit (0), heavy reads are not held back.
func TestAdmission_Off(t *testing.T) {
	if newAdmission(0, newMetrics()) != nil {
		t.Fatal("HeavyReads 0 made an admission limit")
	}
}
