package api_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/thelist/thelist/graph"
)

// candidatesBundle returns the test database loaded with the placeholder
// people of testdata/candidates: every combination of the credentials, a
// stint at a part of a top lab, moves, current and past stints, topics.
func candidatesBundle(t *testing.T) *graph.DB { t.Helper(); return loaded(t, "testdata/candidates") }

// peoplePage is the people field as the tests decode it.
type peoplePage struct {
	TotalCount int
	PageInfo   struct {
		HasNextPage bool
		EndCursor   *string
	}
	Edges []struct {
		Cursor      string
		Node        struct{ ID, Name string }
		Matched     []string
		Citations   float64
		TenureYears *float64
		Credentials []struct {
			Credential string
			Met        bool
			Degrees    []struct {
				ID, Degree, Field string
				End               *string
				Lab               struct{ ID string }
				Sources           []struct{ ID, Publisher string }
			}
			Stints []struct {
				ID, Start string
				Lab       struct{ ID, Name string }
				Sources   []struct{ ID, Publisher string }
			}
			Papers []struct {
				ID, Title    string
				Citations    *float64
				Breakthrough bool
				Sources      []struct{ ID, Publisher string }
			}
		}
	}
}

func (p peoplePage) ids() []string {
	ids := []string{}
	for _, e := range p.Edges {
		ids = append(ids, e.Node.ID)
	}
	return ids
}

// peopleRows is the selection most tests read: the rows and why they
// matched. evidenceRows adds the evidence with its sources, which the cost
// limit allows for a few rows at a time.
const (
	peopleRows = `{ totalCount pageInfo { hasNextPage endCursor }
		edges { cursor node { id name } matched citations tenureYears credentials { credential met } } }`
	evidenceRows = `{ totalCount pageInfo { hasNextPage endCursor }
		edges { cursor node { id name } matched citations tenureYears
			credentials { credential met
				degrees { id degree field end lab { id } sources { id publisher } }
				stints { id start lab { id name } sources { id publisher } }
				papers { id title citations breakthrough sources { id publisher } } } } }`
)

