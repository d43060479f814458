package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// changeTarget says how to find a record that an editor may change: by the
// node label, or by the relationship type for records stored as
// relationships, and for a record keyed by its two ends (an authorship, a
// membership) the labels of those ends. Labels and types come from this
// fixed list only.
type changeTarget struct {
	label          string // node label, or "" for a relationship
	relType        string
	fromLabel      string // for a pair: the labels of its ends, whose ids
	toLabel        string // make the record's id (thelist.PairID)
	retractable    bool   // RetractChange may delete it
	retractMessage string // why not, when it may not
}

// A fact can be retracted; an entity is corrected instead, since other
// records refer to it.
const entityNotRetractable = "a source, lab, person, paper or group is referred to by other records: correct it instead"

var changeTargets = map[string]changeTarget{
	thelist.KindSources:      {label: "Source", retractMessage: entityNotRetractable},
	thelist.KindLabs:         {label: "Lab", retractMessage: entityNotRetractable},
	thelist.KindPeople:       {label: "Person", retractMessage: entityNotRetractable},
	thelist.KindPapers:       {label: "Paper", retractMessage: entityNotRetractable},
	thelist.KindGroups:       {label: "Group", retractMessage: entityNotRetractable},
	thelist.KindOffers:       {label: "Offer", retractable: true},
	thelist.KindMoves:        {label: "Move", retractable: true},
	thelist.KindStints:       {relType: "WORKED_AT", retractable: true},
	thelist.KindDegrees:      {relType: "STUDIED_AT", retractable: true},
	thelist.KindRecruitments: {relType: "RECRUITED", retractable: true},
	thelist.KindInvestments:  {relType: "INVESTED_IN", retractable: true},
	thelist.KindDeals:        {label: "Deal", retractable: true},
	thelist.KindAuthorships:  {relType: "AUTHORED", fromLabel: "Person", toLabel: "Paper", retractable: true},
	thelist.KindMemberships:  {relType: "MEMBER_OF", fromLabel: "Person", toLabel: "Group", retractable: true},
}

// keyRow is the row that a recordKind's lookup reads: {id} or {from, to}.
func (t changeTarget) keyRow(id string) (map[string]any, error) {
	if t.fromLabel == "" {
		return map[string]any{"id": id}, nil
	}
	from, to, ok := strings.Cut(id, "/")
	if !ok || from == "" || to == "" {
		return nil, thelist.Errorf(thelist.EINVALID, "id %q: want the two ends' ids as from/to, e.g. ashish-vaswani/attention-is-all-you-need", id)
	}
	return map[string]any{"from": from, "to": to}, nil
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
	out, err := editTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.Change, error) {
		out := c
		if err := lockNewNode(ctx, tx, target, c.RecordID); err != nil {
			return out, fmt.Errorf("lock: %w", err)
		}
		before, err := recordJSON(ctx, tx, target, c.RecordID)
		if err != nil {
			return out, fmt.Errorf("read before: %w", err)
		}
		if _, err := writeBatches(ctx, tx, b, batches); err != nil {
			return out, err
		}
		if err := unmarkNewNode(ctx, tx, target, c.RecordID); err != nil {
			return out, err
		}
		after, err := recordJSON(ctx, tx, target, c.RecordID)
		if err != nil {
			return out, fmt.Errorf("read after: %w", err)
		}
		return logChange(ctx, tx, target, out, before, after)
	})
	if err != nil {
		return thelist.Change{}, fmt.Errorf("write change to %s %q: %w", c.RecordKind, c.RecordID, err)
	}
	return out, nil
}

// placeholderProp marks a node that lockNewNode made for a record that did
// not exist yet; the write fills it and unmarkNewNode removes the mark, in
// the same transaction, so no one ever sees it.
const placeholderProp = "_lockedNew"

