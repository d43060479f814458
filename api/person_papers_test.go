package api_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// TestPerson_PapersPages: a person with 150 papers, more than one page of
// 100, has paperCount 150 and the rest on the page at offset 100, in the
// same order.
func TestPerson_PapersPages(t *testing.T) {
	db := neo4jtest.Open(t)
	const n = 150
	src := []thelist.Source{{ID: "s1"}}
	b := thelist.Bundle{
		Sources: []thelist.Source{{ID: "s1", Publisher: "Example Times", Title: "A report"}},
		People:  []thelist.Person{{ID: "prolific", Name: "Pro Lific", Sources: src}},
	}
	for i := range n {
		id := fmt.Sprintf("paper-%03d", i)
		b.Papers = append(b.Papers, thelist.Paper{ID: id, Title: "Paper " + id, Year: 1900 + i, Sources: src})
		b.Authorships = append(b.Authorships, thelist.Authorship{PersonID: "prolific", PaperID: id, Sources: src})
	}
	if _, err := db.WriteBundle(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	ts := newServer(t, db)
	type page struct {
		Person struct {
			PaperCount int
			Papers     []struct{ Paper struct{ ID string } }
		}
	}
	ids := func(p page) []string {
		var out []string
		for _, a := range p.Person.Papers {
			out = append(out, a.Paper.ID)
		}
		return out
	}
	var first, next page
	gqlData(t, ts, `{ person(id: "prolific") { paperCount papers { paper { id } } } }`, &first)
	gqlData(t, ts, `{ person(id: "prolific") { paperCount papers(offset: 100) { paper { id } } } }`, &next)
	if first.Person.PaperCount != n || next.Person.PaperCount != n {
		t.Errorf("paperCount = %d and %d, want %d", first.Person.PaperCount, next.Person.PaperCount, n)
	}
	var want []string
	for i := n - 1; i >= 0; i-- { // newest first
		want = append(want, fmt.Sprintf("paper-%03d", i))
	}
	if got := ids(first); !slices.Equal(got, want[:100]) {
		t.Errorf("first page: %d papers from %v, want the newest 100", len(got), got[:min(1, len(got))])
	}
	if got := ids(next); !slices.Equal(got, want[100:]) {
		t.Errorf("page at offset 100: %v, want %v", got, want[100:])
	}
	t.Run("pages under aliases show their own", func(t *testing.T) {
		var got struct {
			Person struct {
				A, B []struct{ Paper struct{ ID string } }
			}
		}
		gqlData(t, ts, `{ person(id: "prolific") { a: papers(first: 10, offset: 20) { paper { id } }
			b: papers(first: 5, offset: 25) { paper { id } } } }`, &got)
		if len(got.Person.A) != 10 || got.Person.A[0].Paper.ID != want[20] || len(got.Person.B) != 5 || got.Person.B[0].Paper.ID != want[25] {
			t.Errorf("a = %v, b = %v; want 10 from %s and 5 from %s", got.Person.A, got.Person.B, want[20], want[25])
		}
	})
	t.Run("paperCount alone reads no paper", func(t *testing.T) {
		var got page
		gqlData(t, ts, `{ person(id: "prolific") { paperCount } }`, &got)
		if got.Person.PaperCount != n {
			t.Errorf("paperCount = %d, want %d", got.Person.PaperCount, n)
		}
	})
	for _, q := range []string{
		`{ person(id: "prolific") { papers(offset: -1) { position } } }`,
		`{ person(id: "prolific") { papers(offset: 100001) { position } } }`,
		`{ person(id: "prolific") { a: papers(first: 100) { position } b: papers(first: 100, offset: 100) { position } } }`,
		`{ people(first: 1) { edges { node { paperCount } } } }`,
	} {
		if _, _, r := post(t, ts, "", query(q, nil)); !slices.Equal(r.codes(), []string{"BAD_USER_INPUT"}) {
			t.Errorf("%s: codes = %v, want [BAD_USER_INPUT]", q, r.codes())
		}
	}
}
