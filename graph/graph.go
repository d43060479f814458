// Package graph is the only package that speaks Cypher. It owns the Neo4j
// driver, the schema, every read and write, and the translation of Neo4j's
// errors into thelist errors.
package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/thelist/thelist"
)

// Config says how to reach Neo4j.
type Config struct {
	URI      string // bolt://host:port for one server, neo4j://host:port to route in a cluster
	User     string
	Password string
	Database string // the database every query names, which saves a round trip per transaction

	// TxTimeout bounds every transaction on the server side, so one heavy
	// query cannot hold the database for the others. Zero means 30 seconds.
	TxTimeout time.Duration

	// WriteRetryTime bounds how long a write is retried after transient
	// errors such as deadlocks, backing off between attempts; a write
	// still clashing then is ECONFLICT. It is also how long an editor's
	// change of one record may wait for this process's other changes of
	// it (editRecordTx). Zero means defaultWriteRetryTime, which suits
	// imports and backfills; the server, whose callers wait, uses far
	// less.
	WriteRetryTime time.Duration

	// Health says how often the database is probed, so that requests fail
	// at once while it does not answer (health.go).
	Health HealthConfig

	// MaxPathFrontier bounds the people one level of the path search may
	// expand from; a search that would expand more is ETOOBROAD (see
	// DB.Path). Zero means DefaultMaxPathFrontier.
	MaxPathFrontier int

	// StartWithoutDatabase lets Open succeed while the database cannot be
	// reached (a refused connection, no answer in time): the DB starts
	// down, every read and write answers EUNAVAILABLE at once, and when
	// the database answers the schema is applied (ApplySchema) and the
	// plans warmed, as at a normal start. A database that answers with
	// an error (a wrong password) still fails Open. The server sets it,
	// so that it can start before its database (issue 11).
	StartWithoutDatabase bool
}

// DB is a connection pool to one Neo4j database. Create one per process with
// Open; it is safe for concurrent use.
type DB struct {
	driver    neo4j.DriverWithContext
	database  string
	txTimeout time.Duration
	// writeRetryTime is Config.WriteRetryTime, or its default.
	writeRetryTime time.Duration
	// maxPathFrontier is Config.MaxPathFrontier, or its default.
	maxPathFrontier int
	queries         atomic.Int64 // statements sent, for Queries
	// derivedReady remembers that a read found every person's stored
	// derived facts complete under this binary's rules (derived.go), so a
	// candidates read is one statement, not two. Only a write can make
	// them incomplete again (Wipe, ForgetDerived, DeriveAll,
	// BeginFirstLoad), and those forget it; every other write keeps the
	// facts in its own transaction. Another process's forced derive under
	// the same rules leaves values that still hold, and another process's
	// first load needs a database with no person (firstload.go), whose
	// facts no reader found complete unless it was emptied under a running
	// server. WarmUp learns it, so a server's first read is one statement
	// too.
	derivedReady atomic.Bool
	// recovering counts the warm-ups running after the database's return
	// (Recovering).
	recovering atomic.Int32
	observe    atomic.Pointer[func(cypher string, params map[string]any)]
	// bookmarks chains every session of this DB causally: a transaction
	// starts only where the server has applied every transaction this DB
	// committed before it, so a read that follows a write through the same
	// process sees it, even from a cluster's reader that lags.
	bookmarks neo4j.BookmarkManager
	health    *health
	// stopWatching ends the prober (Close), and lifetime with it.
	stopWatching context.CancelFunc
	lifetime     context.Context
	pathIndexes  pathIndexes
	// schemaPending: Open found no database (StartWithoutDatabase), so the
	// schema is applied when it first answers.
	schemaPending atomic.Bool
	recordLocks   recordLocks
	watching      sync.WaitGroup
}

// ObserveStatements calls fn with every statement this DB sends and its
// parameters, before it is sent; nil stops it. The API benchmark (bench/api)
// uses it to hand another GraphQL layer the very statements the API runs,
// so the two compare on equal Cypher.
func (db *DB) ObserveStatements(fn func(cypher string, params map[string]any)) {
	if fn == nil {
		db.observe.Store(nil)
		return
	}
	db.observe.Store(&fn)
}

// Queries returns how many Cypher statements this DB has sent to Neo4j. The
// API's tests use it to prove that one GraphQL operation costs one round
// trip.
func (db *DB) Queries() int64 { return db.queries.Load() }

