package api_test

import (
	"strings"
	"testing"
)

type labsPage struct {
	Labs struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage bool
			EndCursor   *string
		}
		Edges []struct {
			Node struct {
				Lab                            struct{ ID string }
				Founded                        *string
				Parent                         *struct{ ID string }
				Jobs, MovesOut, MovesIn, Parts int
			}
		}
	}
}

func TestLabs_Index(t *testing.T) {
	ts := newServer(t, flowsBundle(t))
	const sel = `totalCount pageInfo { hasNextPage endCursor } edges { node { lab { id } founded parent { id } jobs movesOut movesIn parts } }`
	// pages reads every page of two labs and returns the ids in order.
	pages := func(t *testing.T, args string) (string, int) {
		t.Helper()
		var ids []string
		after, total := "", 0
		for range 10 {
			a := args + ` first: 2`
			if after != "" {
				a += ` after: "` + after + `"`
			}
			var got labsPage
			gqlData(t, ts, `{ labs(`+a+`) { `+sel+` } }`, &got)
			total = got.Labs.TotalCount
			for _, e := range got.Labs.Edges {
				ids = append(ids, e.Node.Lab.ID)
			}
			if !got.Labs.PageInfo.HasNextPage {
				return strings.Join(ids, ","), total
			}
			after = *got.Labs.PageInfo.EndCursor
		}
		t.Fatal("more than 10 pages")
		return "", 0
	}
	tests := []struct{ name, args, want string }{
		{"by name", ``, "fund-omega,lab-alpha,lab-alpha-research,lab-beta,lab-gamma"},
		{"by jobs", `orderBy: JOBS`, "lab-alpha,lab-beta,lab-alpha-research,lab-gamma,fund-omega"},
		{"by moves out", `orderBy: MOVES_OUT`, "lab-gamma,lab-beta,lab-alpha,lab-alpha-research,fund-omega"},
		{"by moves in", `orderBy: MOVES_IN`, "lab-alpha,lab-beta,lab-alpha-research,lab-gamma,fund-omega"},
		{"by founded, unreported last", `orderBy: FOUNDED`, "lab-alpha-research,lab-beta,lab-alpha,fund-omega,lab-gamma"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, total := pages(t, tt.args); got != tt.want || total != 5 {
				t.Errorf("labs = %s (total %d), want %s (total 5)", got, total, tt.want)
			}
		})
	}
	t.Run("of one kind", func(t *testing.T) {
		if got, total := pages(t, `kind: "company"`); got != "lab-alpha,lab-alpha-research" || total != 2 {
			t.Errorf("companies = %s (total %d), want lab-alpha,lab-alpha-research (total 2)", got, total)
		}
	})
	t.Run("counts of one lab", func(t *testing.T) {
		var got labsPage
		gqlData(t, ts, `{ labs(first: 3) { `+sel+` } }`, &got)
		alpha, research := got.Labs.Edges[1].Node, got.Labs.Edges[2].Node
		if alpha.Jobs != 5 || alpha.MovesOut != 1 || alpha.MovesIn != 4 || alpha.Parts != 1 || alpha.Parent != nil || *alpha.Founded != "2015" {
			t.Errorf("lab-alpha = %+v, want 5 jobs, 1 move out, 4 in, 1 part, founded 2015", alpha)
		}
		if research.Parent == nil || research.Parent.ID != "lab-alpha" || research.Jobs != 2 {
			t.Errorf("lab-alpha-research = %+v, want part of lab-alpha with 2 jobs", research)
		}
	})
	t.Run("bad input", func(t *testing.T) {
		var first labsPage
		gqlData(t, ts, `{ labs(first: 1) { `+sel+` } }`, &first)
		for _, q := range []string{
			`{ labs(kind: "castle") { totalCount } }`,
			`{ labs(first: 101) { totalCount } }`,
			`{ labs(after: "not a cursor") { totalCount } }`,
			`{ labs(orderBy: JOBS, after: "` + *first.Labs.PageInfo.EndCursor + `") { totalCount } }`,
		} {
			_, _, r := post(t, ts, "", query(q, nil))
			if c := r.codes(); len(c) != 1 || c[0] != "BAD_USER_INPUT" {
				t.Errorf("%s: codes = %v, want [BAD_USER_INPUT]", q, c)
			}
		}
	})
}
