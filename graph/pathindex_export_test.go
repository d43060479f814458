package graph

import (
	"context"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// PathInCypher answers q with pathQuery alone, as Path does while the path
// index is stale.
func PathInCypher(ctx context.Context, db *DB, q thelist.PathQuery) (*thelist.Path, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	kinds, params := db.pathArgs(q)
	// Planning pathQuery for a set of kinds took most of the 30 s
	// transaction timeout on a busy machine: the reference may take longer.
	return db.cypherPath(withTxTimeout(ctx, warmUpTxTimeout), q, kinds, params)
}

// PathThroughIndex answers q through the path index, waiting for it to be
// read; ok is false when it could not answer.
func PathThroughIndex(ctx context.Context, db *DB, q thelist.PathQuery) (path *thelist.Path, ok bool, err error) {
	if err := q.Check(); err != nil {
		return nil, false, err
	}
	if err := db.warmPathIndex(ctx); err != nil {
		return nil, false, err
	}
	kinds, params := db.pathArgs(q)
	return db.indexedPath(ctx, q, kinds, params)
}

// LinkPeople writes, between every two people one hop apart by any kind
// of link at any time, a relationship of type typ, by the Cypher of the
// path's walk (linkExpansions): Neo4j's shortestPath over them is then
// the reference for the length of the shortest chain.
func LinkPeople(ctx context.Context, db *DB, typ string) error {
	var expands []string
	for _, k := range thelist.LinkKinds {
		expands = append(expands, linkExpansions[k])
	}
	_, err := neo4j.ExecuteQuery(ctx, db.driver, `
		MATCH (x:Person)
		CALL (x) {`+strings.Join(expands, "\n\t\tUNION")+`
		}
		WITH DISTINCT x, y
		MERGE (x)-[:`+typ+`]->(y)`,
		map[string]any{"asOf": nil, "movedTogether": movedTogetherParam},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db.database))
	return err
}

// PathIndexCopy is the path index's copy now, to tell whether a warm-up
// read it again.
func PathIndexCopy(db *DB) any {
	db.pathIndexes.mu.Lock()
	defer db.pathIndexes.mu.Unlock()
	return db.pathIndexes.current
}
