// Package importer reads data bundles (docs/data-format.md): it validates
// every row of every file, resolves references against the bundle and the
// database, and only then writes, in batches, through the Store.
//
// An import makes two passes over the files. The first validates and keeps
// only ids (compactly, see idSet), so memory stays bounded however large the
// bundle; the second parses the rows again and writes them in transactions
// of BatchSize records. Writes are upserts keyed by id that skip unchanged
// records, so an import that stopped half-way (the database went away) is
// finished by running it again, with no duplicate and no lost row.
package importer

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/thelist/thelist"
)

// Store is what the importer needs from the database.
type Store interface {
	// MissingIDs returns those of ids that no node with the label has.
	MissingIDs(ctx context.Context, label string, ids []string) ([]string, error)
	// WriteBundle upserts the records of b in one transaction.
	WriteBundle(ctx context.Context, b thelist.Bundle) (thelist.ImportResult, error)
	// PlanBundle says what WriteBundle would do, without writing.
	PlanBundle(ctx context.Context, b thelist.Bundle) (thelist.ImportResult, error)
	// EmptyKinds returns the kinds of record that the database holds none of.
	EmptyKinds(ctx context.Context) ([]string, error)
	// RecordImport logs a finished import in the graph and returns its id.
	RecordImport(ctx context.Context, meta thelist.ImportMeta, res thelist.ImportResult) (string, error)
}

// Locker is the optional part of a Store that keeps imports into one
// database one at a time (graph.DB's import lock). A store without it
// imports without a lock.
type Locker interface {
	// LockImport takes the lock for lock, breaking a holder silent for
	// longer than breakAfter when breakAfter > 0, and returns the lock as
	// it was found and whether it is now lock's.
	LockImport(ctx context.Context, lock thelist.ImportLock, breakAfter time.Duration) (thelist.ImportLock, bool, error)
	// HeartbeatImport renews the lock held with token; ECONFLICT when it
	// is no longer token's.
	HeartbeatImport(ctx context.Context, token string) error
	// UnlockImport frees the lock if token holds it.
	UnlockImport(ctx context.Context, token string) error
}

// FirstLoader is the optional part of a Store that lets a first load leave
// the facts kept at write time (a person's derived facts, a lab's
// departures) to one backfill at its end instead of recomputing them in
// every batch (graph.DB; see graph/firstload.go). A store without it keeps
// them as it writes.
type FirstLoader interface {
	// BeginFirstLoad says whether this import is a first load (the
	// database holds no person and no lab, or an earlier first load did
	// not finish), and if it is, marks the database so that reads compute
	// those facts until FinishFirstLoad has run. The importer then writes
	// its batches with thelist.Bundle.DeferFacts.
	BeginFirstLoad(ctx context.Context) (bool, error)
	// FinishFirstLoad works the facts out for everyone, in batches that
	// each commit, telling derived and departures how each stage goes,
	// and then removes the mark.
	FinishFirstLoad(ctx context.Context, derived, departures BackfillProgress) error
}

// BackfillProgress is told how a stage of a first load's backfill goes:
// how many people it will take, then how many each batch did. It is an
// alias of an interface literal, as graph.BackfillProgress is, so that
// graph.DB's FinishFirstLoad has FirstLoader's signature; a Progress is one.
type BackfillProgress = interface {
	Start(total int)
	Add(n int)
	Finish()
}

// LockHeartbeat is how often an import renews its lock, and StaleLockAfter
// how long a lock may go without renewal before it counts as stale: its
// import died without freeing it (kill -9, a lost machine), and
// Options.BreakStaleLock may take it over.
const (
	LockHeartbeat  = 10 * time.Second
	StaleLockAfter = time.Minute
)

