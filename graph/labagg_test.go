package graph_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/importer"
	"github.com/thelist/thelist/internal/neo4jtest"
	"github.com/thelist/thelist/synth"
)

// farFuture is a day after every date a bundle can hold: the live alumni
// query as of that day reads the whole known history, as the kept
// departures do.
var farFuture = thelist.Date{Time: time.Date(9000, 1, 1, 0, 0, 0, 0, time.UTC), Precision: thelist.PrecisionDay}

// assertDeparturesAgree fails unless every person's kept departures are
// those worked out again, and the kept alumni of each lab in labs (both
// with and without its parts) answer as the live query over the whole
// history does.
func assertDeparturesAgree(t *testing.T, db *graph.DB, labs []string) {
	t.Helper()
	ctx := context.Background()
	bad, n, differ, err := db.CheckDepartures(ctx, 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	if differ != 0 || n == 0 {
		t.Fatalf("CheckDepartures: %d of %d people differ: %+v", differ, n, bad)
	}
	for _, lab := range labs {
		for _, children := range []bool{true, false} {
			q := thelist.AlumniQuery{LabID: lab, IncludeChildren: children, First: thelist.MaxPageSize}
			kept, err := db.LabAlumni(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			q.AsOf = farFuture
			live, err := db.LabAlumni(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := alumniSummary(kept), alumniSummary(live); got != want {
				t.Errorf("%s (children %v): kept\n%s\nwant (live)\n%s", lab, children, got, want)
			}
			if kept.Count == 0 {
				t.Errorf("%s: no alumni; the test proves nothing", lab)
			}
		}
	}
}

// alumniSummary prints what the two ways of reading alumni must agree on:
// the count, the page's alumni in order with where they went, and the
// destinations and periods with their people.
func alumniSummary(a thelist.LabAlumni) string {
	s := fmt.Sprintf("count %d more %v\n", a.Count, a.HasMore)
	for _, x := range a.Alumni {
		next := "?"
		if x.Next != nil {
			next = x.Next.Lab.ID + "@" + x.Next.Date.String() + "/" + x.Next.By + "/" + x.Next.ID
		}
		stint := ""
		if x.Stint != nil {
			stint = x.Stint.ID
		}
		s += fmt.Sprintf("  %s left %s by %s (stint %s) -> %s\n", x.Person.ID, x.Left, x.LeftBy, stint, next)
	}
	dest := func(ds []thelist.AlumniDestination) string {
		out := ""
		for _, d := range ds {
			var ids []string
			for _, p := range d.People {
				ids = append(ids, p.ID)
			}
			out += fmt.Sprintf(" %s:%d%v", d.Lab.ID, d.Count, ids)
		}
		return out
	}
	s += "destinations" + dest(a.Destinations) + "\n"
	for _, p := range a.Periods {
		s += fmt.Sprintf("%d: %d, %d unknown;%s\n", p.Year, p.Count, p.Unknown, dest(p.Destinations))
	}
	return s
}

func TestDepartures_AgreeOnTheDemoData(t *testing.T) {
	db := neo4jtest.Open(t)
	if _, err := importer.Import(context.Background(), db, "../data", importer.Options{}); err != nil {
		t.Fatalf("import demo: %v", err)
	}
	assertDeparturesAgree(t, db, []string{"google", "openai", "meta"})
}

func TestDepartures_AgreeOnAGeneratedBundle(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.Generate(synth.Config{People: 1500, Seed: 11}, dir); err != nil {
		t.Fatal(err)
	}
	db := neo4jtest.Open(t)
	// Small batches and two writers, as a big import writes: departures
	// are kept batch by batch, with stints and moves of one person in
	// different batches.
	if _, err := importer.Import(context.Background(), db, dir, importer.Options{BatchSize: 700, Writers: 2}); err != nil {
		t.Fatalf("import generated bundle: %v", err)
	}
	assertDeparturesAgree(t, db, biggestLabs(t, 2))
}

// biggestLabs returns the ids of the n labs with most jobs.
func biggestLabs(t *testing.T, n int) []string {
	t.Helper()
	res := query(t, `MATCH (l:Lab) RETURN l.id AS id ORDER BY COUNT { (l)<-[:WORKED_AT]-() } DESC, id LIMIT $n`,
		map[string]any{"n": n})
	var out []string
	for _, r := range res.Records {
		id, _ := r.Get("id")
		out = append(out, id.(string))
	}
	return out
}

func TestDepartures_RebuildRestoresThem(t *testing.T) {
	db := networkDB(t)
	ctx := context.Background()
	query(t, `MATCH (d:Departure) WITH d LIMIT 3 DELETE d`, nil)
	if _, _, differ, err := db.CheckDepartures(ctx, 10, nil); err != nil || differ == 0 {
		t.Fatalf("CheckDepartures after deleting three = %d differ, %v; want some", differ, err)
	}
	findings, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(findings, func(f thelist.Finding) bool { return f.Kind == thelist.FindingStaleDepartures }) {
		t.Errorf("Check = %+v, want a %s finding", findings, thelist.FindingStaleDepartures)
	}
	var last int
	if err := db.RebuildDepartures(ctx, 2, 2, func(done, total int) { last = done }); err != nil {
		t.Fatal(err)
	}
	if last == 0 {
		t.Error("RebuildDepartures reported no progress")
	}
	assertDeparturesAgree(t, db, []string{"lab-alpha"})
}

// TestDepartures_KeptInTheWritesTransaction shows that a write's
// departures are part of the write: visible the moment it commits, and
// gone with it when it fails.
func TestDepartures_KeptInTheWritesTransaction(t *testing.T) {
	db := networkDB(t)
	ctx := context.Background()
	destinations := func() map[string]int {
		t.Helper()
		got, err := db.LabAlumni(ctx, thelist.AlumniQuery{LabID: "lab-beta", IncludeChildren: true})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{"": got.Count}
		for _, d := range got.Destinations {
			out[d.Lab.ID] = d.Count
		}
		return out
	}
	before := destinations()
	day := func(s string) thelist.Date {
		d, err := thelist.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	src := []thelist.Source{{ID: "src-a"}}
	// A new person joins lab-beta and leaves for lab-alpha by a move and
	// a new job there.
	b := thelist.Bundle{
		People: []thelist.Person{{ID: "newcomer", Name: "New Comer", Sources: src}},
		Stints: []thelist.Stint{
			{ID: "newcomer.beta", PersonID: "newcomer", LabID: "lab-beta", Start: day("2019"), End: day("2021-03"), Fact: thelist.Fact{Sources: src}},
			{ID: "newcomer.alpha", PersonID: "newcomer", LabID: "lab-alpha", Start: day("2021-04"), Fact: thelist.Fact{Sources: src}},
		},
		Moves: []thelist.Move{{ID: "newcomer.to.alpha", PersonID: "newcomer", FromLabID: "lab-beta", ToLabID: "lab-alpha",
			Date: day("2021-04"), Fact: thelist.Fact{Sources: src}}},
	}
	// The same write with a job at a lab that does not exist fails whole.
	broken := b
	broken.Stints = append(slices.Clone(b.Stints), thelist.Stint{ID: "newcomer.nowhere", PersonID: "newcomer",
		LabID: "no-such-lab", Start: day("2022"), Fact: thelist.Fact{Sources: src}})
	if _, err := db.WriteBundle(ctx, broken); err == nil {
		t.Fatal("a write with a dangling lab succeeded")
	}
	if got := destinations(); !mapsEqual(got, before) {
		t.Fatalf("after a failed write: %v, want %v as before", got, before)
	}
	if _, err := db.WriteBundle(ctx, b); err != nil {
		t.Fatal(err)
	}
	after := destinations()
	if after[""] != before[""]+1 || after["lab-alpha"] != before["lab-alpha"]+1 {
		t.Fatalf("after the move: %v, want one more alumnus, to lab-alpha, than %v", after, before)
	}
	// Retracting the move and the job at lab-alpha leaves the departure
	// (the job at lab-beta ended) with no known destination.
	for _, c := range []thelist.Change{{RecordKind: thelist.KindMoves, RecordID: "newcomer.to.alpha"},
		{RecordKind: thelist.KindStints, RecordID: "newcomer.alpha"}} {
		c.Who, c.Role, c.Mutation, c.Reason = "test", "editor", "retract", "test"
		if _, err := db.RetractChange(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	retracted := destinations()
	if retracted[""] != before[""]+1 || retracted["lab-alpha"] != before["lab-alpha"] {
		t.Fatalf("after retracting: %v, want one more alumnus than %v, to nowhere known", retracted, before)
	}
	if _, _, differ, err := db.CheckDepartures(ctx, 10, nil); err != nil || differ != 0 {
		t.Fatalf("CheckDepartures = %d differ, %v", differ, err)
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestLabAlumni_PagesWithACursor(t *testing.T) {
	db := networkDB(t)
	ctx := context.Background()
	for _, asOf := range []thelist.Date{{}, farFuture} {
		q := thelist.AlumniQuery{LabID: "lab-alpha", IncludeChildren: true, AsOf: asOf}
		all, err := db.LabAlumni(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(all.Alumni) < 3 || all.HasMore {
			t.Fatalf("asOf %v: %d alumni, more %v; the test needs three or more on one page", asOf, len(all.Alumni), all.HasMore)
		}
		q.First = 2
		var paged []string
		for i := 0; ; i++ {
			page, err := db.LabAlumni(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if page.Count != all.Count {
				t.Errorf("asOf %v: page %d count %d, want %d", asOf, i, page.Count, all.Count)
			}
			for _, a := range page.Alumni {
				paged = append(paged, a.Person.ID)
			}
			if !page.HasMore {
				break
			}
			q.After = page.EndCursor
		}
		var want []string
		for _, a := range all.Alumni {
			want = append(want, a.Person.ID)
		}
		if !slices.Equal(paged, want) {
			t.Errorf("asOf %v: pages gave %v, want %v", asOf, paged, want)
		}
	}
	if _, err := db.LabAlumni(ctx, thelist.AlumniQuery{LabID: "lab-alpha", After: "nonsense"}); thelist.ErrorCode(err) != thelist.EINVALID {
		t.Errorf("a bad cursor: %v, want %s", err, thelist.EINVALID)
	}
}
