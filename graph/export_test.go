package graph

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
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
