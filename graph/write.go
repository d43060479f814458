package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// WriteBundle upserts a validated bundle in one transaction: either all of it
// is written or none of it. Records are matched by id; a record whose
// content is unchanged is not written at all, so importing the same bundle
// twice changes nothing but the ImportRun log.
//
// Nodes are written before the relationships that join them, and the
// uniqueness constraints (ApplySchema) make each MERGE an index seek.
func (db *DB) WriteBundle(ctx context.Context, b thelist.Bundle, meta thelist.ImportMeta) (thelist.ImportResult, error) {
	return writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.ImportResult, error) {
		var r thelist.ImportResult
		var err error
		if r.Sources, err = upsert(ctx, tx, upsertSources, sourceRows(b.Sources)); err != nil {
			return r, fmt.Errorf("write sources: %w", err)
		}
		if r.Labs, err = upsert(ctx, tx, upsertLabs, labRows(b.Labs)); err != nil {
			return r, fmt.Errorf("write labs: %w", err)
		}
		if r.People, err = upsert(ctx, tx, upsertPeople, personRows(b.People)); err != nil {
			return r, fmt.Errorf("write people: %w", err)
		}
		if r.Stints, err = upsert(ctx, tx, upsertStints, stintRows(b.Stints)); err != nil {
			return r, fmt.Errorf("write stints: %w", err)
		}
		if r.RunID, err = recordRun(ctx, tx, meta, r); err != nil {
			return r, fmt.Errorf("record import run: %w", err)
		}
		return r, nil
	})
}

// Each upsert query takes $rows of {id, props, hash, …} and writes only the
// records whose hash differs from the stored one: the hash covers every
// property, so equal hashes mean nothing would change. SET n += props with
// a null value removes that property, so a cleared field is cleared.
const (
	upsertTail = `
		WITH n, row, n.hash IS NULL AS created, coalesce(n.hash = row.hash, false) AS same
		WHERE NOT same
		SET n += row.props, n.hash = row.hash
		RETURN count(CASE WHEN created THEN 1 END) AS created, count(*) AS written`

	upsertSources = `UNWIND $rows AS row MERGE (n:Source {id: row.id})` + upsertTail
	upsertLabs    = `UNWIND $rows AS row MERGE (n:Lab {id: row.id})` + upsertTail
	upsertPeople  = `UNWIND $rows AS row MERGE (n:Person {id: row.id})` + upsertTail

	// A stint whose person or lab changed in a newer bundle is deleted and
	// created again between the new ends, keeping its id.
	upsertStints = `
		UNWIND $rows AS row
		MATCH (p:Person {id: row.personId}), (l:Lab {id: row.labId})
		OPTIONAL MATCH (op)-[old:WORKED_AT {id: row.id}]->(ol)
		FOREACH (_ IN CASE WHEN old IS NOT NULL AND (op <> p OR ol <> l) THEN [1] ELSE [] END | DELETE old)
		WITH p, l, row
		MERGE (p)-[n:WORKED_AT {id: row.id}]->(l)` + upsertTail
)

func upsert(ctx context.Context, tx neo4j.ManagedTransaction, query string, rows []map[string]any) (thelist.ImportCounts, error) {
	if len(rows) == 0 {
		return thelist.ImportCounts{}, nil
	}
	for _, row := range rows {
		row["hash"] = hashProps(row)
	}
	res, err := tx.Run(ctx, query, map[string]any{"rows": rows})
	if err != nil {
		return thelist.ImportCounts{}, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return thelist.ImportCounts{}, err
	}
	created, _ := rec.Get("created")
	written, _ := rec.Get("written")
	c := thelist.ImportCounts{Created: int(created.(int64))}
	c.Updated = int(written.(int64)) - c.Created
	c.Unchanged = len(rows) - c.Created - c.Updated
	return c, nil
}

// hashProps fingerprints a row's properties and ends. JSON encoding sorts
// map keys, so equal rows hash equal.
func hashProps(row map[string]any) string {
	b, err := json.Marshal(hashable(row))
	if err != nil {
		panic(fmt.Sprintf("hash row %v: %v", row["id"], err)) // rows hold only strings, lists and dates
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// hashable copies v with Neo4j dates written as text: a neo4j.Date has no
// JSON form of its own and would otherwise hash as {} whatever its value.
func hashable(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, item := range v {
			out[k] = hashable(item)
		}
		return out
	case neo4j.Date:
		return v.Time().Format(time.DateOnly)
	}
	return v
}

func sourceIDs(sources []thelist.Source) []string {
	ids := make([]string, len(sources))
	for i, s := range sources {
		ids[i] = s.ID
	}
	return ids
}

// nullable stores an empty string as null, so an unreported field is absent
// from the graph rather than present and empty.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func sourceRows(sources []thelist.Source) []map[string]any {
	rows := make([]map[string]any, len(sources))
	for i, s := range sources {
		props := map[string]any{"publisher": s.Publisher, "title": s.Title, "url": nullable(s.URL), "note": nullable(s.Note)}
		dateParams(props, "date", s.Date)
		rows[i] = map[string]any{"id": s.ID, "props": props}
	}
	return rows
}

