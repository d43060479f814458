package graph_test

import (
	"context"
	"slices"
	"testing"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/importer"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// candidatesDB is the test database loaded with the recruiter's filter
// bundle, which the API's tests use too (api/testdata/candidates).
func candidatesDB(t *testing.T) *graph.DB {
	t.Helper()
	db := neo4jtest.Open(t)
	if _, err := importer.Import(context.Background(), db, "../api/testdata/candidates", importer.Options{}); err != nil {
		t.Fatalf("import candidates bundle: %v", err)
	}
	return db
}

func candidateIDs(page thelist.CandidatePage) []string {
	ids := []string{}
	for _, e := range page.Edges {
		ids = append(ids, e.Person.ID)
	}
	return ids
}

func TestCandidates_Filters(t *testing.T) {
	db := candidatesDB(t)
	years := func(y float64) *float64 { return &y }
	n := func(v int64) *int64 { return &v }
	date := thelist.MustParseDate
	tests := []struct {
		name   string
		filter thelist.CandidateFilter
		want   []string
	}{
		{"no filter is everyone by name", thelist.CandidateFilter{},
			[]string{"ada", "ada-2", "ben", "cleo", "dan", "eve", "finn", "gia", "hal", "ivy"}},
		{"AI PhD, completed, in an AI field", thelist.CandidateFilter{PhD: true}, []string{"ada", "dan", "finn", "hal"}},
		{"top lab, including a part of one", thelist.CandidateFilter{TopLab: true},
			[]string{"ada", "ben", "dan", "eve", "hal", "ivy"}},
		{"breakthrough, by flag or citations", thelist.CandidateFilter{Breakthrough: true}, []string{"ada", "cleo", "eve", "hal"}},
		{"at least two credentials", thelist.CandidateFilter{AtLeast: 2}, []string{"ada", "dan", "eve", "hal"}},
		{"all three", thelist.CandidateFilter{AtLeast: 3}, []string{"ada", "hal"}},
		{"PhD and top lab", thelist.CandidateFilter{PhD: true, TopLab: true}, []string{"ada", "dan", "hal"}},
		{"worked at a lab or its parts", thelist.CandidateFilter{WorkedAt: []string{"lab-alpha"}}, []string{"ada", "ben", "eve", "ivy"}},
		{"worked at a part only", thelist.CandidateFilter{WorkedAt: []string{"lab-alpha-research"}}, []string{"ben"}},
		{"currently at", thelist.CandidateFilter{CurrentlyAt: []string{"lab-beta"}}, []string{"ada", "eve", "gia", "hal"}},
		{"currently at, as of 2015", thelist.CandidateFilter{CurrentlyAt: []string{"lab-beta"}, AsOf: date("2015")}, []string{"cleo", "hal"}},
		{"never at", thelist.CandidateFilter{NeverAt: []string{"lab-alpha"}}, []string{"ada-2", "cleo", "dan", "finn", "gia", "hal"}},
		{"moved since", thelist.CandidateFilter{MovedSince: date("2020")}, []string{"eve", "gia", "ivy"}},
		{"moved since, as of 2023", thelist.CandidateFilter{MovedSince: date("2020"), AsOf: date("2023")}, []string{"eve", "gia"}},
		{"tenure between 5 and 7 years in 2025", thelist.CandidateFilter{MinTenureYears: years(5), MaxTenureYears: years(7),
			AsOf: date("2025-01-01")}, []string{"ada", "ben", "dan"}},
		{"citations", thelist.CandidateFilter{MinCitations: n(100)}, []string{"ada", "cleo", "eve", "hal"}},
		{"topics, case ignored", thelist.CandidateFilter{Topics: []string{"ROBOTICS", "agents"}}, []string{"dan", "eve", "gia"}},
		{"AI PhD as of 2021", thelist.CandidateFilter{PhD: true, AsOf: date("2021")}, []string{"ada", "dan", "hal"}},
		{"breakthrough as of 2023", thelist.CandidateFilter{Breakthrough: true, AsOf: date("2023")}, []string{"ada", "cleo", "hal"}},
		{"top lab as of 2023", thelist.CandidateFilter{TopLab: true, AsOf: date("2023")}, []string{"ada", "ben", "dan", "eve", "hal"}},
		{"unknown lab matches nobody", thelist.CandidateFilter{WorkedAt: []string{"no-such-lab"}}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantCandidates(t, db, tt.filter, thelist.Credentials, tt.want) })
	}
}

// wantCandidates checks that the filter's first page, under rules, is the
// people want in order, and that its totalCount counts them.
func wantCandidates(t *testing.T, db *graph.DB, f thelist.CandidateFilter, rules thelist.CredentialRules, want []string) {
	t.Helper()
	page, err := db.Candidates(context.Background(), f, rules, 20, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := candidateIDs(page); !slices.Equal(got, want) {
		t.Errorf("candidates = %v, want %v", got, want)
	}
	if page.TotalCount != len(want) {
		t.Errorf("totalCount = %d, want %d", page.TotalCount, len(want))
	}
}
