package api_test

import (
	"encoding/json"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/thelist/thelist/graph"
)

// flowsBundle returns the test database loaded with testdata/flows:
// placeholder people whose recruitments form a three-hop chain (one hop
// inferred, one unconfirmed), moves across years between labs and a child
// lab, offers of several amounts, currencies and statuses, stints, founders,
// investors and papers.
func flowsBundle(t *testing.T) *graph.DB { t.Helper(); return loaded(t, "testdata/flows") }

// gqlData posts a query and decodes its data into v, failing on any error.
func gqlData(t *testing.T, ts *httptest.Server, q string, v any) {
	t.Helper()
	_, _, r := post(t, ts, "", query(q, nil))
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatalf("decode %s: %v", r.Data, err)
	}
}

type gqlEdge struct {
	ID         string
	Recruiter  struct{ ID string }
	Recruit    struct{ ID string }
	ToLab      *struct{ ID string }
	Date       *string
	Inferred   bool
	Reported   bool
	Confidence string
	Note       *string
	Sources    []struct{ ID string }
}

func chainsOf(chains []struct{ Hops []gqlEdge }) string {
	var out []string
	for _, c := range chains {
		var ids []string
		for _, h := range c.Hops {
			ids = append(ids, h.ID)
		}
		out = append(out, strings.Join(ids, ">"))
	}
	return strings.Join(out, " | ")
}

func TestRecruitment_Person(t *testing.T) {
	ts := newServer(t, flowsBundle(t))
	const edge = `id recruiter { id } recruit { id } toLab { id } date inferred reported confidence note sources { id }`
	var got struct {
		Recruitment struct {
			Person      struct{ ID, Name string }
			RecruitedBy []gqlEdge
			Recruited   []gqlEdge
			ChainsUp    []struct{ Hops []gqlEdge }
			ChainsDown  []struct{ Hops []gqlEdge }
		}
	}
	gqlData(t, ts, `{ recruitment(personId: "ben-example") { person { id name }
		recruitedBy { `+edge+` } recruited { `+edge+` }
		chainsUp { hops { `+edge+` } } chainsDown { hops { `+edge+` } } } }`, &got)
	r := got.Recruitment
	if r.Person.Name != "Ben Example" {
		t.Errorf("person = %+v", r.Person)
	}
	if len(r.RecruitedBy) != 1 || r.RecruitedBy[0].Recruiter.ID != "ada-example" || !r.RecruitedBy[0].Reported ||
		r.RecruitedBy[0].Inferred || r.RecruitedBy[0].Confidence != "reported" || *r.RecruitedBy[0].Date != "2019-03" ||
		r.RecruitedBy[0].ToLab.ID != "lab-alpha" || r.RecruitedBy[0].Sources[0].ID != "src-a" {
		t.Errorf("recruitedBy = %+v, want ada's reported 2019-03 recruitment to lab-alpha", r.RecruitedBy)
	}
	if len(r.Recruited) != 1 || r.Recruited[0].Recruit.ID != "cleo-example" || !r.Recruited[0].Inferred ||
		r.Recruited[0].Reported || r.Recruited[0].Confidence != "inferred" || r.Recruited[0].Note == nil {
		t.Errorf("recruited = %+v, want cleo, inferred with a note", r.Recruited)
	}
	if s := chainsOf(r.ChainsUp); s != "r-ada-ben" {
		t.Errorf("chainsUp = %q, want r-ada-ben", s)
	}
	if s := chainsOf(r.ChainsDown); s != "r-ben-cleo>r-cleo-dan" {
		t.Errorf("chainsDown = %q, want r-ben-cleo>r-cleo-dan", s)
	}

	t.Run("as of a day and depth", func(t *testing.T) {
		var got struct {
			Recruitment struct{ ChainsDown []struct{ Hops []gqlEdge } }
		}
		gqlData(t, ts, `{ recruitment(personId: "ada-example", asOf: "2020-12-01", depth: 6) { chainsDown { hops { id } } } }`, &got)
		if s := chainsOf(got.Recruitment.ChainsDown); s != "r-ada-ben>r-ben-cleo" {
			t.Errorf("chainsDown as of 2020-12-01 = %q, want r-ada-ben>r-ben-cleo", s)
		}
		gqlData(t, ts, `{ recruitment(personId: "ada-example", depth: 2) { chainsDown { hops { id } } } }`, &got)
		if s := chainsOf(got.Recruitment.ChainsDown); s != "r-ada-ben>r-ben-cleo | r-ada-finn" {
			t.Errorf("chainsDown at depth 2 = %q", s)
		}
	})
}

