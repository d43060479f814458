// Package api serves The List over HTTP: GraphQL at /graphql, health checks,
// metrics, and the web frontend. Handlers are thin; the work happens in the
// resolvers of the schema and in the store behind them.
package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/klauspost/compress/gzhttp"

	"github.com/thelist/thelist"
)

// Server is the HTTP face of The List.
type Server struct {
	store     Store
	exec      *executor
	engine    *gin.Engine
	limits    Limits
	access    Access
	rate      *limiters
	metrics   *metrics
	sdl       []byte
	sdlETag   string
	graphiql  []byte
	resolvers *resolvers // running root-field resolvers (see Close)
	http      HTTPTimeouts
	recovery  *recoveryGate // few requests at once while the store recovers from an outage
}

// Config is how a Server guards itself. The zero Config is not useful:
// start from DefaultConfig.
type Config struct {
	Limits    Limits
	Access    Access    // keys and whether reads need one
	RateLimit RateLimit // per key, or per client address for anonymous requests
	// TrustedProxies are the addresses (or CIDR ranges) of proxies whose
	// X-Forwarded-For names the client. None by default: otherwise anyone
	// could pick the address their rate limit is counted against.
	TrustedProxies []string
	Now            func() time.Time // the clock of the rate limiter; time.Now when nil
	HTTP           HTTPTimeouts     // each phase of HTTP (HTTPServer); zero fields take DefaultHTTPTimeouts'
	Admission      Admission        // path searches' slots, and the bounds of every queue for a slot
}

// DefaultConfig is open reads, no keys, the default limits and no rate
// limit. The binary's default rate limit is in cmd/thelist/config.go: a
// server built in a test or embedded elsewhere should not start refusing
// its caller's loops.
func DefaultConfig() Config {
	return Config{Limits: DefaultLimits(), HTTP: DefaultHTTPTimeouts(), Admission: DefaultAdmission()}
}

// Option changes the Config a Server is built with.
type Option func(*Config)

// WithConfig replaces the whole Config.
func WithConfig(c Config) Option { return func(dst *Config) { *dst = c } }

// New builds the server. frontend is the built web app, or nil when the
// binary was built without it.
func New(store Store, frontend fs.FS, opts ...Option) (*Server, error) {
	schema, err := NewSchema(store)
	if err != nil {
		return nil, fmt.Errorf("graphql schema: %w", err)
	}
	return newServer(schema, store, frontend, opts...)
}

// newServer serves schema; tests use it with schemas of their own, for
// instance one with a mutation before the real schema has any.
func newServer(schema graphql.Schema, store Store, frontend fs.FS, opts ...Option) (*Server, error) {
	cfg := DefaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.Limits.Timeout <= 0 {
		cfg.Limits.Timeout = DefaultLimits().Timeout
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.HTTP = cfg.HTTP.withDefaults()
	// A Config built by hand, without DefaultConfig, still has bounded
	// queues.
	if cfg.Admission.MaxQueue <= 0 {
		cfg.Admission.MaxQueue = DefaultAdmission().MaxQueue
	}
	if cfg.Admission.MaxWait <= 0 {
		cfg.Admission.MaxWait = DefaultAdmission().MaxWait
	}
	if cfg.Admission.MaxWait >= cfg.Limits.Timeout {
		// An admitted request needs time to run: a test's short timeout
		// takes a third for the wait (thelist serve refuses such settings).
		cfg.Admission.MaxWait = cfg.Limits.Timeout / 3
	}
	m := newMetrics()
	m.timeRootFields(schema.QueryType())
	m.timeRootFields(schema.MutationType())
	adm := newAdmission(store, cfg.Limits.HeavyReads, cfg.Admission, m)
	adm.guard(schema.QueryType())
	var rs resolvers
	rs.track(schema.QueryType())
	rs.track(schema.MutationType())
	exec, err := newExecutor(schema, cfg.Limits, m)
	if err != nil {
		return nil, fmt.Errorf("graphql executor: %w", err)
	}
	sdl := []byte(PrintSchema(schema))
	sum := sha256.Sum256(sdl)
	gin.SetMode(gin.ReleaseMode)
	s := &Server{
		store: store, exec: exec, engine: gin.New(), limits: cfg.Limits, access: cfg.Access,
		rate: newLimiters(cfg.RateLimit, cfg.Now), metrics: m,
		sdl: sdl, sdlETag: `"` + hex.EncodeToString(sum[:16]) + `"`, graphiql: graphiqlPage(frontend),
		resolvers: &rs, http: cfg.HTTP, recovery: adm.recovery,
	}
	if err := s.engine.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, fmt.Errorf("trusted proxies: %w", err)
	}
	s.engine.Use(securityHeaders(), withRequestID(), recoverPanics())
	gql := []gin.HandlerFunc{m.observe(), s.authenticate(), s.rateLimit(), s.serveGraphQL}
	s.engine.GET("/graphql", gql...)
	s.engine.POST("/graphql", gql...)
	for _, method := range []string{http.MethodPut, http.MethodPatch, http.MethodDelete} {
		s.engine.Handle(method, "/graphql", func(c *gin.Context) {
			c.Header("Allow", "GET, POST")
			c.String(http.StatusMethodNotAllowed, "method not allowed: use GET for queries, POST for anything\n")
		})
	}
	s.engine.GET("/graphql/schema.graphql", s.authenticate(), s.readsNeedKey(), s.serveSDL)
	s.engine.GET("/metrics", m.handler())
	s.engine.GET("/healthz", s.healthz)
	s.engine.GET("/readyz", s.readyz)
	s.engine.NoRoute(staticHandler(frontend))
	return s, nil
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.engine.ServeHTTP(w, r) }

