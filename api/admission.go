package api

import (
	"context"
	"math"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/sync/semaphore"

	"github.com/thelist/thelist"
)

// heavyRootFields are the reads whose statement grows with the graph rather
// than with one person's surroundings: the recruiter's filter scans
// candidates, the alumni and talent-flow reads a lab's or the whole graph's
// history. At the 100k graph one of them takes 30–400 ms of Neo4j's CPU
// where a person page takes 2 ms.
var heavyRootFields = map[string]bool{"people": true, "labAlumni": true, "talentFlows": true}

// pathRootField is the path search. In Cypher, a search between two far
// corners of the graph expanded up to the frontier limit and took a second
// of Neo4j's CPU: 100 of them at once took every core for longer than the
// request timeout, and all 100 answered TIMEOUT (issue 11). Its levels now
// run in the server's memory (graph/pathindex.go) and Neo4j reads only the
// chain found, but while the index is stale a search runs in Cypher again,
// so it still takes turns, with slots of its own: queued behind the heavy
// reads its median at 16 clients went from 29 to 243 ms (BENCHMARKS.md,
// fourth run), which is why it is not one of them. The queue is sized by
// the measured hold times (gate.expectedWait), not by a count.
const pathRootField = "path"

// Admission bounds the reads that can take a core of the database each:
// how many run at once, and how long and how many may wait for a turn.
// The heavy reads' slots are Limits.HeavyReads.
type Admission struct {
	// PathSearches is how many path searches may run at once in this
	// process. 0: no limit.
	PathSearches int
	// MaxQueue is how many requests of one kind (heavy reads, path
	// searches) may wait for a slot; one more is refused at once.
	MaxQueue int
	// MaxWait is the longest a request waits for a slot, and the longest
	// wait it is let in for: when the recent run times say the wait would
	// be longer, it is refused at once. It must leave the request timeout
	// room to run what is admitted.
	MaxWait time.Duration
	// Recovering is how many GraphQL requests of any kind may run at once
	// while the database has just answered again after an outage and its
	// plans are warmed (graph.DB.Recovering); the others wait up to
	// recoveringWait, then are refused OVERLOADED. 0: no such bound.
	Recovering int
}

// recoveringWait is the longest a request waits for one of the
// Admission.Recovering slots: short, since a warm-up runs for tens of
// seconds and a client told to come back is better off than one kept.
const recoveringWait = time.Second

// recoveringRetryAfter is the Retry-After of a request refused while the
// plans are warmed: about how long the demo's warm-up takes.
const recoveringRetryAfter = 5 * time.Second

// DefaultAdmission lets in as many path searches as heavy reads, for the
// same reason (defaultHeavyReads), and a wait of a third of the default
// 15 s request timeout, which leaves an admitted request 10 s to run. The
// queue's length is a backstop: the wait decides.
//
// Two requests at once while the plans are warmed after an outage: in the
// soak across a restart of Neo4j, the 32 clients let in at once each waited
// out the 15 s request timeout on a database planning every statement
// afresh with an empty page cache (BENCHMARKS.md, overload's fourth run).
func DefaultAdmission() Admission {
	return Admission{PathSearches: defaultHeavyReads, MaxQueue: 100, MaxWait: 5 * time.Second, Recovering: 2}
}

// Recoverer is a store that can say it has just come back from an outage
// and is warming its plans (graph.DB).
type Recoverer interface {
	Recovering() bool
}

// recoveryGate lets few requests at a time reach a store that is
// Recovering, so that each answers within its timeout, and refuses the
// others OVERLOADED after a short wait. It costs nothing while the store is
// not recovering.
type recoveryGate struct {
	store Recoverer // nil: the store cannot tell, and nothing waits
	slots *semaphore.Weighted
	shed  prometheus.Counter
}

func newRecoveryGate(store any, n int, shed prometheus.Counter) *recoveryGate {
	r, _ := store.(Recoverer)
	if n <= 0 {
		r = nil
	}
	g := &recoveryGate{store: r, shed: shed}
	if r != nil {
		g.slots = semaphore.NewWeighted(int64(n))
	}
	return g
}

