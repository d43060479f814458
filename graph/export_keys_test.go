package graph

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// RunAutoCommit runs a statement in an auto-commit transaction (schema
// commands, CALL … IN TRANSACTIONS), for tests that set up what an older
// version left in a database.
func RunAutoCommit(ctx context.Context, db *DB, cypher string) error {
	session := db.session(ctx, neo4j.AccessModeWrite)
	defer closeSession(ctx, session)
	res, err := session.Run(ctx, cypher, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	return err
}

// CountOf runs a statement that returns one row with one column n, a count.
func CountOf(ctx context.Context, db *DB, cypher string) (int64, error) {
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (int64, error) {
		row, err := singleRow(ctx, tx, cypher, nil)
		if err != nil {
			return 0, err
		}
		n, _ := row["n"].(int64)
		return n, nil
	})
}
