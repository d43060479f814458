package api

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// heldStore is the real store with an alumni read (a heavy read) and a path
// search that signal when they start and return (an empty answer) only
// when released, whatever their context says: a request keeping its slot
// for as long as the test wants, however fast or slow the database is.
type heldStore struct {
	*graph.DB
	entered, release chan struct{}
}

func newHeldStore(t *testing.T) heldStore {
	return heldStore{neo4jtest.Open(t), make(chan struct{}, 2), make(chan struct{}, 2)}
}

func (s heldStore) LabAlumni(ctx context.Context, q thelist.AlumniQuery) (thelist.LabAlumni, error) {
	s.entered <- struct{}{}
	<-s.release
	return thelist.LabAlumni{}, ctx.Err()
}

func (s heldStore) Path(ctx context.Context, q thelist.PathQuery) (*thelist.Path, error) {
	s.entered <- struct{}{}
	<-s.release
	return nil, ctx.Err()
}

const (
	alumniQuery     = `{ labAlumni(lab: "nowhere") { count } }`
	pathSearchQuery = `{ path(from: "a", to: "b") { length } }`
)

// waiting reads a gauge (thelist_heavy_reads_waiting, say) from /metrics.
func waiting(t *testing.T, url, gauge string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + gauge + ` (\S+)$`).FindSubmatch(getMetrics(t, url))
	if m == nil {
		t.Fatalf("no %s in /metrics", gauge)
	}
	return string(m[1])
}

// holdAndQueue sends two requests of one kind with one slot: the first
// holds it, and the second waits, as the gauge shows. Their answers come
// on the channel once the store is released twice.
func holdAndQueue(t *testing.T, url string, store heldStore, query, gauge string) chan tpResponse {
	t.Helper()
	answers := make(chan tpResponse, 2)
	ask := func() { answers <- tpDo(t, http.MethodPost, url+"/graphql", tpQuery(query)) }
	go ask()
	<-store.entered // the first holds the slot
	go ask()
	deadline := time.Now().Add(10 * time.Second)
	for waiting(t, url, gauge) != "1" {
		if time.Now().After(deadline) {
			t.Fatalf("the second request never waited (%s)", gauge)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return answers
}

// With one slot, a second heavy read waits for the first to finish, and a
// second path search for the first, while a request of another kind is
// answered at once: path searches have slots of their own.
func TestAdmission_TakeTurns(t *testing.T) {
	for _, k := range []struct{ name, query, gauge, other string }{
		{"heavy reads", alumniQuery, "thelist_heavy_reads_waiting", `{ person(id: "nobody") { name } }`},
		{"path searches", pathSearchQuery, "thelist_path_searches_waiting", `{ people(first: 1) { totalCount } }`},
	} {
		t.Run(k.name, func(t *testing.T) {
			store := newHeldStore(t)
			cfg := DefaultConfig()
			cfg.Limits.HeavyReads, cfg.Admission.PathSearches = 1, 1
			ts := tpServer(t, store, cfg)
			answers := holdAndQueue(t, ts.URL, store, k.query, k.gauge)
			select {
			case <-store.entered:
				t.Fatal("the second request ran while the first held the only slot")
			default:
			}

			other := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(k.other))
			if other.status != http.StatusOK || len(other.Errors) > 0 {
				t.Errorf("%s while the slot is held: status %d, codes %v (%s)", k.other, other.status, other.codes(), other.body)
			}

			store.release <- struct{}{}
			select {
			case <-store.entered: // the second got the slot
			case <-time.After(10 * time.Second):
				t.Fatal("the second request did not start after the first finished")
			}
			store.release <- struct{}{}
			for range 2 {
				if r := <-answers; r.status != http.StatusOK || slices.Contains(r.codes(), thelist.ETIMEOUT) ||
					slices.Contains(r.codes(), thelist.EOVERLOADED) {
					t.Errorf("an admitted request: status %d, codes %v (%s)", r.status, r.codes(), r.body)
				}
			}
			if got := waiting(t, ts.URL, k.gauge); got != "0" {
				t.Errorf("waiting after both = %s, want 0", got)
			}
		})
	}
}

// A heavy read that cannot get a slot within the longest wait is refused
// OVERLOADED, with 503 and Retry-After, before its request's timeout, and
// never reaches the store.
func TestAdmission_WaitIsBounded(t *testing.T) {
	store := newHeldStore(t)
	cfg := DefaultConfig()
	cfg.Limits.HeavyReads = 1
	cfg.Admission.MaxWait = 200 * time.Millisecond
	ts := tpServer(t, store, cfg)
	t.Cleanup(func() { store.release <- struct{}{} }) // before the server closes

	first := make(chan tpResponse, 1)
	go func() { first <- tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(alumniQuery)) }()
	<-store.entered
	start := time.Now()
	r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(`{ people(first: 1) { totalCount } }`), "Accept", tGQL)
	if !slices.Equal(r.codes(), []string{thelist.EOVERLOADED}) {
		t.Errorf("waiting heavy read: codes %v (%s), want [OVERLOADED]", r.codes(), r.body)
	}
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
		t.Errorf("waiting heavy read: status %d, Retry-After %q; want 503 and a Retry-After", r.status, r.header.Get("Retry-After"))
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("answered after %s, want about the 200ms longest wait", elapsed)
	}
	select {
	case <-store.entered:
		t.Error("a heavy read reached the store without a slot")
	default:
	}
	store.release <- struct{}{}
	if r := <-first; len(r.Errors) > 0 {
		t.Errorf("the admitted heavy read: codes %v, want an answer", r.codes())
	}
}

