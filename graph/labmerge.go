package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// Lab merges (issue 14): two labs that are one institution ("ETH Zurich"
// and "Swiss Federal Institute of Technology in Zurich") become the kept
// one. Every relationship of the merged lab moves to the kept lab, the
// stored lab ids on moves and recruitments follow, the merged lab's names
// become the kept lab's aliases, and its registry ids and sources are kept.
// The merge is logged as Changes and can be undone exactly: the merge's
// Change holds a snapshot of what it moved, with Neo4j's property types, so
// that the undo puts every node and relationship back as it was.

// Change.mutation values of merges and their undos.
const (
	MutationMergeLabs   = "mergeLabs"
	MutationUnmergeLabs = "unmergeLabs"
)

// labMergeSnapshot is what a merge changed, which its undo restores. It is
// stored as JSON on the merge's Change (mergeSnapshot), with every property
// value tagged by its type (typedValue).
type labMergeSnapshot struct {
	Keep, Gone   string
	KeepProps    map[string]typedValue // the kept lab before the merge
	GoneProps    map[string]typedValue // the merged lab, which the merge deleted
	Rels         []mergedRel
	MovesFrom    []string // moves whose fromLabId was the merged lab
	MovesTo      []string // moves whose toLabId was
	Recruitments []string // recruitments (RECRUITED ids) whose toLabId was
}

// mergedRel is one relationship of the merged lab: its type, whether it
// left the lab (Out), the node at its other end, and the property that
// keys it among the kept lab's relationships of its type, if any. A Dropped
// one was deleted rather than moved, since the kept lab had it already (a
// shared parent), it would have joined the kept lab to itself, or it would
// have given the kept lab a second parent; its properties are kept to
// redraw it.
type mergedRel struct {
	Type       string
	Out        bool
	OtherLabel string
	OtherID    string
	KeyProp    string `json:",omitempty"`
	KeyValue   string `json:",omitempty"`
	Dropped    bool   `json:",omitempty"`
	Props      map[string]typedValue
}

// relKeys is the property that tells a lab's relationships of a type
// apart; the others (PART_OF, MADE, FROM, TO, MADE_DEAL, TARGET, CHANGED)
// carry no properties and join a lab to a node at most once.
var relKeys = map[string]string{"WORKED_AT": "id", "STUDIED_AT": "id", "INVESTED_IN": "id", "FOUNDED": "stintId"}

// nodeLabels are the labels of the nodes that a lab's relationships reach,
// each keyed by id. A relationship type or label read from the database is
// only put into Cypher once it matches safeName.
var (
	nodeLabels = []string{"Person", "Lab", "Offer", "Move", "Deal", "Change", "Paper", "Group", "Source"}
	safeName   = regexp.MustCompile(`^[A-Z][A-Za-z_]*$`)
)

// labRegistryNames name a lab's registry id properties in messages.
var labRegistryNames = map[string]string{"ror": "ROR", "openalex": "OpenAlex", "wikidata": "Wikidata"}

// MergeLabs merges the lab goneID into keepID, as c (Who, Role, Reason)
// says, citing sourceID, the source that shows they are one. It returns
// the Change logged on the kept lab; the merged lab's history gets one too.
// A lab that does not exist is ENOTFOUND; a lab merged into itself, a
// missing source, or two different ids in one registry (two ROR ids are two
// institutions to ROR) are EINVALID.
func (db *DB) MergeLabs(ctx context.Context, keepID, goneID, sourceID string, c thelist.Change) (thelist.Change, error) {
	if keepID == goneID {
		return c, thelist.Errorf(thelist.EINVALID, "merge labs: %s cannot be merged into itself", thelist.Quote(keepID))
	}
	out, err := editTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.Change, error) {
		return mergeLabs(ctx, tx, keepID, goneID, sourceID, c)
	})
	if err != nil {
		return thelist.Change{}, fmt.Errorf("merge lab %s into %s: %w", thelist.Quote(goneID), thelist.Quote(keepID), err)
	}
	return out, nil
}

