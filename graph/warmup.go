package graph

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// warmUpID names no node (ids never begin with a NUL) and has the length
// of a real id: Neo4j's plan cache tells string parameters apart by size
// (measured: ids of 1, of 2–9 and of 10–99 characters each got a plan of
// their own), and ids such as "matt-deitke" or "syn-person-0000002" are
// 10–99 characters long.
const warmUpID = "\x00warm-up-nothing"

// warmUpTxTimeout is the transaction timeout of the warm-up's reads.
const warmUpTxTimeout = 3 * time.Minute

// warmUpCandidateFilters are the shapes of the recruiter's filter that the
// web app's candidates page sends before anyone types (frontend/src/
// candidates/state.ts): no filter, which opens the page; each credential
// check box alone; the "at least N credentials" select (one statement for
// every N); and the three credentials together, The List itself. Every
// shape is a statement of its own (candidatePlan.query), and each took
// 2–7 s to plan on a Neo4j just started (docs/operations.md).
var warmUpCandidateFilters = []thelist.CandidateFilter{
	{OrderBy: thelist.CandidateOrderName},
	{OrderBy: thelist.CandidateOrderName, PhD: true},
	{OrderBy: thelist.CandidateOrderName, TopLab: true},
	{OrderBy: thelist.CandidateOrderName, Breakthrough: true},
	{OrderBy: thelist.CandidateOrderName, AtLeast: 1},
	{OrderBy: thelist.CandidateOrderName, PhD: true, TopLab: true, Breakthrough: true},
}

// WarmUp runs, with parameters that match nothing or next to nothing, the
// statements that take Neo4j seconds to plan, so that its plan cache holds
// them before a user waits: the path search over every link kind (the web
// app's default; 3–4 s to plan, 9 s on a server just started), the alumni
// of a lab (about 1 s) and the candidates page's filters
// (warmUpCandidateFilters). The cache is keyed by a statement's text and
// its parameters' types (and sizes), so it goes through Path, LabAlumni
// and Candidates themselves, with parameters like a first request's;
// EXPLAIN would plan without filling the cache. The answers, not found,
// are not errors here; a failure of the database is.
func (db *DB) WarmUp(ctx context.Context) error {
	return db.warm(ctx, false)
}

// recoverPlans warms the plans again after the database's return, with
// this process Recovering meanwhile (the API admits next to nothing), then
// the path index, which serves at once whether or not it is current.
// In the soak across a restart of Neo4j, 32 clients let in at once on an
// empty plan cache and page cache made every request of the first seconds
// wait out its 15 s, and the warm-up took 1 m 36 s instead of 34 s
// (BENCHMARKS.md, overload's fourth run).
func (db *DB) recoverPlans(ctx context.Context) error {
	return db.warm(ctx, true)
}

// warm plans the slow statements, Recovering while it does when
// recovering, then reads the path index.
func (db *DB) warm(ctx context.Context, recovering bool) error {
	if recovering {
		db.recovering.Add(1)
	}
	errs := db.warmPlans(ctx)
	if recovering {
		db.recovering.Add(-1)
	}
	if err := db.warmPathIndex(ctx); err != nil {
		errs = append(errs, fmt.Errorf("warm up path index: %w", err))
	}
	return errors.Join(errs...)
}

// Recovering says whether the database has just answered again after an
// outage and its plans are being warmed: the API then admits only a few
// requests at a time (api.Admission.Recovering) and refuses the rest
// OVERLOADED, so that what it admits answers within its timeout.
func (db *DB) Recovering() bool { return db.recovering.Load() > 0 }

// warmPlans runs every slow statement of WarmUp but the path index's read.
func (db *DB) warmPlans(ctx context.Context) []error {
	// Planning the path search on a loaded server just started outlived
	// the 30-second transaction timeout of user reads; the warm-up is in
	// the background and may take longer. One statement that fails still
	// does not keep the others from being planned.
	ctx = withTxTimeout(ctx, warmUpTxTimeout)
	var errs []error
	// Whether the stored derived facts can serve candidates, remembered so
	// that a candidates read is one statement (DB.derivedReady).
	if ready, err := readTx(ctx, db, func(tx neo4j.ManagedTransaction) (bool, error) { return derivedReady(ctx, tx) }); err != nil {
		errs = append(errs, fmt.Errorf("warm up derived facts: %w", err))
	} else {
		db.derivedReady.Store(ready)
	}
	// Both path statements: pathQuery, which serves while the index is
	// stale, and the index's pathLinksQuery; the index itself is read
	// last, after every plan, so that the statements users wait on are
	// ready first (its read took 46.6 s on a return under load).
	pq := thelist.PathQuery{From: warmUpID, To: warmUpID + "2", MaxHops: thelist.MaxPathHops}
	kinds, params := db.pathArgs(pq)
	_, err := db.cypherPath(ctx, pq, kinds, params)
	if err != nil && thelist.ErrorCode(err) != thelist.ENOTFOUND {
		errs = append(errs, fmt.Errorf("warm up path: %w", err))
	}
	if err := db.warmPathLinks(ctx, pq); err != nil {
		errs = append(errs, err)
	}
	_, err = db.LabAlumni(ctx, thelist.AlumniQuery{LabID: warmUpID, IncludeChildren: true})
	if err != nil && thelist.ErrorCode(err) != thelist.ENOTFOUND {
		errs = append(errs, fmt.Errorf("warm up alumni: %w", err))
	}
	// The person page (GetPerson: papers, moves, credentials with their
	// evidence) and the lab page's people (LabInfo): after a restart on the
	// conference-shaped 135k graph their first requests took 2.3 s and
	// 1.0 s, the person page's most of all (BENCHMARKS.md, issue 14).
	rules := thelist.Credentials
	_, err = db.PersonWith(ctx, warmUpID, thelist.PersonDetail{Papers: true, FirstPapers: thelist.MaxPageSize, Moves: true, Credentials: &rules})
	if err != nil && thelist.ErrorCode(err) != thelist.ENOTFOUND {
		errs = append(errs, fmt.Errorf("warm up person: %w", err))
	}
	_, err = db.LabPage(ctx, thelist.LabPageQuery{ID: warmUpID, IncludeChildren: true})
	if err != nil && thelist.ErrorCode(err) != thelist.ENOTFOUND {
		errs = append(errs, fmt.Errorf("warm up lab page: %w", err))
	}
	// The lab page's flows in and out (frontend/src/lab/api.ts), as it
	// asks for them: no window, the undated moves counted.
	for _, q := range []thelist.FlowQuery{{From: warmUpID}, {To: warmUpID}} {
		q.IncludeChildren, q.Granularity, q.PerBucket, q.CountUndated = true, thelist.GranularityYear, 3, true
		if _, err := db.TalentFlows(ctx, q); err != nil && thelist.ErrorCode(err) != thelist.ENOTFOUND {
			errs = append(errs, fmt.Errorf("warm up flows %+v: %w", q, err))
		}
	}
	// A first page has no cursor, and a cursor's key and id would be
	// parameters of other types than a first page's nulls, so another plan:
	// these shapes cannot be made to match nothing. A page of no rows
	// (first: 0 asks Neo4j for one, to tell whether there is a next page)
	// leaves the count, which every first page runs too, and one row's
	// projection.
	for _, f := range warmUpCandidateFilters {
		if _, err := db.Candidates(ctx, f, thelist.Credentials, 0, ""); err != nil {
			errs = append(errs, fmt.Errorf("warm up candidates %+v: %w", f, err))
		}
		if ctx.Err() != nil {
			break // the server is shutting down: the rest would fail alike
		}
	}
	return errs
}