func TestRecruitment_TopRecruitersOfALab(t *testing.T) {
	ts := newServer(t, flowsBundle(t))
	type recruiters struct {
		Recruitment struct {
			Lab           struct{ Name string }
			TopRecruiters []struct {
				Person             struct{ ID string }
				Count              int
				Reported, Inferred int
				Recruits           []struct{ ID string }
			}
		}
	}
	show := func(r recruiters) string {
		var out []string
		for _, x := range r.Recruitment.TopRecruiters {
			var ids []string
			for _, e := range x.Recruits {
				ids = append(ids, e.ID)
			}
			out = append(out, x.Person.ID+":"+itoa(x.Count)+":"+itoa(x.Reported)+"/"+itoa(x.Inferred)+"="+strings.Join(ids, ","))
		}
		return strings.Join(out, " ")
	}
	tests := []struct{ name, args, want string }{
		{"with its parts", `lab: "lab-alpha"`,
			"ada-example:2:2/0=r-ada-ben,r-ada-finn ben-example:1:0/1=r-ben-cleo cleo-example:1:1/0=r-cleo-dan gia-example:1:1/0=r-gia-renee"},
		{"alone", `lab: "lab-alpha", includeChildren: false`, "ada-example:2:2/0=r-ada-ben,r-ada-finn cleo-example:1:1/0=r-cleo-dan"},
		{"in a period", `lab: "lab-alpha", since: "2020", until: "2022"`,
			"ben-example:1:0/1=r-ben-cleo cleo-example:1:1/0=r-cleo-dan gia-example:1:1/0=r-gia-renee"},
		{"first", `lab: "lab-alpha", first: 1`, "ada-example:2:2/0=r-ada-ben,r-ada-finn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got recruiters
			gqlData(t, ts, `{ recruitment(`+tt.args+`) { lab { name } topRecruiters { person { id } count reported inferred recruits { id } } } }`, &got)
			if s := show(got); s != tt.want {
				t.Errorf("topRecruiters = %q\nwant %q", s, tt.want)
			}
			if got.Recruitment.Lab.Name != "Lab Alpha" {
				t.Errorf("lab = %+v", got.Recruitment.Lab)
			}
		})
	}
}

func itoa(n int) string { return strings.TrimSpace(jsonNumber(n)) }