// countingTx counts the statements a transaction runs.
type countingTx struct {
	neo4j.ManagedTransaction
	db *DB
}

func (tx countingTx) Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error) {
	tx.db.queries.Add(1)
	if fn := tx.db.observe.Load(); fn != nil {
		(*fn)(cypher, params)
	}
	return tx.ManagedTransaction.Run(ctx, cypher, params)
}

// Open creates the driver and checks that the server answers, so a wrong
// address or password fails at start-up rather than on the first request.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	if cfg.MaxPathFrontier < 0 {
		return nil, fmt.Errorf("max path frontier %d: want a number of people, or 0 for %d", cfg.MaxPathFrontier, DefaultMaxPathFrontier)
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""), func(c *config.Config) {
		// A server that does not accept a connection within a second is
		// not answering: the default 5 s (and a minute to get a
		// connection from the pool) kept requests waiting through an
		// outage. The health prober (health.go) decides the rest.
		c.SocketConnectTimeout = time.Second
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j driver for %s: %w", cfg.URI, err)
	}
	db := &DB{driver: driver, database: cfg.Database, txTimeout: cfg.TxTimeout, maxPathFrontier: cfg.MaxPathFrontier,
		bookmarks: neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{}), health: newHealth()}
	if db.database == "" {
		db.database = "neo4j"
	}
	if db.txTimeout == 0 {
		db.txTimeout = 30 * time.Second
	}
	db.writeRetryTime = cfg.WriteRetryTime
	if db.writeRetryTime <= 0 {
		db.writeRetryTime = defaultWriteRetryTime
	}
	if db.maxPathFrontier == 0 {
		db.maxPathFrontier = DefaultMaxPathFrontier
	}
	if cfg.StartWithoutDatabase {
		var nerr *neo4j.Neo4jError
		if err := db.probe(ctx, startProbeTimeout); err != nil && !errors.As(err, &nerr) {
			slog.Error("the database is not answering: requests answer UNAVAILABLE until it does, "+
				"and then the schema is applied and the plans warmed", "uri", cfg.URI, "err", err)
			db.health.set(false)
			db.schemaPending.Store(true)
		}
	}
	if !db.health.available() {
		// down from the start: the prober brings it up
	} else if err := db.Ping(ctx); err != nil {
		closeErr := driver.Close(ctx)
		if closeErr != nil {
			return nil, fmt.Errorf("%w (and closing the driver: %v)", err, closeErr)
		}
		return nil, err
	}
	// The prober runs for as long as the DB is open. When the database
	// answers again after an outage it has likely restarted with an empty
	// plan cache, so the slow plans are warmed again, as at start.
	watchCtx, stop := context.WithCancel(context.Background())
	db.stopWatching, db.lifetime = stop, watchCtx
	db.watching.Add(1)
	go func() {
		defer db.watching.Done()
		db.watch(watchCtx, cfg.Health, func(ctx context.Context) {
			start := time.Now()
			if db.schemaPending.Load() {
				if err := db.ApplySchema(ctx); err != nil {
					slog.Warn("apply the schema after the database's return", "err", err)
				} else {
					db.schemaPending.Store(false)
					slog.Info("schema applied after the database's return")
				}
			}
			if err := db.recoverPlans(ctx); err != nil && ctx.Err() == nil {
				slog.Warn("warm up plans after the database's return", "err", err)
				return
			}
			slog.Info("plans warmed after the database's return", "took", time.Since(start).Round(time.Millisecond))
		})
	}()
	return db, nil
}

// startProbeTimeout is how long Open waits for a first answer when it may
// start without the database.
const startProbeTimeout = 2 * time.Second

// SchemaPending says whether the schema waits for the database to answer
// (Config.StartWithoutDatabase).
func (db *DB) SchemaPending() bool { return db.schemaPending.Load() }

// Close stops the prober and closes every connection of the pool.
func (db *DB) Close(ctx context.Context) error {
	db.stopWatching()
	db.watching.Wait()
	if err := db.driver.Close(ctx); err != nil {
		return fmt.Errorf("close neo4j driver: %w", err)
	}
	return nil
}

