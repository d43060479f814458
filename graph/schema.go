package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

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
	"CREATE CONSTRAINT deal_id IF NOT EXISTS FOR (n:Deal) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT group_id IF NOT EXISTS FOR (n:Group) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT move_id IF NOT EXISTS FOR (n:Move) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT import_run_id IF NOT EXISTS FOR (n:ImportRun) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT change_id IF NOT EXISTS FOR (n:Change) REQUIRE n.id IS UNIQUE",
	// Users' shortlists and saved searches (lists.go): found by id, listed
	// by owner, and one name per owner (nameKey holds both).
	"CREATE CONSTRAINT shortlist_id IF NOT EXISTS FOR (n:Shortlist) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT shortlist_name_key IF NOT EXISTS FOR (n:Shortlist) REQUIRE n.nameKey IS UNIQUE",
	"CREATE INDEX shortlist_owner IF NOT EXISTS FOR (n:Shortlist) ON (n.owner)",
	"CREATE CONSTRAINT saved_search_id IF NOT EXISTS FOR (n:SavedSearch) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT saved_search_name_key IF NOT EXISTS FOR (n:SavedSearch) REQUIRE n.nameKey IS UNIQUE",
	"CREATE INDEX saved_search_owner IF NOT EXISTS FOR (n:SavedSearch) ON (n.owner)",
	// A record's history (History) is the Changes with its kind and id.
	"CREATE INDEX change_record IF NOT EXISTS FOR (n:Change) ON (n.recordKind, n.recordId)",
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
	// Authorships and memberships are keyed by their two ends, stored as
	// the id "from/to" (pairKind), so that the database itself refuses a
	// second AUTHORED between the same person and paper, whoever writes it.
	"CREATE CONSTRAINT authored_id IF NOT EXISTS FOR ()-[r:AUTHORED]-() REQUIRE r.id IS UNIQUE",
	"CREATE CONSTRAINT member_of_id IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE r.id IS UNIQUE",
	// One import at a time (importlock.go): the lock is one node, which
	// MERGE creates once however many imports start together.
	"CREATE CONSTRAINT import_lock_id IF NOT EXISTS FOR (n:ImportLock) REQUIRE n.id IS UNIQUE",

	// Range indexes for ordering and filtering.
	"CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)",
	"CREATE INDEX lab_name IF NOT EXISTS FOR (n:Lab) ON (n.name)",
	"CREATE INDEX worked_at_start IF NOT EXISTS FOR ()-[r:WORKED_AT]-() ON (r.start)",
	// The top recruiters of a lab start from the recruitments to it.
	"CREATE INDEX recruited_to_lab IF NOT EXISTS FOR ()-[r:RECRUITED]-() ON (r.toLabId)",
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
	// A bundle's new lab is matched by its registry ids (LabKeys).
	"CREATE INDEX lab_ror IF NOT EXISTS FOR (n:Lab) ON (n.ror)",
	"CREATE INDEX lab_openalex IF NOT EXISTS FOR (n:Lab) ON (n.openalex)",
	"CREATE INDEX lab_wikidata IF NOT EXISTS FOR (n:Lab) ON (n.wikidata)",
	"CREATE INDEX paper_arxiv IF NOT EXISTS FOR (n:Paper) ON (n.arxiv)",
	// The recruiter's filter (Candidates) starts from the smallest
	// index-backed set its conditions allow: the top labs, movers since a
	// date, PhDs, breakthrough or highly cited papers.
	"CREATE INDEX lab_top_lab IF NOT EXISTS FOR (n:Lab) ON (n.topLab)",
	"CREATE INDEX move_date IF NOT EXISTS FOR (n:Move) ON (n.date)",
	"CREATE INDEX studied_at_degree IF NOT EXISTS FOR ()-[r:STUDIED_AT]-() ON (r.degree)",
	"CREATE INDEX paper_breakthrough IF NOT EXISTS FOR (n:Paper) ON (n.breakthrough)",
	"CREATE INDEX paper_citations IF NOT EXISTS FOR (n:Paper) ON (n.citations)",
	// The recruiter's filter starts from the derived facts each person
	// stores (derived.go): a credential, the number met, citations. The
	// planner picks the most selective of them for the filter given.
	"CREATE INDEX person_cred_ai_phd IF NOT EXISTS FOR (n:Person) ON (n.credAiPhd)",
	"CREATE INDEX person_cred_top_lab IF NOT EXISTS FOR (n:Person) ON (n.credTopLab)",
	"CREATE INDEX person_cred_breakthrough IF NOT EXISTS FOR (n:Person) ON (n.credBreakthrough)",
	"CREATE INDEX person_credential_count IF NOT EXISTS FOR (n:Person) ON (n.credentialCount)",
	"CREATE INDEX person_citations IF NOT EXISTS FOR (n:Person) ON (n.citations)",
	"CREATE CONSTRAINT derived_state_id IF NOT EXISTS FOR (n:DerivedState) REQUIRE n.id IS UNIQUE",

	// Full-text indexes for the search box. The standard analyzer without
	// stop words keeps short name parts ("Li", "An") searchable and splits
	// CJK text into characters, so names in any script match.
	// People are found by their name, native name, aliases (Neo4j indexes
	// each string of a list) and their name folded by thelist.NameKey, so
	// "Renee" finds "Renée"; labs by name and aliases.
	"CREATE FULLTEXT INDEX person_names IF NOT EXISTS FOR (n:Person) ON EACH [n.name, n.nativeName, n.nameKey, n.aliases] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
	"CREATE FULLTEXT INDEX lab_names IF NOT EXISTS FOR (n:Lab) ON EACH [n.name, n.aliases] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
	"CREATE FULLTEXT INDEX paper_titles IF NOT EXISTS FOR (n:Paper) ON EACH [n.title] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
}