func TestPeople_Filters(t *testing.T) {
	ts := newServer(t, candidatesBundle(t))
	tests := []struct {
		name, args string
		want       []string
	}{
		{"no filter", ``, []string{"ada", "ada-2", "ben", "cleo", "dan", "eve", "finn", "gia", "hal", "ivy"}},
		{"phd", `where: {phd: true}`, []string{"ada", "dan", "finn", "hal"}},
		{"phd false constrains nothing", `where: {phd: false}`, []string{"ada", "ada-2", "ben", "cleo", "dan", "eve", "finn", "gia", "hal", "ivy"}},
		{"topLab, a part of a top lab included", `where: {topLab: true}`, []string{"ada", "ben", "dan", "eve", "hal", "ivy"}},
		{"breakthrough, flagged or above the bar", `where: {breakthrough: true}`, []string{"ada", "cleo", "eve", "hal"}},
		{"atLeast 2", `where: {atLeast: 2}`, []string{"ada", "dan", "eve", "hal"}},
		{"atLeast 3", `where: {atLeast: 3}`, []string{"ada", "hal"}},
		{"phd and topLab", `where: {phd: true, topLab: true}`, []string{"ada", "dan", "hal"}},
		{"workedAt, with parts", `where: {workedAt: ["lab-alpha"]}`, []string{"ada", "ben", "eve", "ivy"}},
		{"workedAt any of two", `where: {workedAt: ["lab-alpha-research", "lab-gamma"]}`, []string{"ben", "dan", "hal"}},
		{"currentlyAt", `where: {currentlyAt: ["lab-beta"]}`, []string{"ada", "eve", "gia", "hal"}},
		{"currentlyAt a parent", `where: {currentlyAt: ["lab-alpha"]}`, []string{"ben", "ivy"}},
		{"currentlyAt as of 2015", `where: {currentlyAt: ["lab-beta"]}, asOf: "2015"`, []string{"cleo", "hal"}},
		{"neverAt", `where: {neverAt: ["lab-alpha"]}`, []string{"ada-2", "cleo", "dan", "finn", "gia", "hal"}},
		{"movedSince", `where: {movedSince: "2020"}`, []string{"eve", "gia", "ivy"}},
		{"movedSince as of 2023", `where: {movedSince: "2020"}, asOf: "2023"`, []string{"eve", "gia"}},
		{"tenure 5 to 7 years on 2025-01-01", `where: {minTenureYears: 5, maxTenureYears: 7}, asOf: "2025-01-01"`, []string{"ada", "ben", "dan"}},
		{"tenure under a year on 2025-01-01", `where: {maxTenureYears: 1}, asOf: "2025-01-01"`, []string{"ivy"}},
		{"minCitations", `where: {minCitations: 1000}`, []string{"cleo", "hal"}},
		{"topics", `where: {topics: ["Computer Vision"]}`, []string{"cleo", "hal"}},
		{"phd as of 2021", `where: {phd: true}, asOf: "2021"`, []string{"ada", "dan", "hal"}},
		{"breakthrough as of 2023", `where: {breakthrough: true}, asOf: "2023"`, []string{"ada", "cleo", "hal"}},
		{"atLeast 1 as of 2023", `where: {atLeast: 1}, asOf: "2023"`,
			[]string{"ada", "ben", "cleo", "dan", "eve", "finn", "hal"}},
		{"combined", `where: {topLab: true, currentlyAt: ["lab-beta"], neverAt: ["lab-gamma"], movedSince: "2019"}`,
			[]string{"ada", "eve"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := peopleOf(t, ts, tt.args)
			if !slices.Equal(got.ids(), tt.want) {
				t.Errorf("people(%s) = %v, want %v", tt.args, got.ids(), tt.want)
			}
			if got.TotalCount != len(tt.want) {
				t.Errorf("totalCount = %d, want %d", got.TotalCount, len(tt.want))
			}
		})
	}
}

// peopleOf runs people(args) with the full selection and fails the test on
// any error.
func peopleOf(t *testing.T, ts *httptest.Server, args string) peoplePage {
	t.Helper()
	return peopleWith(t, ts, args, peopleRows)
}

// peopleWith runs people(args) with the given selection and fails the test
// on any error.
func peopleWith(t *testing.T, ts *httptest.Server, args, selection string) peoplePage {
	t.Helper()
	q := `{ people`
	if args != "" {
		q += `(` + args + `)`
	}
	q += selection + ` }`
	_, _, r := post(t, ts, "", query(q, nil))
	if len(r.Errors) > 0 {
		t.Fatalf("people(%s): errors %+v", args, r.Errors)
	}
	var data struct{ People peoplePage }
	if err := json.Unmarshal(r.Data, &data); err != nil {
		t.Fatal(err)
	}
	return data.People
}

