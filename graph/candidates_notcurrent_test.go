package graph_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/thelist/thelist"
)

// TestCandidates_NotCurrentlyAtAndRoleKeywords runs the two recruiter's
// filters that read people's current jobs, both on the stored facts and at
// query time (another rules version), and with asOf, which is always at
// query time: each must give the same people.
func TestCandidates_NotCurrentlyAtAndRoleKeywords(t *testing.T) {
	db := candidatesDB(t)
	date := thelist.MustParseDate
	tests := []struct {
		name   string
		filter thelist.CandidateFilter
		want   []string
	}{
		// Now at lab-beta: ada, eve, gia, hal. cleo left it in 2020 and
		// stays, which neverAt would not keep.
		{"not currently at", thelist.CandidateFilter{NotCurrentlyAt: []string{"lab-beta"}},
			[]string{"ada-2", "ben", "cleo", "dan", "finn", "ivy"}},
		// ben's job is at a part of lab-alpha; ada and eve left lab-alpha.
		{"not currently at a lab or its parts", thelist.CandidateFilter{NotCurrentlyAt: []string{"lab-alpha"}},
			[]string{"ada", "ada-2", "cleo", "dan", "eve", "finn", "gia", "hal"}},
		{"not currently at, as of 2015", thelist.CandidateFilter{NotCurrentlyAt: []string{"lab-beta"}, AsOf: date("2015")},
			[]string{"ada", "ada-2", "ben", "dan", "eve", "finn", "gia", "ivy"}},
		{"not currently at, with a credential", thelist.CandidateFilter{NotCurrentlyAt: []string{"lab-beta"}, AtLeast: 1},
			[]string{"ben", "cleo", "dan", "finn", "ivy"}},
		{"currently at one lab and not another", thelist.CandidateFilter{CurrentlyAt: []string{"lab-alpha"},
			NotCurrentlyAt: []string{"lab-alpha-research"}}, []string{"ivy"}},
		// Current titles: ada is chief scientist now, a researcher before.
		{"current role, case ignored", thelist.CandidateFilter{RoleKeywords: []string{"RESEARCH"}},
			[]string{"ben", "dan", "hal", "ivy"}},
		{"role ever held", thelist.CandidateFilter{RoleKeywords: []string{"research"}, RoleAnyJob: true},
			[]string{"ada", "ben", "cleo", "dan", "eve", "hal", "ivy"}},
		{"any of several keywords", thelist.CandidateFilter{RoleKeywords: []string{" Scientist ", "founder"}},
			[]string{"ada", "dan", "eve"}},
		{"current role as of 2017", thelist.CandidateFilter{RoleKeywords: []string{"research"}, AsOf: date("2017")},
			[]string{"ada", "cleo", "eve", "hal"}},
		{"role held by 2017", thelist.CandidateFilter{RoleKeywords: []string{"engineer"}, RoleAnyJob: true, AsOf: date("2017")},
			[]string{}},
		{"both, with top lab", thelist.CandidateFilter{NotCurrentlyAt: []string{"lab-beta"}, RoleKeywords: []string{"research"},
			TopLab: true}, []string{"ben", "dan", "ivy"}},
		{"a keyword no role holds", thelist.CandidateFilter{RoleKeywords: []string{"'}) RETURN 1 //"}}, []string{}},
	}
	for _, tt := range tests {
		for _, rules := range []thelist.CredentialRules{thelist.Credentials, queryTimeRules} {
			t.Run(tt.name+"/"+rules.Version, func(t *testing.T) { wantCandidates(t, db, tt.filter, rules, tt.want) })
		}
	}
}

// reasonOf returns the candidate's reason for condition, failing without.
func reasonOf(t *testing.T, page thelist.CandidatePage, id, condition string) thelist.MatchReason {
	t.Helper()
	for _, e := range page.Edges {
		if e.Person.ID != id {
			continue
		}
		for _, r := range e.Reasons {
			if r.Condition == condition {
				return r
			}
		}
		t.Fatalf("%s has no %s reason: %+v", id, condition, e.Reasons)
	}
	t.Fatalf("%s is not on the page %v", id, candidateIDs(page))
	return thelist.MatchReason{}
}

