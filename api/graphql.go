package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/thelist/thelist"
)

// Media types of GraphQL over HTTP. The newer application/graphql-response+json
// lets a client tell a GraphQL error from a proxy's error page by the
// status code; application/json is what older clients ask for.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
	maxBodyBytes         = 1 << 20
	codeNotAcceptable    = "NOT_ACCEPTABLE"
)

// request is a GraphQL-over-HTTP request, from a POST body or GET parameters.
type request struct {
	Query         string         `json:"query"`
	Variables     map[string]any `json:"variables"`
	OperationName string         `json:"operationName"`
}

// requestErrors is what /graphql answers when the request was not executed
// (unparseable, invalid): errors and no data key, as the spec asks.
type requestErrors struct {
	Errors []gqlerrors.FormattedError `json:"errors"`
}

// executor runs GraphQL documents against the schema. graphql-go parses and
// validates a document on every call unless asked not to; clients send the
// same few documents over and over, so each distinct text is parsed and
// validated once and the result kept in an LRU cache.
type executor struct {
	schema  graphql.Schema
	docs    *lru.Cache[[32]byte, cachedDoc]
	limits  Limits
	metrics *metrics
}

// cachedDoc is a parsed document and the errors its validation found, so an
// invalid document is not validated again either.
type cachedDoc struct {
	doc    *ast.Document
	errors []gqlerrors.FormattedError
	code   string // the code for errors, when there are any
	// orders is the field order of each operation's answer (response.go),
	// worked out once with the document rather than on every request.
	orders map[*ast.OperationDefinition]*fieldOrder
}

func newExecutor(schema graphql.Schema, limits Limits, m *metrics) (*executor, error) {
	docs, err := lru.New[[32]byte, cachedDoc](1000)
	if err != nil {
		return nil, err
	}
	return &executor{schema: schema, docs: docs, limits: limits, metrics: m}, nil
}

// prepare measures, parses and validates a document, or finds it in the
// cache. The document is measured first, on its text (measure.go): one that
// is too big for the limits on tokens, nesting, fields, aliases, directives
// or root fields, or that spreads a fragment within itself, is refused in
// microseconds, before graphql-go's parser and validator, which have no
// bounds of their own; the verdict is cached with it. The cost, which
// depends on the variables, is checked for each request (Limits.checkCost).
func (e *executor) prepare(query string) cachedDoc {
	key := sha256.Sum256([]byte(query))
	if d, ok := e.docs.Get(key); ok {
		e.metrics.docCache.WithLabelValues("hit").Inc()
		return d
	}
	e.metrics.docCache.WithLabelValues("miss").Inc()
	var d cachedDoc
	errs, code, unread := measureDocument(query, e.limits)
	if errs != nil {
		d.errors, d.code = errs, code
		e.docs.Add(key, d)
		return d
	}
	doc, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(query), Name: "GraphQL request"})})
	if err != nil {
		d.errors, d.code = gqlerrors.FormatErrors(err), codeParseFailed
	} else if unread {
		// Our reading of the grammar and graphql-go's differ: a bug of
		// ours, but the document was not measured, so it is not validated.
		slog.Warn("graphql document parsed by graphql-go but not by measureDocument", "document", thelist.Quote(query))
		d.errors, d.code = []gqlerrors.FormattedError{{Message: "Syntax Error: the document could not be read"}}, codeParseFailed
	} else if res := validate(&e.schema, doc); !res.IsValid {
		d.errors, d.code = res.Errors, codeValidationFailed
	} else {
		d.doc = doc
		d.orders = map[*ast.OperationDefinition]*fieldOrder{}
		for _, def := range doc.Definitions {
			if op, ok := def.(*ast.OperationDefinition); ok {
				d.orders[op] = selectionOrder(doc, op)
			}
		}
	}
	for i := range d.errors {
		d.errors[i].Message = shortMessage(d.errors[i].Message)
		if _, ok := d.errors[i].Extensions["code"]; !ok {
			d.errors[i].Extensions = map[string]any{"code": d.code}
		}
	}
	e.docs.Add(key, d)
	return d
}

// serveGraphQL answers GraphQL over HTTP, GET and POST, as the
// GraphQL-over-HTTP draft describes (docs/api.md says which choices it made
// where the drafts differ): it negotiates the response's media type, reads
// and admits the request (graphqlCall.admit, authorize) and executes it
// (graphqlCall.execute).
func (s *Server) serveGraphQL(c *gin.Context) {
	if wantsGraphiQL(c) {
		s.serveGraphiQL(c)
		return
	}
	c.Header("Vary", "Accept")
	media := negotiate(c.GetHeader("Accept"))
	if media == "" {
		s.writeGraphQL(c, mediaJSON, http.StatusNotAcceptable, requestErrors{Errors: []gqlerrors.FormattedError{{
			Message:    "Accept: this endpoint answers application/graphql-response+json or application/json",
			Extensions: map[string]any{"code": codeNotAcceptable},
		}}})
		return
	}
	call := &graphqlCall{s: s, c: c, media: media}
	req, d, op, ok := call.admit()
	if !ok || !call.authorize(req, d, op) {
		return
	}
	call.execute(req, d, op)
}