func jsonNumber(n int) string {
	b, err := json.Marshal(n)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestTalentFlows(t *testing.T) {
	ts := newServer(t, flowsBundle(t))
	type flows struct {
		TalentFlows struct {
			Count, Undated int
			Flows          []struct {
				From    *struct{ ID string }
				To      *struct{ ID string }
				Count   int
				Buckets []struct {
					Period string
					Count  int
					Moves  []struct{ ID string }
				}
			}
		}
	}
	show := func(f flows) string {
		id := func(l *struct{ ID string }) string {
			if l == nil {
				return "?"
			}
			return l.ID
		}
		parts := []string{itoa(f.TalentFlows.Count) + "/" + itoa(f.TalentFlows.Undated)}
		for _, fl := range f.TalentFlows.Flows {
			var bs []string
			for _, b := range fl.Buckets {
				var ms []string
				for _, m := range b.Moves {
					ms = append(ms, m.ID)
				}
				bs = append(bs, b.Period+":"+itoa(b.Count)+"="+strings.Join(ms, ","))
			}
			parts = append(parts, id(fl.From)+">"+id(fl.To)+":"+itoa(fl.Count)+"["+strings.Join(bs, " ")+"]")
		}
		return strings.Join(parts, " ")
	}
	tests := []struct{ name, args, want string }{
		{"between two labs, the child lab included", `from: "lab-gamma", to: "lab-alpha"`,
			"3/0 lab-gamma>lab-alpha:3[2019:1=m-ben 2020:1=m-cleo 2022:1=m-finn]"},
		{"the child lab left out", `from: "lab-gamma", to: "lab-alpha", includeChildren: false`,
			"2/0 lab-gamma>lab-alpha:2[2019:1=m-ben 2022:1=m-finn]"},
		{"every destination", `from: "lab-gamma"`,
			"4/0 lab-gamma>lab-alpha:2[2019:1=m-ben 2022:1=m-finn] lab-gamma>lab-alpha-research:1[2020:1=m-cleo] lab-gamma>lab-beta:1[2018:1=m-eve-1]"},
		{"every source", `to: "lab-alpha"`,
			"4/1 lab-gamma>lab-alpha:3[2019:1=m-ben 2020:1=m-cleo 2022:1=m-finn] lab-beta>lab-alpha:1[2021:1=m-dan]"},
		{"by month in a window", `to: "lab-beta", granularity: MONTH, since: "2018", until: "2023-03"`,
			"2/0 lab-alpha>lab-beta:1[2023-01:1=m-renee] lab-gamma>lab-beta:1[2018-02:1=m-eve-1]"},
		{"first moves per bucket", `from: "lab-alpha", perBucket: 1`, "2/0 lab-alpha>lab-beta:2[2023:2=m-renee]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got flows
			gqlData(t, ts, `{ talentFlows(`+tt.args+`) { count undated flows { from { id } to { id } count buckets { period count moves { id } } } } }`, &got)
			if s := show(got); s != tt.want {
				t.Errorf("talentFlows = %q\nwant %q", s, tt.want)
			}
		})
	}
	t.Run("a move in full", func(t *testing.T) {
		var got struct {
			TalentFlows struct {
				Flows []struct {
					Buckets []struct {
						Moves []struct {
							Person     struct{ Name string }
							From, To   struct{ Name string }
							Date       string
							Recruiter  struct{ ID string }
							Confidence string
							Sources    []struct{ Publisher string }
						}
					}
				}
			}
		}
		gqlData(t, ts, `{ talentFlows(from: "lab-gamma", to: "lab-alpha", perBucket: 1) { flows { buckets { moves {
			person { name } from { name } to { name } date recruiter { id } confidence sources { publisher } } } } } }`, &got)
		m := got.TalentFlows.Flows[0].Buckets[0].Moves[0]
		if m.Person.Name != "Ben Example" || m.From.Name != "Lab Gamma" || m.To.Name != "Lab Alpha" || m.Date != "2019-03" ||
			m.Recruiter.ID != "ada-example" || m.Confidence != "reported" || m.Sources[0].Publisher != "Example Times" {
			t.Errorf("move = %+v", m)
		}
	})
}

type offerPage struct {
	Offers struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage bool
			EndCursor   *string
		}
		Edges []struct {
			Cursor string
			Node   struct {
				ID             string
				Lab            struct{ ID string }
				Person         struct{ ID, Name string }
				ExtendedBy     *struct{ ID string }
				TotalValue     *float64
				FirstYearValue *float64
				Currency       *string
				Years          *int
				Date           *string
				Status         string
				Confidence     string
				Sources        []struct{ ID string }
			}
		}
	}
}

func (p offerPage) ids() string {
	var out []string
	for _, e := range p.Offers.Edges {
		out = append(out, e.Node.ID)
	}
	return strings.Join(out, ",")
}