// authenticate puts the request's principal in its context. A key that is
// not known is refused here, after the rate limiter has counted it against
// the client's address, so keys cannot be guessed at full speed.
func (s *Server) authenticate() gin.HandlerFunc {
	return func(c *gin.Context) {
		p, err := s.access.authenticate(c.GetHeader("Authorization"))
		if err != nil {
			if ok, wait := s.rate.allow("ip:" + c.ClientIP()); !ok {
				s.refuseRateLimited(c, wait)
				return
			}
			c.Header("WWW-Authenticate", `Bearer realm="thelist", error="invalid_token"`)
			s.refuse(c, http.StatusUnauthorized, codeUnauthenticated, err.Error())
			return
		}
		c.Set(ctxPrincipal, p)
		c.Request = c.Request.WithContext(withPrincipal(c.Request.Context(), p))
		c.Next()
	}
}

// rateLimit takes a token from the bucket of the request's key, or of its
// client address when it has none.
func (s *Server) rateLimit() gin.HandlerFunc {
	return func(c *gin.Context) {
		who := "ip:" + c.ClientIP()
		if p := PrincipalFrom(c.Request.Context()); !p.Anonymous() {
			who = "key:" + p.Name
		}
		if ok, wait := s.rate.allow(who); !ok {
			s.refuseRateLimited(c, wait)
			return
		}
		c.Next()
	}
}

func (s *Server) refuseRateLimited(c *gin.Context, wait time.Duration) {
	s.metrics.limited.Inc()
	c.Header("Retry-After", retryAfter(wait))
	s.refuse(c, http.StatusTooManyRequests, codeRateLimited, "too many requests: retry after "+retryAfter(wait)+" s")
}

// refuse answers a request refused before GraphQL saw it, in the media type
// the client asked for.
func (s *Server) refuse(c *gin.Context, status int, code, msg string) {
	media := negotiate(c.GetHeader("Accept"))
	if media == "" {
		media = mediaJSON
	}
	s.metrics.countErrors(code)
	closeIfBodyUnread(c)
	s.writeGraphQL(c, media, status, requestErrors{Errors: []gqlerrors.FormattedError{{
		Message: msg, Extensions: map[string]any{"code": code},
	}}})
	c.Abort()
}

// serveSDL answers the schema in SDL, printed from the live schema at start.
func (s *Server) serveSDL(c *gin.Context) {
	c.Header("ETag", s.sdlETag)
	c.Header("Cache-Control", "no-cache")
	if strings.Contains(c.GetHeader("If-None-Match"), s.sdlETag) {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, "text/plain; charset=utf-8", s.sdl)
}

// healthz says the process is up. It does not ask Neo4j: a database outage
// must not make an orchestrator restart healthy API processes.
func (s *Server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// readyz says whether this process can serve: it asks Neo4j, so a load
// balancer stops sending traffic while the database does not answer.
func (s *Server) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "reason": "the database is not answering"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready"})
}

// staticHandler serves the built web app. Vite names the files under
// assets/ by a hash of their content, so they can be cached for good;
// index.html must be checked every time so a new release is picked up.
func staticHandler(frontend fs.FS) gin.HandlerFunc {
	if frontend == nil {
		return func(c *gin.Context) {
			if c.Request.Method != http.MethodGet || c.Request.URL.Path != "/" {
				c.String(http.StatusNotFound, "not found\n")
				return
			}
			c.String(http.StatusOK, "The List API is running; GraphQL is at /graphql.\n"+
				"This binary was built without the web app: build it with `make build`.\n")
		}
	}
	// The bundle is text (JS, CSS, HTML, SVG): gzip makes the first view's
	// 340 KB about a third of that, which is most of a cold page load on a
	// slow link. gzhttp compresses only what the client accepts, sets Vary,
	// and leaves small or already compressed files alone.
	files := gzhttp.GzipHandler(http.FileServer(http.FS(frontend)))
	return func(c *gin.Context) {
		if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
			c.String(http.StatusMethodNotAllowed, "method not allowed\n")
			return
		}
		if strings.HasPrefix(c.Request.URL.Path, "/assets/") {
			c.Header("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			c.Header("Cache-Control", "no-cache")
		}
		files.ServeHTTP(c.Writer, c.Request)
	}
}

// resolvers counts the root-field resolvers running, which are where the
// store is called (each one Cypher round trip; nested fields read what it
// decoded), and refuses new ones once the server is closing.
type resolvers struct {
	mu      sync.Mutex
	closing bool
	running sync.WaitGroup
}

// track wraps the resolver of every root field of t.
func (r *resolvers) track(t *graphql.Object) {
	wrapRootFields(t, func(_ string, resolve graphql.FieldResolveFn) graphql.FieldResolveFn {
		return func(p graphql.ResolveParams) (any, error) {
			if !r.enter() {
				return nil, newGQLError(thelist.EUNAVAILABLE, "the server is shutting down")
			}
			defer r.running.Done()
			return resolve(p)
		}
	})
}

func (r *resolvers) enter() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closing {
		return false
	}
	r.running.Add(1) // under mu, so never after close has begun to wait
	return true
}

// Close stops new resolvers from starting and returns once the running ones
// have finished, or with ctx's error when ctx ends first. A request that
// runs past its timeout is answered TIMEOUT at the deadline while its
// resolver is still finishing (graphql-go stops waiting for it; its Neo4j
// query is cancelled with the context): a server shutting down calls Close
// after http.Server.Shutdown and before closing the store, so that no
// resolver is left using a closed driver.
func (s *Server) Close(ctx context.Context) error {
	s.resolvers.mu.Lock()
	s.resolvers.closing = true
	s.resolvers.mu.Unlock()
	done := make(chan struct{})
	go func() {
		s.resolvers.running.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("resolvers still running: %w", ctx.Err())
	}
}
