package graph

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func planOps(p neo4j.ProfiledPlan, depth int, sb *strings.Builder) {
	fmt.Fprintf(sb, "%s%s hits=%d rows=%d %v\n", strings.Repeat("  ", depth), p.Operator(), p.DbHits(), p.Records(), p.Arguments()["Details"])
	for _, c := range p.Children() {
		planOps(c, depth+1, sb)
	}
}

func TestZZProfile(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, Config{URI: "bolt://127.0.0.1:7691", User: "neo4j", Password: "thelist-bench"})
	if err != nil {
		t.Fatal(err)
	}
	s := db.driver.NewSession(ctx, neo4j.SessionConfig{})
	for _, kq := range []struct{ kind, q string }{
		{"stints", "MATCH (a)-[r:WORKED_AT]->(b) RETURN r.id AS id, a.id AS from, b.id AS to LIMIT 2000"},
		{"authorships", "MATCH (a)-[r:AUTHORED]->(b) RETURN a.id + '/' + b.id AS id, a.id AS from, b.id AS to LIMIT 2000"},
		{"people", "MATCH (a:Person) RETURN a.id AS id LIMIT 2000"},
	} {
		res, err := s.Run(ctx, kq.q, nil)
		if err != nil {
			t.Fatal(err)
		}
		recs, _ := res.Collect(ctx)
		var rows []map[string]any
		for _, r := range recs {
			m := r.AsMap()
			m["id"] = fmt.Sprint(m["id"]) + "x" // absent, as on a first import
			rows = append(rows, m)
		}
		s.Run(ctx, lookupQuery(recordKinds[kq.kind]), map[string]any{"rows": rows})
		t0 := time.Now()
		res, err = s.Run(ctx, lookupQuery(recordKinds[kq.kind]), map[string]any{"rows": rows})
		if err != nil {
			t.Fatal(err)
		}
		sum, err := res.Consume(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		_ = sum
		fmt.Printf("== %s %v\n%s", kq.kind, time.Since(t0), sb.String())
	}
}
