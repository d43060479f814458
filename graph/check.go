package graph

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// The consistency checks of thelist check: each is one statement returning
// rows of (ids, message). They state in Cypher, on the whole database, the
// rules the importer checks on a bundle (importer/consistency.go) and the
// rules of dated facts (a fact needs a date to be placed, a lab's facts
// cannot precede its founding, every record cites a source).
var consistencyChecks = []struct {
	kind  string
	query string
}{
	{thelist.FindingMoveWithoutJob, `
		MATCH (p:Person)-[:MADE_MOVE]->(m:Move)-[:TO]->(l:Lab)
		WHERE NOT EXISTS { MATCH (p)-[w:WORKED_AT]->(l)
			WHERE m.date IS NULL OR (w.start IS NOT NULL AND w.start < ` + periodEnd("m", "date") + `
				AND m.date < ` + periodEnd("w", "start") + `) }
		RETURN [m.id] AS ids, p.id + ' moves to ' + l.id + coalesce(' on ' + toString(m.date), '') +
			' but has no job there that starts then' AS message ORDER BY m.id`},
	{thelist.FindingOpenAfterMove, `
		MATCH (p:Person)-[:MADE_MOVE]->(m:Move)-[:FROM]->(l:Lab) WHERE m.date IS NOT NULL
		MATCH (p)-[w:WORKED_AT]->(l)
		WHERE w.end IS NULL AND NOT coalesce(w.concurrent, false) AND (w.start IS NULL OR ` + periodEnd("w", "start") + ` <= m.date)
		RETURN [w.id, m.id] AS ids, 'job ' + w.id + ' at ' + l.id + ' is open after move ' + m.id + ' away on ' +
			toString(m.date) AS message ORDER BY w.id, m.id`},
	{thelist.FindingTwoPlacesAtOnce, `
		MATCH (p:Person)-[a:WORKED_AT]->(la:Lab), (p)-[b:WORKED_AT]->(lb:Lab)
		WHERE a.id < b.id AND la <> lb AND a.start IS NOT NULL AND b.start IS NOT NULL
			AND NOT coalesce(a.concurrent, false) AND NOT coalesce(b.concurrent, false)
			AND NOT EXISTS { (la)-[:PART_OF*]->(lb) } AND NOT EXISTS { (lb)-[:PART_OF*]->(la) }
			AND ` + periodEnd("a", "start") + ` < coalesce(b.end, b.lastSeen, ` + periodEnd("b", "start") + `)
			AND ` + periodEnd("b", "start") + ` < coalesce(a.end, a.lastSeen, ` + periodEnd("a", "start") + `)
		RETURN [a.id, b.id] AS ids, p.id + ' holds full-time jobs at ' + la.id + ' and ' + lb.id + ' at once' AS message
		ORDER BY a.id, b.id`},
	{thelist.FindingUndatedOpenFact, `
		MATCH (p:Person)-[w:WORKED_AT]->(l:Lab) WHERE w.start IS NULL AND w.end IS NULL AND w.lastSeen IS NULL
		RETURN [w.id] AS ids, 'job ' + w.id + ' of ' + p.id + ' at ' + l.id + ' has no start, end or last_seen' AS message
		ORDER BY w.id`},
	{thelist.FindingUnsourced, `
		CALL () {
			MATCH (n) WHERE (n:Lab OR n:Person OR n:Paper OR n:Offer OR n:Move OR n:Deal OR n:Group)
				AND size(coalesce(n.sources, [])) = 0
			RETURN n.id AS id
			UNION
			MATCH ()-[r:WORKED_AT|STUDIED_AT|RECRUITED|INVESTED_IN]->() WHERE size(coalesce(r.sources, [])) = 0
			RETURN r.id AS id
		}
		RETURN [id] AS ids, id + ' cites no source' AS message ORDER BY id`},
	{thelist.FindingBeforeFounding, `
		CALL () {
			MATCH (:Person)-[w:WORKED_AT]->(l:Lab) WHERE l.founded IS NOT NULL AND w.start IS NOT NULL
				AND ` + periodEnd("w", "start") + ` <= l.founded
			RETURN w.id AS id, l.id AS lab, w.start AS date
			UNION
			MATCH ()-[i:INVESTED_IN]->(l:Lab) WHERE l.founded IS NOT NULL AND i.date IS NOT NULL
				AND ` + periodEnd("i", "date") + ` <= l.founded
			RETURN i.id AS id, l.id AS lab, i.date AS date
			UNION
			MATCH (d:Deal)-[:TARGET]->(l:Lab) WHERE l.founded IS NOT NULL AND d.date IS NOT NULL
				AND ` + periodEnd("d", "date") + ` <= l.founded
			RETURN d.id AS id, l.id AS lab, d.date AS date
		}
		RETURN [id] AS ids, id + ' is dated ' + toString(date) + ', before ' + lab + ' was founded' AS message ORDER BY id`},
	{thelist.FindingMissingSourceURL, `
		MATCH (s:Source) WHERE s.url IS NULL AND s.originalId IS NULL
		RETURN [s.id] AS ids, 'source ' + s.id + ' gives no URL and is no version of a source that does' AS message
		ORDER BY s.id`},
}

// Check lints the whole database against the consistency rules and returns
// every finding, each with the ids of the records involved. A clean
// database returns none.
func (db *DB) Check(ctx context.Context) ([]thelist.Finding, error) {
	found, err := readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]thelist.Finding, error) {
		out := []thelist.Finding{}
		for _, c := range consistencyChecks {
			res, err := tx.Run(ctx, c.query, nil)
			if err != nil {
				return nil, fmt.Errorf("check %s: %w", c.kind, err)
			}
			recs, err := res.Collect(ctx)
			if err != nil {
				return nil, fmt.Errorf("check %s: %w", c.kind, err)
			}
			for _, rec := range recs {
				ids, _ := rec.Get("ids")
				msg, _ := rec.Get("message")
				f := thelist.Finding{Kind: c.kind}
				f.Message, _ = msg.(string)
				for _, id := range ids.([]any) {
					if s, ok := id.(string); ok {
						f.RecordIDs = append(f.RecordIDs, s)
					}
				}
				out = append(out, f)
			}
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	stale, err := db.staleDepartures(ctx) // labagg.go
	if err != nil {
		return nil, err
	}
	found = append(found, stale...)
	derived, err := db.CheckDerived(ctx)
	return append(found, derived...), err
}