func TestPeople_OrderAndKeysetPaging(t *testing.T) {
	ts := newServer(t, candidatesBundle(t))
	tests := []struct {
		order, extra string
		want         []string
	}{
		{"NAME", ``, []string{"ada", "ada-2", "ben", "cleo", "dan", "eve", "finn", "gia", "hal", "ivy"}},
		// 25000, 25000, 500, 100, 40, 40, then no citations; ties by id.
		{"CITATIONS", ``, []string{"cleo", "hal", "ada", "eve", "dan", "gia", "ada-2", "ben", "finn", "ivy"}},
		{"CREDENTIALS", ``, []string{"ada", "hal", "dan", "eve", "ben", "cleo", "finn", "ivy", "ada-2", "gia"}},
		{"TENURE", `, asOf: "2025-01-01"`, []string{"hal", "ben", "ada", "dan", "eve", "gia", "ivy", "ada-2", "cleo", "finn"}},
		{"CITATIONS", `, where: {atLeast: 1}`, []string{"cleo", "hal", "ada", "eve", "dan", "ben", "finn", "ivy"}},
	}
	for _, tt := range tests {
		t.Run(tt.order+tt.extra, func(t *testing.T) {
			whole := peopleOf(t, ts, `orderBy: `+tt.order+`, first: 100`+tt.extra)
			if !slices.Equal(whole.ids(), tt.want) {
				t.Errorf("one page = %v, want %v", whole.ids(), tt.want)
			}
			for _, size := range []int{1, 3, 4} {
				var got []string
				after := ""
				for page := 0; ; page++ {
					if page > len(tt.want) {
						t.Fatalf("first %d: paging does not end", size)
					}
					args := fmt.Sprintf(`orderBy: %s, first: %d%s`, tt.order, size, tt.extra)
					if after != "" {
						args += `, after: "` + after + `"`
					}
					p := peopleOf(t, ts, args)
					if p.TotalCount != len(tt.want) {
						t.Errorf("first %d, page %d: totalCount = %d, want %d", size, page, p.TotalCount, len(tt.want))
					}
					if len(p.Edges) > size {
						t.Fatalf("first %d, page %d: %d rows", size, page, len(p.Edges))
					}
					got = append(got, p.ids()...)
					if n := len(p.Edges); n > 0 && (p.PageInfo.EndCursor == nil || *p.PageInfo.EndCursor != p.Edges[n-1].Cursor) {
						t.Errorf("first %d, page %d: endCursor is not the last row's cursor", size, page)
					}
					if !p.PageInfo.HasNextPage {
						break
					}
					after = *p.PageInfo.EndCursor
				}
				// No repeats and no gaps: the pages put together are the
				// one-page answer.
				if !slices.Equal(got, tt.want) {
					t.Errorf("first %d: pages = %v, want %v", size, got, tt.want)
				}
			}
		})
	}
}