func mergeLabs(ctx context.Context, tx neo4j.ManagedTransaction, keepID, goneID, sourceID string, c thelist.Change) (thelist.Change, error) {
	keep, err := lockLab(ctx, tx, keepID)
	if err != nil {
		return c, err
	}
	gone, err := lockLab(ctx, tx, goneID)
	if err != nil {
		return c, err
	}
	if missing, err := missingIDs(ctx, tx, "Source", []string{sourceID}); err != nil {
		return c, err
	} else if len(missing) > 0 {
		return c, thelist.Errorf(thelist.EINVALID, "source: no source with id %s; add it first (addSource)", thelist.Quote(sourceID))
	}
	for _, reg := range []string{"ror", "openalex", "wikidata"} {
		k, g := str(keep, reg), str(gone, reg)
		if k != "" && g != "" && k != g {
			return c, thelist.Errorf(thelist.EINVALID, "%s and %s have different %s ids (%s, %s): the registry holds them as two institutions",
				thelist.Quote(keepID), thelist.Quote(goneID), labRegistryNames[reg], thelist.Quote(k), thelist.Quote(g))
		}
	}
	snap := labMergeSnapshot{Keep: keepID, Gone: goneID}
	if snap.KeepProps, err = typedProps(keep); err != nil {
		return c, err
	}
	if snap.GoneProps, err = typedProps(gone); err != nil {
		return c, err
	}
	keepBefore, err := recordJSON(ctx, tx, changeTargets[thelist.KindLabs], keepID)
	if err != nil {
		return c, err
	}
	goneBefore, err := recordJSON(ctx, tx, changeTargets[thelist.KindLabs], goneID)
	if err != nil {
		return c, err
	}
	if snap.Rels, err = moveLabRels(ctx, tx, keepID, goneID); err != nil {
		return c, err
	}
	if err := repointLabIDs(ctx, tx, &snap, goneID, keepID); err != nil {
		return c, err
	}
	// The kept lab takes the merged one's names, registry ids and sources,
	// and remembers its id, so that an import naming it can be told.
	if _, err := singleRow(ctx, tx, `
		MATCH (k:Lab {id: $keep}), (g:Lab {id: $gone})
		WITH k, g, [a IN coalesce(k.aliases, []) + [g.name] + coalesce(g.aliases, []) WHERE a <> k.name] AS names
		SET k.aliases = reduce(acc = [], a IN names | CASE WHEN a IN acc THEN acc ELSE acc + a END),
			k.ror = coalesce(k.ror, g.ror), k.openalex = coalesce(k.openalex, g.openalex),
			k.wikidata = coalesce(k.wikidata, g.wikidata),
			k.sources = reduce(acc = [], s IN coalesce(k.sources, []) + coalesce(g.sources, []) + [$source] |
				CASE WHEN s IN acc THEN acc ELSE acc + s END),
			k.mergedIds = coalesce(k.mergedIds, []) + [g.id] + coalesce(g.mergedIds, [])
		DETACH DELETE g
		RETURN count(*) AS n`, map[string]any{"keep": keepID, "gone": goneID, "source": sourceID}); err != nil {
		return c, fmt.Errorf("merge properties: %w", err)
	}
	if err := refreshLabPeople(ctx, tx, []string{keepID}); err != nil {
		return c, err
	}
	keepAfter, err := recordJSON(ctx, tx, changeTargets[thelist.KindLabs], keepID)
	if err != nil {
		return c, err
	}
	js, err := json.Marshal(snap)
	if err != nil {
		return c, err
	}
	c.Mutation, c.RecordKind, c.RecordID = MutationMergeLabs, thelist.KindLabs, keepID
	main, err := logChange(ctx, tx, changeTargets[thelist.KindLabs], c, keepBefore, keepAfter)
	if err != nil {
		return c, err
	}
	c.RecordID = goneID
	other, err := logChange(ctx, tx, changeTargets[thelist.KindLabs], c, goneBefore, "")
	if err != nil {
		return c, err
	}
	_, err = singleRow(ctx, tx, `
		MATCH (m:Change {id: $main}), (o:Change {id: $other})
		SET m.mergeSnapshot = $snap, m.mergedId = $gone, m.keptId = $keep, m.source = $source,
			o.mergeOf = m.id, o.mergedId = $gone, o.keptId = $keep, o.source = $source
		RETURN count(*) AS n`,
		map[string]any{"main": main.ID, "other": other.ID, "snap": string(js), "gone": goneID, "keep": keepID, "source": sourceID})
	return main, err
}