// lockNewNode makes sure the node record an edit names exists and holds its
// write lock before the edit reads it. recordJSON locks a record that
// exists; one that does not yet has nothing to lock, and fifty editors
// creating one person at once each read "no record" and then raced to
// create it, in deadlocks that were retried until the request timeout
// (issue 11). MERGE on the id, which a uniqueness constraint backs,
// creates it for the first and makes the others wait for it, so edits of
// one record, new or not, run one after the other and each one's before is
// what the one before it wrote. Relationship records are locked through
// their stored relationship only (recordJSON).
func lockNewNode(ctx context.Context, tx neo4j.ManagedTransaction, t changeTarget, id string) error {
	if t.label == "" || t.fromLabel != "" {
		return nil
	}
	res, err := tx.Run(ctx, `MERGE (n:`+t.label+` {id: $id}) ON CREATE SET n.`+placeholderProp+` = true`,
		map[string]any{"id": id})
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// unmarkNewNode removes lockNewNode's mark once the record is written.
func unmarkNewNode(ctx context.Context, tx neo4j.ManagedTransaction, t changeTarget, id string) error {
	if t.label == "" || t.fromLabel != "" {
		return nil
	}
	res, err := tx.Run(ctx, `MATCH (n:`+t.label+` {id: $id}) WHERE n.`+placeholderProp+` IS NOT NULL REMOVE n.`+placeholderProp,
		map[string]any{"id": id})
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// recordJSON is the record's stored properties as JSON with sorted keys
// (dates as text, the content hash left out; for a relationship, its ends
// as "from" and "to"), or "" when there is no such record.
func recordJSON(ctx context.Context, tx neo4j.ManagedTransaction, t changeTarget, id string) (string, error) {
	row, err := t.keyRow(id)
	if err != nil {
		return "", err
	}
	// Rewriting the hash to itself takes the record's write lock before it
	// is read, so that two editors changing one record at once are
	// serialised and each Change's before is what that change replaced.
	lock := `
		FOREACH (_ IN CASE WHEN n IS NULL THEN [] ELSE [1] END | SET n.hash = n.hash)`
	match := `OPTIONAL MATCH (n:` + t.label + ` {id: $row.id})` + lock + `
		RETURN CASE WHEN n.` + placeholderProp + ` IS NULL THEN properties(n) END AS props, null AS from, null AS to`
	switch {
	case t.fromLabel != "":
		match = `OPTIONAL MATCH (a:` + t.fromLabel + ` {id: $row.from})-[n:` + t.relType + `]->(b:` + t.toLabel + ` {id: $row.to})` + lock + `
		RETURN properties(n) AS props, a.id AS from, b.id AS to`
	case t.label == "":
		match = `OPTIONAL MATCH (a)-[n:` + t.relType + ` {id: $row.id}]->(b)` + lock + `
		RETURN properties(n) AS props, a.id AS from, b.id AS to`
	}
	res, err := tx.Run(ctx, match, map[string]any{"row": row})
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
	dropDerived(props)
	if from, _ := rec.Get("from"); from != nil {
		props["from"] = from
	}
	if to, _ := rec.Get("to"); to != nil {
		props["to"] = to
	}
	js, err := json.Marshal(jsonable(props))
	if err != nil {
		return "", err
	}
	return string(js), nil
}

// RetractChange deletes the fact c names (a stint, degree, move, offer,
// recruitment, investment, authorship or membership) with the
// relationships it owns, and in the same transaction logs a Change whose
// before is the fact and whose after is empty, so its history keeps it.
// A fact that is gone answers ENOTFOUND; an offer that a move still cites,
// ECONFLICT; an entity (a person, a lab…), EINVALID.
func (db *DB) RetractChange(ctx context.Context, c thelist.Change) (thelist.Change, error) {
	target, ok := changeTargets[c.RecordKind]
	if !ok {
		return c, thelist.Errorf(thelist.EINVALID, "retract: unknown kind %q", c.RecordKind)
	}
	if !target.retractable {
		return c, thelist.Errorf(thelist.EINVALID, "retract %s: %s", c.RecordKind, target.retractMessage)
	}
	row, err := target.keyRow(c.RecordID)
	if err != nil {
		return c, err
	}
	k := recordKinds[c.RecordKind]
	out, err := editTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.Change, error) {
		out := c
		before, err := recordJSON(ctx, tx, target, c.RecordID)
		if err != nil {
			return out, fmt.Errorf("read before: %w", err)
		}
		if before == "" {
			return out, thelist.Errorf(thelist.ENOTFOUND, "no %s with id %q", c.RecordKind, c.RecordID)
		}
		derived, err := retractedInputs(ctx, tx, c.RecordKind, row)
		if err != nil {
			return out, err
		}
		leaver, err := departurePersonOf(ctx, tx, c.RecordKind, c.RecordID) // labagg.go
		if err != nil {
			return out, err
		}
		del := `DELETE n`
		if target.label != "" {
			// A node fact is deleted with the links it owns (clear) and
			// the CHANGED links of its history; any other link means
			// another record cites it, and then it stays.
			cited, err := citedBy(ctx, tx, target.label, c.RecordID, k.owned)
			if err != nil {
				return out, err
			}
			if cited != "" {
				return out, thelist.Errorf(thelist.ECONFLICT, "%s %q is cited by a %s: retract or correct that first",
					c.RecordKind, c.RecordID, cited)
			}
			del = `DETACH DELETE n`
		}
		res, err := tx.Run(ctx, `WITH $row AS row
			`+k.lookup+`
			WITH n, row WHERE n IS NOT NULL`+k.clear+`
			`+del, map[string]any{"row": row})
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return out, err
		}
		if err := derived.update(ctx, tx); err != nil {
			return out, err
		}
		if leaver != "" {
			if err := refreshDepartures(ctx, tx, []string{leaver}); err != nil {
				return out, err
			}
		}
		return logChange(ctx, tx, target, out, before, "")
	})
	if err != nil {
		return thelist.Change{}, fmt.Errorf("retract %s %q: %w", c.RecordKind, c.RecordID, err)
	}
	return out, nil
}

