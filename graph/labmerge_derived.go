package graph

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A lab merge or its undo moves jobs, moves and sub-labs from one lab to
// another, so the facts kept at write time for the people involved (their
// credentials and current lab, derived.go; their departures, labagg.go)
// change with it. refreshLabPeople recomputes them in the same
// transaction, as every other write does, so `thelist check` finds nothing
// after a merge or an undo.

// refreshLabPeople recomputes the derived facts and departures of everyone
// whose jobs or moves touch the labs with ids or their sub-labs.
func refreshLabPeople(ctx context.Context, tx neo4j.ManagedTransaction, labIDs []string) error {
	m, err := singleRow(ctx, tx, `
		RETURN COLLECT {
			UNWIND $labs AS id
			MATCH (:Lab {id: id})<-[:PART_OF*0..]-(:Lab)<-[:WORKED_AT]-(p:Person)
			RETURN DISTINCT p.id
		} + COLLECT {
			UNWIND $labs AS id
			MATCH (mv:Move) WHERE mv.fromLabId = id OR mv.toLabId = id
			RETURN DISTINCT mv.personId
		} AS people`, map[string]any{"labs": labIDs})
	if err != nil {
		return fmt.Errorf("lab merge: find the people involved: %w", err)
	}
	people := strs(m, "people")
	if _, err := deriveIDs(ctx, tx, people); err != nil {
		return err
	}
	return refreshDepartures(ctx, tx, people)
}
