package api

import (
	"time"

	"github.com/graphql-go/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/sync/semaphore"
)

// heavyRootFields are the reads whose statement grows with the graph rather
// than with one person's surroundings: the recruiter's filter scans
// candidates, the alumni and talent-flow reads a lab's or the whole graph's
// history. At the 100k graph one of them takes 30–400 ms of Neo4j's CPU
// where a person page takes 2 ms. The path search is not one of them: its
// median is 5 ms, its worst case is bounded by the frontier limit
// (TOO_BROAD), and queued behind the heavy reads its median at 16 clients
// went from 29 to 243 ms (BENCHMARKS.md, fourth run).
var heavyRootFields = map[string]bool{"people": true, "labAlumni": true, "talentFlows": true}

// admission lets at most n heavy reads run at once in this process; the
// others wait their turn, first come first served, for as long as their
// request's timeout allows. Light reads (a person, a neighbourhood, a
// search) never wait. Without it, a burst of filter or alumni requests takes
// every core of the database at once and each light request behind them
// waits for the CPU too: the web app's person page slows down because
// someone exports a big candidate list (BENCHMARKS.md measures both).
type admission struct {
	slots   *semaphore.Weighted
	waiting prometheus.Gauge
	wait    *prometheus.HistogramVec // field
}

func newAdmission(n int, m *metrics) *admission {
	if n <= 0 {
		return nil
	}
	a := &admission{
		slots: semaphore.NewWeighted(int64(n)),
		waiting: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "thelist_heavy_reads_waiting",
			Help: "Heavy reads (people, labAlumni, talentFlows) waiting for one of the --heavy-reads slots.",
		}),
		wait: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "thelist_heavy_read_wait_seconds",
			Help:    "Time a heavy read waited for a slot before its Neo4j round trip, by root field.",
			Buckets: []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"field"}),
	}
	m.reg.MustRegister(a.waiting, a.wait)
	return a
}

// guard wraps the heavy root fields of t. The wait is outside the root
// field's timing (metrics.timeRootFields), which stays the Neo4j round trip.
func (a *admission) guard(t *graphql.Object) {
	if a == nil {
		return
	}
	wrapRootFields(t, func(name string, resolve graphql.FieldResolveFn) graphql.FieldResolveFn {
		if !heavyRootFields[name] {
			return resolve
		}
		wait := a.wait.WithLabelValues(name)
		return func(p graphql.ResolveParams) (any, error) {
			start := time.Now()
			a.waiting.Inc()
			err := a.slots.Acquire(p.Context, 1)
			a.waiting.Dec()
			wait.Observe(time.Since(start).Seconds())
			if err != nil {
				// The request's deadline passed (answered TIMEOUT by
				// serveGraphQL) or its client went away.
				return nil, err
			}
			defer a.slots.Release(1)
			return resolve(p)
		}
	})
}