// Options tune an import.
type Options struct {
	// DryRun validates and reports what would change, writing nothing.
	DryRun bool
	// BatchSize is how many records one transaction writes; 5,000 when zero.
	// A bundle no larger than one batch is written atomically.
	BatchSize int
	// Writers is how many batches may be written at once; 1 when zero.
	// Only batches of the same kind overlap (see writePool).
	Writers int
	// Progress receives progress reports while writing; nil for none.
	Progress Progress
	// Backfill, when set, gives the progress of each stage of a first
	// load's backfill (FirstLoader), named by stage: "derived facts", then
	// "departures".
	Backfill func(stage string) Progress
	// BreakStaleLock takes over the import lock when its holder has sent
	// no heartbeat for StaleLockAfter (or StaleAfter); a lock renewed more
	// recently is never broken.
	BreakStaleLock bool
	// StaleAfter overrides StaleLockAfter when not zero (tests).
	StaleAfter time.Duration
	// Errors, when set, receives every problem found, one JSON object a
	// line (thelist.Problem's fields), for tools; the returned error lists
	// only the first few of each kind.
	Errors io.Writer
}

// Report says what an import did, or would do when DryRun.
type Report struct {
	thelist.ImportResult
	Meta   thelist.ImportMeta
	Rows   map[string]int // rows read, by kind
	DryRun bool
	// Warnings are what the import did not refuse but a person should
	// look at: a new lab named like another (likely a duplicate). The
	// first few of each kind; WarningTotal counts them all.
	Warnings     []thelist.Problem
	WarningTotal int
	// BrokenLock is the stale lock this import broke to run, if it did.
	BrokenLock *thelist.ImportLock
	// FirstLoad is set when the import was a first load (FirstLoader):
	// its batches left the facts kept at write time to the backfill at its
	// end, which took Backfill (part of Duration).
	FirstLoad bool
	Backfill  time.Duration
	Duration  time.Duration
}

// Import validates the bundle in dir and writes it. An invalid bundle
// returns a *ValidationError and writes nothing. When the store is a
// Locker, an import (not a dry run) first takes the database's import lock
// and holds it to the end, renewing it every LockHeartbeat; while another
// import holds it, Import returns ECONFLICT at once, naming the holder.
func Import(ctx context.Context, store Store, dir string, opts Options) (rep Report, err error) {
	if locker, ok := store.(Locker); ok && !opts.DryRun {
		var stop func() error
		ctx, stop, rep.BrokenLock, err = lockImport(ctx, locker, opts)
		if err != nil {
			return rep, err
		}
		defer func() { err = errors.Join(err, stop()) }()
	}
	broken := rep.BrokenLock
	rep, err = importBundle(ctx, store, dir, opts)
	rep.BrokenLock = broken
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, ctx.Err()) {
		err = cause // the lock was lost: say so, not "context canceled"
	}
	return rep, err
}

// lockImport takes the import lock and renews it until stop, which frees
// it. The returned context is cancelled, with the reason as its cause, if
// the lock is lost (another import broke it as stale).
func lockImport(ctx context.Context, locker Locker, opts Options) (context.Context, func() error, *thelist.ImportLock, error) {
	staleAfter := cmp.Or(opts.StaleAfter, StaleLockAfter)
	host, err := os.Hostname()
	if err != nil {
		host = "unknown host"
	}
	token := make([]byte, 16)
	if _, err := rand.Read(token); err != nil {
		return ctx, nil, nil, fmt.Errorf("take the import lock: %w", err)
	}
	lock := thelist.ImportLock{Token: hex.EncodeToString(token), Host: host, PID: os.Getpid()}
	breakAfter := time.Duration(0)
	if opts.BreakStaleLock {
		breakAfter = staleAfter
	}
	found, mine, err := locker.LockImport(ctx, lock, breakAfter)
	if err != nil {
		return ctx, nil, nil, err
	}
	if !mine {
		msg := fmt.Sprintf("another import is running: %s, pid %d, started %s, last heartbeat %s ago",
			thelist.Quote(found.Host), found.PID, found.Started.UTC().Format(time.DateTime+" MST"), found.Silent.Round(time.Second))
		if found.Silent > staleAfter {
			msg += fmt.Sprintf("; no heartbeat for more than %s, so it has likely died: "+
				"run again with --break-stale-lock to take the lock over", staleAfter)
		} else {
			msg += "; wait for it to finish"
		}
		return ctx, nil, nil, thelist.Errorf(thelist.ECONFLICT, "%s", msg)
	}
	var broken *thelist.ImportLock
	if found.Token != lock.Token {
		broken = &found
	}
	ctx, cancel := context.WithCancelCause(ctx)
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(LockHeartbeat)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				// A failed renewal for any other reason (the database
				// away) fails the writes too; only a lost lock stops here.
				if err := locker.HeartbeatImport(ctx, lock.Token); thelist.ErrorCode(err) == thelist.ECONFLICT {
					cancel(fmt.Errorf("import stopped: %w", err))
					return
				}
			}
		}
	}()
	stop := func() error {
		close(done)
		<-stopped
		cancel(nil)
		// Free the lock even when the import was cancelled.
		unlockCtx, cancelUnlock := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancelUnlock()
		return locker.UnlockImport(unlockCtx, lock.Token)
	}
	return ctx, stop, broken, nil
}

