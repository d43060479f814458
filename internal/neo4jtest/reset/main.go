// Command reset wipes the test Neo4j and applies the schema, so the browser
// tests start from the demo data alone. It reaches only the test database
// (neo4jtest.Config), never the one NEO4J_URI names.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/internal/neo4jtest"
)

func main() {
	if err := reset(); err != nil {
		fmt.Fprintf(os.Stderr, "reset test database: %v\n", err)
		os.Exit(1)
	}
}

func reset() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	db, err := graph.Open(ctx, neo4jtest.Config())
	if err != nil {
		return err
	}
	err = db.Wipe(ctx)
	if err == nil {
		err = db.ApplySchema(ctx)
	}
	return errors.Join(err, db.Close(context.Background()))
}
