package graph

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// RunInReadTx runs a statement in the transaction every read of the API
// runs in (readTx), for the access-mode test.
func RunInReadTx(ctx context.Context, db *DB, cypher string) error {
	_, err := readTx(ctx, db, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		res, err := tx.Run(ctx, cypher, nil)
		if err != nil {
			return struct{}{}, err
		}
		_, err = res.Consume(ctx)
		return struct{}{}, err
	})
	return err
}

// Bookmarks returns the bookmarks that the DB's next transaction will wait
// for.
func (db *DB) Bookmarks(ctx context.Context) ([]string, error) {
	return db.bookmarks.GetBookmarks(ctx)
}

// WarmUpCandidateFilters are the filter shapes WarmUp plans.
var WarmUpCandidateFilters = warmUpCandidateFilters

// WithTxTimeout is withTxTimeout, for the test of a read's own timeout.
var WithTxTimeout = withTxTimeout

// MovedTogetherInCypher answers movedTogetherCypher for two moves dated x
// and y, with the parameter the path search passes, for the test that it
// agrees with thelist.MovedTogether.
func MovedTogetherInCypher(ctx context.Context, db *DB, x, y thelist.Date) (bool, error) {
	m1, m2 := map[string]any{}, map[string]any{}
	dateParams(m1, "date", x)
	dateParams(m2, "date", y)
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (bool, error) {
		res, err := tx.Run(ctx, `WITH $m1 AS m1, $m2 AS m2 RETURN `+movedTogetherCypher("m1", "m2")+` AS together`,
			map[string]any{"m1": m1, "m2": m2, "movedTogether": movedTogetherParam})
		if err != nil {
			return false, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return false, err
		}
		together, _ := rec.Get("together")
		b, ok := together.(bool)
		if !ok {
			return false, fmt.Errorf("together = %v, want a boolean", together)
		}
		return b, nil
	})
}

// DerivedLookups are the derived facts' statements that find records by id
// in a batch's lists, by name, for a test of their plans.
var DerivedLookups = map[string]string{"derivedBefore": derivedBefore, "derivedAffected": derivedAffected}