// With the queue full, one more heavy read is refused at once, even with
// the default 5 s longest wait, and with application/json too.
func TestAdmission_FullQueueIsShedAtOnce(t *testing.T) {
	store := newHeldStore(t)
	cfg := DefaultConfig()
	cfg.Limits.HeavyReads = 1
	cfg.Admission.MaxQueue = 1
	ts := tpServer(t, store, cfg)
	answers := holdAndQueue(t, ts.URL, store, alumniQuery, "thelist_heavy_reads_waiting")
	start := time.Now()
	r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(alumniQuery))
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("the third heavy read was refused after %s, want at once", elapsed)
	}
	if !slices.Equal(r.codes(), []string{thelist.EOVERLOADED}) || r.status != http.StatusServiceUnavailable {
		t.Errorf("third heavy read: status %d, codes %v (%s); want 503 OVERLOADED", r.status, r.codes(), r.body)
	}
	store.release <- struct{}{}
	<-store.entered
	store.release <- struct{}{}
	for range 2 {
		if r := <-answers; len(r.Errors) > 0 {
			t.Errorf("an admitted heavy read: codes %v, want an answer", r.codes())
		}
	}
	if m := regexp.MustCompile(`(?m)^thelist_shed_total\{kind="heavy"\} 1$`); !m.Match(getMetrics(t, ts.URL)) {
		t.Error(`/metrics: want thelist_shed_total{kind="heavy"} 1`)
	}
}

// When recent requests held their slot so long that the wait would pass
// the longest wait, a request is refused at once rather than queued: the
// estimate is a turn of the slots, as long as the recent hold times, for
// every slots' worth of requests ahead.
func TestAdmission_ExpectedWait(t *testing.T) {
	a := DefaultAdmission()
	a.MaxWait = 5 * time.Second
	g := newGate(2, a, newMetrics(), prometheus.NewCounter(prometheus.CounterOpts{Name: "shed"}),
		prometheus.GaugeOpts{Name: "waiting"}, prometheus.HistogramOpts{Name: "wait"})
	for _, c := range []struct {
		running, queued int
		hold, want      time.Duration
	}{
		{0, 0, time.Second, 0},
		{1, 0, time.Second, 0},
		{2, 0, time.Second, time.Second},
		{2, 1, time.Second, time.Second},
		{2, 2, time.Second, 2 * time.Second},
		{2, 9, time.Second, 5 * time.Second},
		{2, 10, time.Second, 6 * time.Second},
	} {
		g.running, g.queued, g.holdTime = c.running, c.queued, c.hold
		if got := g.expectedWait(); got != c.want {
			t.Errorf("%d running, %d queued, %s hold: expected wait %s, want %s", c.running, c.queued, c.hold, got, c.want)
		}
	}
	g.running, g.queued, g.holdTime = 2, 10, time.Second
	if _, err := g.admit(context.Background()); thelist.ErrorCode(err) != thelist.EOVERLOADED && !isOverloaded(err) {
		t.Errorf("admit with a 6 s expected wait: %v, want OVERLOADED", err)
	}
}

func isOverloaded(err error) bool {
	var oe overloadError
	return errors.As(err, &oe) && oe.code == thelist.EOVERLOADED
}

// Without a limit (0), heavy reads are not held back.
func TestAdmission_Off(t *testing.T) {
	g := newAdmission(nil, 0, Admission{}, newMetrics()).heavy
	release, err := g.admit(context.Background())
	if err != nil || g.slots != nil {
		t.Fatalf("HeavyReads 0: admit = %v, slots %v; want no limit", err, g.slots)
	}
	release()
}

// recoveringStore is heldStore that says, as the test chooses, that it has
// just come back from an outage and warms its plans (graph.DB.Recovering).
type recoveringStore struct {
	heldStore
	recovering *atomic.Bool
}

func (s recoveringStore) Recovering() bool { return s.recovering.Load() }

// While the store recovers from an outage, requests of every kind take
// one of Admission.Recovering slots: with both held, a person read, light
// at other times, is refused OVERLOADED, 503 with Retry-After, within
// about recoveringWait and never reaches the store. Once the plans are
// warm it is answered at once, the slots still held.
func TestAdmission_FewAtOnceWhileRecovering(t *testing.T) {
	store := recoveringStore{newHeldStore(t), new(atomic.Bool)}
	store.recovering.Store(true)
	cfg := DefaultConfig()
	cfg.Admission.Recovering = 2
	ts := tpServer(t, store, cfg)
	answers := make(chan tpResponse, 2)
	for range 2 {
		go func() { answers <- tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(pathSearchQuery)) }()
		<-store.entered
	}

	const person = `{ person(id: "nobody") { name } }`
	start := time.Now()
	r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(person), "Accept", tJSON)
	if !slices.Equal(r.codes(), []string{thelist.EOVERLOADED}) || r.status != http.StatusServiceUnavailable ||
		r.header.Get("Retry-After") == "" {
		t.Errorf("a third request while recovering: status %d, Retry-After %q, codes %v (%s); want 503 OVERLOADED with Retry-After",
			r.status, r.header.Get("Retry-After"), r.codes(), r.body)
	}
	if took := time.Since(start); took < recoveringWait || took > recoveringWait+2*time.Second {
		t.Errorf("refused after %s, want after waiting about %s", took, recoveringWait)
	}

	store.recovering.Store(false)
	if r := tpDo(t, http.MethodPost, ts.URL+"/graphql", tpQuery(person)); r.status != http.StatusOK || len(r.Errors) > 0 {
		t.Errorf("after the warm-up, with both slots still held: status %d, codes %v (%s), want an answer", r.status, r.codes(), r.body)
	}
	for range 2 {
		store.release <- struct{}{}
		if r := <-answers; r.status != http.StatusOK || len(r.Errors) > 0 {
			t.Errorf("an admitted path search: status %d, codes %v (%s)", r.status, r.codes(), r.body)
		}
	}
}
