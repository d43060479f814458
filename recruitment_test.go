package thelist_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/thelist/thelist"
)

// A person's recruitments come from the chains up to and down from them:
// the direct ones in date order (undated last), and only the chains that no
// longer chain contains, by their first hop's date.
func TestAssembleChains(t *testing.T) {
	edge := func(id, date string) thelist.RecruitmentEdge {
		e := thelist.RecruitmentEdge{ID: id}
		if date != "" {
			e.Date = thelist.MustParseDate(date)
		}
		return e
	}
	edges := map[string]thelist.RecruitmentEdge{
		"zed-ann": edge("zed-ann", "2020"), "ann-me": edge("ann-me", "2023"), "kim-me": edge("kim-me", "2022-06"),
		"me-bob": edge("me-bob", "2024"), "me-cat": edge("me-cat", ""), "bob-dan": edge("bob-dan", "2025"),
	}
	up := [][]string{{"ann-me"}, {"zed-ann", "ann-me"}, {"kim-me"}}
	down := [][]string{{"me-cat"}, {"me-bob"}, {"me-bob", "bob-dan"}}
	var n thelist.RecruitmentNetwork
	n.AssembleChains(up, down, edges)
	ids := func(es []thelist.RecruitmentEdge) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	chains := func(cs []thelist.RecruitmentChain) []string {
		var out []string
		for _, c := range cs {
			out = append(out, fmt.Sprint(ids(c.Hops)))
		}
		return out
	}
	for _, c := range []struct {
		name      string
		got, want []string
	}{
		{"recruited by", ids(n.RecruitedBy), []string{"kim-me", "ann-me"}},
		{"recruited", ids(n.Recruited), []string{"me-bob", "me-cat"}},
		{"chains up", chains(n.ChainsUp), []string{"[zed-ann ann-me]", "[kim-me]"}},
		{"chains down", chains(n.ChainsDown), []string{"[me-bob bob-dan]", "[me-cat]"}},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
}