func TestCandidates_NotCurrentlyAtAndRoleReasons(t *testing.T) {
	db := candidatesDB(t)
	ctx := context.Background()
	page, err := db.Candidates(ctx, thelist.CandidateFilter{NotCurrentlyAt: []string{"lab-beta"},
		RoleKeywords: []string{"Research", "nobody's title"}}, thelist.Credentials, 20, "")
	if err != nil {
		t.Fatal(err)
	}
	// cleo is not at lab-beta now but has no current job, so the role
	// keyword keeps only ben, dan and ivy.
	if got, want := candidateIDs(page), []string{"ben", "dan", "ivy"}; !slices.Equal(got, want) {
		t.Fatalf("candidates = %v, want %v", got, want)
	}
	ben := reasonOf(t, page, "ben", thelist.ReasonNotCurrentlyAt)
	if !slices.Equal(ben.Values, []string{"Lab Beta"}) || len(ben.Records) != 0 {
		t.Errorf("ben's notCurrentlyAt = %+v, want the lab named and no job there", ben)
	}
	role := reasonOf(t, page, "ben", thelist.ReasonRoleKeywords)
	if !slices.Equal(role.Values, []string{"research"}) || role.Asked != thelist.RoleScopeCurrent ||
		len(role.Records) != 1 || role.Records[0].ID != "ben.alpha-research" || role.Records[0].Label != "research engineer" ||
		len(role.Records[0].Sources) == 0 {
		t.Errorf("ben's roleKeywords = %+v, want the keyword matched and the current job with its sources", role)
	}

	// A job someone left is the record of notCurrentlyAt: cleo's at lab-beta.
	page, err = db.Candidates(ctx, thelist.CandidateFilter{NotCurrentlyAt: []string{"lab-beta"},
		RoleKeywords: []string{"researcher"}, RoleAnyJob: true}, thelist.Credentials, 20, "")
	if err != nil {
		t.Fatal(err)
	}
	cleo := reasonOf(t, page, "cleo", thelist.ReasonNotCurrentlyAt)
	if len(cleo.Records) != 1 || cleo.Records[0].ID != "cleo.beta" || cleo.Records[0].End.String() != "2020" {
		t.Errorf("cleo's notCurrentlyAt = %+v, want her job at lab-beta that ended in 2020", cleo)
	}
	if r := reasonOf(t, page, "cleo", thelist.ReasonRoleKeywords); r.Asked != thelist.RoleScopeAnyJob ||
		len(r.Records) != 1 || r.Records[0].ID != "cleo.beta" {
		t.Errorf("cleo's roleKeywords = %+v, want her past job read as any job", r)
	}
}

func TestCandidates_RoleKeywordsRefused(t *testing.T) {
	db := candidatesDB(t)
	many := make([]string, thelist.MaxFilterRoleKeywords+1)
	for i := range many {
		many[i] = "k"
	}
	for name, f := range map[string]thelist.CandidateFilter{
		"too many keywords":   {RoleKeywords: many},
		"a blank keyword":     {RoleKeywords: []string{"research", "  "}},
		"a control character": {RoleKeywords: []string{"re\x00search"}},
		"a keyword too long":  {RoleKeywords: []string{strings.Repeat("x", thelist.TextLimit("role")+1)}},
		"too many labs":       {NotCurrentlyAt: make([]string, thelist.MaxFilterLabs+1)},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := db.Candidates(context.Background(), f, thelist.Credentials, 20, "")
			if thelist.ErrorCode(err) != thelist.EINVALID {
				t.Fatalf("error = %v, want EINVALID", err)
			}
		})
	}
}
