package api

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"unicode/utf8"

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
	return newGQLError(code, shortMessage(msg))
}

// maxMessageLength bounds an error message, whatever it echoes.
const maxMessageLength = 1000

// shortMessage cuts every quoted text in msg longer than
// thelist.MaxEchoLength, and msg itself past maxMessageLength, so that an
// error never echoes a huge input back: graphql-go quotes an invalid
// argument or variable in full ("Argument \"orderBy\" has invalid value
// …"), and our own messages quote ids and names.
func shortMessage(msg string) string {
	if len(msg) <= thelist.MaxEchoLength {
		return msg
	}
	var b strings.Builder
	for i := 0; i < len(msg); {
		open := strings.IndexByte(msg[i:], '"')
		if open < 0 {
			b.WriteString(cutWords(msg[i:]))
			break
		}
		open += i
		b.WriteString(cutWords(msg[i:open]))
		b.WriteByte('"')
		end := open + 1 // the closing quote, skipping escaped ones
		for end < len(msg) && msg[end] != '"' {
			if msg[end] == '\\' {
				end++
			}
			end++
		}
		end = min(end, len(msg))
		b.WriteString(cutEcho(msg[open+1 : end]))
		if end < len(msg) {
			b.WriteByte('"')
		}
		i = end + 1
	}
	out := b.String()
	if len(out) > maxMessageLength {
		cut := maxMessageLength
		for cut > 0 && !utf8.RuneStart(out[cut]) {
			cut--
		}
		out = out[:cut] + "…"
	}
	return out
}

// cutEcho cuts text past thelist.MaxEchoLength runes, saying how long it was.
func cutEcho(text string) string {
	if utf8.RuneCountInString(text) <= thelist.MaxEchoLength {
		return text
	}
	cut := 0
	for n := 0; n < thelist.MaxEchoLength; n++ {
		_, size := utf8.DecodeRuneInString(text[cut:])
		cut += size
	}
	return fmt.Sprintf("%s… (%d bytes)", text[:cut], len(text))
}

// cutWords cuts every run of text without spaces longer than
// thelist.MaxEchoLength: graphql-go echoes an enum value unquoted.
func cutWords(text string) string {
	if len(text) <= thelist.MaxEchoLength {
		return text
	}
	words := strings.Split(text, " ")
	for i, w := range words {
		words[i] = cutEcho(w)
	}
	return strings.Join(words, " ")
}