const offerSelection = `totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
	id lab { id } person { id name } extendedBy { id } totalValue firstYearValue currency years date status confidence sources { id } } }`

func TestOffers(t *testing.T) {
	ts := newServer(t, flowsBundle(t))
	tests := []struct {
		name, args, want string
		total            int
	}{
		{"largest first", ``, "o-finn,o-ben,o-gia,o-cleo,o-renee,o-dan", 6},
		{"newest first", `orderBy: DATE_DESC`, "o-finn,o-renee,o-dan,o-cleo,o-ben,o-gia", 6},
		{"a lab and its parts", `where: {lab: "lab-alpha"}`, "o-finn,o-ben,o-gia,o-cleo,o-renee", 5},
		{"a lab alone", `where: {lab: "lab-alpha", includeChildren: false}`, "o-finn,o-ben,o-gia,o-renee", 4},
		{"status", `where: {status: ACCEPTED}`, "o-ben,o-gia,o-cleo", 3},
		{"minimum total", `where: {minTotal: 60000000}`, "o-finn,o-ben,o-gia", 3},
		{"currency", `where: {currency: "EUR"}`, "o-renee", 1},
		{"person", `where: {person: "ben-example"}`, "o-ben", 1},
		{"period", `where: {since: "2020", until: "2022"}, orderBy: DATE_DESC`, "o-renee,o-dan,o-cleo", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got offerPage
			args := ""
			if tt.args != "" {
				args = "(" + tt.args + ")"
			}
			gqlData(t, ts, `{ offers`+args+` { `+offerSelection+` } }`, &got)
			if s := got.ids(); s != tt.want || got.Offers.TotalCount != tt.total {
				t.Errorf("offers = %q (total %d), want %q (total %d)", s, got.Offers.TotalCount, tt.want, tt.total)
			}
		})
	}
	t.Run("an offer in full", func(t *testing.T) {
		var got offerPage
		gqlData(t, ts, `{ offers(where: {person: "finn-example"}) { `+offerSelection+` } }`, &got)
		o := got.Offers.Edges[0].Node
		if o.Lab.ID != "lab-alpha" || o.Person.Name != "Finn Example" || o.ExtendedBy.ID != "ada-example" ||
			*o.TotalValue != 250000000 || *o.FirstYearValue != 100000000 || *o.Currency != "USD" || *o.Years != 4 ||
			*o.Date != "2022-06" || o.Status != "declined" || o.Confidence != "reported" || o.Sources[0].ID != "src-a" {
			t.Errorf("offer = %+v", o)
		}
		gqlData(t, ts, `{ offers(where: {person: "renee-example"}) { `+offerSelection+` } }`, &got)
		if o := got.Offers.Edges[0].Node; o.Status != "unknown" || o.ExtendedBy != nil || o.FirstYearValue != nil {
			t.Errorf("renee's offer = %+v, want status unknown and nulls", o)
		}
	})
	t.Run("keyset pages", func(t *testing.T) {
		var ids []string
		vars := map[string]any{}
		for range 5 {
			var got offerPage
			_, _, r := post(t, ts, "", query(`query($after: String) { offers(first: 4, after: $after) { `+offerSelection+` } }`, vars))
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			if err := json.Unmarshal(r.Data, &got); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, got.ids())
			if !got.Offers.PageInfo.HasNextPage {
				break
			}
			vars["after"] = *got.Offers.PageInfo.EndCursor
		}
		if s := strings.Join(ids, ","); s != "o-finn,o-ben,o-gia,o-cleo,o-renee,o-dan" {
			t.Errorf("pages = %q", s)
		}
	})
}