// admit waits for a slot while the store recovers; release is nil when
// the request is refused.
func (g *recoveryGate) admit(ctx context.Context) (release func(), err error) {
	if g.store == nil || !g.store.Recovering() {
		return func() {}, nil
	}
	wctx, cancel := context.WithTimeout(ctx, recoveringWait)
	defer cancel()
	if err := g.slots.Acquire(wctx, 1); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		g.shed.Inc()
		return nil, overloaded(recoveringRetryAfter)
	}
	return func() { g.slots.Release(1) }, nil
}

// admission lets at most n heavy reads, and m path searches, run at once
// in this process; the others wait their turn, first come first served.
// Light reads (a person, a neighbourhood, a search) never wait. Without
// it, a burst of filter or alumni requests takes every core of the
// database at once and each light request behind them waits for the CPU
// too: the web app's person page slows down because someone exports a big
// candidate list (BENCHMARKS.md measures both).
//
// Waiting is bounded, so that overload is shed rather than queued until
// every request times out: a request is refused at once with OVERLOADED
// (HTTP 503 and Retry-After) when the queue is full or when the expected
// wait, from how long recent requests of its kind held their slot, is
// longer than MaxWait; and a request that has waited MaxWait is refused
// too. Once admitted, a request runs to the end of its timeout.
type admission struct {
	heavy, path *gate
	recovery    *recoveryGate
}

func newAdmission(store any, heavy int, a Admission, m *metrics) *admission {
	shed := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "thelist_shed_total",
		Help: "Requests refused OVERLOADED because their kind's queue was full or its wait too long, or while the plans were warmed after an outage (recovering), by kind.",
	}, []string{"kind"})
	m.reg.MustRegister(shed)
	return &admission{
		recovery: newRecoveryGate(store, a.Recovering, shed.WithLabelValues("recovering")),
		heavy: newGate(heavy, a, m, shed.WithLabelValues("heavy"),
			prometheus.GaugeOpts{Name: "thelist_heavy_reads_waiting",
				Help: "Heavy reads (people, labAlumni, talentFlows) waiting for one of the --heavy-reads slots."},
			prometheus.HistogramOpts{Name: "thelist_heavy_read_wait_seconds",
				Help: "Time a heavy read waited for a slot before its Neo4j round trip, by root field."}),
		path: newGate(a.PathSearches, a, m, shed.WithLabelValues("path"),
			prometheus.GaugeOpts{Name: "thelist_path_searches_waiting",
				Help: "Path searches waiting for one of the --path-searches slots."},
			prometheus.HistogramOpts{Name: "thelist_path_search_wait_seconds",
				Help: "Time a path search waited for a slot before its Neo4j round trip."}),
	}
}

// guard wraps the heavy root fields and the path search of t. The wait is
// outside the root field's timing (metrics.timeRootFields), which stays
// the Neo4j round trip.
func (a *admission) guard(t *graphql.Object) {
	wrapRootFields(t, func(name string, resolve graphql.FieldResolveFn) graphql.FieldResolveFn {
		g := a.path
		if heavyRootFields[name] {
			g = a.heavy
		} else if name != pathRootField {
			g = nil
		}
		if g == nil {
			return resolve
		}
		wait := g.wait.WithLabelValues(name)
		return func(p graphql.ResolveParams) (any, error) {
			start := time.Now()
			release, err := g.admit(p.Context)
			wait.Observe(time.Since(start).Seconds())
			if err != nil {
				return nil, err
			}
			defer release()
			return resolve(p)
		}
	})
}

// gate is the slots of one kind of request and its bounded queue.
type gate struct {
	slots    *semaphore.Weighted // nil: no limit
	n        int
	maxQueue int
	maxWait  time.Duration

	mu       sync.Mutex
	queued   int
	running  int
	holdTime time.Duration // the median of recent hold times (recent)
	// recent are the last hold times, a ring of holdWindow.
	recent  [holdWindow]time.Duration
	nRecent int

	waiting prometheus.Gauge
	wait    *prometheus.HistogramVec // field
	shed    prometheus.Counter
}

func newGate(n int, a Admission, m *metrics, shed prometheus.Counter, waiting prometheus.GaugeOpts, wait prometheus.HistogramOpts) *gate {
	wait.Buckets = []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}
	g := &gate{n: n, maxQueue: a.MaxQueue, maxWait: a.MaxWait, shed: shed,
		waiting: prometheus.NewGauge(waiting), wait: prometheus.NewHistogramVec(wait, []string{"field"})}
	if n > 0 {
		g.slots = semaphore.NewWeighted(int64(n))
	}
	m.reg.MustRegister(g.waiting, g.wait)
	return g
}

