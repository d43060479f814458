package graph_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// graphDump is every node and relationship of the database as sorted lines,
// properties (the hash included) with their Go types, save the edit log
// that merges and undos add: their Change nodes and those nodes' links.
// Two dumps are equal when the graphs are, up to Neo4j's element ids.
// recordCounts is counts without the kept departures (labagg.go), which a
// merge recomputes for the people involved: a move between the two labs
// is no departure once they are one.
func recordCounts(t *testing.T) (nodes, rels int64) {
	t.Helper()
	nodes, rels = counts(t)
	res := query(t, `MATCH (d:Departure) RETURN count(d) AS n`, nil)
	n, _ := res.Records[0].Get("n")
	return nodes - n.(int64), rels
}

func graphDump(t *testing.T) []string {
	t.Helper()
	logged := `(x:Change AND x.mutation IN ['mergeLabs', 'unmergeLabs'])`
	var out []string
	for _, rec := range query(t, `MATCH (n) WHERE NOT `+strings.ReplaceAll(logged, "x", "n")+`
		RETURN labels(n) AS labels, properties(n) AS props`, nil).Records {
		l, _ := rec.Get("labels")
		p, _ := rec.Get("props")
		out = append(out, fmt.Sprintf("node %v %s", l, sortedProps(p.(map[string]any))))
	}
	for _, rec := range query(t, `MATCH (a)-[r]->(b) WHERE NOT `+strings.ReplaceAll(logged, "x", "a")+`
		RETURN type(r) AS type, labels(a)[0] + ':' + a.id AS a, labels(b)[0] + ':' + b.id AS b, properties(r) AS props`, nil).Records {
		m := rec.AsMap()
		out = append(out, fmt.Sprintf("rel %v-[%v]->%v %s", m["a"], m["type"], m["b"], sortedProps(m["props"].(map[string]any))))
	}
	slices.Sort(out)
	return out
}

func sortedProps(p map[string]any) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(p)) {
		fmt.Fprintf(&b, "%s=%#v ", k, p[k])
	}
	return b.String()
}

func editor() thelist.Change {
	return thelist.Change{Who: "test-editor", Role: "editor", Reason: "one institution under two names"}
}

