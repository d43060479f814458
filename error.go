package thelist

import (
	"errors"
	"fmt"
)

// Error codes shared by every layer. The API shows them to clients as
// GraphQL extensions.code, so they are stable: add, never rename.
const (
	EINVALID     = "BAD_USER_INPUT" // the caller asked for something malformed
	ENOTFOUND    = "NOT_FOUND"      // the thing asked for does not exist
	ECONFLICT    = "CONFLICT"       // the write clashes with what is stored
	EUNAVAILABLE = "UNAVAILABLE"    // the database does not answer
	ETIMEOUT     = "TIMEOUT"        // the operation ran out of time
	EINTERNAL    = "INTERNAL"       // a bug or an unexpected failure
	ETOOBROAD    = "TOO_BROAD"      // the question is valid but would read more of the graph than one request may
	EOVERLOADED  = "OVERLOADED"     // the server has no room to answer in time now; retry after a while
)

// Error is an error a person can be shown: a stable code and a message
// written for the caller. Errors of any other type are internal, and their
// text never leaves the server.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("thelist error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, and a
// generic text for any other error so internals stay on the server.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