// Ping checks that the database answers a query, not just that a socket opens:
// readiness must fail while the database is still starting or is offline.
func (db *DB) Ping(ctx context.Context) error {
	_, err := readTx(ctx, db, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		res, err := tx.Run(ctx, "RETURN 1", nil)
		if err != nil {
			return struct{}{}, err
		}
		_, err = res.Single(ctx)
		return struct{}{}, err
	})
	if err != nil {
		return fmt.Errorf("ping neo4j: %w", err)
	}
	return nil
}

func (db *DB) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return db.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.database, AccessMode: mode,
		BookmarkManager: db.bookmarks})
}

// readTx runs fn in a read transaction, which a cluster routes to a reader.
// The driver retries fn on transient errors, so fn must only read.
func readTx[T any](ctx context.Context, db *DB, fn func(tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	var zero T
	ctx, release, err := db.health.bind(ctx)
	if err != nil {
		return zero, err
	}
	defer release()
	session := db.session(ctx, neo4j.AccessModeRead)
	defer closeSession(ctx, session)
	v, err := session.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		v, err := fn(countingTx{tx, db})
		return v, stopOnMemory(err)
	},
		neo4j.WithTxTimeout(db.readTimeout(ctx)))
	if err != nil {
		return zero, translate(downErr(ctx, err))
	}
	return v.(T), nil
}

// txTimeoutKey carries a read's own transaction timeout in its context
// (withTxTimeout); reads without it use Config.TxTimeout.
type txTimeoutKey struct{}

// withTxTimeout gives the reads made with ctx their own transaction
// timeout. Only the warm-up uses it: planning the path search on a busy
// server just started can take longer than a user's read may.
func withTxTimeout(ctx context.Context, d time.Duration) context.Context {
	return context.WithValue(ctx, txTimeoutKey{}, d)
}

func (db *DB) readTimeout(ctx context.Context) time.Duration {
	if d, ok := ctx.Value(txTimeoutKey{}).(time.Duration); ok && d > 0 {
		return d
	}
	return db.txTimeout
}

