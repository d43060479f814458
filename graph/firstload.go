package graph

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// A first load is an import into a database that holds no person and no
// lab yet. Every person it writes is new, so recomputing derived facts
// (derived.go) and departures (labagg.go) in each batch's transaction only
// works out, batch after batch, facts that one pass over the finished
// graph would give at once: on 100k generated people the per-write upkeep
// made the load 7.8 times slower. A first load therefore writes its
// records alone (thelist.Bundle.DeferFacts) and ends with the backfill
// that `thelist import --bulk` runs after its offline load
// (FinishFirstLoad): DeriveAll, forced, then RebuildDepartures.
//
// Safety rests on the DerivedState node that derivedReady reads:
//
//   - BeginFirstLoad records, before the first write, that a first load is
//     under way (firstLoad true) and that the facts are not complete
//     (complete false). Reads compute credentials at query time while it
//     holds (candidates.go), exactly as before DeriveAll has run on an old
//     database, so a reader during the load never sees a missing fact as
//     a missing credential.
//   - A load that stops midway (killed, a lost connection) leaves the
//     marker. The next import into that database sees it and defers again
//     however many records are stored, and its backfill completes the
//     facts of everyone; `thelist check` reports the facts as stale and the
//     departures as differing meanwhile. `thelist derive` then `thelist
//     aggregates rebuild` mend it as well.
//   - Only the end of FinishFirstLoad, after both backfills, removes the
//     marker. The import lock keeps a second import from writing while one
//     first load runs, and every write that is not a deferred batch (an
//     edit through the API, say) keeps its own people's facts as always.
//   - A deferred batch checks the marker in its own transaction and fails
//     without it, so a bundle marked DeferFacts can never silently skip the
//     facts of a database that is not being first-loaded.
//
// Imports into a database that holds people or labs, and no marker, keep
// the per-write upkeep.

// firstLoadBatch is how many people one backfill transaction takes, as
// --bulk has always run it.
const firstLoadBatch = 2000

// firstLoadWriters is how many departures batches the backfill runs at once.
const firstLoadWriters = 2

// BeginFirstLoad says whether an import about to write should defer the
// facts kept at write time to FinishFirstLoad: when the database holds no
// person and no lab, or when an earlier first load did not finish. It then
// marks the database as being first-loaded (see the top of this file),
// before any record is written. Call it while holding the import lock.
//
// An empty database whose DerivedState already says the facts are
// complete (a bundle of sources alone was imported, or thelist derive ran
// on it) is loaded per write instead: a server may have read that state
// and remember it (DB.derivedReady), and would then trust facts that a
// deferred load has not written yet.
func (db *DB) BeginFirstLoad(ctx context.Context) (bool, error) {
	deferred, err := writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (bool, error) {
		res, err := tx.Run(ctx, `
			OPTIONAL MATCH (s:DerivedState {id: $state})
			WITH coalesce(s.firstLoad, false) AS pending, coalesce(s.complete, false) AS complete
			WHERE pending OR (NOT complete AND NOT EXISTS { MATCH (:Person) } AND NOT EXISTS { MATCH (:Lab) })
			MERGE (t:DerivedState {id: $state})
			SET t.firstLoad = true, t.complete = false, t.cursor = null, t.version = $version
			RETURN pending`, map[string]any{"state": derivedStateID, "version": derivedVersion()})
		recs, err := neo4j.CollectWithContext(ctx, res, err)
		if err != nil {
			return false, err
		}
		return len(recs) > 0, nil
	})
	if err != nil {
		return false, fmt.Errorf("first load: mark the database: %w", err)
	}
	if deferred {
		db.derivedReady.Store(false)
	}
	return deferred, nil
}

// firstLoadPending reads, in tx, whether the database is marked as being
// first-loaded.
func firstLoadPending(ctx context.Context, tx neo4j.ManagedTransaction) (bool, error) {
	m, err := singleRow(ctx, tx, `OPTIONAL MATCH (s:DerivedState {id: $state})
		RETURN coalesce(s.firstLoad, false) AS pending`, map[string]any{"state": derivedStateID})
	if err != nil {
		return false, fmt.Errorf("first load: read the mark: %w", err)
	}
	pending, _ := m["pending"].(bool)
	return pending, nil
}