// graphqlCall is one GraphQL request over HTTP, answered in media.
type graphqlCall struct {
	s     *Server
	c     *gin.Context
	media string
}

// fail answers a request that is refused before execution.
func (g *graphqlCall) fail(status int, code, msg string) {
	// With application/json every well-formed request gets 200, as the
	// GraphQL-over-HTTP draft asks for that media type; the status codes
	// are for application/graphql-response+json. Requests refused at
	// the HTTP level (malformed, unauthenticated, forbidden, too many)
	// keep their status with either type.
	if g.media == mediaJSON && !httpLevel(code) {
		status = http.StatusOK
	}
	g.s.metrics.countErrors(code)
	g.s.writeGraphQL(g.c, g.media, status, requestErrors{Errors: []gqlerrors.FormattedError{{
		Message: msg, Extensions: map[string]any{"code": code},
	}}})
}

// admit reads the request and parses its document, and finds the
// operation to run; when it cannot, it answers and returns false.
func (g *graphqlCall) admit() (request, cachedDoc, *ast.OperationDefinition, bool) {
	c, s := g.c, g.s
	if PrincipalFrom(c.Request.Context()).Anonymous() && s.access.ReadsNeedKey {
		c.Header("WWW-Authenticate", `Bearer realm="thelist"`)
		g.fail(http.StatusUnauthorized, codeUnauthenticated, "this server needs an API key for every request: send it as Authorization: Bearer <key>")
		return request{}, cachedDoc{}, nil, false
	}
	req, err := readRequest(c)
	if errors.Is(err, errMediaType) {
		g.fail(http.StatusUnsupportedMediaType, codeBadRequest, err.Error())
		return req, cachedDoc{}, nil, false
	} else if err != nil {
		g.fail(http.StatusBadRequest, codeBadRequest, err.Error())
		return req, cachedDoc{}, nil, false
	}
	c.Set(ctxOperation, req.OperationName)
	d := s.exec.prepare(req.Query)
	if d.doc == nil {
		status := http.StatusBadRequest
		if g.media == mediaJSON {
			status = http.StatusOK
		}
		for _, e := range d.errors {
			code, _ := e.Extensions["code"].(string)
			s.metrics.countErrors(code)
		}
		s.writeGraphQL(c, g.media, status, requestErrors{Errors: d.errors})
		return req, cachedDoc{}, nil, false
	}
	op := operation(d.doc, req.OperationName)
	if op == nil {
		g.fail(http.StatusBadRequest, codeBadRequest, "operationName: no such operation in the document")
		return req, cachedDoc{}, nil, false
	}
	if req.OperationName == "" && op.Name != nil {
		c.Set(ctxOperation, op.Name.Value)
	}
	return req, d, op, true
}

// authorize refuses, and answers, an operation the request may not run:
// a mutation sent with GET, another key's lists, a document over the cost
// limit, a write without the role it needs.
func (g *graphqlCall) authorize(req request, d cachedDoc, op *ast.OperationDefinition) bool {
	c, s := g.c, g.s
	if c.Request.Method == http.MethodGet && op.Operation != ast.OperationTypeQuery {
		c.Header("Allow", "POST")
		g.fail(http.StatusMethodNotAllowed, codeBadRequest, "only queries may be sent with GET; send "+op.Operation+"s with POST")
		return false
	}
	if op.Operation == ast.OperationTypeQuery && PrincipalFrom(c.Request.Context()).Anonymous() && selectsOwned(d.doc, op) {
		c.Header("WWW-Authenticate", `Bearer realm="thelist"`)
		g.fail(http.StatusUnauthorized, codeUnauthenticated, "shortlists and saved searches belong to an API key: send it as Authorization: Bearer <key>")
		return false
	}
	// The cost depends on the variables (a neighbourhood's limit, a page's
	// first), so it is measured for each request, before any resolver.
	if err := s.limits.checkCost(&s.exec.schema, d.doc, op, req.Variables); err != nil {
		g.fail(http.StatusBadRequest, codeTooComplex, err.Error())
		return false
	}
	// Every write to the graph needs an editor's key; a write to the
	// caller's own lists, a reader's (mutationRole). Resolvers that write
	// check again with requireRole; this check gives the refusal its HTTP
	// status and runs nothing of a mutation that would be refused anyway.
	if op.Operation == ast.OperationTypeMutation {
		if err := requireRole(c.Request.Context(), mutationRole(op)); err != nil {
			var ge gqlError
			errors.As(err, &ge)
			status := http.StatusForbidden
			if ge.code == codeUnauthenticated {
				status = http.StatusUnauthorized
				c.Header("WWW-Authenticate", `Bearer realm="thelist"`)
			}
			g.fail(status, ge.code, ge.message)
			return false
		}
	}
	return true
}