// lockLab takes the write lock of the lab with id and returns its
// properties, or ENOTFOUND.
func lockLab(ctx context.Context, tx neo4j.ManagedTransaction, id string) (map[string]any, error) {
	res, err := tx.Run(ctx, `MATCH (l:Lab {id: $id}) SET l.hash = l.hash RETURN properties(l) AS props`, map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, thelist.Errorf(thelist.ENOTFOUND, "no lab with id %s", thelist.Quote(id))
	}
	props, _ := recs[0].Get("props")
	return props.(map[string]any), nil
}

// moveLabRels moves every relationship of the lab gone to keep, or drops
// it (mergedRel), and returns what it did.
func moveLabRels(ctx context.Context, tx neo4j.ManagedTransaction, keepID, goneID string) ([]mergedRel, error) {
	res, err := tx.Run(ctx, `
		MATCH (k:Lab {id: $keep}), (g:Lab {id: $gone})-[r]-(x)
		WITH k, g, r, x, startNode(r) = g AS out
		RETURN elementId(r) AS rid, elementId(x) AS xid, type(r) AS type, out, labels(x) AS labels, x.id AS otherId,
			properties(r) AS props, x = k AS toKeep,
			CASE WHEN type(r) = 'PART_OF' AND out THEN
				EXISTS { MATCH (k)-[:PART_OF]->(p) WHERE p <> g } OR EXISTS { MATCH (x)-[:PART_OF*]->(k) }
			ELSE false END AS secondParent,
			EXISTS { MATCH (k)-[s]-(x) WHERE type(s) = type(r) AND (startNode(s) = k) = out } AS keepHasIt
		ORDER BY type, otherId, rid`, map[string]any{"keep": keepID, "gone": goneID})
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	var rels []mergedRel
	moves := map[[2]string][]map[string]any{} // type and direction → {rid, xid} of the relationships to move
	var drops []string
	for _, rec := range recs {
		m := rec.AsMap()
		typ := str(m, "type")
		label := ""
		for _, l := range strs(m, "labels") {
			if slices.Contains(nodeLabels, l) {
				label = l
				break
			}
		}
		if !safeName.MatchString(typ) || label == "" || str(m, "otherId") == "" {
			return nil, fmt.Errorf("lab %s has a %s relationship to a node this merge does not know (labels %v)", goneID, typ, m["labels"])
		}
		props, _ := m["props"].(map[string]any)
		typed, err := typedProps(props)
		if err != nil {
			return nil, err
		}
		r := mergedRel{Type: typ, Out: m["out"] == true, OtherLabel: label, OtherID: str(m, "otherId"), Props: typed}
		if key := relKeys[typ]; key != "" {
			r.KeyProp, r.KeyValue = key, fmt.Sprint(props[key])
		}
		r.Dropped = m["toKeep"] == true || m["secondParent"] == true || (r.KeyProp == "" && m["keepHasIt"] == true)
		if r.Dropped {
			drops = append(drops, str(m, "rid"))
		} else {
			dir := "out"
			if !r.Out {
				dir = "in"
			}
			moves[[2]string{typ, dir}] = append(moves[[2]string{typ, dir}], map[string]any{"rid": m["rid"], "xid": m["xid"]})
		}
		rels = append(rels, r)
	}
	for group, ids := range moves {
		rel := `(k)-[n:` + group[0] + `]->(x)`
		if group[1] == "in" {
			rel = `(x)-[n:` + group[0] + `]->(k)`
		}
		if err := runCount(ctx, tx, `
			MATCH (k:Lab {id: $keep})
			UNWIND $rels AS rel
			MATCH ()-[r]->() WHERE elementId(r) = rel.rid
			MATCH (x) WHERE elementId(x) = rel.xid
			WITH k, x, r, properties(r) AS p
			// Deleted first: the relationship keeps its id, which a
			// uniqueness constraint guards.
			DELETE r
			CREATE `+rel+` SET n = p
			RETURN count(*) AS n`, map[string]any{"keep": keepID, "rels": ids}, len(ids)); err != nil {
			return nil, fmt.Errorf("move %s: %w", group[0], err)
		}
	}
	if len(drops) > 0 {
		if err := runCount(ctx, tx, `UNWIND $ids AS rid MATCH ()-[r]->() WHERE elementId(r) = rid DELETE r RETURN count(*) AS n`,
			map[string]any{"ids": drops}, len(drops)); err != nil {
			return nil, fmt.Errorf("drop relationships: %w", err)
		}
	}
	return rels, nil
}

