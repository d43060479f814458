package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// changeTarget says how to find a record that an editor may change: by the
// node label, or by the relationship type for records stored as
// relationships. Labels and types come from this fixed list only.
type changeTarget struct {
	label   string // node label, or "" for a relationship
	relType string
}

var changeTargets = map[string]changeTarget{
	thelist.KindSources:      {label: "Source"},
	thelist.KindLabs:         {label: "Lab"},
	thelist.KindPeople:       {label: "Person"},
	thelist.KindOffers:       {label: "Offer"},
	thelist.KindMoves:        {label: "Move"},
	thelist.KindStints:       {relType: "WORKED_AT"},
	thelist.KindRecruitments: {relType: "RECRUITED"},
}

// ChangeKinds lists the record kinds that WriteChange accepts and History
// answers for.
func ChangeKinds() []string {
	out := make([]string, 0, len(changeTargets))
	for _, k := range thelist.Kinds {
		if _, ok := changeTargets[k]; ok {
			out = append(out, k)
		}
	}
	return out
}

// WriteChange writes b, which holds the one record c names, exactly as
// WriteBundle does (same rows, same hashes, same reference checks), and in
// the same transaction logs the edit as a (:Change) node with the record's
// properties before and after. A node record is linked to its change by
// (:Change)-[:CHANGED]->(n); a relationship record (a stint, a
// recruitment) cannot be the end of a relationship, so its change keeps
// only its kind and id, which History looks up. Either the record and its
// Change are both written, or neither.
//
// c supplies Who, Role, Mutation, RecordKind, RecordID and Reason; the
// returned Change has its id, time and before/after filled in.
func (db *DB) WriteChange(ctx context.Context, b thelist.Bundle, c thelist.Change) (thelist.Change, error) {
	target, ok := changeTargets[c.RecordKind]
	if !ok {
		return c, fmt.Errorf("write change: unknown record kind %q", c.RecordKind) // a programming error
	}
	batches := bundleBatches(b)
	refs := references(batches)
	out, err := writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.Change, error) {
		out := c
		before, err := recordJSON(ctx, tx, target, c.RecordID)
		if err != nil {
			return out, fmt.Errorf("read before: %w", err)
		}
		if _, err := writeBatches(ctx, tx, b, batches, refs); err != nil {
			return out, err
		}
		after, err := recordJSON(ctx, tx, target, c.RecordID)
		if err != nil {
			return out, fmt.Errorf("read after: %w", err)
		}
		link := ""
		if target.label != "" {
			link = `
			WITH c
			MATCH (n:` + target.label + ` {id: $recordId})
			CREATE (c)-[:CHANGED]->(n)`
		}
		res, err := tx.Run(ctx, `
			CREATE (c:Change {id: randomUUID(), at: datetime(), who: $who, role: $role, mutation: $mutation,
				recordKind: $recordKind, recordId: $recordId, reason: $reason, before: $before, after: $after})`+link+`
			RETURN c.id AS id, c.at AS at`,
			map[string]any{
				"who": c.Who, "role": c.Role, "mutation": c.Mutation, "recordKind": c.RecordKind,
				"recordId": c.RecordID, "reason": nullable(c.Reason), "before": nullable(before), "after": after,
			})
		if err != nil {
			return out, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return out, err
		}
		out.ID, _, err = neo4j.GetRecordValue[string](rec, "id")
		if err != nil {
			return out, err
		}
		out.At, _, err = neo4j.GetRecordValue[time.Time](rec, "at")
		out.Before, out.After = before, after
		return out, err
	})
	if err != nil {
		return thelist.Change{}, fmt.Errorf("write change to %s %q: %w", c.RecordKind, c.RecordID, err)
	}
	return out, nil
}

// recordJSON is the record's stored properties as JSON with sorted keys
// (dates as text, the content hash left out; for a relationship, its ends
// as "from" and "to"), or "" when there is no such record.
func recordJSON(ctx context.Context, tx neo4j.ManagedTransaction, t changeTarget, id string) (string, error) {
	// Rewriting the hash to itself takes the record's write lock before it
	// is read, so that two editors changing one record at once are
	// serialised and each Change's before is what that change replaced.
	lock := `
		FOREACH (_ IN CASE WHEN n IS NULL THEN [] ELSE [1] END | SET n.hash = n.hash)`
	match := `OPTIONAL MATCH (n:` + t.label + ` {id: $id})` + lock + `
		RETURN properties(n) AS props, null AS from, null AS to`
	if t.label == "" {
		match = `OPTIONAL MATCH (a)-[n:` + t.relType + ` {id: $id}]->(b)` + lock + `
		RETURN properties(n) AS props, a.id AS from, b.id AS to`
	}
	res, err := tx.Run(ctx, match, map[string]any{"id": id})
	if err != nil {
		return "", err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return "", err
	}
	v, _ := rec.Get("props")
	props, ok := v.(map[string]any)
	if !ok {
		return "", nil
	}
	delete(props, "hash")
	if from, _ := rec.Get("from"); from != nil {
		props["from"] = from
	}
	if to, _ := rec.Get("to"); to != nil {
		props["to"] = to
	}
	js, err := json.Marshal(hashable(props))
	if err != nil {
		return "", err
	}
	return string(js), nil
}

// History returns the changes made to the record of kind with id, newest
// first, at most first of them.
func (db *DB) History(ctx context.Context, kind, id string, first int) ([]thelist.Change, error) {
	if _, ok := changeTargets[kind]; !ok {
		return nil, thelist.Errorf(thelist.EINVALID, "history: unknown kind %q", kind)
	}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]thelist.Change, error) {
		res, err := tx.Run(ctx, `
			MATCH (c:Change {recordKind: $kind, recordId: $id})
			RETURN c.id AS id, c.at AS at, c.who AS who, c.role AS role, c.mutation AS mutation,
				c.reason AS reason, c.before AS before, c.after AS after
			ORDER BY c.at DESC, c.id
			LIMIT $first`, map[string]any{"kind": kind, "id": id, "first": first})
		if err != nil {
			return nil, err
		}
		var out []thelist.Change
		for res.Next(ctx) {
			rec := res.Record()
			c := thelist.Change{RecordKind: kind, RecordID: id}
			get := func(key string) string { v, _ := rec.Get(key); s, _ := v.(string); return s }
			c.ID, c.Who, c.Role, c.Mutation = get("id"), get("who"), get("role"), get("mutation")
			c.Reason, c.Before, c.After = get("reason"), get("before"), get("after")
			if at, _ := rec.Get("at"); at != nil {
				c.At, _ = at.(time.Time)
			}
			out = append(out, c)
		}
		return out, res.Err()
	})
}
