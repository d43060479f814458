package graph_test

import (
	"context"
	"slices"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// fixture is a small bundle of made-up records (not the demo data): names
// are placeholders so no test can be mistaken for a fact.
func fixture() thelist.Bundle {
	src := func(ids ...string) []thelist.Source {
		out := make([]thelist.Source, len(ids))
		for i, id := range ids {
			out[i] = thelist.Source{ID: id}
		}
		return out
	}
	return thelist.Bundle{
		Sources: []thelist.Source{
			{ID: "s1", Publisher: "Example Times", Title: "A report", Date: thelist.MustParseDate("2025-07"), URL: "https://example.com/a"},
			{ID: "s2", Publisher: "Example Daily", Title: "Another report"},
		},
		Labs: []thelist.Lab{
			{ID: "alpha", Name: "Lab Alpha", Kind: thelist.LabInstitute, Country: "US", Sources: src("s1")},
			{ID: "beta", Name: "Beta Startup", Kind: thelist.LabStartup, Sources: src("s1")},
			{ID: "gamma", Name: "Gamma Corp", Kind: thelist.LabCompany, Sources: src("s2")},
		},
		People: []thelist.Person{
			{ID: "ada", Name: "Ada Example", Sources: src("s1", "s2")},
			{ID: "bo", Name: "Bo Example", NativeName: "博例", Sources: src("s2")},
		},
		Stints: []thelist.Stint{
			{ID: "ada.gamma", PersonID: "ada", LabID: "gamma", Role: "researcher", Start: thelist.MustParseDate("2025-07"), Sources: src("s1")},
			{ID: "ada.alpha", PersonID: "ada", LabID: "alpha", Role: "intern", Sources: src("s2")},
			{ID: "ada.beta", PersonID: "ada", LabID: "beta", Role: "co-founder",
				Start: thelist.MustParseDate("2023-11"), End: thelist.MustParseDate("2025-07-14"), Sources: src("s1", "s2")},
		},
	}
}

func write(t *testing.T, db *graph.DB, b thelist.Bundle) thelist.ImportResult {
	t.Helper()
	res, err := db.WriteBundle(context.Background(), b, thelist.ImportMeta{Bundle: "fixture", Checksum: "x"})
	if err != nil {
		t.Fatalf("WriteBundle: %v", err)
	}
	return res
}

// counts returns how many nodes and relationships the database holds, not
// counting the ImportRun log.
func counts(t *testing.T, db *graph.DB) (nodes, rels int64) {
	t.Helper()
	drv, err := neo4j.NewDriverWithContext(neo4jtest.Config().URI, neo4j.BasicAuth(neo4jtest.Config().User, neo4jtest.Config().Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(context.Background())
	res, err := neo4j.ExecuteQuery(context.Background(), drv,
		`CALL { MATCH (n) WHERE NOT n:ImportRun RETURN count(n) AS nodes }
		 CALL { MATCH ()-[r]->() RETURN count(r) AS rels }
		 RETURN nodes, rels`, nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatalf("count: %v", err)
	}
	n, _ := res.Records[0].Get("nodes")
	r, _ := res.Records[0].Get("rels")
	return n.(int64), r.(int64)
}

func TestWriteBundle_IsIdempotent(t *testing.T) {
	db := neo4jtest.Open(t)
	first := write(t, db, fixture())
	want := thelist.ImportResult{
		Sources: thelist.ImportCounts{Created: 2}, Labs: thelist.ImportCounts{Created: 3},
		People: thelist.ImportCounts{Created: 2}, Stints: thelist.ImportCounts{Created: 3},
	}
	first.RunID = ""
	if first != want {
		t.Errorf("first write = %+v, want %+v", first, want)
	}
	nodes, rels := counts(t, db)

	again := write(t, db, fixture())
	if again.RunID == "" {
		t.Error("second write has no ImportRun id")
	}
	again.RunID = ""
	want = thelist.ImportResult{
		Sources: thelist.ImportCounts{Unchanged: 2}, Labs: thelist.ImportCounts{Unchanged: 3},
		People: thelist.ImportCounts{Unchanged: 2}, Stints: thelist.ImportCounts{Unchanged: 3},
	}
	if again != want {
		t.Errorf("second write = %+v, want %+v", again, want)
	}
	if n, r := counts(t, db); n != nodes || r != rels {
		t.Errorf("after the second write: %d nodes, %d relationships; want %d, %d", n, r, nodes, rels)
	}
}

func TestWriteBundle_UpdatesWhatChanged(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	write(t, db, fixture())

	b := fixture()
	b.People[1].NativeName = ""                        // cleared
	b.Stints[2].End = thelist.MustParseDate("2025-08") // corrected, at another precision
	b.Stints[0].LabID = "alpha"                        // the stint moves to another lab
	res := write(t, db, b)
	if res.People.Updated != 1 || res.People.Unchanged != 1 {
		t.Errorf("people = %+v, want 1 updated, 1 unchanged", res.People)
	}
	if res.Stints.Updated+res.Stints.Created != 2 || res.Stints.Unchanged != 1 {
		t.Errorf("stints = %+v, want 2 written, 1 unchanged", res.Stints)
	}

	bo, err := db.Person(ctx, "bo")
	if err != nil {
		t.Fatal(err)
	}
	if bo.NativeName != "" {
		t.Errorf("bo.NativeName = %q after it was cleared, want empty", bo.NativeName)
	}
	ada, err := db.Person(ctx, "ada")
	if err != nil {
		t.Fatal(err)
	}
	stints := map[string]thelist.Stint{}
	for _, s := range ada.Stints {
		stints[s.ID] = s
	}
	if len(ada.Stints) != 3 {
		t.Fatalf("ada has %d stints, want 3 (a moved stint must not be duplicated)", len(ada.Stints))
	}
	if got := stints["ada.gamma"].LabID; got != "alpha" {
		t.Errorf("stint ada.gamma is at %q, want alpha", got)
	}
	if got := stints["ada.beta"].End.String(); got != "2025-08" {
		t.Errorf("stint ada.beta ends %q, want 2025-08", got)
	}
}

func TestPerson_ReadsStintsOldestFirstWithSources(t *testing.T) {
	db := neo4jtest.Open(t)
	write(t, db, fixture())
	ada, err := db.Person(context.Background(), "ada")
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, s := range ada.Stints {
		order = append(order, s.ID)
	}
	if want := []string{"ada.beta", "ada.gamma", "ada.alpha"}; !slices.Equal(order, want) {
		t.Errorf("stints in order %v, want %v (dated oldest first, undated last)", order, want)
	}
	beta := ada.Stints[0]
	if beta.Lab == nil || beta.Lab.Name != "Beta Startup" || beta.Lab.Kind != thelist.LabStartup {
		t.Errorf("stint lab = %+v, want Beta Startup (startup)", beta.Lab)
	}
	if beta.Start.String() != "2023-11" || beta.End.String() != "2025-07-14" {
		t.Errorf("stint period = %s – %s, want 2023-11 – 2025-07-14 at the precision written", beta.Start, beta.End)
	}
	if len(beta.Sources) != 2 || beta.Sources[0].ID != "s1" || beta.Sources[0].Publisher != "Example Times" ||
		beta.Sources[0].URL != "https://example.com/a" || beta.Sources[0].Date.String() != "2025-07" {
		t.Errorf("stint sources = %+v, want s1 (in full) and s2", beta.Sources)
	}
	if len(ada.Sources) != 2 {
		t.Errorf("person sources = %+v, want s1 and s2", ada.Sources)
	}
}

func TestPerson_NotFound(t *testing.T) {
	db := neo4jtest.Open(t)
	_, err := db.Person(context.Background(), "nobody")
	if code := thelist.ErrorCode(err); code != thelist.ENOTFOUND {
		t.Errorf("Person(nobody) error = %v, want code %s", err, thelist.ENOTFOUND)
	}
}

func TestPeople_KeysetPaging(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	b := fixture()
	// Two people share a name: the id breaks the tie, so neither is lost or
	// repeated at a page boundary.
	for _, id := range []string{"c1", "c2", "d", "e", "f"} {
		name := "Cy Example"
		if id >= "d" {
			name = "Dee " + id
		}
		b.People = append(b.People, thelist.Person{ID: id, Name: name, Sources: []thelist.Source{{ID: "s1"}}})
	}
	write(t, db, b)

	var got []string
	after := ""
	for page := 0; ; page++ {
		if page > 10 {
			t.Fatal("paging does not end")
		}
		p, err := db.People(ctx, 2, after)
		if err != nil {
			t.Fatal(err)
		}
		if p.TotalCount != 7 {
			t.Errorf("page %d: totalCount = %d, want 7", page, p.TotalCount)
		}
		for _, e := range p.Edges {
			got = append(got, e.Node.ID)
		}
		if !p.HasNextPage {
			break
		}
		after = p.EndCursor
	}
	if want := []string{"ada", "bo", "c1", "c2", "d", "e", "f"}; !slices.Equal(got, want) {
		t.Errorf("people over all pages = %v, want %v", got, want)
	}

	t.Run("rejects a forged cursor", func(t *testing.T) {
		if _, err := db.People(ctx, 2, "forged"); thelist.ErrorCode(err) != thelist.EINVALID {
			t.Errorf("error = %v, want code %s", err, thelist.EINVALID)
		}
	})
	t.Run("caps the page size", func(t *testing.T) {
		if _, err := db.People(ctx, thelist.MaxPageSize+1, ""); thelist.ErrorCode(err) != thelist.EINVALID {
			t.Errorf("error = %v, want code %s", err, thelist.EINVALID)
		}
	})
}

func TestSearchPeople(t *testing.T) {
	db := neo4jtest.Open(t)
	write(t, db, fixture())
	tests := []struct {
		query string
		want  []string
	}{
		{"Ada Example", []string{"ada"}},
		{"ada", []string{"ada"}},
		{"Exam", []string{"ada", "bo"}},
		{"Exampel", []string{"ada", "bo"}}, // a typo
		{"博例", []string{"bo"}},             // the name in its own script
		{"博", []string{"bo"}},
		{"zzzz", nil},
		{`*:*`, nil},       // Lucene's match-all is text here, not an operator
		{`Ada" OR (`, nil}, // every word must match, "or" included
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			people, err := db.SearchPeople(context.Background(), tt.query, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range people {
				got = append(got, p.ID)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("SearchPeople(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}

func TestMissingIDs(t *testing.T) {
	db := neo4jtest.Open(t)
	write(t, db, fixture())
	got, err := db.MissingIDs(context.Background(), "Lab", []string{"alpha", "nowhere", "beta", "elsewhere"})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if want := []string{"elsewhere", "nowhere"}; !slices.Equal(got, want) {
		t.Errorf("MissingIDs = %v, want %v", got, want)
	}
	if _, err := db.MissingIDs(context.Background(), "Lab) DETACH DELETE (n", []string{"x"}); err == nil {
		t.Error("MissingIDs accepted a kind that is not a label of the model")
	}
}

func TestPing_FailsWhenClosed(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	if err := db.Ping(ctx); err != nil {
		t.Fatalf("Ping on an open database: %v", err)
	}
	if err := db.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.Ping(ctx); thelist.ErrorCode(err) != thelist.EUNAVAILABLE {
		t.Errorf("Ping after Close = %v, want code %s", err, thelist.EUNAVAILABLE)
	}
}
