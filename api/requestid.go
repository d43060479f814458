package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"regexp"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/thelist/thelist"
)

type requestIDKey struct{}

// requestID returns the id of the request ctx belongs to, or "-".
func requestID(ctx context.Context) string {
	if id, ok := ctx.Value(requestIDKey{}).(string); ok {
		return id
	}
	return "-"
}

// An incoming X-Request-Id is kept when it looks like an id, so a request can
// be followed through a load balancer; anything else is replaced.
var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// withRequestID gives every request an id, in its context and in the
// X-Request-Id response header, and logs the request when it is done, as
// structured fields.
func withRequestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader("X-Request-Id")
		if !requestIDPattern.MatchString(id) {
			var b [8]byte
			if _, err := rand.Read(b[:]); err != nil {
				panic(err) // crypto/rand does not fail on Linux
			}
			id = hex.EncodeToString(b[:])
		}
		start := time.Now()
		// An edit's budget runs from here (thelist.WithArrival).
		c.Request = c.Request.WithContext(thelist.WithArrival(context.WithValue(c.Request.Context(), requestIDKey{}, id), start))
		c.Header("X-Request-Id", id)
		c.Next()
		attrs := []any{"request_id", id, "method", c.Request.Method, "path", c.Request.URL.Path,
			"status", c.Writer.Status(), "duration_ms", time.Since(start).Milliseconds()}
		// The GraphQL handler says which operation ran and for whom, so a
		// slow or failing request can be traced to a client and a query.
		if op := c.GetString(ctxOperation); op != "" {
			attrs = append(attrs, "operation", op)
		}
		if p, ok := c.Get(ctxPrincipal); ok {
			if p, ok := p.(Principal); ok && !p.Anonymous() {
				attrs = append(attrs, "key", p.Name)
			}
		}
		slog.InfoContext(c.Request.Context(), "request", attrs...)
	}
}

// recoverPanics turns a panic in a handler into a logged 500 with the request
// id, instead of gin's default, which would print the stack to the client.
func recoverPanics() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if v := recover(); v != nil {
				slog.ErrorContext(c.Request.Context(), "panic", "request_id", requestID(c.Request.Context()), "panic", v)
				c.AbortWithStatusJSON(500, gin.H{"errors": []gin.H{{
					"message":    "internal error (request " + requestID(c.Request.Context()) + ")",
					"extensions": gin.H{"code": "INTERNAL"},
				}}})
			}
		}()
		c.Next()
	}
}