func labRows(labs []thelist.Lab) []map[string]any {
	rows := make([]map[string]any, len(labs))
	for i, l := range labs {
		rows[i] = map[string]any{"id": l.ID, "props": map[string]any{
			"name": l.Name, "kind": l.Kind, "country": nullable(l.Country), "sources": sourceIDs(l.Sources),
		}}
	}
	return rows
}

func personRows(people []thelist.Person) []map[string]any {
	rows := make([]map[string]any, len(people))
	for i, p := range people {
		rows[i] = map[string]any{"id": p.ID, "props": map[string]any{
			"name": p.Name, "nativeName": nullable(p.NativeName), "sources": sourceIDs(p.Sources),
		}}
	}
	return rows
}

func stintRows(stints []thelist.Stint) []map[string]any {
	rows := make([]map[string]any, len(stints))
	for i, s := range stints {
		props := map[string]any{"role": nullable(s.Role), "sources": sourceIDs(s.Sources)}
		dateParams(props, "start", s.Start)
		dateParams(props, "end", s.End)
		rows[i] = map[string]any{"id": s.ID, "personId": s.PersonID, "labId": s.LabID, "props": props}
	}
	return rows
}

func recordRun(ctx context.Context, tx neo4j.ManagedTransaction, meta thelist.ImportMeta, r thelist.ImportResult) (string, error) {
	counts := func(c thelist.ImportCounts) []int64 {
		return []int64{int64(c.Created), int64(c.Updated), int64(c.Unchanged)}
	}
	res, err := tx.Run(ctx, `
		CREATE (run:ImportRun {id: randomUUID(), at: datetime($at), bundle: $bundle, checksum: $checksum,
			sources: $sources, labs: $labs, people: $people, stints: $stints})
		RETURN run.id AS id`,
		map[string]any{
			"at": time.Now().UTC().Format(time.RFC3339Nano), "bundle": meta.Bundle, "checksum": meta.Checksum,
			// Each count list is [created, updated, unchanged].
			"sources": counts(r.Sources), "labs": counts(r.Labs), "people": counts(r.People), "stints": counts(r.Stints),
		})
	if err != nil {
		return "", err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return "", err
	}
	id, _ := rec.Get("id")
	return id.(string), nil
}

// MissingIDs returns those of ids that no node of the given kind has. The
// importer uses it for references that a bundle makes to records imported
// earlier. kind must be one of the node labels of the data model.
func (db *DB) MissingIDs(ctx context.Context, kind string, ids []string) ([]string, error) {
	switch kind {
	case "Person", "Lab", "Source", "Paper":
	default:
		return nil, fmt.Errorf("missing ids: unknown kind %q", kind) // a programming error, not user input
	}
	if len(ids) == 0 {
		return nil, nil
	}
	// The label cannot be a parameter; it comes from the fixed list above,
	// never from user text.
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]string, error) {
		res, err := tx.Run(ctx, `
			UNWIND $ids AS id
			OPTIONAL MATCH (n:`+kind+` {id: id})
			WITH id, n WHERE n IS NULL
			RETURN collect(id) AS missing`, map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return nil, err
		}
		v, _ := rec.Get("missing")
		var missing []string
		for _, id := range v.([]any) {
			missing = append(missing, id.(string))
		}
		return missing, nil
	})
}

// Wipe deletes every node and relationship in batches. Tests use it between
// suites; it is never reachable from the API.
func (db *DB) Wipe(ctx context.Context) error {
	session := db.session(ctx, neo4j.AccessModeWrite)
	defer closeSession(ctx, session)
	// CALL … IN TRANSACTIONS runs only in an auto-commit transaction.
	res, err := session.Run(ctx, `MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("wipe database: %w", translate(err))
	}
	return nil
}

// IsEmpty reports whether the database holds no node at all.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (bool, error) {
		res, err := tx.Run(ctx, `MATCH (n) RETURN count(n) = 0 AS empty`, nil)
		if err != nil {
			return false, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return false, err
		}
		v, _ := rec.Get("empty")
		return v.(bool), nil
	})
}
