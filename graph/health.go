package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// errDown is the cause of the contexts health cancels when the database
// stops answering; readTx and writeTx turn it into EUNAVAILABLE.
var errDown = thelist.Errorf(thelist.EUNAVAILABLE, "the database is not answering")

// health is what this process knows of the database: up, or down since a
// probe failed. While it is down every read and write fails at once with
// EUNAVAILABLE instead of waiting in the driver's retries (seconds apart,
// for up to its MaxTransactionRetryTime) until the request's own timeout,
// and the work in flight when it went down is cancelled. A prober asks
// the database every ProbeInterval and brings the state back up, and
// calls onUp, when it answers again.
//
// Only a probe decides, never a request's failure: a request can fail for
// its own reasons (its timeout, a deadlock), and a slow request on a busy
// database is overload, which the API sheds (OVERLOADED), not an outage.
type health struct {
	mu   sync.Mutex
	down bool
	// gone ends when the database goes down; work running binds its
	// context to it (bind). A new one is made when the database is back.
	gone     context.Context
	markGone context.CancelFunc
}

func newHealth() *health {
	h := &health{}
	h.gone, h.markGone = context.WithCancel(context.Background())
	return h
}

// available says whether the database answered the last probe.
func (h *health) available() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return !h.down
}

// set records a probe's verdict and says whether it changed the state.
func (h *health) set(up bool) (changed bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if up == !h.down {
		return false
	}
	h.down = !up
	if h.down {
		h.markGone()
	} else {
		h.gone, h.markGone = context.WithCancel(context.Background())
	}
	return true
}

// bind returns ctx, also cancelled with errDown when the database goes
// down, or errDown at once if it is down now.
func (h *health) bind(ctx context.Context) (context.Context, context.CancelFunc, error) {
	h.mu.Lock()
	down, gone := h.down, h.gone
	h.mu.Unlock()
	if down {
		return ctx, func() {}, errDown
	}
	ctx, cancel := context.WithCancelCause(ctx)
	stop := context.AfterFunc(gone, func() { cancel(errDown) })
	return ctx, func() { stop(); cancel(nil) }, nil
}

// downErr turns the error of work whose context bind cancelled because
// the database went down into EUNAVAILABLE; other errors are unchanged.
func downErr(ctx context.Context, err error) error {
	if err != nil && errors.Is(context.Cause(ctx), errDown) {
		return errDown
	}
	return err
}

// HealthConfig says how the database's health is followed.
type HealthConfig struct {
	// ProbeInterval is how often the database is asked whether it
	// answers. Zero means DefaultProbeInterval.
	ProbeInterval time.Duration
	// ProbeTimeout is how long a probe may take before the database
	// counts as not answering. Zero means DefaultProbeTimeout.
	ProbeTimeout time.Duration
}

// The defaults find an outage within about a second and a half, and the
// database's return as soon: a request answers EUNAVAILABLE within 2 s of
// the database going away (issue 11). A probe is RETURN 1 on a pooled
// connection, microseconds of the database's time.
const (
	DefaultProbeInterval = 500 * time.Millisecond
	DefaultProbeTimeout  = time.Second
)

// slowIsDown is how long probes must go unanswered on a connection that
// was made before the database counts as down (watch).
const slowIsDown = 30 * time.Second

// probe asks the database once, without the driver's retries: an
// auto-commit RETURN 1 fails at the first refused connection.
func (db *DB) probe(ctx context.Context, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	_, err := db.returnOne(ctx)
	if err != nil && ctx.Err() != nil {
		// The driver reports its read cut short by the deadline as a
		// connectivity error; it is the answer that was slow.
		return fmt.Errorf("%w: %w", errProbeSlow, err)
	}
	return err
}

// returnOne runs RETURN 1 in an auto-commit read of its own, which the
// driver does not retry, and returns the session's bookmarks after it: the
// database's last committed transaction (DB.version).
func (db *DB) returnOne(ctx context.Context) ([]string, error) {
	session := db.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.database, AccessMode: neo4j.AccessModeRead})
	defer closeSession(ctx, session)
	res, err := session.Run(ctx, "RETURN 1", nil)
	if err == nil {
		_, err = res.Single(ctx)
	}
	if err != nil {
		return nil, err
	}
	return session.LastBookmarks(), nil
}

// errProbeSlow marks a probe that was not answered within its timeout.
var errProbeSlow = errors.New("no answer within the probe timeout")

// watch probes the database until ctx ends. onUp runs, in the background,
// each time the database answers again after an outage.
func (db *DB) watch(ctx context.Context, cfg HealthConfig, onUp func(context.Context)) {
	interval, timeout := cfg.ProbeInterval, cfg.ProbeTimeout
	if interval <= 0 {
		interval = DefaultProbeInterval
	}
	if timeout <= 0 {
		timeout = DefaultProbeTimeout
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	var slowSince time.Time // the first of the probes in a row that timed out
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		err := db.probe(ctx, timeout)
		if ctx.Err() != nil {
			return
		}
		// A probe that connected but was not answered in time is a busy
		// database (a big import, a wipe), not a gone one: it counts as
		// down only once that has lasted slowIsDown. A refused or broken
		// connection counts at once.
		if errors.Is(err, errProbeSlow) {
			if slowSince.IsZero() {
				slowSince = time.Now()
			}
			if time.Since(slowSince) < slowIsDown {
				continue
			}
		} else if err == nil {
			slowSince = time.Time{}
		}
		if !db.health.set(err == nil) {
			continue
		}
		if err != nil {
			slog.Error("the database is not answering: requests answer UNAVAILABLE until it does", "err", err)
			continue
		}
		slog.Info("the database answers again")
		if onUp != nil {
			db.watching.Add(1) // Close waits for it too
			go func() {
				defer db.watching.Done()
				onUp(ctx)
			}()
		}
	}
}

// Available says whether the database answered its last probe; readiness
// checks may use it without a round trip of their own.
func (db *DB) Available() bool { return db.health.available() }