// importBundle is Import once the lock is held.
func importBundle(ctx context.Context, store Store, dir string, opts Options) (Report, error) {
	began := time.Now()
	if opts.BatchSize <= 0 {
		opts.BatchSize = 5000
	}
	if opts.Writers <= 0 {
		opts.Writers = 1
	}
	if opts.Progress == nil {
		opts.Progress = noProgress{}
	}
	var ps problems
	if opts.Errors != nil {
		enc := json.NewEncoder(opts.Errors)
		enc.SetEscapeHTML(false)
		ps.sink = func(p thelist.Problem) error { return enc.Encode(p) }
	}
	files, m, err := scan(dir, &ps)
	if err != nil {
		return Report{}, err
	}
	var warn problems
	rows, checksum, matches, err := validate(ctx, store, files, &ps, &warn)
	if err != nil {
		return Report{}, err
	}
	if ps.sinkErr != nil {
		return Report{}, fmt.Errorf("write the problems: %w", ps.sinkErr)
	}
	if err := ps.err(); err != nil {
		return Report{}, err
	}
	rep := Report{
		Meta:     thelist.ImportMeta{Bundle: dir, Name: m.Name, Version: m.Version, Checksum: checksum},
		Rows:     rows,
		DryRun:   opts.DryRun,
		Warnings: warn.list, WarningTotal: warn.total,
	}
	rep.Counts = map[string]thelist.ImportCounts{}
	total := 0
	for _, n := range rows {
		total += n
	}
	// A first load is decided, and marked, before the first write, and
	// under the import lock: no other import writes until its backfill
	// has run.
	loader, _ := store.(FirstLoader)
	if loader != nil && !opts.DryRun {
		if rep.FirstLoad, err = loader.BeginFirstLoad(ctx); err != nil {
			return rep, err
		}
	}
	opts.Progress.Start(total)
	err = write(ctx, store, files, matches, opts, &rep)
	opts.Progress.Finish()
	if err != nil {
		return rep, err
	}
	if rep.FirstLoad {
		// Before the import is recorded: a recorded first load has its
		// facts. A backfill that stops leaves the mark, and running the
		// import again (every row unchanged) runs it again.
		began := time.Now()
		var derived, departures BackfillProgress
		if opts.Backfill != nil {
			derived, departures = opts.Backfill("derived facts"), opts.Backfill("departures")
		}
		if err := loader.FinishFirstLoad(ctx, derived, departures); err != nil {
			return rep, fmt.Errorf("first load: backfill: %w; running the same import again finishes it", err)
		}
		rep.Backfill = time.Since(began)
	}
	if !opts.DryRun {
		if rep.RunID, err = store.RecordImport(ctx, rep.Meta, rep.ImportResult); err != nil {
			return rep, fmt.Errorf("record import: %w", err)
		}
	}
	rep.Duration = time.Since(began)
	return rep, nil
}

