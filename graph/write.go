package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// batchSize is how many rows one UNWIND statement writes: large enough that
// round trips do not dominate, small enough that one statement's memory
// stays modest.
const batchSize = 2000

// WriteBundle upserts a validated bundle in one transaction: either all of it
// is written or none of it. Records are matched by their keys; a record whose
// content is unchanged is not written at all, so writing the same bundle
// twice changes nothing. Counts has an entry for each kind the bundle holds.
//
// Kinds are written in thelist.Kinds order, nodes before the relationships
// that join them, and the uniqueness constraints (ApplySchema) make each
// MERGE an index seek. A record that points at a node which exists neither
// in the bundle nor in the database fails the whole write with EINVALID.
// The import is logged by RecordImport, not here.
func (db *DB) WriteBundle(ctx context.Context, b thelist.Bundle) (thelist.ImportResult, error) {
	batches := bundleBatches(b)
	refs := references(batches)
	return writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.ImportResult, error) {
		return writeBatches(ctx, tx, b, batches, refs)
	})
}

// writeBatches is the body of WriteBundle's transaction, which WriteChange
// also runs inside its own, so that an edit writes exactly as an import.
//
// Everything it reads comes before its first write. A look-up by index in a
// transaction that has already created many records overlays the
// transaction's own changes on the index, and for relationship indexes
// that walks every relationship of the type created so far: the import
// benchmark's server profile found a third of Neo4j's time there, growing
// with the square of the batch size, when the look-ups came between the
// writes.
func writeBatches(ctx context.Context, tx neo4j.ManagedTransaction, b thelist.Bundle, batches []batch, refs map[string][]string) (thelist.ImportResult, error) {
	if err := checkReferences(ctx, tx, batches, refs); err != nil {
		return thelist.ImportResult{}, err
	}
	splits, err := splitBatches(ctx, tx, batches)
	if err != nil {
		return thelist.ImportResult{}, fmt.Errorf("write %w", err)
	}
	r := thelist.ImportResult{Counts: map[string]thelist.ImportCounts{}}
	for _, sp := range splits {
		k := recordKinds[sp.kind]
		// New records take the create path: no MERGE, no owned links to
		// delete, and so none of the Eager barriers the planner must put
		// into an upsert. The look-up ran in this transaction, and a
		// concurrent writer of the same record makes the CREATE break a
		// uniqueness constraint, which fails the transaction rather than
		// duplicating the record.
		for chunk := range slices.Chunk(sp.fresh, batchSize) {
			if err := runRows(ctx, tx, createQuery(k), chunk); err != nil {
				return r, fmt.Errorf("write %s: %w", sp.kind, err)
			}
		}
		for chunk := range slices.Chunk(sp.changed, batchSize) {
			if err := runRows(ctx, tx, upsertQuery(k), chunk); err != nil {
				return r, fmt.Errorf("write %s: %w", sp.kind, err)
			}
		}
		r.AddKind(sp.kind, sp.counts())
	}
	if n, err := writePersonMatches(ctx, tx, b.PersonMatches); err != nil {
		return r, err
	} else if n > 0 {
		r.AddKind(thelist.KindPeople, thelist.ImportCounts{Matched: n})
	}
	return r, nil
}

// checkReferences fails with EINVALID when a record points at a node that
// exists neither in the database nor among the nodes the batches write.
func checkReferences(ctx context.Context, tx neo4j.ManagedTransaction, batches []batch, refs map[string][]string) error {
	written := map[string]map[string]bool{} // label → ids the batches write
	for _, bt := range batches {
		label := recordKinds[bt.kind].label
		if label == "" {
			continue
		}
		if written[label] == nil {
			written[label] = map[string]bool{}
		}
		for _, row := range bt.rows {
			written[label][row["id"].(string)] = true
		}
	}
	for _, label := range referenceLabels {
		ids := slices.DeleteFunc(slices.Clone(refs[label]), func(id string) bool { return written[label][id] })
		missing, err := missingIDs(ctx, tx, label, ids)
		if err != nil {
			return fmt.Errorf("check references: %w", err)
		}
		if len(missing) > 0 {
			return thelist.Errorf(thelist.EINVALID, "write bundle: no %s with id %s, in the bundle or the database",
				label, strings.Join(quoteAll(missing), ", "))
		}
	}
	return nil
}