// fulltextProperties are the properties of each full-text index, as
// SHOW INDEXES lists them. CREATE … IF NOT EXISTS leaves an index of the
// same name alone even when its definition changed, so ApplySchema drops an
// index whose properties differ from these before creating it again.
var fulltextProperties = map[string][]string{
	"person_names": {"name", "nativeName", "nameKey", "aliases"},
	"lab_names":    {"name", "aliases"},
	"paper_titles": {"title"},
}

// dropStaleFulltext drops the full-text indexes whose definition is older
// than fulltextProperties. Only names from that fixed list reach the DROP.
// Search finds less while the index is rebuilt, which awaitIndexes waits
// out at start-up.
func (db *DB) dropStaleFulltext(ctx context.Context) error {
	stale, err := readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]string, error) {
		res, err := tx.Run(ctx, `SHOW FULLTEXT INDEXES YIELD name, properties RETURN name, properties`, nil)
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		var stale []string
		for _, rec := range recs {
			m := rec.AsMap()
			name := str(m, "name")
			want, ok := fulltextProperties[name]
			if ok && strings.Join(strs(m, "properties"), ",") != strings.Join(want, ",") {
				stale = append(stale, name)
			}
		}
		return stale, nil
	})
	if err != nil {
		return fmt.Errorf("list full-text indexes: %w", err)
	}
	for _, name := range stale {
		_, err := writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (struct{}, error) {
			res, err := tx.Run(ctx, "DROP INDEX "+name+" IF EXISTS", nil)
			if err != nil {
				return struct{}{}, err
			}
			_, err = res.Consume(ctx)
			return struct{}{}, err
		})
		if err != nil {
			return fmt.Errorf("drop stale index %s: %w", name, err)
		}
	}
	return nil
}

// pairConstraints are the constraints on the ids of pair kinds, by
// relationship type.
var pairConstraints = map[string]string{"AUTHORED": "authored_id", "MEMBER_OF": "member_of_id"}

// keyPairs readies a database written before pair kinds had ids for their
// constraints: it deletes the duplicate relationships that two overlapping
// imports could then create (keeping one of each pair) and gives every
// relationship its id. It runs only for a type whose constraint does not
// exist yet, so once, at the first start of this version; after that the
// constraint keeps every relationship keyed.
func (db *DB) keyPairs(ctx context.Context) error {
	existing, err := readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]string, error) {
		res, err := tx.Run(ctx, `SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names`, nil)
		if err != nil {
			return nil, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return nil, err
		}
		v, _, err := neo4j.GetRecordValue[[]any](rec, "names")
		names := make([]string, 0, len(v))
		for _, n := range v {
			names = append(names, n.(string))
		}
		return names, err
	})
	if err != nil {
		return fmt.Errorf("list constraints: %w", err)
	}
	for _, typ := range []string{"AUTHORED", "MEMBER_OF"} {
		if slices.Contains(existing, pairConstraints[typ]) {
			continue
		}
		// CALL … IN TRANSACTIONS runs only in an auto-commit transaction;
		// typ is one of the two above, never user text.
		for _, stmt := range []string{`
			MATCH (a)-[:` + typ + `]->()
			WITH DISTINCT a
			CALL (a) {
				MATCH (a)-[r:` + typ + `]->(b)
				WITH b, collect(r) AS rs WHERE size(rs) > 1
				UNWIND tail(rs) AS r
				DELETE r
			} IN TRANSACTIONS OF 1000 ROWS`, `
			MATCH (a)-[r:` + typ + `]->(b) WHERE r.id IS NULL
			CALL (a, r, b) { SET r.id = a.id + '/' + b.id } IN TRANSACTIONS OF 10000 ROWS`,
		} {
			session := db.session(ctx, neo4j.AccessModeWrite)
			res, err := session.Run(ctx, stmt, nil)
			if err == nil {
				_, err = res.Consume(ctx)
			}
			closeSession(ctx, session)
			if err != nil {
				return fmt.Errorf("key %s relationships: %w", typ, translate(err))
			}
		}
	}
	return nil
}

// ApplySchema creates the constraints and indexes that do not exist yet and
// waits until every index is online, so the first query after start-up
// already uses them.
func (db *DB) ApplySchema(ctx context.Context) error {
	if err := db.dropStaleFulltext(ctx); err != nil {
		return err
	}
	if err := db.keyPairs(ctx); err != nil {
		return err
	}
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