// execute runs an admitted operation within the request timeout and
// answers with its data and errors.
func (g *graphqlCall) execute(req request, d cachedDoc, op *ast.OperationDefinition) {
	c, s := g.c, g.s
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.limits.Timeout)
	defer cancel()
	release, err := s.recovery.admit(ctx)
	if err != nil {
		var oe overloadError
		if !errors.As(err, &oe) {
			return // the client went away while it waited
		}
		s.metrics.countErrors(thelist.EOVERLOADED)
		c.Header("Retry-After", strconv.Itoa(oe.retryAfter))
		s.writeGraphQL(c, g.media, http.StatusServiceUnavailable, requestErrors{Errors: []gqlerrors.FormattedError{{
			Message: oe.message, Extensions: oe.Extensions(),
		}}})
		return
	}
	defer release()
	res := graphql.Execute(graphql.ExecuteParams{
		Schema: s.exec.schema, AST: d.doc, OperationName: req.OperationName, Args: req.Variables,
		Context: ctx,
	})
	if errors.Is(ctx.Err(), context.DeadlineExceeded) && c.Request.Context().Err() == nil {
		// graphql-go gives up waiting for the resolvers at the deadline and
		// returns the bare context error; the resolvers' Neo4j queries are
		// cancelled with the context.
		slog.WarnContext(c.Request.Context(), "graphql request timed out", "request_id", requestID(c.Request.Context()), "timeout", s.limits.Timeout)
		res.Data = nil
		res.Errors = []gqlerrors.FormattedError{{
			Message:    "the request took longer than " + s.limits.Timeout.String() + " and was stopped",
			Extensions: map[string]any{"code": thelist.ETIMEOUT},
		}}
	}
	errs := sanitize(c, res.Errors)
	for _, e := range errs {
		code, _ := e.Extensions["code"].(string)
		s.metrics.countErrors(code)
	}
	status := http.StatusOK
	if retry, shed := shedStatus(res.Data, errs); shed {
		status = http.StatusServiceUnavailable
		c.Header("Retry-After", strconv.Itoa(retry))
	}
	s.writeResponse(c, g.media, status, res.Data, errs, d.orders[op])
}

// httpLevel says whether a code is for a request refused before GraphQL
// saw it, which keeps its HTTP status whatever the response media type.
func httpLevel(code string) bool {
	switch code {
	case codeBadRequest, codeUnauthenticated, codeForbidden, codeRateLimited, codeNotAcceptable:
		return true
	}
	return false
}

// sanitize keeps the errors that resolvers made for clients and replaces any
// other (a panic caught by graphql-go, a coercion failure with internal
// detail) by a generic internal error, logged with the request id.
func sanitize(c *gin.Context, errs []gqlerrors.FormattedError) []gqlerrors.FormattedError {
	for i, e := range errs {
		errs[i].Message = shortMessage(e.Message)
		if _, ok := e.Extensions["code"]; ok {
			continue
		}
		if errors.As(e.OriginalError(), new(gqlError)) {
			continue
		}
		// Argument coercion errors are about the client's input and carry
		// no internals; graphql-go raises them without an original error.
		if e.OriginalError() == nil || strings.HasPrefix(e.Message, "Argument ") || strings.HasPrefix(e.Message, "Variable ") {
			errs[i].Extensions = map[string]any{"code": "BAD_USER_INPUT"}
			continue
		}
		slog.ErrorContext(c.Request.Context(), "graphql execution error", "request_id", requestID(c.Request.Context()), "err", e.Message)
		errs[i].Message = "internal error (request " + requestID(c.Request.Context()) + ")"
		errs[i].Extensions = map[string]any{"code": "INTERNAL"}
	}
	return errs
}

