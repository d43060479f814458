package graph

import (
	"strings"
	"testing"

	"github.com/thelist/thelist"
)

// The lists that only the person page reads stay out of every other
// statement that projects people: a page of candidates, a shortlist or a
// flow must cost what it did before the person page read papers.
func TestPersonProjection_DetailOnlyWhenAsked(t *testing.T) {
	if got := personProjectionWith(thelist.PersonDetail{}); got != personProjection {
		t.Errorf("personProjectionWith(zero) differs from personProjection:\n%s", got)
	}
	detail := []string{"papers: COLLECT", "moves: COLLECT", "credentials: {"}
	statements := map[string]string{
		"personProjection": personProjection,
		"candidates":       newCandidatePlan(thelist.CandidateFilter{}).query(),
		"candidates with credentials": newCandidatePlan(thelist.CandidateFilter{PhD: true,
			OrderBy: thelist.CandidateOrderCredentials}).query(),
	}
	for name, q := range statements {
		for _, d := range detail {
			if strings.Contains(q, d) {
				t.Errorf("%s reads %q", name, d)
			}
		}
	}
	rules := thelist.Credentials
	all := personProjectionWith(thelist.PersonDetail{Papers: true, Moves: true, Credentials: &rules})
	for _, d := range detail {
		if !strings.Contains(all, d) {
			t.Errorf("the full person projection does not read %q", d)
		}
	}
	// The credentials are the candidates' own evidence, not a copy.
	if !strings.Contains(all, candidateEvidence) || !strings.Contains(candidateRow, candidateEvidence) {
		t.Error("the person page and the candidates do not share candidateEvidence")
	}
}

// Every read of a stint projects the properties thelist.StintFields
// declares; the candidates' evidence writes them out (graph/candidates.go),
// so this holds it to the declaration.
func TestStintProps_FollowTheDeclaration(t *testing.T) {
	if want := ".id, .role, .founder, .start, .startPrecision, .end, .endPrecision, .lastSeen, .lastSeenPrecision, .concurrent, .confidence, .note"; stintProps != want {
		t.Errorf("stintProps = %q, want %q", stintProps, want)
	}
	if !strings.HasPrefix(candidateStintEvidence, "r { "+stintProps+",") {
		t.Errorf("candidateStintEvidence = %q, want it to project %s", candidateStintEvidence, stintProps)
	}
}
