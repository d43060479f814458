package graph

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// schema is every constraint and index the graph needs, for the node kinds of
// the data model. Each statement is idempotent (IF NOT EXISTS), so applying
// the schema at every start-up is safe. Constraints must exist before the
// first import: without them every MERGE scans its whole label.
var schema = []string{
	// Uniqueness constraints, each backed by a range index on id. Community
	// edition has uniqueness constraints only (no existence or key ones),
	// so required properties are checked by the importer instead.
	"CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT lab_id IF NOT EXISTS FOR (n:Lab) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT offer_id IF NOT EXISTS FOR (n:Offer) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT group_id IF NOT EXISTS FOR (n:Group) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT move_id IF NOT EXISTS FOR (n:Move) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT import_run_id IF NOT EXISTS FOR (n:ImportRun) REQUIRE n.id IS UNIQUE",
	// A stint is a WORKED_AT relationship with an id of its own, so that a
	// corrected bundle updates it in place.
	"CREATE CONSTRAINT worked_at_id IF NOT EXISTS FOR ()-[r:WORKED_AT]-() REQUIRE r.id IS UNIQUE",
	// Degrees, recruitments and investments are relationships with ids too.
	"CREATE CONSTRAINT studied_at_id IF NOT EXISTS FOR ()-[r:STUDIED_AT]-() REQUIRE r.id IS UNIQUE",
	"CREATE CONSTRAINT recruited_id IF NOT EXISTS FOR ()-[r:RECRUITED]-() REQUIRE r.id IS UNIQUE",
	"CREATE CONSTRAINT invested_in_id IF NOT EXISTS FOR ()-[r:INVESTED_IN]-() REQUIRE r.id IS UNIQUE",
	// ADVISED and FOUNDED belong to the degree and the stint that made them,
	// one each, and are found by that record's id when it changes.
	"CREATE CONSTRAINT advised_degree_id IF NOT EXISTS FOR ()-[r:ADVISED]-() REQUIRE r.degreeId IS UNIQUE",
	"CREATE CONSTRAINT founded_stint_id IF NOT EXISTS FOR ()-[r:FOUNDED]-() REQUIRE r.stintId IS UNIQUE",

	// Range indexes for ordering and filtering.
	"CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)",
	"CREATE INDEX lab_name IF NOT EXISTS FOR (n:Lab) ON (n.name)",
	"CREATE INDEX worked_at_start IF NOT EXISTS FOR ()-[r:WORKED_AT]-() ON (r.start)",
	// Talent flows: "moves from A to B between dates" is one seek with
	// equality on the two labs and a range on the date; "moves to B between
	// dates" uses the second index. Moves store the lab ids for this.
	"CREATE INDEX move_from_to_date IF NOT EXISTS FOR (n:Move) ON (n.fromLabId, n.toLabId, n.date)",
	"CREATE INDEX move_to_date IF NOT EXISTS FOR (n:Move) ON (n.toLabId, n.date)",
	// Entity resolution matches people and papers by their ids in other
	// catalogues before it matches by name.
	// Entity resolution: a bundle's new person is matched by external id,
	// then by normalised name (thelist.NameKey).
	"CREATE INDEX person_name_key IF NOT EXISTS FOR (n:Person) ON (n.nameKey)",
	"CREATE INDEX person_orcid IF NOT EXISTS FOR (n:Person) ON (n.orcid)",
	"CREATE INDEX person_openalex IF NOT EXISTS FOR (n:Person) ON (n.openalex)",
	"CREATE INDEX person_dblp IF NOT EXISTS FOR (n:Person) ON (n.dblp)",
	"CREATE INDEX person_google_scholar IF NOT EXISTS FOR (n:Person) ON (n.googleScholar)",
	"CREATE INDEX paper_doi IF NOT EXISTS FOR (n:Paper) ON (n.doi)",
	"CREATE INDEX paper_arxiv IF NOT EXISTS FOR (n:Paper) ON (n.arxiv)",

	// Full-text indexes for the search box. The standard analyzer without
	// stop words keeps short name parts ("Li", "An") searchable and splits
	// CJK text into characters, so names in any script match.
	"CREATE FULLTEXT INDEX person_names IF NOT EXISTS FOR (n:Person) ON EACH [n.name, n.nativeName] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
	"CREATE FULLTEXT INDEX lab_names IF NOT EXISTS FOR (n:Lab) ON EACH [n.name] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
	"CREATE FULLTEXT INDEX paper_titles IF NOT EXISTS FOR (n:Paper) ON EACH [n.title] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
}

// ApplySchema creates the constraints and indexes that do not exist yet and
// waits until every index is online, so the first query after start-up
// already uses them.
func (db *DB) ApplySchema(ctx context.Context) error {
	// Schema commands cannot share a transaction with other statements, so
	// each runs in a transaction of its own.
	for _, stmt := range schema {
		_, err := writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (struct{}, error) {
			res, err := tx.Run(ctx, stmt, nil)
			if err != nil {
				return struct{}{}, err
			}
			_, err = res.Consume(ctx)
			return struct{}{}, err
		})
		if err != nil {
			return fmt.Errorf("apply schema %q: %w", stmt, err)
		}
	}
	session := db.session(ctx, neo4j.AccessModeWrite)
	defer closeSession(ctx, session)
	res, err := session.Run(ctx, "CALL db.awaitIndexes(300)", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("await indexes: %w", translate(err))
	}
	return nil
}