func TestLab(t *testing.T) {
	ts := newServer(t, flowsBundle(t))
	var got struct {
		Lab struct {
			ID, Name, Kind string
			TopLab         bool
			Country        string
			Aliases        []string
			Founded        string
			Parent         *struct{ ID string }
			Children       []struct{ ID string }
			CurrentPeople  []struct {
				Person struct{ ID string }
				Stint  struct {
					Start string
					End   *string
					Lab   struct{ ID string }
				}
			}
			PastPeopleCount int
			Founders        []struct {
				Person struct{ ID string }
				Date   string
			}
			Investors []struct {
				InvestorLab *struct{ Name string }
				Amount      float64
				Round       string
			}
			Offers  []struct{ ID string }
			Sources []struct{ ID string }
		}
	}
	gqlData(t, ts, `{ lab(id: "lab-alpha", asOf: "2023-06-01") { id name kind topLab country aliases founded parent { id } children { id }
		currentPeople { person { id } stint { start end lab { id } } } pastPeopleCount
		founders { person { id } date } investors { investorLab { name } amount round } offers { id } sources { id } } }`, &got)
	l := got.Lab
	if l.Name != "Lab Alpha" || l.Kind != "company" || !l.TopLab || l.Country != "US" || !slices.Equal(l.Aliases, []string{"Alpha Labs"}) ||
		l.Founded != "2015" || l.Parent != nil || len(l.Children) != 1 || l.Children[0].ID != "lab-alpha-research" ||
		len(l.Sources) != 1 {
		t.Errorf("lab = %+v", l)
	}
	var people []string
	for _, m := range l.CurrentPeople {
		people = append(people, m.Person.ID+"@"+m.Stint.Start)
	}
	if s, want := strings.Join(people, ","), "ada-example@2015,ben-example@2019-03,dan-example@2021,finn-example@2022-07"; s != want {
		t.Errorf("currentPeople = %q\nwant %q", s, want)
	}
	if l.PastPeopleCount != 1 {
		t.Errorf("pastPeopleCount = %d, want 1 (renee left in 2022-12)", l.PastPeopleCount)
	}
	if len(l.Founders) != 1 || l.Founders[0].Person.ID != "ada-example" || l.Founders[0].Date != "2015" {
		t.Errorf("founders = %+v", l.Founders)
	}
	if len(l.Investors) != 1 || l.Investors[0].InvestorLab.Name != "Fund Omega" || l.Investors[0].Amount != 5000000 {
		t.Errorf("investors = %+v", l.Investors)
	}
	var offers []string
	for _, o := range l.Offers {
		offers = append(offers, o.ID)
	}
	// o-gia has no date: a view as of a day leaves it out.
	if s := strings.Join(offers, ","); s != "o-finn,o-renee,o-ben" {
		t.Errorf("offers = %q", s)
	}

	t.Run("as of an earlier day", func(t *testing.T) {
		var got struct {
			Lab struct {
				CurrentPeople   []struct{ Person struct{ ID string } }
				PastPeopleCount int
			}
		}
		gqlData(t, ts, `{ lab(id: "lab-alpha", asOf: "2020-06") { currentPeople { person { id } } pastPeopleCount } }`, &got)
		var ids []string
		for _, m := range got.Lab.CurrentPeople {
			ids = append(ids, m.Person.ID)
		}
		if s := strings.Join(ids, ","); s != "ada-example,ben-example,renee-example" || got.Lab.PastPeopleCount != 0 {
			t.Errorf("current = %q, past = %d; want ada, ben, renee and 0", s, got.Lab.PastPeopleCount)
		}
	})
	t.Run("unknown lab is null", func(t *testing.T) {
		_, _, r := post(t, ts, "", query(`{ lab(id: "nowhere") { name } }`, nil))
		if len(r.Errors) > 0 || string(r.Data) != `{"lab":null}` {
			t.Errorf("data = %s, errors = %+v", r.Data, r.Errors)
		}
	})
}

