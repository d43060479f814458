package api

import (
	"io/fs"
	"net/http"

	"github.com/gin-gonic/gin"
)

// graphiqlPage is the GraphiQL page of the built web app (frontend/
// graphiql.html, a second Vite entry), or a note saying how to get it when
// the binary was built without the app.
func graphiqlPage(frontend fs.FS) []byte {
	if frontend != nil {
		if page, err := fs.ReadFile(frontend, "graphiql.html"); err == nil {
			return page
		}
	}
	return []byte(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>The List — GraphQL</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto">
<h1>The List — GraphQL</h1>
<p>This binary was built without the web app, so GraphiQL is not here: build it with <code>make build</code>.</p>
<p>The API answers <code>POST /graphql</code> with a JSON body <code>{"query": "…"}</code>.
The schema is at <a href="/graphql/schema.graphql">/graphql/schema.graphql</a>.</p>
</body></html>
`)
}

// wantsGraphiQL says whether a GET of /graphql comes from a person with a
// browser rather than from a GraphQL client: no query, and an Accept header
// that lists HTML. A browser that follows a link with ?query= still gets
// JSON, since its Accept also has */*.
func wantsGraphiQL(c *gin.Context) bool {
	if c.Request.Method != http.MethodGet || c.Query("query") != "" {
		return false
	}
	for _, r := range parseAccept(c.GetHeader("Accept")) {
		if r.media == "text/html" && r.q > 0 {
			return true
		}
	}
	return false
}

func (s *Server) serveGraphiQL(c *gin.Context) {
	c.Header("Cache-Control", "no-cache")
	c.Header("Vary", "Accept")
	c.Data(http.StatusOK, "text/html; charset=utf-8", s.graphiql)
}
