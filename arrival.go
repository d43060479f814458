package thelist

import (
	"context"
	"time"
)

// arrivalKey carries when the request behind a context arrived.
type arrivalKey struct{}

// WithArrival says when the request behind ctx arrived. An edit's budget
// (graph.Config.WriteRetryTime) runs from there rather than from the
// edit's start, so that an editor is answered within it whatever the work
// before the edit took (parsing, a busy CPU): fifty editors of one record
// are answered, written or CONFLICT, within it (issue 11).
func WithArrival(ctx context.Context, t time.Time) context.Context {
	return context.WithValue(ctx, arrivalKey{}, t)
}

// Arrival is when the request behind ctx arrived (WithArrival), or now.
func Arrival(ctx context.Context) time.Time {
	if t, ok := ctx.Value(arrivalKey{}).(time.Time); ok {
		return t
	}
	return time.Now()
}
