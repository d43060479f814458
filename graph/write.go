package graph

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cespare/xxhash/v2"
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
	return writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.ImportResult, error) {
		return writeBatches(ctx, tx, b, batches)
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
//
// The nodes that new records link to are not read at all: the create
// statement makes a record's relationships only where the nodes exist, and
// Neo4j's counters of what it created show whether any was missing, at
// no cost. Changed records take an upsert that deletes and redraws links,
// whose counts prove nothing, so their references are read beforehand, as
// are the sources of every record, which are ids in a list rather than
// relationships.
func writeBatches(ctx context.Context, tx neo4j.ManagedTransaction, b thelist.Bundle, batches []batch) (thelist.ImportResult, error) {
	splits, err := splitBatches(ctx, tx, batches, b.NewKinds)
	if err != nil {
		return thelist.ImportResult{}, fmt.Errorf("write %w", err)
	}
	refs := map[string][]string{}
	for _, sp := range splits {
		addReferences(refs, sp.kind, sp.fresh, false)
		addReferences(refs, sp.kind, sp.changed, true)
	}
	if err := checkReferences(ctx, tx, batches, refs); err != nil {
		return thelist.ImportResult{}, err
	}
	// A first load's batch keeps no facts: its backfill does (firstload.go).
	var parents map[string]string
	var derived *derivedTouch
	if b.DeferFacts {
		if err := checkDeferrable(ctx, tx); err != nil {
			return thelist.ImportResult{}, err
		}
	} else {
		if parents, err = labParents(ctx, tx, splits); err != nil { // for keepDepartures (labagg.go)
			return thelist.ImportResult{}, err
		}
		if derived, err = derivedInputs(ctx, tx, splits); err != nil {
			return thelist.ImportResult{}, err
		}
	}
	r := thelist.ImportResult{Counts: map[string]thelist.ImportCounts{}}
	for _, sp := range splits {
		k := recordKinds[sp.kind]
		// New records take the create path: no MERGE, no owned links to
		// delete, and so none of the Eager barriers the planner must put
		// into an upsert. The look-up ran in this transaction (or the kind
		// held nothing when the import began), and a concurrent writer of
		// the same record makes the CREATE break a uniqueness constraint,
		// which fails the transaction rather than duplicating the record.
		// Pair kinds (authorships, memberships) are guarded the same way,
		// by a constraint on their "from/to" id (pairKind).
		for chunk := range slices.Chunk(sp.fresh, batchSize) {
			made, err := runRows(ctx, tx, createQuery(k, chunk), chunk)
			if err != nil {
				return r, fmt.Errorf("write %s: %w", sp.kind, err)
			}
			if err := checkCreated(ctx, tx, sp.kind, chunk, made); err != nil {
				return r, err
			}
		}
		for chunk := range slices.Chunk(sp.changed, batchSize) {
			if _, err := runRows(ctx, tx, upsertQuery(k), chunk); err != nil {
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
	if b.DeferFacts {
		return r, nil
	}
	if err := keepDepartures(ctx, tx, splits, parents); err != nil {
		return r, err
	}
	// The people whose inputs changed get their derived facts in this
	// same transaction (derived.go).
	return r, derived.update(ctx, tx)
}

// checkCreated fails with EINVALID, naming the missing node, when the
// create statement for rows of kind made fewer nodes or relationships than
// the rows ask for: a node a row names does not exist (it was never there,
// or was deleted since the importer checked). The transaction is then
// rolled back, so reading after the writes here costs only a failed write.
func checkCreated(ctx context.Context, tx neo4j.ManagedTransaction, kind string, rows []map[string]any, made neo4j.Counters) error {
	k := recordKinds[kind]
	wantNodes, wantRels := 0, 0
	if k.label != "" {
		wantNodes = len(rows)
	}
	for _, row := range rows {
		wantRels += k.made(row)
	}
	if made.NodesCreated() == wantNodes && made.RelationshipsCreated() == wantRels {
		return nil
	}
	refs := map[string][]string{}
	addReferences(refs, kind, rows, true)
	delete(refs, "Source") // checked before the write
	if err := checkReferences(ctx, tx, nil, refs); err != nil {
		return err
	}
	return fmt.Errorf("write %s: created %d nodes and %d relationships, want %d and %d", // a bug in made, not in the data
		kind, made.NodesCreated(), made.RelationshipsCreated(), wantNodes, wantRels)
}

// checkReferences fails with EINVALID when a record points at a node that
// exists neither in the database nor among the nodes the batches write.
func checkReferences(ctx context.Context, tx neo4j.ManagedTransaction, batches []batch, refs map[string][]string) error {
	distinctIDs(refs)
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
			return &MissingNodesError{Label: label, IDs: missing}
		}
	}
	return nil
}

// MissingNodesError is the failure of a write whose records point at nodes
// that exist neither in the write nor in the database (deleted after the
// importer checked them, say). It is an EINVALID *thelist.Error, and names
// the label and the missing ids so that the importer can name the rows.
type MissingNodesError struct {
	Label string   // e.g. "Lab"
	IDs   []string // sorted
}

func (e *MissingNodesError) Error() string { return e.Unwrap().Error() }

// MissingNodes returns the label and the ids.
func (e *MissingNodesError) MissingNodes() (label string, ids []string) { return e.Label, e.IDs }

// Unwrap gives the error its code and its message for people.
func (e *MissingNodesError) Unwrap() error {
	return thelist.Errorf(thelist.EINVALID, "write bundle: no %s with id %s, in the bundle or the database",
		e.Label, strings.Join(quoteAll(e.IDs), ", "))
}

// PlanBundle says what WriteBundle would do with b, without writing: for
// each record, Created when its key is absent, Updated when its stored hash
// differs, Unchanged when it is equal. It reads in a read transaction and
// sorts rows exactly as WriteBundle does (splitBatches). It does not check
// references.
func (db *DB) PlanBundle(ctx context.Context, b thelist.Bundle) (thelist.ImportResult, error) {
	batches := bundleBatches(b)
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.ImportResult, error) {
		splits, err := splitBatches(ctx, tx, batches, b.NewKinds)
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
// rows at a time, except those of newKinds, which are all new.
func splitBatches(ctx context.Context, tx neo4j.ManagedTransaction, batches []batch, newKinds map[string]bool) ([]split, error) {
	out := make([]split, 0, len(batches))
	for _, bt := range batches {
		sp := split{kind: bt.kind}
		if newKinds[bt.kind] {
			sp.fresh = bt.rows
			out = append(out, sp)
			continue
		}
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

// createQuery writes rows of kind k whose records are new, naming each
// property the rows hold (the keys of their props, the same in every row of
// a kind) in the CREATE itself; a null value creates no property, so an
// unreported field stays absent.
//
// Named properties, not SET n += row.props: a map of keys unknown when the
// statement is planned may write any property, so the planner must assume
// it conflicts with every later read and materialises all the rows of the
// batch before and after it (two Eager operators in every plan). Named
// keys conflict with nothing the statement reads, and the batch streams.
func createQuery(k recordKind, rows []map[string]any) string {
	var keys []string
	for _, row := range rows {
		for key := range row["props"].(map[string]any) {
			keys = append(keys, key)
		}
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	props := make([]string, 0, len(keys)+1)
	for _, key := range keys {
		// Keys are the row builders' own (records.go), never user text;
		// quoted all the same.
		props = append(props, "`"+key+"`: row.props.`"+key+"`")
	}
	props = append(props, "hash: row.hash")
	return `UNWIND $rows AS row
		` + k.create(strings.Join(props, ", ")) + then(k.make)
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

// runRows runs a write query over rows and returns the counts of what it
// wrote.
func runRows(ctx context.Context, tx neo4j.ManagedTransaction, query string, rows []map[string]any) (neo4j.Counters, error) {
	res, err := tx.Run(ctx, query, map[string]any{"rows": rows})
	if err != nil {
		return nil, err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return nil, err
	}
	return sum.Counters(), nil
}

// hashRow fingerprints a row's key, ends and properties (everything but its
// hash) as a 64-bit xxHash of a canonical encoding (hashValue). A number is
// stored inline in the record's property block, where the hex digest it
// replaced took string storage of its own on every node and relationship
// the import writes. The hash only tells a changed record from an unchanged
// one: two versions of the same record collide once in 2^64.
func hashRow(row map[string]any) int64 {
	d := xxhash.New()
	hashMap(d, row, "hash")
	return int64(d.Sum64())
}

// hashValue writes v to d in a canonical form: a tag per type, lengths
// before contents, map keys sorted, so equal rows hash equal and no two
// different rows write the same bytes.
func hashValue(d *xxhash.Digest, v any) {
	var b [9]byte
	word := func(tag byte, n uint64) {
		b[0] = tag
		binary.LittleEndian.PutUint64(b[1:], n)
		d.Write(b[:])
	}
	switch v := v.(type) {
	case nil:
		word(0, 0)
	case string:
		word(1, uint64(len(v)))
		d.WriteString(v)
	case bool:
		n := uint64(0)
		if v {
			n = 1
		}
		word(2, n)
	case int64:
		word(3, uint64(v))
	case int:
		word(3, uint64(v))
	case float64:
		word(4, math.Float64bits(v))
	case []string:
		word(5, uint64(len(v)))
		for _, s := range v {
			hashValue(d, s)
		}
	case neo4j.Date:
		word(6, uint64(v.Time().Unix()))
	case map[string]any:
		hashMap(d, v, "")
	default:
		panic(fmt.Sprintf("hash row: no canonical form for %T", v)) // rows hold only the types above
	}
}

// hashMap writes a map's entries in key order, leaving out the key skip.
func hashMap(d *xxhash.Digest, m map[string]any, skip string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		if k != skip {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var b [9]byte
	b[0] = 7
	binary.LittleEndian.PutUint64(b[1:], uint64(len(keys)))
	d.Write(b[:])
	for _, k := range keys {
		hashValue(d, k)
		hashValue(d, m[k])
	}
}

// jsonable copies v with Neo4j dates written as text: a neo4j.Date has no
// JSON form of its own and would otherwise encode as {} whatever its value.
func jsonable(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, item := range v {
			out[k] = jsonable(item)
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

// EmptyKinds returns the kinds of record of which the database holds none
// (see thelist.Bundle.NewKinds), read from Neo4j's count store in one
// statement.
func (db *DB) EmptyKinds(ctx context.Context) ([]string, error) {
	var counts []string
	for _, kind := range thelist.Kinds {
		k := recordKinds[kind]
		pattern := "(:" + k.label + ")"
		if k.label == "" {
			pattern = "()-[:" + k.typ + "]->()"
		}
		// A bare count of one label or type is answered by the count store.
		counts = append(counts, "COUNT { MATCH "+pattern+" } AS `"+kind+"`")
	}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]string, error) {
		row, err := singleRow(ctx, tx, "RETURN "+strings.Join(counts, ", "), nil)
		if err != nil {
			return nil, err
		}
		var empty []string
		for _, kind := range thelist.Kinds {
			if row[kind] == int64(0) {
				empty = append(empty, kind)
			}
		}
		return empty, nil
	})
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
	db.derivedReady.Store(false)
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
// shortlists and saved searches, and the import lock, do not count: a database holding only those
// still needs its data loaded.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (bool, error) {
		// An import's lock is not data either: --if-empty runs while its
		// own import may hold it.
		res, err := tx.Run(ctx, `RETURN NOT EXISTS { MATCH (n) WHERE NOT n:`+userDataLabels+`|ImportLock|DerivedState } AS empty`, nil)
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