// checkDeferrable fails a deferred batch (thelist.Bundle.DeferFacts) in its
// own transaction unless the database is marked as being first-loaded.
func checkDeferrable(ctx context.Context, tx neo4j.ManagedTransaction) error {
	pending, err := firstLoadPending(ctx, tx)
	if err != nil {
		return err
	}
	if !pending {
		return thelist.Errorf(thelist.ECONFLICT, "write bundle: the batch leaves derived facts to a first load's backfill, "+
			"and the database is not marked as being first-loaded (wiped, or finished by another process?); run the import again")
	}
	return nil
}

// BackfillProgress is told how many people a stage of the backfill will
// take, then how many each batch did. It is an alias of an interface
// literal, as importer.BackfillProgress is, so that FinishFirstLoad has the
// signature of importer.FirstLoader's without either package naming the
// other's types.
type BackfillProgress = interface {
	Start(total int)
	Add(n int)
	Finish()
}

// FinishFirstLoad is the backfill of a first load, the import's or
// --bulk's: it marks the database as being first-loaded (BeginFirstLoad
// has, for an import; --bulk's offline load could not), derives every
// person's facts (DeriveAll, forced: the marker may stand from a stopped
// load whose people were written after an earlier backfill passed them),
// recomputes every person's departures (RebuildDepartures), and only then
// removes the marker. derived and departures receive the progress of each
// stage; either may be nil.
func (db *DB) FinishFirstLoad(ctx context.Context, derived, departures BackfillProgress) error {
	if err := db.setFirstLoad(ctx, true); err != nil {
		return err
	}
	if _, err := db.DeriveAll(ctx, firstLoadBatch, true, derived); err != nil {
		return fmt.Errorf("first load: derive facts: %w", err)
	}
	// The stage starts before its first batch, so that its rate is
	// measured from there.
	last := 0
	var report func(done, total int)
	if departures != nil {
		people, err := readTx(ctx, db, func(tx neo4j.ManagedTransaction) (int, error) {
			m, err := singleRow(ctx, tx, `MATCH (p:Person) RETURN count(p) AS n`, nil)
			return intOf(m, "n"), err
		})
		if err != nil {
			return fmt.Errorf("first load: count people: %w", err)
		}
		departures.Start(people)
		defer departures.Finish()
		report = func(done, _ int) {
			departures.Add(done - last)
			last = done
		}
	}
	err := db.RebuildDepartures(ctx, firstLoadBatch, firstLoadWriters, report)
	if err != nil {
		return fmt.Errorf("first load: keep departures: %w", err)
	}
	return db.setFirstLoad(ctx, false)
}

// setFirstLoad sets or removes the first-load marker on DerivedState.
func (db *DB) setFirstLoad(ctx context.Context, on bool) error {
	_, err := writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		q := `MATCH (s:DerivedState {id: $state}) REMOVE s.firstLoad`
		if on {
			// A database without the node has no complete facts: it is
			// created incomplete, as DeriveAll would.
			q = `MERGE (s:DerivedState {id: $state})
				ON CREATE SET s.version = $version, s.complete = false, s.cursor = null
				SET s.firstLoad = true`
		}
		res, err := tx.Run(ctx, q, map[string]any{"state": derivedStateID, "version": derivedVersion()})
		if err == nil {
			_, err = res.Consume(ctx)
		}
		return struct{}{}, err
	})
	if err != nil {
		return fmt.Errorf("first load: mark the database: %w", err)
	}
	return nil
}

// FirstLoadPending reports whether the database is marked as being
// first-loaded: a first load began and its backfill has not finished.
func (db *DB) FirstLoadPending(ctx context.Context) (bool, error) {
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (bool, error) { return firstLoadPending(ctx, tx) })
}
