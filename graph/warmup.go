package graph

import (
	"context"
	"fmt"

	"github.com/thelist/thelist"
)

// warmUpID names no node (ids never begin with a NUL) and has the length
// of a real id: Neo4j's plan cache tells string parameters apart by size
// (measured: ids of 1, of 2–9 and of 10–99 characters each got a plan of
// their own), and ids such as "matt-deitke" or "syn-person-0000002" are
// 10–99 characters long.
const warmUpID = "\x00warm-up-nothing"

// WarmUp runs, with ids that match nothing, the statements that take Neo4j
// seconds to plan, so that its plan cache holds them before a user waits:
// the path search over every link kind (the web app's default; 3–4 s to
// plan, 9 s on a server just started) and the alumni of a lab (about 1 s).
// The cache is keyed by a statement's text and its parameters' types (and
// sizes), so it goes through Path and LabAlumni themselves, with parameters
// like a first request's; EXPLAIN would plan without filling the cache. The
// answers, not found, are not errors here; a failure of the database is.
func (db *DB) WarmUp(ctx context.Context) error {
	_, err := db.Path(ctx, thelist.PathQuery{From: warmUpID, To: warmUpID + "2", MaxHops: thelist.MaxPathHops})
	if err != nil && thelist.ErrorCode(err) != thelist.ENOTFOUND {
		return fmt.Errorf("warm up path: %w", err)
	}
	_, err = db.LabAlumni(ctx, thelist.AlumniQuery{LabID: warmUpID, IncludeChildren: true})
	if err != nil && thelist.ErrorCode(err) != thelist.ENOTFOUND {
		return fmt.Errorf("warm up alumni: %w", err)
	}
	return nil
}