func TestPeople_EvidenceWithSources(t *testing.T) {
	ts := newServer(t, candidatesBundle(t))
	p := peopleWith(t, ts, `where: {phd: true, topLab: true, breakthrough: true, atLeast: 3, workedAt: ["lab-alpha"],
		currentlyAt: ["lab-beta"], neverAt: ["lab-gamma"], movedSince: "2019", minTenureYears: 5, minCitations: 100,
		topics: ["Transformers"]}, asOf: "2025-01-01", first: 5`, evidenceRows)
	if got := p.ids(); !slices.Equal(got, []string{"ada"}) {
		t.Fatalf("people = %v, want [ada]", got)
	}
	e := p.Edges[0]

	t.Run("matched, one reason per condition", func(t *testing.T) {
		want := []string{
			"AI PhD: PhD in Machine Learning at University One (2015)",
			"top lab: Lab Alpha, researcher (2015-01–2019-05)",
			"breakthrough: Paper Breakthrough Example (2017), called a breakthrough",
			"meets 3 of 3 credentials (at least 3 asked): AI PhD, top lab, breakthrough",
			"worked at Lab Alpha",
			"currently at Lab Beta since 2019-06, as of 2025-01-01",
			"never at Lab Gamma",
			"moved to Lab Beta in 2019-06 (since 2019)",
			"5.6 years at Lab Beta (since 2019-06, as of 2025-01-01)",
			"500 citations (at least 100 asked)",
			"papers on transformers",
		}
		if !slices.Equal(e.Matched, want) {
			t.Errorf("matched =\n%q\nwant\n%q", e.Matched, want)
		}
	})
	t.Run("credentials with evidence", func(t *testing.T) {
		if len(e.Credentials) != 3 {
			t.Fatalf("credentials = %+v, want three", e.Credentials)
		}
		phd, top, bt := e.Credentials[0], e.Credentials[1], e.Credentials[2]
		if phd.Credential != "aiPhd" || !phd.Met || len(phd.Degrees) != 1 || len(phd.Stints)+len(phd.Papers) != 0 {
			t.Fatalf("aiPhd = %+v, want met by one degree only", phd)
		}
		d := phd.Degrees[0]
		if d.ID != "ada.phd" || d.Degree != "phd" || d.Field != "Machine Learning" || d.Lab.ID != "uni-one" ||
			d.End == nil || *d.End != "2015" {
			t.Errorf("aiPhd degree = %+v, want ada.phd in Machine Learning at uni-one, 2015", d)
		}
		if got := sourceIDs(d.Sources); !slices.Equal(got, []string{"s-one", "s-three"}) || d.Sources[0].Publisher != "Example Gazette" {
			t.Errorf("degree sources = %+v, want s-one and s-three in full", d.Sources)
		}
		if top.Credential != "topLab" || !top.Met || len(top.Stints) != 1 || top.Stints[0].ID != "ada.alpha" ||
			top.Stints[0].Lab.Name != "Lab Alpha" || top.Stints[0].Start != "2015-01" {
			t.Errorf("topLab = %+v, want met by the stint ada.alpha at Lab Alpha", top)
		} else if got := sourceIDs(top.Stints[0].Sources); !slices.Equal(got, []string{"s-one"}) {
			t.Errorf("stint sources = %v, want [s-one]", got)
		}
		if bt.Credential != "breakthrough" || !bt.Met || len(bt.Papers) != 1 {
			t.Fatalf("breakthrough = %+v, want met by one paper", bt)
		}
		w := bt.Papers[0]
		if w.ID != "paper-break" || !w.Breakthrough || w.Citations == nil || *w.Citations != 500 {
			t.Errorf("paper = %+v, want paper-break, a breakthrough with 500 citations", w)
		}
		if got := sourceIDs(w.Sources); !slices.Equal(got, []string{"s-one", "s-two"}) {
			t.Errorf("paper sources = %v, want [s-one s-two]", got)
		}
		if e.Citations != 500 || e.TenureYears == nil || *e.TenureYears < 5.5 || *e.TenureYears > 5.6 {
			t.Errorf("citations %v, tenureYears %v; want 500 and about 5.56", e.Citations, e.TenureYears)
		}
	})
	t.Run("unmet credentials and evidence through a part of a top lab or citations", func(t *testing.T) {
		only := func(args string) []struct {
			Credential string
			Met        bool
			Degrees    []struct {
				ID, Degree, Field string
				End               *string
				Lab               struct{ ID string }
				Sources           []struct{ ID, Publisher string }
			}
			Stints []struct {
				ID, Start string
				Lab       struct{ ID, Name string }
				Sources   []struct{ ID, Publisher string }
			}
			Papers []struct {
				ID, Title    string
				Citations    *float64
				Breakthrough bool
				Sources      []struct{ ID, Publisher string }
			}
		} {
			t.Helper()
			p := peopleWith(t, ts, args+`, first: 1`, evidenceRows)
			if len(p.Edges) != 1 {
				t.Fatalf("people(%s) = %v, want one", args, p.ids())
			}
			return p.Edges[0].Credentials
		}
		ben := only(`where: {workedAt: ["lab-alpha-research"]}`)
		if ben[0].Met || len(ben[0].Degrees) != 0 {
			t.Errorf("ben's unfinished PhD counts: %+v", ben[0])
		}
		if !ben[1].Met || ben[1].Stints[0].Lab.ID != "lab-alpha-research" {
			t.Errorf("ben's topLab = %+v, want met at lab-alpha-research, a part of Lab Alpha", ben[1])
		}
		cleo := only(`where: {topics: ["computer vision"]}`)
		if cleo[0].Met {
			t.Errorf("cleo's PhD in History counts as an AI PhD: %+v", cleo[0])
		}
		if !cleo[2].Met || cleo[2].Papers[0].ID != "paper-cited" || cleo[2].Papers[0].Breakthrough {
			t.Errorf("cleo's breakthrough = %+v, want met by paper-cited's citations", cleo[2])
		}
		if m := peopleOf(t, ts, `first: 2`).Edges[1]; m.Node.ID != "ada-2" || len(m.Matched) != 0 || m.TenureYears != nil || m.Citations != 0 {
			t.Errorf("ada-2 = %+v, want no reasons, no tenure, no citations", m)
		}
	})
}