func TestMergeLabs_MovesEverythingAndUndoRestoresTheGraph(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	write(t, db, fixture())
	before := graphDump(t)
	nodes, rels := recordCounts(t)

	// gamma has stints, an offer, a move and a recruitment to it, a child
	// lab and an alias; beta has a founder's stint, investments and a move
	// from it.
	merge, err := db.MergeLabs(ctx, "beta", "gamma", "s1", editor())
	if err != nil {
		t.Fatalf("MergeLabs: %v", err)
	}
	if merge.Mutation != graph.MutationMergeLabs || merge.RecordID != "beta" || merge.Before == "" || merge.After == "" {
		t.Errorf("merge change = %+v, want mergeLabs of beta with before and after", merge)
	}

	t.Run("every link of the merged lab is on the kept one", func(t *testing.T) {
		if n := countOf(t, db, `MATCH (l:Lab {id: 'gamma'}) RETURN count(l) AS n`); n != 0 {
			t.Errorf("gamma still exists")
		}
		gotNodes, gotRels := recordCounts(t)
		// One lab less; two Changes more, one linked to the kept lab.
		if gotNodes != nodes-1+2 || gotRels != rels+1 {
			t.Errorf("nodes, rels = %d, %d, want %d, %d", gotNodes, gotRels, nodes+1, rels+1)
		}
		for _, want := range []string{"ada->beta", "cy->beta"} {
			if !slices.Contains(edges(t, "WORKED_AT"), want) {
				t.Errorf("WORKED_AT = %v, want %s", edges(t, "WORKED_AT"), want)
			}
		}
		if got := edges(t, "PART_OF"); !slices.Equal(got, []string{"gamma-ai->beta"}) {
			t.Errorf("PART_OF = %v, want gamma-ai->beta", got)
		}
		if got := edges(t, "MADE"); !slices.Contains(got, "beta->o1") {
			t.Errorf("MADE = %v, want beta->o1", got)
		}
		res := query(t, `MATCH (m:Move {id: 'm1'}), ()-[r:RECRUITED {id: 'r1'}]->()
			RETURN m.fromLabId AS from, m.toLabId AS to, r.toLabId AS rto`, nil)
		got := res.Records[0].AsMap()
		if got["from"] != "beta" || got["to"] != "beta" || got["rto"] != "beta" {
			t.Errorf("lab ids on move and recruitment = %v, want beta", got)
		}
	})

	t.Run("the kept lab keeps the merged lab's names, ids and sources", func(t *testing.T) {
		res := query(t, `MATCH (l:Lab {id: 'beta'}) RETURN l.aliases AS aliases, l.sources AS sources, l.mergedIds AS merged`, nil)
		m := res.Records[0].AsMap()
		if got := fmt.Sprint(m["aliases"]); got != "[Gamma Corp Gamma]" {
			t.Errorf("aliases = %s, want [Gamma Corp Gamma]", got)
		}
		if got := fmt.Sprint(m["sources"]); got != "[s1 s2]" {
			t.Errorf("sources = %s, want [s1 s2]", got)
		}
		if got := fmt.Sprint(m["merged"]); got != "[gamma]" {
			t.Errorf("mergedIds = %s, want [gamma]", got)
		}
	})

	t.Run("both labs' histories show the merge", func(t *testing.T) {
		for _, id := range []string{"beta", "gamma"} {
			h, err := db.History(ctx, thelist.KindLabs, id, 10, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(h) != 1 || h[0].Mutation != graph.MutationMergeLabs || h[0].Who != "test-editor" {
				t.Errorf("history of %s = %+v, want the merge", id, h)
			}
		}
	})

	t.Run("check runs and names no merged lab", func(t *testing.T) {
		findings, err := db.Check(ctx)
		if err != nil {
			t.Fatalf("Check: %v", err)
		}
		for _, f := range findings {
			if slices.Contains(strings.Fields(f.Message), "gamma") {
				t.Errorf("finding names the merged lab: %+v", f)
			}
		}
	})

	// Undo by the merged lab's Change: the same merge.
	h, err := db.History(ctx, thelist.KindLabs, "gamma", 1, "")
	if err != nil {
		t.Fatal(err)
	}
	undo, err := db.UnmergeLabs(ctx, h[0].ID, editor())
	if err != nil {
		t.Fatalf("UnmergeLabs: %v", err)
	}
	if undo.Mutation != graph.MutationUnmergeLabs || undo.RecordID != "gamma" {
		t.Errorf("undo change = %+v", undo)
	}
	if after := graphDump(t); !slices.Equal(after, before) {
		t.Errorf("graph after the undo differs:\n%s", diffLines(before, after))
	}
	if _, err := db.UnmergeLabs(ctx, merge.ID, editor()); thelist.ErrorCode(err) != thelist.ECONFLICT {
		t.Errorf("second undo: err = %v, want CONFLICT", err)
	}
	if _, err := db.LabMergeOf(ctx, "beta", "gamma"); thelist.ErrorCode(err) != thelist.ENOTFOUND {
		t.Errorf("LabMergeOf after undo: err = %v, want NOT_FOUND", err)
	}
}

// TestMergeLabs_ParentsAndTheKeptLabsOwnLinks merges a lab into its own
// child, so that the link between them would join the kept lab to itself,
// and checks the undo redraws what the merge dropped.
func TestMergeLabs_ParentsAndTheKeptLabsOwnLinks(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	write(t, db, fixture())
	before := graphDump(t)
	merge, err := db.MergeLabs(ctx, "gamma-ai", "gamma", "s2", editor())
	if err != nil {
		t.Fatalf("MergeLabs: %v", err)
	}
	if got := edges(t, "PART_OF"); len(got) != 0 {
		t.Errorf("PART_OF = %v, want none (gamma-ai was part of the lab merged into it)", got)
	}
	id, err := db.LabMergeOf(ctx, "gamma-ai", "gamma")
	if err != nil || id != merge.ID {
		t.Fatalf("LabMergeOf = %q, %v; want %q", id, err, merge.ID)
	}
	if _, err := db.UnmergeLabs(ctx, id, editor()); err != nil {
		t.Fatalf("UnmergeLabs: %v", err)
	}
	if after := graphDump(t); !slices.Equal(after, before) {
		t.Errorf("graph after the undo differs:\n%s", diffLines(before, after))
	}
}

func TestMergeLabs_Refusals(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	b := fixture()
	b.Labs[0].ROR, b.Labs[1].ROR = "01aaaaa00", "02bbbbb00"
	write(t, db, b)
	for _, tc := range []struct {
		name, keep, gone, source string
		want                     string
	}{
		{"itself", "alpha", "alpha", "s1", thelist.EINVALID},
		{"missing lab", "alpha", "nowhere", "s1", thelist.ENOTFOUND},
		{"missing source", "gamma", "fund", "no-such-source", thelist.EINVALID},
		{"two RORs", "alpha", "beta", "s1", thelist.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := db.MergeLabs(ctx, tc.keep, tc.gone, tc.source, editor())
			if got := thelist.ErrorCode(err); got != tc.want {
				t.Errorf("err = %v (%s), want %s", err, got, tc.want)
			}
		})
	}
	var e *thelist.Error
	if _, err := db.UnmergeLabs(ctx, "no-such-change", editor()); !errors.As(err, &e) || e.Code != thelist.ENOTFOUND {
		t.Errorf("undo of an unknown change: err = %v, want NOT_FOUND", err)
	}
}

// diffLines lists the lines only in a (-) or only in b (+).
func diffLines(a, b []string) string {
	var out strings.Builder
	for _, l := range a {
		if !slices.Contains(b, l) {
			out.WriteString("- " + l + "\n")
		}
	}
	for _, l := range b {
		if !slices.Contains(a, l) {
			out.WriteString("+ " + l + "\n")
		}
	}
	return out.String()
}
