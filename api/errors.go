package api

import (
	"context"
	"log/slog"

	"github.com/thelist/thelist"
)

// Codes for requests that fail before they reach a resolver. They follow the
// codes that Apollo Server made common, which GraphQL clients already know.
const (
	codeParseFailed      = "GRAPHQL_PARSE_FAILED"
	codeValidationFailed = "GRAPHQL_VALIDATION_FAILED"
	codeBadRequest       = "BAD_REQUEST"
)

// gqlError is an error as a GraphQL client sees it: a message written for
// people and a stable code in extensions.code. graphql-go copies Extensions
// into the response.
type gqlError struct {
	code    string
	message string
}

func (e gqlError) Error() string                { return e.message }
func (e gqlError) Extensions() map[string]any   { return map[string]any{"code": e.code} }
func newGQLError(code, message string) gqlError { return gqlError{code: code, message: message} }

// clientError turns any error from below the API into one fit for a client.
// An internal error is logged in full with the request id, and the client
// sees only "internal error" and the id to quote: no Cypher, no stack trace.
func clientError(ctx context.Context, err error) error {
	code := thelist.ErrorCode(err)
	msg := thelist.ErrorMessage(err)
	switch code {
	case thelist.EINTERNAL, thelist.EUNAVAILABLE, thelist.ETIMEOUT:
		slog.ErrorContext(ctx, "resolver failed", "code", code, "err", err, "request_id", requestID(ctx))
	}
	if code == thelist.EINTERNAL {
		msg = "internal error (request " + requestID(ctx) + ")"
	}
	return newGQLError(code, msg)
}