func TestPaper(t *testing.T) {
	ts := newServer(t, flowsBundle(t))
	var got struct {
		Paper struct {
			Title, Venue, Doi, Arxiv string
			Year                     int
			Citations                float64
			Breakthrough             bool
			Topics                   []string
			Authors                  []struct {
				Person   struct{ ID string }
				Position *int
			}
			Sources []struct{ ID string }
		}
	}
	gqlData(t, ts, `{ paper(id: "p-sparse") { title year venue doi arxiv citations breakthrough topics
		authors { person { id } position } sources { id } } }`, &got)
	p := got.Paper
	if p.Title != "Sparse Example Networks" || p.Year != 2020 || p.Venue != "NeurIPS" || p.Doi != "10.1234/sen.2020" ||
		p.Arxiv != "2001.00001" || p.Citations != 1200 || !p.Breakthrough || !slices.Equal(p.Topics, []string{"sparsity", "transformers"}) ||
		len(p.Sources) != 1 {
		t.Errorf("paper = %+v", p)
	}
	var authors []string
	for _, a := range p.Authors {
		pos := "null"
		if a.Position != nil {
			pos = itoa(*a.Position)
		}
		authors = append(authors, a.Person.ID+":"+pos)
	}
	if s := strings.Join(authors, ","); s != "ben-example:1,cleo-example:2,dan-example:null" {
		t.Errorf("authors = %q", s)
	}
}

func TestSearch_EveryKind(t *testing.T) {
	ts := newServer(t, flowsBundle(t))
	tests := []struct{ name, args, want string }{
		{"a person, with a typo", `query: "Cleo Exmaple"`, "PERSON:cleo-example"},
		{"without the diacritic", `query: "renee"`, "PERSON:renee-example"},
		{"an alias", `query: "countess"`, "PERSON:ada-example"},
		{"a native name", `query: "示例佳"`, "PERSON:gia-example"},
		{"labs only", `query: "alpha", kinds: [LAB]`, "LAB:lab-alpha LAB:lab-alpha-research"},
		{"a lab alias", `query: "bravo"`, "LAB:lab-beta"},
		{"a paper", `query: "sparse networks", kinds: [PAPER]`, "PAPER:p-sparse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got struct {
				Search []struct {
					Kind   string
					Score  float64
					Person *struct{ ID string }
					Lab    *struct{ ID string }
					Paper  *struct{ ID string }
				}
			}
			gqlData(t, ts, `{ search(`+tt.args+`) { kind score person { id } lab { id } paper { id } } }`, &got)
			var hits []string
			for _, h := range got.Search {
				id := ""
				switch {
				case h.Person != nil:
					id = h.Person.ID
				case h.Lab != nil:
					id = h.Lab.ID
				case h.Paper != nil:
					id = h.Paper.ID
				}
				if h.Score <= 0 {
					t.Errorf("hit %s has score %v", id, h.Score)
				}
				hits = append(hits, h.Kind+":"+id)
			}
			want := strings.Fields(tt.want)
			if len(hits) < len(want) || !slices.Equal(hits[:len(want)], want) {
				t.Errorf("hits = %v, want first %v", hits, want)
			}
		})
	}
}

func TestFlows_OneRoundTripPerRootField(t *testing.T) {
	db := flowsBundle(t)
	ts := newServer(t, db)
	tests := []struct{ name, query string }{
		{"recruitment of a person, people in full", `{ recruitment(personId: "ben-example") { person { name stints { lab { name } } }
			recruitedBy { recruiter { name } toLab { name } sources { title } } recruited { recruit { name } }
			chainsUp { hops { id } } chainsDown { hops { recruit { name degrees { id } } } } } }`},
		{"top recruiters of a lab", `{ recruitment(lab: "lab-alpha") { lab { name } topRecruiters { person { name } recruits { recruit { name } } } } }`},
		{"talent flows", `{ talentFlows(to: "lab-alpha") { count flows { from { name } buckets { moves { person { name } recruiter { name } sources { title } } } } } }`},
		{"offers", `{ offers(first: 3) { totalCount edges { node { lab { name } person { name stints { id } } extendedBy { name } sources { id } } } } }`},
		{"lab page", `{ lab(id: "lab-alpha") { name parent { name } children { name } currentPeople { person { name } stint { lab { name } } }
			founders { person { name } } investors { investorLab { name } } offers { person { name } } } }`},
		{"paper page", `{ paper(id: "p-sparse") { title authors { person { name stints { id } } } sources { id } } }`},
		{"search", `{ search(query: "example") { kind person { name stints { lab { name } } } lab { name } paper { title } } }`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			postInOneStatement(t, db, ts, tt.query)
		})
	}
}