// runCount runs a statement that returns count(*) AS n and fails unless n
// is want: a merge or undo that touched fewer records than it read would
// leave the graph half changed.
func runCount(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any, want int) error {
	row, err := singleRow(ctx, tx, query, params)
	if err != nil {
		return err
	}
	if n, _ := row["n"].(int64); int(n) != want {
		return thelist.Errorf(thelist.ECONFLICT, "changed %d records, want %d: the labs changed meanwhile; try again", n, want)
	}
	return nil
}

// repointLabIDs rewrites the lab ids that moves and recruitments store (for
// their indexes) from one lab to another, noting what it changed in snap
// when it merges.
func repointLabIDs(ctx context.Context, tx neo4j.ManagedTransaction, snap *labMergeSnapshot, from, to string) error {
	for _, q := range []struct {
		query string
		ids   *[]string
	}{
		{`MATCH (m:Move) WHERE m.fromLabId = $from SET m.fromLabId = $to RETURN collect(m.id) AS ids`, &snap.MovesFrom},
		{`MATCH (m:Move) WHERE m.toLabId = $from SET m.toLabId = $to RETURN collect(m.id) AS ids`, &snap.MovesTo},
		{`MATCH ()-[r:RECRUITED]->() WHERE r.toLabId = $from SET r.toLabId = $to RETURN collect(r.id) AS ids`, &snap.Recruitments},
	} {
		row, err := singleRow(ctx, tx, q.query, map[string]any{"from": from, "to": to})
		if err != nil {
			return fmt.Errorf("repoint lab ids: %w", err)
		}
		*q.ids = strs(row, "ids")
	}
	return nil
}

// UnmergeLabs undoes the lab merge that the Change changeID logged (the
// kept lab's Change or the merged lab's), as c (Who, Role, Reason) says:
// the merged lab comes back with its properties and relationships, and the
// kept lab gets its properties from before the merge. It is ECONFLICT when
// the merge was undone already, when the kept lab changed since (undo that
// change first), when a lab with the merged lab's id exists again, or when
// a moved relationship is gone; EINVALID when changeID is not a merge.
func (db *DB) UnmergeLabs(ctx context.Context, changeID string, c thelist.Change) (thelist.Change, error) {
	out, err := editTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.Change, error) {
		return unmergeLabs(ctx, tx, changeID, c)
	})
	if err != nil {
		return thelist.Change{}, fmt.Errorf("undo lab merge %s: %w", thelist.Quote(changeID), err)
	}
	return out, nil
}

