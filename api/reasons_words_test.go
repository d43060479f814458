package api

import (
	"fmt"
	"testing"

	"github.com/thelist/thelist"
)

// Each condition's English line, as the matched field gives it to clients
// that show text, no database needed.
func TestReasonWords_EachCondition(t *testing.T) {
	day := func(s string) thelist.Date {
		d, err := thelist.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	n := func(v int64) *int64 { return &v }
	phd := thelist.ReasonRecord{Label: "machine learning", LabName: "Delta University", End: day("2018")}
	job := thelist.ReasonRecord{Label: "chief scientist", LabName: "Gamma Corp", Start: day("2021-03")}
	paper := thelist.ReasonRecord{Label: "Attention", Start: day("2017"), Citations: n(90000)}
	cases := []struct {
		r    thelist.MatchReason
		want string
	}{
		{thelist.MatchReason{Condition: thelist.ReasonAIPhD, Records: []thelist.ReasonRecord{phd}}, "AI PhD: PhD in machine learning at Delta University (2018)"},
		{thelist.MatchReason{Condition: thelist.ReasonAIPhD}, ""},
		{thelist.MatchReason{Condition: thelist.ReasonBreakthrough, Records: []thelist.ReasonRecord{paper}},
			fmt.Sprintf("breakthrough: Attention (2017), 90000 citations (bar %d)", thelist.Credentials.CitationBar)},
		{thelist.MatchReason{Condition: thelist.ReasonAtLeast, Asked: "2", Values: []string{thelist.CredentialAIPhD, thelist.CredentialBreakthrough}},
			"meets 2 of 3 credentials (at least 2 asked): AI PhD, breakthrough"},
		{thelist.MatchReason{Condition: thelist.ReasonCurrentlyAt, Records: []thelist.ReasonRecord{job, job}, AsOf: day("2024-01-01")},
			"currently at Gamma Corp since 2021-03, as of 2024-01-01"},
		{thelist.MatchReason{Condition: thelist.ReasonNeverAt, Values: []string{"Omega Lab"}}, "never at Omega Lab"},
		{thelist.MatchReason{Condition: thelist.ReasonMovedSince, Asked: "2020", Records: []thelist.ReasonRecord{{LabName: "Omega Lab"}}},
			"moved to Omega Lab in an unreported date (since 2020)"},
		{thelist.MatchReason{Condition: thelist.ReasonTenure, Count: n(730), Records: []thelist.ReasonRecord{job}},
			"2.0 years at Gamma Corp (since 2021-03)"},
		{thelist.MatchReason{Condition: thelist.ReasonMinCitations, Asked: "5000", Count: n(91000)}, "91000 citations (at least 5000 asked)"},
		{thelist.MatchReason{Condition: thelist.ReasonTopics, Values: []string{"robotics"}}, "papers on robotics"},
		{thelist.MatchReason{Condition: thelist.ReasonRoleKeywords, Asked: thelist.RoleScopeAnyJob, Values: []string{"chief"}, Records: []thelist.ReasonRecord{job}},
			"role held matches chief: " + stintWords(job)},
		{thelist.MatchReason{Condition: "no such condition"}, ""},
	}
	for _, c := range cases {
		if got := reasonWords(c.r); got != c.want {
			t.Errorf("%s: got %q, want %q", c.r.Condition, got, c.want)
		}
	}
}
