package graph

import (
	"context"
	"sync"
)

// recordLocks serialise this process's edits of one record before they
// reach Neo4j. Without them fifty editors of one person each held a
// transaction and a pooled connection while Neo4j queued them on the
// record's lock, and the ones behind answered CONFLICT only when their
// budget ran out; here they wait in line in Go, one transaction reaches
// Neo4j at a time and takes milliseconds, and the record's lock in Neo4j
// (lockNewNode, recordJSON) still orders edits from other processes.
type recordLocks struct {
	mu    sync.Mutex
	locks map[string]*recordLock
}

type recordLock struct {
	turn    chan struct{} // holds a token while the record is being edited
	waiters int
}

// lock waits for the record's turn until ctx ends, and returns the
// function that gives it up.
func (l *recordLocks) lock(ctx context.Context, key string) (func(), error) {
	l.mu.Lock()
	if l.locks == nil {
		l.locks = map[string]*recordLock{}
	}
	rl := l.locks[key]
	if rl == nil {
		rl = &recordLock{turn: make(chan struct{}, 1)}
		l.locks[key] = rl
	}
	rl.waiters++
	l.mu.Unlock()
	done := func() {
		l.mu.Lock()
		rl.waiters--
		if rl.waiters == 0 {
			delete(l.locks, key)
		}
		l.mu.Unlock()
	}
	select {
	case rl.turn <- struct{}{}:
		return func() { <-rl.turn; done() }, nil
	case <-ctx.Done():
		done()
		return nil, context.Cause(ctx)
	}
}
