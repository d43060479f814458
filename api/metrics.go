package api

import (
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/graphql-go/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are what /metrics exposes. Each Server has its own registry, so
// tests can run several servers in one process.
type metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec   // operation, status
	latency    *prometheus.HistogramVec // operation
	rootField  *prometheus.HistogramVec // field
	errors     *prometheus.CounterVec   // code
	docCache   *prometheus.CounterVec   // result
	limited    prometheus.Counter
	operations operationNames
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thelist_graphql_requests_total",
			Help: "GraphQL requests answered, by operation name and HTTP status.",
		}, []string{"operation", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "thelist_graphql_request_duration_seconds",
			Help:    "Time to answer a GraphQL request, from the first byte read to the last written, by operation name.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 15},
		}, []string{"operation"}),
		// Every root field costs one Cypher round trip, so the time its
		// resolver takes is, to within the decoding of the answer, the time
		// spent waiting on Neo4j.
		rootField: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "thelist_graphql_root_field_duration_seconds",
			Help:    "Time in the resolver of each root field: one Neo4j round trip and the decoding of its answer.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"field"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thelist_graphql_errors_total",
			Help: "GraphQL errors returned, by extensions.code.",
		}, []string{"code"}),
		docCache: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thelist_graphql_document_cache_total",
			Help: "Lookups in the cache of parsed and validated documents, by result (hit or miss).",
		}, []string{"result"}),
		limited: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "thelist_rate_limited_total",
			Help: "Requests refused with 429 because their caller ran out of tokens.",
		}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.rootField, m.errors, m.docCache, m.limited,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.operations.seen = map[string]bool{}
	return m
}

func (m *metrics) handler() gin.HandlerFunc {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
	return gin.WrapH(h)
}

// Keys of the gin context that the GraphQL handler fills for the metrics
// and the request log.
const (
	ctxOperation = "thelist.operation"
	ctxPrincipal = "thelist.principal"
)

// observe records a GraphQL request once it has been answered.
func (m *metrics) observe() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		op := m.operations.label(c.GetString(ctxOperation))
		m.requests.WithLabelValues(op, strconv.Itoa(c.Writer.Status())).Inc()
		m.latency.WithLabelValues(op).Observe(time.Since(start).Seconds())
	}
}

// operationNames bounds the operation label. Clients choose operation
// names, and a label per name would let them grow the metrics without end;
// past maxOperationNames, new names count as "other".
type operationNames struct {
	mu   sync.Mutex
	seen map[string]bool
}

const maxOperationNames = 200

// A GraphQL name, not too long to be a label.
var operationNamePattern = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]{0,63}$`)

func (o *operationNames) label(name string) string {
	if name == "" {
		return "-"
	}
	if !operationNamePattern.MatchString(name) {
		return "other"
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.seen[name] {
		return name
	}
	if len(o.seen) >= maxOperationNames {
		return "other"
	}
	o.seen[name] = true
	return name
}

// timeRootFields wraps the resolver of every root field of t so that its
// time is observed. It runs once, on the schema the server built.
func (m *metrics) timeRootFields(t *graphql.Object) {
	wrapRootFields(t, func(name string, resolve graphql.FieldResolveFn) graphql.FieldResolveFn {
		obs := m.rootField.WithLabelValues(name)
		return func(p graphql.ResolveParams) (any, error) {
			start := time.Now()
			defer func() { obs.Observe(time.Since(start).Seconds()) }()
			return resolve(p)
		}
	})
}

// wrapRootFields replaces the resolver of every root field of t (t may be
// nil: a schema without mutations) by what wrap makes of it.
func wrapRootFields(t *graphql.Object, wrap func(name string, resolve graphql.FieldResolveFn) graphql.FieldResolveFn) {
	if t == nil {
		return
	}
	for name, def := range t.Fields() {
		if def.Resolve != nil {
			def.Resolve = wrap(name, def.Resolve)
		}
	}
}

// countErrors counts the errors of a response by code.
func (m *metrics) countErrors(codes ...string) {
	for _, c := range codes {
		if c != "" {
			m.errors.WithLabelValues(c).Inc()
		}
	}
}