// writeTx runs fn in a write transaction, retried with backoff on
// transient errors such as deadlocks for up to Config.WriteRetryTime, so fn
// must be safe to run again: every write here is a MERGE or a SET. The
// retries are this package's rather than the driver's (ExecuteWrite),
// whose backoff starts at a second and doubles: a write that clashes is
// tried again within milliseconds, and one that still clashes at the bound
// is ECONFLICT, answered while its caller still waits, not TIMEOUT.
func writeTx[T any](ctx context.Context, db *DB, fn func(tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	var zero T
	ctx, release, err := db.health.bind(ctx)
	if err != nil {
		return zero, err
	}
	defer release()
	session := db.session(ctx, neo4j.AccessModeWrite)
	defer closeSession(ctx, session)
	start := time.Now()
	backoff := firstWriteBackoff
	for {
		v, err := writeOnce(ctx, db, session, fn)
		if err == nil {
			return v, nil
		}
		if !neo4j.IsRetryable(err) || ctx.Err() != nil {
			return zero, translate(downErr(ctx, err))
		}
		// Full jitter: writers that clashed once do not meet again at
		// the same moment.
		wait := time.Duration(rand.Int64N(int64(backoff))) + time.Millisecond
		if time.Since(start)+wait > db.writeRetryTime {
			return zero, translate(downErr(ctx, clashed(err)))
		}
		select {
		case <-ctx.Done():
			return zero, translate(downErr(ctx, ctx.Err()))
		case <-time.After(wait):
		}
		backoff = min(2*backoff, maxWriteBackoff)
	}
}

// editTx is writeTx for an edit by a person who waits for the answer (a
// shortlist, a lab merge): a deadlock is retried for up to
// Config.WriteRetryTime and is then ECONFLICT. The edit's own work is
// bounded by the request's deadline and the transaction timeout, not by
// that budget.
func editTx[T any](ctx context.Context, db *DB, fn func(tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	return editRecordTx(ctx, db, "", fn)
}

// editRecordTx is editTx for an edit of the record named by key, which
// first waits for this process's other edits of it (recordLocks). Waiting
// for others is what Config.WriteRetryTime bounds, from the request's
// arrival (thelist.WithArrival): fifty editors of one record queue on its
// lock, and those the budget does not reach are told ECONFLICT, to try
// again, while they still wait, rather than TIMEOUT at the request
// timeout. The one whose turn it is runs to the end: an edit that waits
// for no one is never told that others are changing the record because
// its own statements were slow (the first edit after Neo4j starts plans
// them, seconds on a busy server).
func editRecordTx[T any](ctx context.Context, db *DB, key string, fn func(tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	if key != "" {
		wait, cancel := context.WithDeadlineCause(ctx, thelist.Arrival(ctx).Add(db.writeRetryTime), errRecordBusy)
		unlock, err := db.recordLocks.lock(wait, key)
		cancel()
		if err != nil {
			var zero T
			if errors.Is(err, errRecordBusy) {
				return zero, err
			}
			return zero, translate(err)
		}
		defer unlock()
	}
	return writeTx(ctx, db, fn)
}

// defaultWriteRetryTime is the retry bound of a write no request waits
// for: an import's or a backfill's batch. Such a batch takes seconds, and
// an import's writers clash on the labs their rows share (creating a
// relationship locks a lab that is not dense): 30 seconds, the driver's
// own bound, left room for two or three attempts, and a first load of
// 100,000 people with four writers stopped on a deadlock (2026-12-07).
// Every attempt is still bounded by the transaction timeout, and a
// database that stops answering ends the wait through the health probe.
const defaultWriteRetryTime = 5 * time.Minute

// errRecordBusy is the cause of an edit's budget running out.
var errRecordBusy = thelist.Errorf(thelist.ECONFLICT, "the record is being changed by other requests: try again")

// The backoff between attempts of a write: a deadlock's transactions take
// a few milliseconds, so the first retry comes that soon.
const (
	firstWriteBackoff = 10 * time.Millisecond
	maxWriteBackoff   = 250 * time.Millisecond
)

// writeOnce runs fn in one write transaction and commits it.
func writeOnce[T any](ctx context.Context, db *DB, session neo4j.SessionWithContext, fn func(tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	var zero T
	tx, err := session.BeginTransaction(ctx, neo4j.WithTxTimeout(db.txTimeout))
	if err != nil {
		return zero, err
	}
	defer func() {
		// Rolls back what was not committed; after a commit it does
		// nothing. Its error adds nothing to fn's or the commit's.
		if err := tx.Close(ctx); err != nil {
			slog.DebugContext(ctx, "close write transaction", "err", err)
		}
	}()
	v, err := fn(countingTx{tx, db})
	if err != nil {
		return zero, err
	}
	// An edit whose request ended while it ran is rolled back here
	// rather than committed late.
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	// The commit is not cut short by an edit's budget (editTx) or the
	// request's deadline: cancelled mid-commit, a write may be stored
	// while its caller is told it failed, and its history would hold a
	// change no one was told of. Neo4j's transaction timeout still
	// bounds it.
	if err := tx.Commit(context.WithoutCancel(ctx)); err != nil {
		return zero, err
	}
	return v, nil
}

// clashed is the error of a write that was still failing transiently at
// the retry bound: a conflict the caller may try again when it was one
// with other transactions (a deadlock, a lock that could not be had), and
// the error itself otherwise (a connection, which translate makes
// EUNAVAILABLE).
func clashed(err error) error {
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) && strings.HasPrefix(nerr.Code, "Neo.TransientError.Transaction") {
		return fmt.Errorf("%w: %w", errRecordBusy, err)
	}
	return err
}

// firstRow runs a read that MATCHes the record it is about before anything
// else, so that no row means no such record, and returns its first row as a
// map, or notFound when there is none.
func firstRow(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any,
	notFound error) (map[string]any, error) {
	res, err := tx.Run(ctx, query, params)
	recs, err := neo4j.CollectWithContext(ctx, res, err)
	if err != nil {
		return nil, err
	} else if len(recs) == 0 {
		return nil, notFound
	}
	return recs[0].AsMap(), nil
}

// singleRow runs a statement that always returns exactly one row, such as
// an aggregation or a bare RETURN, and returns that row as a map.
func singleRow(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) (map[string]any, error) {
	res, err := tx.Run(ctx, query, params)
	rec, err := neo4j.SingleWithContext(ctx, res, err)
	if err != nil {
		return nil, err
	}
	return rec.AsMap(), nil
}

// closeSession closes a session whose work is done. The work's own error has
// been returned already, and a failure to close only loses a pooled
// connection, which the driver replaces, so it is not worth failing over.
func closeSession(ctx context.Context, s neo4j.SessionWithContext) {
	if err := s.Close(ctx); err != nil {
		slog.WarnContext(ctx, "close neo4j session", "err", err)
	}
}