// write is the second pass: it parses the rows again and writes (or plans)
// them a batch at a time, through a writePool.
func write(ctx context.Context, store Store, files []bundleFile, matches map[string]match, opts Options, rep *Report) error {
	flush := store.WriteBundle
	if opts.DryRun {
		flush = store.PlanBundle
	}
	// Kinds that the database holds none of are written without looking
	// their records up (thelist.Bundle.NewKinds). Read once, before the
	// first write: after it, a kind is no longer empty, yet every record of
	// it in this bundle is still new.
	empty, err := store.EmptyKinds(ctx)
	if err != nil {
		return fmt.Errorf("read the kinds the database holds: %w", err)
	}
	newKinds := map[string]bool{}
	for _, kind := range empty {
		newKinds[kind] = true
	}
	pool := newWritePool(ctx, opts.Writers, flush, func(res thelist.ImportResult, n int) {
		rep.Add(res)
		opts.Progress.Add(n)
	})
	var ps problems
	v := newValidator(ctx, store)
	v.ps, v.writing = &ps, true
	v.resolver.matches = matches
	var batch thelist.Bundle
	var kinds []string  // the kinds in batch, in order
	var rows []batchRow // the rows in batch, to name the one at fault if it fails
	send := func() error {
		if batch.Len() == 0 {
			return nil
		}
		batch.NewKinds = newKinds
		batch.DeferFacts = rep.FirstLoad
		err := pool.write(batch, kinds, rows)
		batch, kinds, rows = thelist.Bundle{}, nil, nil
		return err
	}
	for _, f := range files {
		fh, err := os.Open(f.path)
		if err != nil {
			return errors.Join(fmt.Errorf("open bundle file: %w", err), pool.wait())
		}
		c := &rowCtx{v: v, kind: f.spec.kind, file: f.name}
		var sendErr error
		err = f.read(fh, &ps, func(r row) {
			if sendErr != nil {
				return
			}
			c.r = r
			f.spec.parse(c, &batch)
			if len(kinds) == 0 || kinds[len(kinds)-1] != f.spec.kind {
				kinds = append(kinds, f.spec.kind)
			}
			rows = append(rows, batchRow{file: f.name, line: r.line, values: r.values})
			if batch.Len() >= opts.BatchSize {
				sendErr = send()
			}
		})
		closeErr := fh.Close()
		if err = errors.Join(err, sendErr, closeErr); err != nil {
			return errors.Join(err, pool.wait())
		}
		if ps.total > 0 {
			return errors.Join(fmt.Errorf("%s changed while it was imported: %s", f.name, ps.list[0]), pool.wait())
		}
	}
	return errors.Join(send(), pool.wait())
}

// A writePool writes batches on up to n goroutines. Kinds are written in
// order because records refer to kinds written before them (a stint to its
// person and lab), so only batches that hold one and the same kind overlap;
// any other batch waits until every batch before it is written. Labs never
// overlap: a lab may refer to its parent in an earlier batch. Each batch is
// its own transaction, so overlapping ones may deadlock on a shared node;
// Neo4j reports that as a transient error and the driver retries the
// transaction.
//
// Overlap pays because the server runs each transaction on one thread: with
// one writer, the import benchmark saw the server busy on one core while
// the client parsed the next batch.
type writePool struct {
	base  context.Context // the import's context
	ctx   context.Context // the group's, cancelled when a batch fails
	group *errgroup.Group
	n     int
	kind  string // the one kind of the batches in flight; "" for none or mixed
	flush func(context.Context, thelist.Bundle) (thelist.ImportResult, error)
	mu    sync.Mutex // guards done
	done  func(res thelist.ImportResult, n int)
}

func newWritePool(ctx context.Context, n int, flush func(context.Context, thelist.Bundle) (thelist.ImportResult, error), done func(thelist.ImportResult, int)) *writePool {
	p := &writePool{base: ctx, n: n, flush: flush, done: done}
	p.group, p.ctx = errgroup.WithContext(ctx)
	p.group.SetLimit(n)
	return p
}