func unmergeLabs(ctx context.Context, tx neo4j.ManagedTransaction, changeID string, c thelist.Change) (thelist.Change, error) {
	res, err := tx.Run(ctx, `
		MATCH (c0:Change {id: $id})
		OPTIONAL MATCH (m:Change {id: c0.mergeOf})
		WITH coalesce(m, c0) AS c
		SET c.undoneBy = coalesce(c.undoneBy, null)
		RETURN c.id AS id, c.mutation AS mutation, c.mergeSnapshot AS snap, c.after AS after, c.undoneBy AS undoneBy`,
		map[string]any{"id": changeID})
	if err != nil {
		return c, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return c, err
	}
	if len(recs) == 0 {
		return c, thelist.Errorf(thelist.ENOTFOUND, "no change with id %s", thelist.Quote(changeID))
	}
	m := recs[0].AsMap()
	if str(m, "mutation") != MutationMergeLabs || str(m, "snap") == "" {
		return c, thelist.Errorf(thelist.EINVALID, "change %s is not a lab merge (it is %s)", thelist.Quote(changeID), thelist.Quote(str(m, "mutation")))
	}
	if by := str(m, "undoneBy"); by != "" {
		return c, thelist.Errorf(thelist.ECONFLICT, "the merge was undone already, by change %s", thelist.Quote(by))
	}
	mergeID := str(m, "id")
	var snap labMergeSnapshot
	if err := json.Unmarshal([]byte(str(m, "snap")), &snap); err != nil {
		return c, fmt.Errorf("read the merge's snapshot: %w", err)
	}
	labs := changeTargets[thelist.KindLabs]
	if _, err := lockLab(ctx, tx, snap.Keep); err != nil {
		return c, err
	}
	now, err := recordJSON(ctx, tx, labs, snap.Keep)
	if err != nil {
		return c, err
	}
	if now != str(m, "after") {
		return c, thelist.Errorf(thelist.ECONFLICT, "lab %s changed since the merge: undo or revert those changes first", thelist.Quote(snap.Keep))
	}
	if missing, err := missingIDs(ctx, tx, "Lab", []string{snap.Gone}); err != nil {
		return c, err
	} else if len(missing) == 0 {
		return c, thelist.Errorf(thelist.ECONFLICT, "a lab with id %s exists again: merge it into %s first, or give it another id",
			thelist.Quote(snap.Gone), thelist.Quote(snap.Keep))
	}
	goneProps, err := untypedProps(snap.GoneProps)
	if err != nil {
		return c, err
	}
	keepProps, err := untypedProps(snap.KeepProps)
	if err != nil {
		return c, err
	}
	if _, err := singleRow(ctx, tx, `CREATE (g:Lab) SET g = $props RETURN count(*) AS n`, map[string]any{"props": goneProps}); err != nil {
		return c, fmt.Errorf("restore lab %s: %w", snap.Gone, err)
	}
	for _, r := range snap.Rels {
		if err := restoreRel(ctx, tx, snap, r); err != nil {
			return c, err
		}
	}
	for _, q := range []struct {
		query string
		ids   []string
	}{
		{`UNWIND $ids AS id MATCH (m:Move {id: id}) SET m.fromLabId = $gone RETURN count(*) AS n`, snap.MovesFrom},
		{`UNWIND $ids AS id MATCH (m:Move {id: id}) SET m.toLabId = $gone RETURN count(*) AS n`, snap.MovesTo},
		{`UNWIND $ids AS id MATCH ()-[r:RECRUITED {id: id}]->() SET r.toLabId = $gone RETURN count(*) AS n`, snap.Recruitments},
	} {
		if err := runCount(ctx, tx, q.query, map[string]any{"ids": q.ids, "gone": snap.Gone}, len(q.ids)); err != nil {
			return c, fmt.Errorf("restore lab ids: %w", err)
		}
	}
	if _, err := singleRow(ctx, tx, `MATCH (k:Lab {id: $keep}) SET k = $props RETURN count(*) AS n`,
		map[string]any{"keep": snap.Keep, "props": keepProps}); err != nil {
		return c, fmt.Errorf("restore lab %s: %w", snap.Keep, err)
	}
	if err := refreshLabPeople(ctx, tx, []string{snap.Keep, snap.Gone}); err != nil {
		return c, err
	}
	after, err := recordJSON(ctx, tx, labs, snap.Gone)
	if err != nil {
		return c, err
	}
	c.Mutation, c.RecordKind, c.RecordID = MutationUnmergeLabs, thelist.KindLabs, snap.Gone
	out, err := logChange(ctx, tx, labs, c, "", after)
	if err != nil {
		return c, err
	}
	_, err = singleRow(ctx, tx, `
		MATCH (u:Change {id: $undo}), (m:Change {id: $merge})
		SET u.undoes = m.id, u.keptId = $keep, u.mergedId = $gone
		WITH u, m
		MATCH (c:Change) WHERE c.id = m.id OR c.mergeOf = m.id
		SET c.undoneBy = u.id
		RETURN count(*) AS n`, map[string]any{"undo": out.ID, "merge": mergeID, "keep": snap.Keep, "gone": snap.Gone})
	return out, err
}

