// Package api serves The List over HTTP: GraphQL at /graphql, health checks,
// and the web frontend. Handlers are thin; the work happens in the resolvers
// of the schema and in the store behind them.
package api

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// Server is the HTTP face of The List.
type Server struct {
	store  Store
	exec   *executor
	engine *gin.Engine
}

// New builds the server. frontend is the built web app, or nil when the
// binary was built without it.
func New(store Store, frontend fs.FS) (*Server, error) {
	schema, err := NewSchema(store)
	if err != nil {
		return nil, fmt.Errorf("graphql schema: %w", err)
	}
	exec, err := newExecutor(schema)
	if err != nil {
		return nil, fmt.Errorf("graphql executor: %w", err)
	}
	gin.SetMode(gin.ReleaseMode)
	s := &Server{store: store, exec: exec, engine: gin.New()}
	s.engine.Use(withRequestID(), recoverPanics())
	s.engine.GET("/graphql", s.serveGraphQL)
	s.engine.POST("/graphql", s.serveGraphQL)
	s.engine.GET("/healthz", s.healthz)
	s.engine.GET("/readyz", s.readyz)
	s.engine.NoRoute(staticHandler(frontend))
	return s, nil
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.engine.ServeHTTP(w, r) }

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
	files := http.FileServer(http.FS(frontend))
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