// PlanBundle says what WriteBundle would do with b, without writing: for
// each record, Created when its key is absent, Updated when its stored hash
// differs, Unchanged when it is equal. It reads in a read transaction and
// sorts rows exactly as WriteBundle does (splitBatches). It does not check
// references.
func (db *DB) PlanBundle(ctx context.Context, b thelist.Bundle) (thelist.ImportResult, error) {
	batches := bundleBatches(b)
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.ImportResult, error) {
		splits, err := splitBatches(ctx, tx, batches)
		if err != nil {
			return thelist.ImportResult{}, fmt.Errorf("plan %w", err)
		}
		r := thelist.ImportResult{Counts: map[string]thelist.ImportCounts{}}
		for _, sp := range splits {
			r.AddKind(sp.kind, sp.counts())
		}
		if n := len(b.PersonMatches); n > 0 {
			r.AddKind(thelist.KindPeople, thelist.ImportCounts{Matched: n})
		}
		return r, nil
	})
}

// A split is the rows of one kind sorted by what a write does with them.
type split struct {
	kind           string
	fresh, changed []map[string]any
	unchanged      int
}

func (sp split) counts() thelist.ImportCounts {
	return thelist.ImportCounts{Created: len(sp.fresh), Updated: len(sp.changed), Unchanged: sp.unchanged}
}

// splitBatches sorts the rows of every batch, looking them up batchSize
// rows at a time.
func splitBatches(ctx context.Context, tx neo4j.ManagedTransaction, batches []batch) ([]split, error) {
	out := make([]split, 0, len(batches))
	for _, bt := range batches {
		sp := split{kind: bt.kind}
		for chunk := range slices.Chunk(bt.rows, batchSize) {
			fresh, changed, unchanged, err := splitChunk(ctx, tx, recordKinds[bt.kind], chunk)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", bt.kind, err)
			}
			sp.fresh, sp.changed = append(sp.fresh, fresh...), append(sp.changed, changed...)
			sp.unchanged += unchanged
		}
		out = append(out, sp)
	}
	return out, nil
}

// splitChunk looks up the stored hash of each row's record (one read of the
// keys alone) and sorts the rows into new records, changed records and a
// count of unchanged ones.
func splitChunk(ctx context.Context, tx neo4j.ManagedTransaction, k recordKind, rows []map[string]any) (fresh, changed []map[string]any, unchanged int, err error) {
	keys := make([]map[string]any, len(rows))
	for i, row := range rows {
		key := make(map[string]any, 2)
		for _, name := range []string{"id", "from", "to"} {
			if v, ok := row[name]; ok {
				key[name] = v
			}
		}
		keys[i] = key
	}
	res, err := tx.Run(ctx, lookupQuery(k), map[string]any{"rows": keys})
	if err != nil {
		return nil, nil, 0, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return nil, nil, 0, err
	}
	found, _, err := neo4j.GetRecordValue[[]any](rec, "found")
	if err != nil {
		return nil, nil, 0, err
	}
	stored := make(map[int64]any, len(found))
	for _, f := range found {
		pair := f.([]any) // [index, hash]
		stored[pair[0].(int64)] = pair[1]
	}
	for i, row := range rows {
		hash, ok := stored[int64(i)]
		switch {
		case !ok:
			fresh = append(fresh, row)
		case hash != row["hash"]:
			changed = append(changed, row)
		default:
			unchanged++
		}
	}
	return fresh, changed, unchanged, nil
}

// lookupQuery returns, for the rows of kind k whose record is stored, the
// row's index and the stored hash.
func lookupQuery(k recordKind) string {
	return `UNWIND range(0, size($rows) - 1) AS i
		WITH i, $rows[i] AS row
		` + k.lookup + `
		WITH i, n WHERE n IS NOT NULL
		RETURN collect([i, n.hash]) AS found`
}

// createQuery writes rows of kind k whose records are new. SET n += props
// skips null values, so an unreported field stays absent.
func createQuery(k recordKind) string {
	return `UNWIND $rows AS row
		` + k.create + `
		SET n += row.props, n.hash = row.hash` + then(k.make)
}

// upsertQuery writes rows of kind k whose records may be stored, only those
// whose hash differs from the stored one: the hash covers the record's
// key, ends and every property, so equal hashes mean nothing would change.
// SET n += props with a null value removes that property, so a cleared
// field is cleared; the owned links are cleared and drawn again.
func upsertQuery(k recordKind) string {
	return `UNWIND $rows AS row
		` + k.locate + `
		WITH * WHERE stored IS NULL OR stored <> row.hash
		SET n += row.props, n.hash = row.hash` + then(k.clear+k.make)
}

// then continues a query with clauses, if any: a query may not end in WITH.
func then(clauses string) string {
	if clauses == "" {
		return ""
	}
	return "\n\t\tWITH *" + clauses
}