// restoreRel draws r, a relationship the merge moved or dropped, on the
// restored lab again, taking a moved one off the kept lab with the
// properties it has now.
func restoreRel(ctx context.Context, tx neo4j.ManagedTransaction, snap labMergeSnapshot, r mergedRel) error {
	if !safeName.MatchString(r.Type) || !slices.Contains(nodeLabels, r.OtherLabel) {
		return fmt.Errorf("restore: unknown relationship %q to %q", r.Type, r.OtherLabel)
	}
	params := map[string]any{"keep": snap.Keep, "gone": snap.Gone, "other": r.OtherID, "key": r.KeyValue}
	other := `(x:` + r.OtherLabel + ` {id: $other})`
	newRel := `(g)-[n:` + r.Type + `]->(x)`
	if !r.Out {
		newRel = `(x)-[n:` + r.Type + `]->(g)`
	}
	if r.Dropped {
		props, err := untypedProps(r.Props)
		if err != nil {
			return err
		}
		params["props"] = props
		if err := runCount(ctx, tx, `MATCH (g:Lab {id: $gone}) MATCH `+other+`
			CREATE `+newRel+` SET n = $props RETURN count(*) AS n`, params, 1); err != nil {
			return fmt.Errorf("restore %s of %s: %w", r.Type, r.OtherID, err)
		}
		return nil
	}
	oldRel := `(k)-[r:` + r.Type + `]->(x)`
	if !r.Out {
		oldRel = `(x)-[r:` + r.Type + `]->(k)`
	}
	keyed := ``
	if r.KeyProp != "" {
		if !safeName.MatchString(strings.ToUpper(r.KeyProp[:1]) + r.KeyProp[1:]) {
			return fmt.Errorf("restore: unknown key %q", r.KeyProp)
		}
		keyed = ` AND r.` + r.KeyProp + ` = $key`
	}
	row, err := singleRow(ctx, tx, `
		MATCH (g:Lab {id: $gone}), (k:Lab {id: $keep})
		OPTIONAL MATCH `+oldRel+` WHERE x.id = $other AND x:`+r.OtherLabel+keyed+`
		WITH g, r, x, properties(r) AS p LIMIT 1
		FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END | DELETE r CREATE `+newRel+` SET n = p)
		RETURN r IS NOT NULL AS found`, params)
	if err != nil {
		return fmt.Errorf("restore %s of %s: %w", r.Type, r.OtherID, err)
	}
	if row["found"] != true {
		what := r.Type + " to " + r.OtherID
		if r.KeyValue != "" {
			what = r.Type + " " + r.KeyValue
		}
		return thelist.Errorf(thelist.ECONFLICT, "%s was moved to %s by the merge and is gone since: restore it first", what, snap.Keep)
	}
	return nil
}