func (s *Server) writeGraphQL(c *gin.Context, media string, status int, body any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(body); err != nil {
		slog.ErrorContext(c.Request.Context(), "encode graphql response", "err", err)
		c.Status(http.StatusInternalServerError)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(status, media+"; charset=utf-8", buf.Bytes())
}

// responseBuffers keep the buffers answers are written into, so that a
// busy server does not allocate and collect one per request.
var responseBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// writeResponse answers an executed request (response.go says why it does
// not use encoding/json).
func (s *Server) writeResponse(c *gin.Context, media string, status int, data any, errs []gqlerrors.FormattedError, order *fieldOrder) {
	buf := responseBuffers.Get().(*[]byte)
	defer func() {
		if cap(*buf) <= 1<<20 { // one huge answer should not stay in memory for good
			*buf = (*buf)[:0]
			responseBuffers.Put(buf)
		}
	}()
	b, err := appendResponse((*buf)[:0], data, errs, order)
	if err != nil {
		slog.ErrorContext(c.Request.Context(), "encode graphql response", "request_id", requestID(c.Request.Context()), "err", err)
		s.writeGraphQL(c, media, http.StatusInternalServerError, requestErrors{Errors: []gqlerrors.FormattedError{{
			Message:    "internal error (request " + requestID(c.Request.Context()) + ")",
			Extensions: map[string]any{"code": "INTERNAL"},
		}}})
		return
	}
	*buf = b
	c.Header("Cache-Control", "no-store")
	c.Data(status, media+"; charset=utf-8", b)
}

var errMediaType = errors.New("Content-Type: want application/json (in UTF-8)")

// readRequest reads a GraphQL request from GET parameters or a POST body.
func readRequest(c *gin.Context) (request, error) {
	var req request
	switch c.Request.Method {
	case http.MethodGet:
		req.Query = c.Query("query")
		req.OperationName = c.Query("operationName")
		if v := c.Query("variables"); v != "" {
			if err := json.Unmarshal([]byte(v), &req.Variables); err != nil {
				return req, errors.New("variables: not a JSON object")
			}
		}
	case http.MethodPost:
		body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, maxBodyBytes))
		if err != nil {
			return req, errors.New("body: unreadable or larger than 1 MiB")
		}
		// application/json is the one request type of the current draft;
		// application/graphql+json, in earlier drafts, was dropped from it
		// and no client we know sends it.
		mt, params, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
		if err != nil || mt != mediaJSON {
			return req, errMediaType
		}
		if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
			return req, errMediaType
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&req); err != nil {
			return req, errors.New("body: not a JSON object with query, variables and operationName")
		}
		req.Variables = normaliseNumbers(req.Variables)
	}
	if strings.TrimSpace(req.Query) == "" {
		return req, errors.New("query: missing")
	}
	return req, nil
}

// normaliseNumbers turns the json.Numbers of decoded variables into int or
// float64, the types graphql-go coerces from; decoding straight to float64
// would lose integers above 2^53.
func normaliseNumbers(m map[string]any) map[string]any {
	for k, v := range m {
		m[k] = normaliseNumber(v)
	}
	return m
}

func normaliseNumber(v any) any {
	switch v := v.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return int(i)
		}
		f, _ := v.Float64() // a json.Number is always a valid float
		return f
	case map[string]any:
		return normaliseNumbers(v)
	case []any:
		for i := range v {
			v[i] = normaliseNumber(v[i])
		}
	}
	return v
}

// operation finds the operation a request runs: the one named, or the only
// one in the document.
func operation(doc *ast.Document, name string) *ast.OperationDefinition {
	var found *ast.OperationDefinition
	for _, def := range doc.Definitions {
		op, ok := def.(*ast.OperationDefinition)
		if !ok {
			continue
		}
		if name == "" {
			if found != nil {
				return nil // several operations and no name: ambiguous
			}
			found = op
		} else if op.Name != nil && op.Name.Value == name {
			return op
		}
	}
	return found
}

// acceptRange is one entry of an Accept header.
type acceptRange struct {
	media string
	q     float64
}

func parseAccept(header string) []acceptRange {
	var out []acceptRange
	for _, part := range strings.Split(header, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		mt, params, err := mime.ParseMediaType(part)
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f < 0 || f > 1 {
				continue
			}
			q = f
		}
		out = append(out, acceptRange{media: mt, q: q})
	}
	return out
}

// negotiate picks the response media type from the Accept header: the one
// the client weighs highest, application/graphql-response+json on a tie;
// application/json for no header, */* and application/*, which is what
// clients written before the newer type send. It returns "" when the client
// accepts neither, which is answered with 406.
func negotiate(header string) string {
	if strings.TrimSpace(header) == "" {
		return mediaJSON
	}
	best, bestQ := "", 0.0
	for _, r := range parseAccept(header) {
		var media string
		switch r.media {
		case mediaGraphQLResponse:
			media = mediaGraphQLResponse
		case mediaJSON, "*/*", "application/*":
			media = mediaJSON
		default:
			continue
		}
		if r.q > bestQ || (r.q == bestQ && r.q > 0 && media == mediaGraphQLResponse) {
			best, bestQ = media, r.q
		}
	}
	return best
}