// logChange creates the Change node for c with the record's JSON before and
// after ("" for none), linked to the record when it is a node that still
// exists, and returns c with its id, time, before and after.
func logChange(ctx context.Context, tx neo4j.ManagedTransaction, target changeTarget, c thelist.Change, before, after string) (thelist.Change, error) {
	link := ""
	if target.label != "" && after != "" {
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
			"recordId": c.RecordID, "reason": nullable(c.Reason), "before": nullable(before), "after": nullable(after),
		})
	if err != nil {
		return c, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return c, err
	}
	c.ID, _, err = neo4j.GetRecordValue[string](rec, "id")
	if err != nil {
		return c, err
	}
	c.At, _, err = neo4j.GetRecordValue[time.Time](rec, "at")
	c.Before, c.After = before, after
	return c, err
}

// citedBy names the type of a relationship of the node that it does not
// own (owned, or its history's CHANGED), or "" when there is none.
func citedBy(ctx context.Context, tx neo4j.ManagedTransaction, label, id string, owned []string) (string, error) {
	res, err := tx.Run(ctx, `MATCH (n:`+label+` {id: $id})-[r]-()
		WHERE NOT type(r) IN $owned
		RETURN type(r) AS type LIMIT 1`, map[string]any{"id": id, "owned": append(slices.Clone(owned), "CHANGED")})
	if err != nil {
		return "", err
	}
	recs, err := res.Collect(ctx)
	if err != nil || len(recs) == 0 {
		return "", err
	}
	typ, _ := recs[0].Get("type")
	return typ.(string), nil
}

// History returns the changes made to the record of kind with id, newest
// first, at most first of them, and after the change with id after when it
// is not "" (keyset paging: the next page starts below that change's time
// and id). An after that is not a change of this record is EINVALID: a
// cursor from another record, or made up, would otherwise read as the end.
func (db *DB) History(ctx context.Context, kind, id string, first int, after string) ([]thelist.Change, error) {
	if _, ok := changeTargets[kind]; !ok {
		return nil, thelist.Errorf(thelist.EINVALID, "history: unknown kind %s", thelist.Quote(kind))
	}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]thelist.Change, error) {
		if after != "" {
			res, err := tx.Run(ctx, `
				MATCH (last:Change {id: $after, recordKind: $kind, recordId: $id})
				RETURN count(last) AS n`, map[string]any{"kind": kind, "id": id, "after": after})
			if err != nil {
				return nil, err
			}
			rec, err := res.Single(ctx)
			if err != nil {
				return nil, err
			}
			if n, _ := rec.Get("n"); n == int64(0) {
				return nil, thelist.Errorf(thelist.EINVALID, "after: %s is not a change of this record; pass the id of the last change of the previous page", thelist.Quote(after))
			}
		}
		res, err := tx.Run(ctx, `
			OPTIONAL MATCH (last:Change {id: $after, recordKind: $kind, recordId: $id})
			WITH last
			WHERE $after IS NULL OR last IS NOT NULL
			MATCH (c:Change {recordKind: $kind, recordId: $id})
			WHERE last IS NULL OR c.at < last.at OR (c.at = last.at AND c.id > last.id)
			RETURN c.id AS id, c.at AS at, c.who AS who, c.role AS role, c.mutation AS mutation,
				c.reason AS reason, c.before AS before, c.after AS after
			ORDER BY c.at DESC, c.id
			LIMIT $first`, map[string]any{"kind": kind, "id": id, "first": first, "after": nullable(after)})
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
