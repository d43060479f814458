package graph

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// CurrentInCypher applies the Cypher form of the rule for "current" to
// stints given as maps (no database writes): which hold on day, and the
// main one first, for the test that holds the Cypher to the Go rule.
func CurrentInCypher(ctx context.Context, db *DB, stints []thelist.Stint, day thelist.Date, rule thelist.CurrentRule) ([]string, error) {
	rows := make([]map[string]any, 0, len(stints))
	for _, s := range stints {
		m := map[string]any{"id": s.ID, "concurrent": s.Concurrent}
		dateParams(m, "start", s.Start)
		dateParams(m, "end", s.End)
		dateParams(m, "lastSeen", s.LastSeen)
		rows = append(rows, m)
	}
	params := currentParams(map[string]any{"rows": rows, "day": neo4j.DateOf(day.Time)}, rule)
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]string, error) {
		res, err := tx.Run(ctx, `UNWIND $rows AS r WITH r WHERE `+stintHolds("r", "$day")+`
			RETURN r.id AS id ORDER BY `+stintMainOrder("r"), params)
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		ids := []string{}
		for _, rec := range recs {
			v, _ := rec.Get("id")
			ids = append(ids, v.(string))
		}
		return ids, nil
	})
}