// typedValue is a property value with its Neo4j type, so that an undo
// writes back a date as a date and an integer as an integer.
type typedValue struct {
	T string          // "s", "b", "i", "f", "date", "datetime" or "list"
	V json.RawMessage // the value; for a list, a JSON array of typedValue
}

func typedProps(props map[string]any) (map[string]typedValue, error) {
	out := make(map[string]typedValue, len(props))
	for k, v := range props {
		tv, err := typed(v)
		if err != nil {
			return nil, fmt.Errorf("property %s: %w", k, err)
		}
		out[k] = tv
	}
	return out, nil
}

func typed(v any) (typedValue, error) {
	var t string
	var val any = v
	switch x := v.(type) {
	case string:
		t = "s"
	case bool:
		t = "b"
	case int64:
		t = "i"
	case float64:
		t = "f"
	case neo4j.Date:
		t, val = "date", x.Time().Format(time.DateOnly)
	case time.Time:
		t, val = "datetime", x.Format(time.RFC3339Nano)
	case []any:
		items := make([]typedValue, len(x))
		for i, item := range x {
			tv, err := typed(item)
			if err != nil {
				return typedValue{}, err
			}
			items[i] = tv
		}
		t, val = "list", items
	default:
		return typedValue{}, fmt.Errorf("a %T cannot be kept for an undo", v)
	}
	raw, err := json.Marshal(val)
	return typedValue{T: t, V: raw}, err
}

func untypedProps(props map[string]typedValue) (map[string]any, error) {
	out := make(map[string]any, len(props))
	for k, tv := range props {
		v, err := untyped(tv)
		if err != nil {
			return nil, fmt.Errorf("property %s: %w", k, err)
		}
		out[k] = v
	}
	return out, nil
}

func untyped(tv typedValue) (any, error) {
	switch tv.T {
	case "s":
		var s string
		err := json.Unmarshal(tv.V, &s)
		return s, err
	case "b":
		var b bool
		err := json.Unmarshal(tv.V, &b)
		return b, err
	case "i":
		var i int64
		err := json.Unmarshal(tv.V, &i)
		return i, err
	case "f":
		var f float64
		err := json.Unmarshal(tv.V, &f)
		return f, err
	case "date", "datetime":
		var s string
		if err := json.Unmarshal(tv.V, &s); err != nil {
			return nil, err
		}
		if tv.T == "date" {
			d, err := time.Parse(time.DateOnly, s)
			return neo4j.DateOf(d), err
		}
		return time.Parse(time.RFC3339Nano, s)
	case "list":
		var items []typedValue
		if err := json.Unmarshal(tv.V, &items); err != nil {
			return nil, err
		}
		// Neo4j stores homogeneous lists only; the driver sends []any as
		// a list of whatever the items are.
		out := make([]any, len(items))
		for i, item := range items {
			v, err := untyped(item)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown type %q", tv.T)
}

// LabMergeOf returns the id of the newest merge of gone into keep that is
// not undone, or ENOTFOUND.
func (db *DB) LabMergeOf(ctx context.Context, keepID, goneID string) (string, error) {
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (string, error) {
		res, err := tx.Run(ctx, `
			MATCH (c:Change {recordKind: 'labs', recordId: $keep})
			WHERE c.mutation = $mutation AND c.mergedId = $gone AND c.undoneBy IS NULL
			RETURN c.id AS id ORDER BY c.at DESC LIMIT 1`,
			map[string]any{"keep": keepID, "gone": goneID, "mutation": MutationMergeLabs})
		if err != nil {
			return "", err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return "", err
		}
		if len(recs) == 0 {
			return "", thelist.Errorf(thelist.ENOTFOUND, "no merge of %s into %s to undo", thelist.Quote(goneID), thelist.Quote(keepID))
		}
		id, _ := recs[0].Get("id")
		return id.(string), nil
	})
}
