package graph

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// StoredFacts returns the derived facts stored on the person with id, as
// the properties of derivedProps, for the tests of their maintenance.
func StoredFacts(ctx context.Context, db *DB, id string) (map[string]any, error) {
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (map[string]any, error) {
		m, err := singleRow(ctx, tx, `MATCH (p:Person {id: $id}) RETURN p {`+propList(derivedProps)+`} AS facts`,
			map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		facts, _ := m["facts"].(map[string]any)
		return facts, nil
	})
}

func propList(props []string) string {
	s := ""
	for i, p := range props {
		if i > 0 {
			s += ", "
		}
		s += "." + p
	}
	return s
}

// ForgetDerived removes every derived fact and the derived state, leaving
// the database as a version without them wrote it.
func ForgetDerived(ctx context.Context, db *DB) error {
	db.derivedReady.Store(false)
	_, err := writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		res, err := tx.Run(ctx, `MATCH (p:Person) REMOVE p.`+joinProps(derivedProps, ", p.")+`
			WITH count(*) AS _ OPTIONAL MATCH (s:DerivedState) DETACH DELETE s`, nil)
		if err != nil {
			return struct{}{}, err
		}
		_, err = res.Consume(ctx)
		return struct{}{}, err
	})
	return err
}

// SetStoredCitations overwrites one person's stored citations, so a test
// can make the stored facts disagree with the records.
func SetStoredCitations(ctx context.Context, db *DB, id string, n int64) error {
	_, err := writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		res, err := tx.Run(ctx, `MATCH (p:Person {id: $id}) SET p.citations = $n`, map[string]any{"id": id, "n": n})
		if err != nil {
			return struct{}{}, err
		}
		_, err = res.Consume(ctx)
		return struct{}{}, err
	})
	return err
}

func joinProps(props []string, sep string) string {
	s := ""
	for i, p := range props {
		if i > 0 {
			s += sep
		}
		s += p
	}
	return s
}

// SetStoredCurrent overwrites one person's stored current labs and the day
// they expire (until, "" for never), so a test can tell a stored value
// from one worked out at read time.
func SetStoredCurrent(ctx context.Context, db *DB, id string, labs []string, until string) error {
	_, err := writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		res, err := tx.Run(ctx, `MATCH (p:Person {id: $id})
			SET p.currentLabIds = $labs, p.currentUntil = CASE WHEN $until = '' THEN null ELSE date($until) END`,
			map[string]any{"id": id, "labs": labs, "until": until})
		if err != nil {
			return struct{}{}, err
		}
		_, err = res.Consume(ctx)
		return struct{}{}, err
	})
	return err
}