// runRows runs a write query over rows.
func runRows(ctx context.Context, tx neo4j.ManagedTransaction, query string, rows []map[string]any) error {
	res, err := tx.Run(ctx, query, map[string]any{"rows": rows})
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// hashRow fingerprints a row's key, ends and properties (everything but its
// hash). JSON encoding sorts map keys, so equal rows hash equal.
func hashRow(row map[string]any) string {
	h := make(map[string]any, len(row))
	for k, v := range row {
		if k != "hash" {
			h[k] = v
		}
	}
	b, err := json.Marshal(hashable(h))
	if err != nil {
		panic(fmt.Sprintf("hash row %v: %v", row["id"], err)) // rows hold only strings, numbers, lists and dates
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

func quoteAll(ids []string) []string {
	const show = 5 // enough to find the mistake, short enough to read
	out := make([]string, 0, show+1)
	for i, id := range ids {
		if i == show {
			out = append(out, fmt.Sprintf("and %d more", len(ids)-show))
			break
		}
		out = append(out, strconv.Quote(id))
	}
	return out
}

// RecordImport logs an import as an ImportRun node and returns its id. The
// run stores its bundle's meta data, the time, the totals created, updated
// and unchanged over all kinds, and the per-kind counts as a JSON string
// (counts: {"labs": {"created": 3, "updated": 0, "unchanged": 0}, …}, with
// "matched" for people resolved to existing ones),
// since Neo4j properties cannot hold maps.
func (db *DB) RecordImport(ctx context.Context, meta thelist.ImportMeta, res thelist.ImportResult) (string, error) {
	type counts struct {
		Created   int `json:"created"`
		Updated   int `json:"updated"`
		Unchanged int `json:"unchanged"`
		Matched   int `json:"matched,omitempty"`
	}
	byKind := make(map[string]counts, len(res.Counts))
	var total thelist.ImportCounts
	for kind, c := range res.Counts {
		byKind[kind] = counts(c)
		total.Add(c)
	}
	js, err := json.Marshal(byKind)
	if err != nil {
		return "", fmt.Errorf("record import: %w", err)
	}
	id, err := writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (string, error) {
		res, err := tx.Run(ctx, `
			CREATE (run:ImportRun {id: randomUUID(), at: datetime(), bundle: $bundle, name: $name,
				version: $version, checksum: $checksum, counts: $counts,
				created: $created, updated: $updated, unchanged: $unchanged})
			RETURN run.id AS id`,
			map[string]any{
				"bundle": nullable(meta.Bundle), "name": nullable(meta.Name), "version": nullable(meta.Version),
				"checksum": nullable(meta.Checksum), "counts": string(js),
				"created": total.Created, "updated": total.Updated, "unchanged": total.Unchanged,
			})
		if err != nil {
			return "", err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return "", err
		}
		id, _, err := neo4j.GetRecordValue[string](rec, "id")
		return id, err
	})
	if err != nil {
		return "", fmt.Errorf("record import: %w", err)
	}
	return id, nil
}

// referenceLabels are the node labels that records may point at, and that
// MissingIDs answers for.
var referenceLabels = []string{"Source", "Lab", "Person", "Paper", "Offer", "Group"}

// MissingIDs returns those of ids that no node of the given kind has. The
// importer uses it for references that a bundle makes to records imported
// earlier. kind must be one of the node labels in referenceLabels.
func (db *DB) MissingIDs(ctx context.Context, kind string, ids []string) ([]string, error) {
	if !slices.Contains(referenceLabels, kind) {
		return nil, fmt.Errorf("missing ids: unknown kind %q", kind) // a programming error, not user input
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]string, error) {
		return missingIDs(ctx, tx, kind, ids)
	})
}

// missingIDs returns those of ids that no node with the label has. The label
// cannot be a parameter; callers pass one of referenceLabels, never user text.
func missingIDs(ctx context.Context, tx neo4j.ManagedTransaction, label string, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	res, err := tx.Run(ctx, `
		UNWIND $ids AS id
		WITH DISTINCT id
		OPTIONAL MATCH (n:`+label+` {id: id}) USING INDEX n:`+label+`(id)
		WITH id, n WHERE n IS NULL
		RETURN collect(id) AS missing`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return nil, err
	}
	v, _, err := neo4j.GetRecordValue[[]any](rec, "missing")
	if err != nil {
		return nil, err
	}
	missing := make([]string, 0, len(v))
	for _, id := range v {
		missing = append(missing, id.(string))
	}
	return missing, nil
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

// IsEmpty reports whether the database holds no node of the graph. Users'
// shortlists and saved searches do not count: a database holding only those
// still needs its data loaded.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (bool, error) {
		res, err := tx.Run(ctx, `RETURN NOT EXISTS { MATCH (n) WHERE NOT n:`+userDataLabels+` } AS empty`, nil)
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
