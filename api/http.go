package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// HTTPTimeouts bound each phase of an HTTP exchange, so that a client that
// sends slowly, or opens connections and says nothing, holds a connection
// and its goroutine for a bounded time only.
type HTTPTimeouts struct {
	// ReadHeader is the longest the request line and headers may take.
	ReadHeader time.Duration
	// Read is the longest the whole request, headers and body, may take
	// to arrive. A body trickled at a byte a second is cut off here.
	Read time.Duration
	// Idle is how long a kept-alive connection may wait for its next
	// request.
	Idle time.Duration
}

// DefaultHTTPTimeouts fit a browser or a GraphQL client on a slow link: a
// request body is at most 1 MiB (maxBodyBytes) and the web app's are a few
// KB, so 20 s for the whole request leaves a 1 MiB body 50 KB/s.
func DefaultHTTPTimeouts() HTTPTimeouts {
	return HTTPTimeouts{ReadHeader: 10 * time.Second, Read: 20 * time.Second, Idle: 2 * time.Minute}
}

// withDefaults fills the timeouts not set with the defaults.
func (t HTTPTimeouts) withDefaults() HTTPTimeouts {
	d := DefaultHTTPTimeouts()
	if t.ReadHeader <= 0 {
		t.ReadHeader = d.ReadHeader
	}
	if t.Read <= 0 {
		t.Read = d.Read
	}
	if t.Idle <= 0 {
		t.Idle = d.Idle
	}
	return t
}

// writeTimeoutMargin is how much longer than the request timeout an answer
// may take to be written: the handler answers TIMEOUT itself at the request
// timeout, and that answer must still reach the client.
const writeTimeoutMargin = 10 * time.Second

// HTTPServer is an http.Server for s with every phase of HTTP bounded: the
// timeouts of the Config's HTTP, and a write timeout above the request
// timeout (Limits.Timeout). thelist serve and the tests use it alike.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: s.http.ReadHeader,
		ReadTimeout:       s.http.Read,
		IdleTimeout:       s.http.Idle,
		WriteTimeout:      s.limits.Timeout + writeTimeoutMargin,
	}
}

// contentSecurityPolicy lets a page run only scripts, workers and styles
// served by this server: no inline script, no eval, nothing from elsewhere,
// and no framing (the app keeps API keys in localStorage, which an
// injected script or a clickjacking frame would be after). Styles may be
// inline: React sets style attributes through the DOM, and GraphiQL's
// editor (Monaco) adds <style> elements as it runs; a style cannot run
// code. Vite inlines small assets as data: URLs, hence data: for images
// and fonts. The network view's layout worker (graphology's ForceAtlas2)
// is started from a blob: URL that the app's own script makes, hence
// blob: for workers; only a script already allowed can make one. The
// network's PNG export draws its SVG through an image loaded from a blob:
// URL the app makes, hence blob: for images too.
// /graphql is the only address the pages fetch.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; worker-src 'self' blob:; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders puts the browser security headers on every response,
// the API's included: an answer opened in a tab is a page too.
func securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		// frame-ancestors replaces it where CSP is known; older browsers
		// read this one.
		h.Set("X-Frame-Options", "DENY")
		// Links out of the app (sources' URLs) do not carry the hash route,
		// which names the person or search being looked at.
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		c.Next()
	}
}

// closeIfBodyUnread makes a refusal sent before the request's body was
// read the connection's last answer. Otherwise net/http reads up to
// 256 KB of the body before it writes the answer (so that the connection
// can serve the next request), and a client trickling its body holds the
// refusal back for as long as it likes.
func closeIfBodyUnread(c *gin.Context) {
	if c.Request.ContentLength != 0 {
		c.Header("Connection", "close")
	}
}