func TestFlows_BadInput(t *testing.T) {
	ts := newServer(t, flowsBundle(t))
	tests := []struct{ name, query, want string }{
		{"recruitment of nobody and no lab", `{ recruitment { recruited { id } } }`, "BAD_USER_INPUT"},
		{"recruitment of a person and a lab", `{ recruitment(personId: "ada-example", lab: "lab-alpha") { recruited { id } } }`, "BAD_USER_INPUT"},
		{"depth above the cap", `{ recruitment(personId: "ada-example", depth: 7) { recruited { id } } }`, "BAD_USER_INPUT"},
		{"depth zero", `{ recruitment(personId: "ada-example", depth: 0) { recruited { id } } }`, "BAD_USER_INPUT"},
		{"bad asOf", `{ recruitment(personId: "ada-example", asOf: "yesterday") { recruited { id } } }`, "BAD_USER_INPUT"},
		{"unknown person", `{ recruitment(personId: "nobody") { recruited { id } } }`, "NOT_FOUND"},
		{"flows between no labs", `{ talentFlows { count } }`, "BAD_USER_INPUT"},
		{"flows with a bad date", `{ talentFlows(from: "lab-alpha", since: "2023-13") { count } }`, "BAD_USER_INPUT"},
		{"flows with an empty window", `{ talentFlows(from: "lab-alpha", since: "2023", until: "2022") { count } }`, "BAD_USER_INPUT"},
		{"flows from an unknown lab", `{ talentFlows(from: "nowhere") { count } }`, "NOT_FOUND"},
		{"flows with a bad granularity", `{ talentFlows(from: "lab-alpha", granularity: WEEK) { count } }`, "GRAPHQL_VALIDATION_FAILED"},
		{"offers page too large", `{ offers(first: 1000) { totalCount } }`, "BAD_USER_INPUT"},
		{"offers with a forged cursor", `{ offers(after: "abc") { totalCount } }`, "BAD_USER_INPUT"},
		{"offers with a bad date", `{ offers(where: {since: "soon"}) { totalCount } }`, "BAD_USER_INPUT"},
		{"lab with a bad asOf", `{ lab(id: "lab-alpha", asOf: "2023-02-30") { name } }`, "BAD_USER_INPUT"},
		{"search of an unknown kind", `{ search(query: "x", kinds: [GROUP]) { kind } }`, "GRAPHQL_VALIDATION_FAILED"},
		{"search too many", `{ search(query: "x", first: 101) { kind } }`, "BAD_USER_INPUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, r := post(t, ts, "", query(tt.query, nil))
			if codes := r.codes(); len(codes) == 0 || codes[0] != tt.want {
				t.Errorf("codes = %v, want %s", codes, tt.want)
			}
			for _, e := range r.Errors {
				if strings.Contains(e.Message, "MATCH") || strings.Contains(e.Message, "Neo") {
					t.Errorf("message %q leaks internals", e.Message)
				}
			}
		})
	}
	t.Run("a cursor of another ordering", func(t *testing.T) {
		var got offerPage
		gqlData(t, ts, `{ offers(first: 1) { `+offerSelection+` } }`, &got)
		_, _, r := post(t, ts, "", query(`{ offers(orderBy: DATE_DESC, after: "`+*got.Offers.PageInfo.EndCursor+`") { totalCount } }`, nil))
		if codes := r.codes(); !slices.Equal(codes, []string{"BAD_USER_INPUT"}) {
			t.Errorf("codes = %v, want BAD_USER_INPUT", codes)
		}
	})
}