// holdWindow is how many recent hold times the estimate of a turn reads:
// their median, so that one search that ran long (a cold plan, a stale
// path index) does not refuse the next hundred, as a moving average did
// (BENCHMARKS.md, bench-overload).
const holdWindow = 16

// admit waits for a slot, or refuses with OVERLOADED. It returns the
// request's own context error when its deadline passed or its client went
// away while it waited (answered TIMEOUT by serveGraphQL).
func (g *gate) admit(ctx context.Context) (release func(), err error) {
	if g.slots == nil {
		return func() {}, nil
	}
	g.mu.Lock()
	expected := g.expectedWait()
	if g.queued >= g.maxQueue || expected > g.maxWait {
		g.mu.Unlock()
		g.shed.Inc()
		return nil, overloaded(max(expected, g.holdTimeNow()))
	}
	g.queued++
	g.mu.Unlock()
	g.waiting.Inc()
	wctx, cancel := context.WithTimeout(ctx, g.maxWait)
	err = g.slots.Acquire(wctx, 1)
	cancel()
	g.waiting.Dec()
	g.mu.Lock()
	g.queued--
	if err == nil {
		g.running++
	}
	g.mu.Unlock()
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		g.shed.Inc()
		return nil, overloaded(g.maxWait)
	}
	start := time.Now()
	return func() {
		held := time.Since(start)
		g.mu.Lock()
		g.running--
		g.recent[g.nRecent%holdWindow] = held
		g.nRecent++
		sorted := slices.Clone(g.recent[:min(g.nRecent, holdWindow)])
		slices.Sort(sorted)
		g.holdTime = sorted[len(sorted)/2]
		g.mu.Unlock()
		g.slots.Release(1)
	}, nil
}

// expectedWait is how long one more request would wait for a slot: none
// while a slot is free, else a turn of the n slots for every n requests
// ahead of it, each turn as long as recent requests held their slot.
// Until a request has finished there is no estimate, and only MaxWait
// and MaxQueue bound the queue. Called with mu held.
func (g *gate) expectedWait() time.Duration {
	if g.running+g.queued < g.n {
		return 0
	}
	turns := (g.queued + g.n) / g.n // ceil((queued+1)/n): the turns until this one's
	return time.Duration(turns) * g.holdTime
}

func (g *gate) holdTimeNow() time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.holdTime
}

// overloadError is OVERLOADED with the number of seconds after which a
// retry may find room, for the Retry-After header (serveGraphQL).
type overloadError struct {
	gqlError
	retryAfter int
}

func (e overloadError) Extensions() map[string]any {
	return map[string]any{"code": thelist.EOVERLOADED, "retryAfter": e.retryAfter}
}

func overloaded(wait time.Duration) error {
	s := max(1, int(math.Ceil(wait.Seconds())))
	return overloadError{
		gqlError:   newGQLError(thelist.EOVERLOADED, "the server is busy: retry after "+strconv.Itoa(s)+" s"),
		retryAfter: s,
	}
}

// shedStatus says whether an executed request was refused as a whole for
// lack of room or of a database, and then how many seconds its
// Retry-After should say: every error is OVERLOADED or UNAVAILABLE and no
// root field has an answer. Such a request is answered 503 whatever the
// media type, as a 429 is: it is the server's state, not the query, that
// failed it, and load balancers and clients act on the status.
func shedStatus(data any, errs []gqlerrors.FormattedError) (int, bool) {
	if len(errs) == 0 {
		return 0, false
	}
	if m, ok := data.(map[string]any); ok {
		for _, v := range m {
			if v != nil {
				return 0, false
			}
		}
	}
	retry := 1
	for _, e := range errs {
		switch code, _ := e.Extensions["code"].(string); code {
		case thelist.EOVERLOADED:
			if s, ok := e.Extensions["retryAfter"].(int); ok {
				retry = max(retry, s)
			}
		case thelist.EUNAVAILABLE:
		default:
			return 0, false
		}
	}
	return retry, true
}