// write starts writing batch, whose rows are of kinds (in order) and read
// from rows, once a writer is free. It returns the error of a batch that
// failed before.
func (p *writePool) write(batch thelist.Bundle, kinds []string, rows []batchRow) error {
	single := len(kinds) == 1 && kinds[0] != thelist.KindLabs
	if !single || kinds[0] != p.kind {
		if err := p.wait(); err != nil {
			return err
		}
	}
	if single {
		p.kind = kinds[0]
	}
	ctx := p.ctx
	p.group.Go(func() error {
		if err := ctx.Err(); err != nil {
			// A batch before this one failed (whose error the group keeps,
			// being first), or the import was cancelled: write nothing more.
			return err
		}
		res, err := p.flush(ctx, batch)
		if err != nil {
			return writeFailure(rows, err)
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		p.done(res, batch.Len())
		return nil
	})
	return nil
}

// wait returns once every batch started is written, with the first error,
// and readies the pool for the next kind.
func (p *writePool) wait() error {
	err := p.group.Wait()
	p.group, p.ctx = errgroup.WithContext(p.base)
	p.group.SetLimit(p.n)
	p.kind = ""
	return err
}

// batchRow is a row of a batch being written: where it was read and its
// values, kept so that a failed write can name the row and field at fault.
type batchRow struct {
	file   string
	line   int
	values map[string]string
}

// missingNodes is a Store's error for a write whose records point at nodes
// that are in neither the write nor the database.
type missingNodes interface {
	error
	MissingNodes() (label string, ids []string)
}

// writeFailure explains the failure err of writing the batch of rows. When
// the database names what is at fault (a record points at a node that is no
// longer there, or clashes with a record another writer made at the same
// time), the message names the row and field; otherwise the batch.
func writeFailure(rows []batchRow, err error) error {
	const rerun = "the batches before it are written, and running the same import again finishes the job"
	first, last := rows[0], rows[len(rows)-1]
	var missing missingNodes
	if errors.As(err, &missing) {
		label, ids := missing.MissingNodes()
		for _, r := range rows {
			if field, id, ok := r.refersTo(ids); ok {
				return fmt.Errorf("%s:%d: %s: %w: the %s %s is not in the database (deleted while importing?); %s",
					r.file, r.line, field, err, strings.ToLower(label), thelist.Quote(id), rerun)
			}
		}
	}
	if thelist.ErrorCode(err) == thelist.ECONFLICT {
		for _, r := range rows {
			if field, ok := r.clashesIn(err.Error()); ok {
				return fmt.Errorf("%s:%d: %s: %w: another writer stored the same record at the same time; %s",
					r.file, r.line, field, err, rerun)
			}
		}
	}
	return fmt.Errorf("write the batch of %s:%d to %s:%d: %w; %s", first.file, first.line, last.file, last.line, err, rerun)
}

// refersTo returns the field of the row, and the id, that names one of ids.
func (r batchRow) refersTo(ids []string) (field, id string, ok bool) {
	for _, name := range slices.Sorted(maps.Keys(r.values)) {
		if name != "sources" && !strings.HasSuffix(name, "_id") {
			continue
		}
		for _, item := range strings.Split(r.values[name], ";") {
			if item = strings.TrimSpace(item); item != "" && slices.Contains(ids, item) {
				return name, item, true
			}
		}
	}
	return "", "", false
}

// clashesIn returns the key field of the row when msg, a Neo4j constraint
// violation, quotes the row's key: its id, or for a pair its two ends.
func (r batchRow) clashesIn(msg string) (string, bool) {
	if id := r.values["id"]; id != "" && strings.Contains(msg, "'"+id+"'") {
		return "id", true
	}
	for _, pair := range [][2]string{{"person_id", "paper_id"}, {"person_id", "group_id"}} {
		a, b := r.values[pair[0]], r.values[pair[1]]
		if a != "" && b != "" && strings.Contains(msg, "'"+a+"/"+b+"'") {
			return pair[0] + " and " + pair[1], true
		}
	}
	return "", false
}

// Progress is told how the write pass goes.
type Progress interface {
	Start(total int) // the number of records to write
	Add(n int)       // n more records written
	Finish()
}

type noProgress struct{}

func (noProgress) Start(int) {}
func (noProgress) Add(int)   {}
func (noProgress) Finish()   {}