func sourceIDs(sources []struct{ ID, Publisher string }) []string {
	var ids []string
	for _, s := range sources {
		ids = append(ids, s.ID)
	}
	return ids
}

func TestPeople_OneRoundTrip(t *testing.T) {
	db := candidatesBundle(t)
	ts := newServer(t, db)
	warmUp(t, db) // as serve does: plans, the path index and whether stored facts serve
	for _, args := range []string{
		``,
		`where: {atLeast: 2}, orderBy: CREDENTIALS`,
		`where: {phd: true, topLab: true, workedAt: ["lab-alpha"], currentlyAt: ["lab-beta"], neverAt: ["lab-gamma"],
			movedSince: "2019", minTenureYears: 1, maxTenureYears: 20, minCitations: 1, topics: ["attention"]},
			orderBy: TENURE, asOf: "2025"`,
	} {
		before := db.Queries()
		peopleOf(t, ts, args)
		if got := db.Queries() - before; got != 1 {
			t.Errorf("people(%s): Cypher statements sent = %d, want 1", args, got)
		}
	}
}

func TestPeople_BadInput(t *testing.T) {
	ts := newServer(t, candidatesBundle(t))
	nameCursor := peopleOf(t, ts, `first: 1`).PageInfo.EndCursor
	tests := []struct{ name, args string }{
		{"atLeast 4", `where: {atLeast: 4}`},
		{"atLeast negative", `where: {atLeast: -1}`},
		{"first 1000", `first: 1000`},
		{"first negative", `first: -1`},
		{"forged cursor", `after: "abc"`},
		{"cursor of another order", `orderBy: CITATIONS, after: "` + *nameCursor + `"`},
		{"bad asOf", `asOf: "2023-13"`},
		{"asOf not a date", `asOf: "yesterday"`},
		{"bad movedSince", `where: {movedSince: "20x0"}`},
		{"tenure bounds reversed", `where: {minTenureYears: 5, maxTenureYears: 2}`},
		{"negative citations", `where: {minCitations: -5}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, r := post(t, ts, "", query(`{ people(`+tt.args+`) { totalCount } }`, nil))
			if codes := r.codes(); !slices.Equal(codes, []string{"BAD_USER_INPUT"}) {
				t.Errorf("codes = %v (%+v), want [BAD_USER_INPUT]", codes, r.Errors)
			}
		})
	}
}

func TestCredentialRules_ReadableThroughTheAPI(t *testing.T) {
	db := candidatesBundle(t)
	ts := newServer(t, db)
	before := db.Queries()
	_, _, r := post(t, ts, "", query(`{ credentialRules { version aiFields aiPhdRule topLabs { id name topLab } topLabRule
		breakthroughRule citationBar } }`, nil))
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	if got := db.Queries() - before; got != 1 {
		t.Errorf("Cypher statements sent = %d, want 1", got)
	}
	var data struct {
		CredentialRules struct {
			Version   string
			AIFields  []string `json:"aiFields"`
			AIPhdRule string   `json:"aiPhdRule"`
			TopLabs   []struct {
				ID, Name string
				TopLab   bool
			}
			TopLabRule       string
			BreakthroughRule string
			CitationBar      float64
		}
	}
	if err := json.Unmarshal(r.Data, &data); err != nil {
		t.Fatal(err)
	}
	c := data.CredentialRules
	if c.Version == "" || !slices.Contains(c.AIFields, "machine learning") || c.CitationBar != 10000 ||
		c.AIPhdRule == "" || c.TopLabRule == "" || c.BreakthroughRule == "" {
		t.Errorf("credentialRules = %+v, want a version, the AI fields, the rules and a bar of 10000", c)
	}
	var labs []string
	for _, l := range c.TopLabs {
		labs = append(labs, l.ID)
	}
	if want := []string{"lab-alpha", "lab-gamma"}; !slices.Equal(labs, want) {
		t.Errorf("topLabs = %v, want %v (flagged labs, not their parts)", labs, want)
	}
}
