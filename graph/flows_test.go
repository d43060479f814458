package graph_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/importer"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// flowsDB is the test database loaded with the bundle of the recruitment,
// talent-flow and offer tests (api/testdata/flows): placeholder people whose
// recruitments form a three-hop chain, moves across years between labs and
// a child lab, and offers of several amounts and statuses.
func flowsDB(t *testing.T) *graph.DB {
	t.Helper()
	db := neo4jtest.Open(t)
	if _, err := importer.Import(context.Background(), db, "../api/testdata/flows", importer.Options{}); err != nil {
		t.Fatalf("import flows fixture: %v", err)
	}
	return db
}

// hops writes a chain as "a>b>c" from its edges' people.
func hops(c thelist.RecruitmentChain) string {
	var b strings.Builder
	for i, h := range c.Hops {
		if i == 0 {
			b.WriteString(h.Recruiter.ID)
		}
		b.WriteString(">" + h.Recruit.ID)
	}
	return b.String()
}

func chainList(cs []thelist.RecruitmentChain) string {
	var out []string
	for _, c := range cs {
		out = append(out, hops(c))
	}
	return strings.Join(out, " | ")
}

func edgeIDs(es []thelist.RecruitmentEdge) string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return strings.Join(out, ",")
}

func TestRecruitment_Chains(t *testing.T) {
	db := flowsDB(t)
	ctx := context.Background()
	date := thelist.MustParseDate
	tests := []struct {
		name                 string
		q                    thelist.RecruitmentQuery
		wantBy, wantRecruits string
		wantUp, wantDown     string
	}{
		{"middle of the chain", thelist.RecruitmentQuery{PersonID: "ben-example", Depth: 3},
			"r-ada-ben", "r-ben-cleo", "ada-example>ben-example", "ben-example>cleo-example>dan-example"},
		{"head of the chain", thelist.RecruitmentQuery{PersonID: "ada-example", Depth: 3},
			"", "r-ada-ben,r-ada-finn", "",
			"ada-example>ben-example>cleo-example>dan-example | ada-example>finn-example"},
		// dan recruited eve in 2018, before cleo recruited dan in 2021: no
		// chain runs through both.
		{"a hop out of date order ends the chain", thelist.RecruitmentQuery{PersonID: "dan-example", Depth: 6},
			"r-cleo-dan", "r-dan-eve", "ada-example>ben-example>cleo-example>dan-example", "dan-example>eve-example"},
		{"depth cuts chains", thelist.RecruitmentQuery{PersonID: "ada-example", Depth: 1},
			"", "r-ada-ben,r-ada-finn", "", "ada-example>ben-example | ada-example>finn-example"},
		{"as of a day", thelist.RecruitmentQuery{PersonID: "ada-example", Depth: 3, AsOf: date("2020-12-01")},
			"", "r-ada-ben", "", "ada-example>ben-example>cleo-example"},
		{"in a window", thelist.RecruitmentQuery{PersonID: "ben-example", Depth: 3, Since: date("2020"), Until: date("2022")},
			"", "r-ben-cleo", "", "ben-example>cleo-example>dan-example"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.Recruitment(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got.Person == nil || got.Person.ID != tt.q.PersonID {
				t.Errorf("person = %+v, want %s", got.Person, tt.q.PersonID)
			}
			if s := edgeIDs(got.RecruitedBy); s != tt.wantBy {
				t.Errorf("recruitedBy = %q, want %q", s, tt.wantBy)
			}
			if s := edgeIDs(got.Recruited); s != tt.wantRecruits {
				t.Errorf("recruited = %q, want %q", s, tt.wantRecruits)
			}
			if s := chainList(got.ChainsUp); s != tt.wantUp {
				t.Errorf("chainsUp = %q, want %q", s, tt.wantUp)
			}
			if s := chainList(got.ChainsDown); s != tt.wantDown {
				t.Errorf("chainsDown = %q, want %q", s, tt.wantDown)
			}
		})
	}

	t.Run("edges carry how they are known", func(t *testing.T) {
		got, err := db.Recruitment(ctx, thelist.RecruitmentQuery{PersonID: "cleo-example", Depth: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.RecruitedBy) != 1 {
			t.Fatalf("recruitedBy = %+v, want one edge", got.RecruitedBy)
		}
		e := got.RecruitedBy[0]
		if !e.Inferred || e.Confidence != thelist.ConfidenceInferred || !strings.HasPrefix(e.Note, "Both moved") ||
			e.Date.String() != "2020-05" || e.ToLab == nil || e.ToLab.ID != "lab-alpha-research" ||
			e.Recruiter.Name != "Ben Example" || len(e.Sources) != 1 || e.Sources[0].ID != "src-a" {
			t.Errorf("edge = %+v, want ben's inferred 2020-05 recruitment of cleo to lab-alpha-research, sourced", e)
		}
		if got.Recruited[0].Inferred || got.Recruited[0].Confidence != "" {
			t.Errorf("cleo's recruitment of dan = %+v, want reported", got.Recruited[0])
		}
	})
}

func TestRecruitment_TopRecruitersOfALab(t *testing.T) {
	db := flowsDB(t)
	ctx := context.Background()
	date := thelist.MustParseDate
	tests := []struct {
		name string
		q    thelist.RecruitmentQuery
		want string // recruiter:count:reported/inferred=edges
	}{
		{"with the labs that are part of it", thelist.RecruitmentQuery{LabID: "lab-alpha", IncludeChildren: true, First: 10},
			"ada-example:2:2/0=r-ada-ben,r-ada-finn ben-example:1:0/1=r-ben-cleo cleo-example:1:1/0=r-cleo-dan gia-example:1:1/0=r-gia-renee"},
		{"the lab alone", thelist.RecruitmentQuery{LabID: "lab-alpha", First: 10},
			"ada-example:2:2/0=r-ada-ben,r-ada-finn cleo-example:1:1/0=r-cleo-dan"},
		{"in a window", thelist.RecruitmentQuery{LabID: "lab-alpha", IncludeChildren: true, First: 10, Since: date("2020"), Until: date("2022")},
			"ben-example:1:0/1=r-ben-cleo cleo-example:1:1/0=r-cleo-dan gia-example:1:1/0=r-gia-renee"},
		{"first", thelist.RecruitmentQuery{LabID: "lab-alpha", IncludeChildren: true, First: 1},
			"ada-example:2:2/0=r-ada-ben,r-ada-finn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Depth = 1
			got, err := db.Recruitment(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var parts []string
			for _, r := range got.Recruiters {
				parts = append(parts, r.Person.ID+":"+itoa(r.Count)+":"+itoa(r.Reported)+"/"+itoa(r.Inferred)+"="+edgeIDs(r.Recruits))
			}
			if s := strings.Join(parts, " "); s != tt.want {
				t.Errorf("recruiters = %q\nwant %q", s, tt.want)
			}
			if got.Lab == nil || got.Lab.Name != "Lab Alpha" {
				t.Errorf("lab = %+v, want Lab Alpha", got.Lab)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// flowString writes flows as "from>to:count[period:count=moves ...]".
func flowString(f thelist.TalentFlows) string {
	var parts []string
	id := func(l *thelist.Lab) string {
		if l == nil {
			return "?"
		}
		return l.ID
	}
	for _, fl := range f.Flows {
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
	return itoa(f.Count) + "/" + itoa(f.Undated) + " " + strings.Join(parts, " ")
}

func TestTalentFlows(t *testing.T) {
	db := flowsDB(t)
	ctx := context.Background()
	date := thelist.MustParseDate
	year, month := thelist.GranularityYear, thelist.GranularityMonth
	tests := []struct {
		name string
		q    thelist.FlowQuery
		want string
	}{
		{"between two labs with the child lab", thelist.FlowQuery{From: "lab-gamma", To: "lab-alpha", IncludeChildren: true, Granularity: year, PerBucket: 10},
			"3/0 lab-gamma>lab-alpha:3[2019:1=m-ben 2020:1=m-cleo 2022:1=m-finn]"},
		{"between two labs without it", thelist.FlowQuery{From: "lab-gamma", To: "lab-alpha", Granularity: year, PerBucket: 10},
			"2/0 lab-gamma>lab-alpha:2[2019:1=m-ben 2022:1=m-finn]"},
		{"every destination", thelist.FlowQuery{From: "lab-gamma", IncludeChildren: true, Granularity: year, PerBucket: 10},
			"4/0 lab-gamma>lab-alpha:2[2019:1=m-ben 2022:1=m-finn] lab-gamma>lab-alpha-research:1[2020:1=m-cleo] lab-gamma>lab-beta:1[2018:1=m-eve-1]"},
		{"every source, with an undated move", thelist.FlowQuery{To: "lab-alpha", IncludeChildren: true, Granularity: year, PerBucket: 10},
			"4/1 lab-gamma>lab-alpha:3[2019:1=m-ben 2020:1=m-cleo 2022:1=m-finn] lab-beta>lab-alpha:1[2021:1=m-dan]"},
		{"from a lab and its child, by month", thelist.FlowQuery{From: "lab-alpha", IncludeChildren: true, Granularity: month, PerBucket: 10},
			"2/0 lab-alpha>lab-beta:2[2023-01:1=m-renee 2023-06:1=m-gia]"},
		{"a year-precision move keeps its year in a monthly flow", thelist.FlowQuery{From: "lab-beta", To: "lab-alpha", Granularity: month, PerBucket: 10},
			"1/0 lab-beta>lab-alpha:1[2021:1=m-dan]"},
		{"in a window", thelist.FlowQuery{To: "lab-beta", Granularity: month, PerBucket: 10, Since: date("2018"), Until: date("2023-03")},
			"2/0 lab-alpha>lab-beta:1[2023-01:1=m-renee] lab-gamma>lab-beta:1[2018-02:1=m-eve-1]"},
		{"first moves of a bucket", thelist.FlowQuery{From: "lab-alpha", IncludeChildren: true, Granularity: year, PerBucket: 1},
			"2/0 lab-alpha>lab-beta:2[2023:2=m-renee]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.CountUndated = true
			got, err := db.TalentFlows(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if s := flowString(got); s != tt.want {
				t.Errorf("flows = %q\nwant    %q", s, tt.want)
			}
		})
	}

	t.Run("moves carry person, labs, recruiter and sources", func(t *testing.T) {
		got, err := db.TalentFlows(ctx, thelist.FlowQuery{From: "lab-gamma", To: "lab-alpha", Granularity: year, PerBucket: 1})
		if err != nil {
			t.Fatal(err)
		}
		m := got.Flows[0].Buckets[0].Moves[0]
		if m.Person.Name != "Ben Example" || m.FromLab.Name != "Lab Gamma" || m.ToLab.Name != "Lab Alpha" ||
			m.Date.String() != "2019-03" || m.Recruiter == nil || m.Recruiter.ID != "ada-example" ||
			len(m.Sources) != 1 || m.Sources[0].Publisher != "Example Times" {
			t.Errorf("move = %+v", m)
		}
	})
	// Between two labs with their parts, a move into a part names that
	// part, not the lab the flow is counted for (the lab page's "show all"
	// keeps a row's moves by their exact labs).
	t.Run("a move into a part names the part", func(t *testing.T) {
		got, err := db.TalentFlows(ctx, thelist.FlowQuery{From: "lab-gamma", To: "lab-alpha", IncludeChildren: true, Granularity: year, PerBucket: 10})
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range got.Flows[0].Buckets {
			for _, m := range b.Moves {
				want := map[string]string{"m-cleo": "lab-alpha-research"}[m.ID]
				if want == "" {
					want = "lab-alpha"
				}
				if m.ToLab == nil || m.ToLab.ID != want || m.FromLab == nil || m.FromLab.ID != "lab-gamma" {
					t.Errorf("move %s: from %+v to %+v, want lab-gamma to %s", m.ID, m.FromLab, m.ToLab, want)
				}
			}
		}
	})
	t.Run("bad input", func(t *testing.T) {
		for name, q := range map[string]thelist.FlowQuery{
			"no lab":          {Granularity: year},
			"bad granularity": {From: "lab-alpha", Granularity: "week"},
			"empty window":    {From: "lab-alpha", Granularity: year, Since: date("2023"), Until: date("2022")},
		} {
			if _, err := db.TalentFlows(ctx, q); thelist.ErrorCode(err) != thelist.EINVALID {
				t.Errorf("%s: err = %v, want %s", name, err, thelist.EINVALID)
			}
		}
		if _, err := db.TalentFlows(ctx, thelist.FlowQuery{From: "nowhere", Granularity: year}); thelist.ErrorCode(err) != thelist.ENOTFOUND {
			t.Errorf("unknown lab: err = %v, want %s", err, thelist.ENOTFOUND)
		}
	})

	// An undated move between two reported labs counts as undated on both
	// sides and between them, and nowhere else (the fixture's only other
	// undated move comes from no reported lab). The move is written as the
	// importer writes one, with its FROM and TO relationships.
	t.Run("undated moves out and in", func(t *testing.T) {
		query(t, `MATCH (p:Person {id: 'eve-example'}), (a:Lab {id: 'lab-gamma'}), (b:Lab {id: 'lab-beta'})
			CREATE (p)-[:MADE_MOVE]->(m:Move {id: 'm-eve-undated', personId: p.id, fromLabId: a.id, toLabId: b.id, sources: ['src-b']}),
				(m)-[:FROM]->(a), (m)-[:TO]->(b)`, nil)
		// Counted by degree with one end given, in a window or not (the
		// window's dated moves are not all of them), by a seek with both.
		in2021 := thelist.FlowQuery{Since: date("2021"), Until: date("2022"), Granularity: year, CountUndated: true}
		window := func(q thelist.FlowQuery) thelist.FlowQuery {
			q.Since, q.Until = in2021.Since, in2021.Until
			return q
		}
		for q, want := range map[thelist.FlowQuery]int{
			{From: "lab-gamma", Granularity: year}:                            1,
			{To: "lab-beta", Granularity: year}:                               1,
			{From: "lab-gamma", To: "lab-beta", Granularity: year}:            1,
			{From: "lab-beta", To: "lab-gamma", Granularity: year}:            0,
			{From: "lab-beta", Granularity: year}:                             0,
			{To: "lab-gamma", Granularity: year}:                              0,
			{To: "lab-alpha", IncludeChildren: true, Granularity: year}:       1,
			window(thelist.FlowQuery{From: "lab-gamma", Granularity: year}):   1,
			window(thelist.FlowQuery{To: "lab-beta", Granularity: year}):      1,
			window(thelist.FlowQuery{From: "lab-beta", Granularity: year}):    0,
			window(thelist.FlowQuery{To: "lab-alpha", IncludeChildren: true}): 1,
		} {
			if q.Granularity == "" {
				q.Granularity = year
			}
			q.CountUndated = true
			got, err := db.TalentFlows(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if got.Undated != want {
				t.Errorf("%+v: undated %d, want %d", q, got.Undated, want)
			}
			// Not asked for, not counted.
			q.CountUndated = false
			if got, err = db.TalentFlows(ctx, q); err != nil || got.Undated != 0 {
				t.Errorf("%+v: undated %d (%v), want 0 when not asked", q, got.Undated, err)
			}
		}
	})

	// Past thelist.MaxFlows destinations the answer lists the largest and
	// says it is capped; the count still covers every move.
	t.Run("capped at the largest flows", func(t *testing.T) {
		n := thelist.MaxFlows + 2
		query(t, `CREATE (src:Lab {id: 'cap-src', name: 'Cap Source'})
			WITH src UNWIND range(1, $n) AS i
			CREATE (dst:Lab {id: 'cap-dst-' + i, name: 'Cap ' + i})
			WITH src, dst, i UNWIND range(1, CASE WHEN i <= 2 THEN 2 ELSE 1 END) AS k
			CREATE (m:Move {id: 'cap-m-' + i + '-' + k, personId: 'eve-example', fromLabId: src.id, toLabId: dst.id,
				date: date('2020-01-01'), datePrecision: 'year', sources: ['src-b']}),
				(m)-[:FROM]->(src), (m)-[:TO]->(dst)`, map[string]any{"n": n})
		got, err := db.TalentFlows(ctx, thelist.FlowQuery{From: "cap-src", Granularity: year, PerBucket: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Flows) != thelist.MaxFlows || !got.Capped || got.Count != n+2 {
			t.Fatalf("%d flows, capped %v, count %d; want %d, capped, %d", len(got.Flows), got.Capped, got.Count, thelist.MaxFlows, n+2)
		}
		if top := got.Flows[0]; top.To.ID != "cap-dst-1" || top.Count != 2 || got.Flows[1].To.ID != "cap-dst-2" {
			t.Errorf("largest flows first: %s (%d), %s", top.To.ID, top.Count, got.Flows[1].To.ID)
		}
		got, err = db.TalentFlows(ctx, thelist.FlowQuery{From: "cap-src", To: "cap-dst-1", Granularity: year, PerBucket: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Flows) != 1 || got.Capped || got.Count != 2 {
			t.Errorf("between two labs: %d flows, capped %v, count %d; want 1, not capped, 2", len(got.Flows), got.Capped, got.Count)
		}
	})
}

func TestOffers(t *testing.T) {
	db := flowsDB(t)
	ctx := context.Background()
	date := thelist.MustParseDate
	num := func(n int64) *int64 { return &n }
	total, byDate := thelist.OfferOrderTotalDesc, thelist.OfferOrderDateDesc
	tests := []struct {
		name  string
		f     thelist.OfferFilter
		want  string
		total int
	}{
		{"biggest first, unreported last", thelist.OfferFilter{OrderBy: total, First: 10},
			"o-finn,o-ben,o-gia,o-cleo,o-renee,o-dan", 6},
		{"newest first, undated last", thelist.OfferFilter{OrderBy: byDate, First: 10},
			"o-finn,o-renee,o-dan,o-cleo,o-ben,o-gia", 6},
		{"a lab with its child", thelist.OfferFilter{LabID: "lab-alpha", IncludeChildren: true, OrderBy: total, First: 10},
			"o-finn,o-ben,o-gia,o-cleo,o-renee", 5},
		{"a lab alone", thelist.OfferFilter{LabID: "lab-alpha", OrderBy: total, First: 10},
			"o-finn,o-ben,o-gia,o-renee", 4},
		{"status", thelist.OfferFilter{Status: thelist.OfferAccepted, OrderBy: total, First: 10}, "o-ben,o-gia,o-cleo", 3},
		{"unknown status includes unreported", thelist.OfferFilter{Status: thelist.OfferUnknown, OrderBy: total, First: 10}, "o-renee", 1},
		{"minimum total", thelist.OfferFilter{MinTotal: num(60000000), OrderBy: total, First: 10}, "o-finn,o-ben,o-gia", 3},
		{"currency", thelist.OfferFilter{Currency: "EUR", OrderBy: total, First: 10}, "o-renee", 1},
		{"person", thelist.OfferFilter{PersonID: "ben-example", OrderBy: total, First: 10}, "o-ben", 1},
		{"window", thelist.OfferFilter{Since: date("2020"), Until: date("2022"), OrderBy: byDate, First: 10}, "o-renee,o-dan,o-cleo", 3},
		{"unknown lab matches nothing", thelist.OfferFilter{LabID: "nowhere", OrderBy: total, First: 10}, "", 0},
	}
	ids := func(p thelist.OfferPage) string {
		var out []string
		for _, o := range p.Offers {
			out = append(out, o.ID)
		}
		return strings.Join(out, ",")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.Offers(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if s := ids(got); s != tt.want || got.TotalCount != tt.total {
				t.Errorf("offers = %q (total %d), want %q (total %d)", s, got.TotalCount, tt.want, tt.total)
			}
		})
	}

	for _, order := range []string{total, byDate} {
		t.Run("keyset pages of two, "+order, func(t *testing.T) {
			all, err := db.Offers(ctx, thelist.OfferFilter{OrderBy: order, First: 10})
			if err != nil {
				t.Fatal(err)
			}
			var paged []string
			after := ""
			for range 5 {
				p, err := db.Offers(ctx, thelist.OfferFilter{OrderBy: order, First: 2, After: after})
				if err != nil {
					t.Fatal(err)
				}
				if p.TotalCount != 6 {
					t.Errorf("totalCount = %d, want 6", p.TotalCount)
				}
				paged = append(paged, ids(p))
				if !p.HasNextPage {
					break
				}
				after = p.EndCursor
			}
			if got, want := strings.Join(paged, ","), ids(all); got != want {
				t.Errorf("pages = %q, want %q", got, want)
			}
		})
	}

	t.Run("an offer in full", func(t *testing.T) {
		got, err := db.Offers(ctx, thelist.OfferFilter{PersonID: "finn-example", OrderBy: total, First: 1})
		if err != nil {
			t.Fatal(err)
		}
		o := got.Offers[0]
		if *o.TotalValue != 250000000 || *o.FirstYearValue != 100000000 || o.Currency != "USD" || o.Years != 4 ||
			o.Date.String() != "2022-06" || o.Status != thelist.OfferDeclined || o.Lab.Name != "Lab Alpha" ||
			o.Person.Name != "Finn Example" || o.ExtendedBy.Name != "Ada Example" || o.Sources[0].ID != "src-a" {
			t.Errorf("offer = %+v", o)
		}
	})
	t.Run("bad input", func(t *testing.T) {
		for name, f := range map[string]thelist.OfferFilter{
			"order":                {OrderBy: "cheapest", First: 1},
			"status":               {OrderBy: total, Status: "maybe", First: 1},
			"page":                 {OrderBy: total, First: 1000},
			"forged cursor":        {OrderBy: total, First: 1, After: "abc"},
			"other order's cursor": {OrderBy: total, First: 1, After: base64JSON(`{"o":"date_desc","k":"2020-01-01","i":"o-ben"}`)},
		} {
			if _, err := db.Offers(ctx, f); thelist.ErrorCode(err) != thelist.EINVALID {
				t.Errorf("%s: err = %v, want %s", name, err, thelist.EINVALID)
			}
		}
	})
}

func base64JSON(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func TestLabPage(t *testing.T) {
	db := flowsDB(t)
	ctx := context.Background()
	date := thelist.MustParseDate
	members := func(p thelist.LabPage) string {
		var out []string
		for _, m := range p.CurrentPeople {
			out = append(out, m.Person.ID+"@"+m.Stint.Lab.ID)
		}
		return strings.Join(out, ",")
	}
	offers := func(p thelist.LabPage) string {
		var out []string
		for _, o := range p.Offers {
			out = append(out, o.ID)
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		name          string
		q             thelist.LabPageQuery
		wantCurrent   string
		wantPast      int
		wantOffers    string
		wantInvestors int
	}{
		// dan's stint ends "2023", which runs to the end of that year. The
		// open jobs hold because a source saw them in 2026 (last_seen); the
		// undated offer o-gia shows today but in no dated view.
		{"mid 2023", thelist.LabPageQuery{ID: "lab-alpha", AsOf: date("2023-06-01")},
			"ada-example@lab-alpha,ben-example@lab-alpha,dan-example@lab-alpha,finn-example@lab-alpha", 1,
			"o-finn,o-renee,o-ben", 1},
		{"mid 2020", thelist.LabPageQuery{ID: "lab-alpha", AsOf: date("2020-06-01")},
			"ada-example@lab-alpha,ben-example@lab-alpha,renee-example@lab-alpha", 0, "o-ben", 1},
		{"before the investment", thelist.LabPageQuery{ID: "lab-alpha", AsOf: date("2015-06")},
			"ada-example@lab-alpha", 0, "", 0},
		{"today", thelist.LabPageQuery{ID: "lab-alpha"},
			"ada-example@lab-alpha,ben-example@lab-alpha,finn-example@lab-alpha", 2, "o-finn,o-renee,o-ben,o-gia", 1},
		{"with the child lab", thelist.LabPageQuery{ID: "lab-alpha", AsOf: date("2023-06-01"), IncludeChildren: true},
			"ada-example@lab-alpha,ben-example@lab-alpha,cleo-example@lab-alpha-research,dan-example@lab-alpha,finn-example@lab-alpha", 2,
			"o-finn,o-renee,o-cleo,o-ben", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.LabPage(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if s := members(got); s != tt.wantCurrent {
				t.Errorf("current = %q\nwant      %q", s, tt.wantCurrent)
			}
			if got.PastPeopleCount != tt.wantPast {
				t.Errorf("past = %d, want %d", got.PastPeopleCount, tt.wantPast)
			}
			if s := offers(got); s != tt.wantOffers {
				t.Errorf("offers = %q, want %q", s, tt.wantOffers)
			}
			if len(got.Investors) != tt.wantInvestors {
				t.Errorf("investors = %+v, want %d", got.Investors, tt.wantInvestors)
			}
		})
	}

	t.Run("the lab itself", func(t *testing.T) {
		got, err := db.LabPage(ctx, thelist.LabPageQuery{ID: "lab-alpha"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Lab Alpha" || !got.TopLab || got.Country != "US" || got.Founded.String() != "2015" ||
			len(got.Sources) != 1 || got.Parent != nil {
			t.Errorf("lab = %+v", got.Lab)
		}
		if len(got.Children) != 1 || got.Children[0].ID != "lab-alpha-research" {
			t.Errorf("children = %+v, want lab-alpha-research", got.Children)
		}
		if len(got.Founders) != 1 || got.Founders[0].Person.Name != "Ada Example" || got.Founders[0].Date.String() != "2015" {
			t.Errorf("founders = %+v, want Ada Example in 2015", got.Founders)
		}
		if iv := got.Investors[0]; iv.InvestorLab == nil || iv.InvestorLab.Name != "Fund Omega" || *iv.Amount != 5000000 || iv.Round != "seed" {
			t.Errorf("investor = %+v, want Fund Omega's seed", iv)
		}
		child, err := db.LabPage(ctx, thelist.LabPageQuery{ID: "lab-alpha-research"})
		if err != nil {
			t.Fatal(err)
		}
		if child.Parent == nil || child.Parent.ID != "lab-alpha" {
			t.Errorf("parent = %+v, want lab-alpha", child.Parent)
		}
	})
	t.Run("unknown lab", func(t *testing.T) {
		if _, err := db.LabPage(ctx, thelist.LabPageQuery{ID: "nowhere"}); thelist.ErrorCode(err) != thelist.ENOTFOUND {
			t.Errorf("err = %v, want %s", err, thelist.ENOTFOUND)
		}
	})
}

func TestPaperPage(t *testing.T) {
	db := flowsDB(t)
	got, err := db.PaperPage(context.Background(), "p-sparse", false)
	if err != nil {
		t.Fatal(err)
	}
	var authors []string
	for _, a := range got.Authors {
		authors = append(authors, a.Person.ID+":"+itoa(a.Position))
	}
	if s, want := strings.Join(authors, ","), "ben-example:1,cleo-example:2,dan-example:0"; s != want {
		t.Errorf("authors = %q, want %q", s, want)
	}
	if got.Title != "Sparse Example Networks" || got.Year != 2020 || got.Venue != "NeurIPS" || got.DOI != "10.1234/sen.2020" ||
		got.ArXiv != "2001.00001" || got.Citations == nil || *got.Citations != 1200 || got.CitationsDate.String() != "2024-01-01" ||
		!got.Breakthrough || strings.Join(got.Topics, ";") != "sparsity;transformers" || len(got.Sources) != 1 {
		t.Errorf("paper = %+v", got.Paper)
	}
	if _, err := db.PaperPage(context.Background(), "nothing", false); thelist.ErrorCode(err) != thelist.ENOTFOUND {
		t.Errorf("unknown paper: err = %v, want %s", err, thelist.ENOTFOUND)
	}
}

func TestSearch(t *testing.T) {
	db := flowsDB(t)
	ctx := context.Background()
	all := []string(nil)
	tests := []struct {
		name  string
		text  string
		kinds []string
		want  string // kind:id of the first hits
	}{
		{"a person by name", "Cleo Example", all, "person:cleo-example"},
		{"a typo", "Cleo Exmaple", all, "person:cleo-example"},
		{"diacritics left out", "renee", all, "person:renee-example"},
		{"diacritics typed where the name has none", "Finn Exämple", all, "person:finn-example"},
		{"an alias", "countess", all, "person:ada-example"},
		{"a native name", "示例佳", all, "person:gia-example"},
		{"labs only", "alpha", []string{thelist.SearchLab}, "lab:lab-alpha lab:lab-alpha-research"},
		{"a lab alias", "bravo", all, "lab:lab-beta"},
		{"a paper title", "sparse networks", all, "paper:p-sparse"},
		{"a paper title with an umlaut, typed without", "uber example vision", []string{thelist.SearchPaper}, "paper:p-uber"},
		{"nothing", "zzzzqqq", all, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := db.Search(ctx, tt.text, tt.kinds, 10, false)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				id := ""
				switch {
				case h.Person != nil:
					id = h.Person.ID
				case h.Lab != nil:
					id = h.Lab.ID
				case h.Paper != nil:
					id = h.Paper.ID
				}
				got = append(got, h.Kind+":"+id)
			}
			want := strings.Fields(tt.want)
			if len(got) < len(want) || strings.Join(got[:len(want)], " ") != tt.want {
				t.Errorf("hits = %v, want first %v", got, want)
			}
		})
	}
	t.Run("bad kinds", func(t *testing.T) {
		if _, err := db.Search(ctx, "x", []string{"group"}, 10, false); thelist.ErrorCode(err) != thelist.EINVALID {
			t.Errorf("err = %v, want %s", err, thelist.EINVALID)
		}
	})
}

// TestApplySchema_RecreatesAChangedFulltextIndex checks that a database
// made before an index gained properties gets the new definition.
func TestApplySchema_RecreatesAChangedFulltextIndex(t *testing.T) {
	db := neo4jtest.Open(t)
	query(t, `DROP INDEX person_names`, nil)
	query(t, "CREATE FULLTEXT INDEX person_names FOR (n:Person) ON EACH [n.name]", nil)
	if err := db.ApplySchema(context.Background()); err != nil {
		t.Fatal(err)
	}
	res := query(t, `SHOW FULLTEXT INDEXES YIELD name, properties WHERE name = 'person_names' RETURN properties`, nil)
	if len(res.Records) != 1 {
		t.Fatalf("person_names: %d indexes", len(res.Records))
	}
	got, _ := res.Records[0].Get("properties")
	if s := fmt.Sprint(got); s != "[name nativeName nameKey aliases]" {
		t.Errorf("properties = %s, want [name nativeName nameKey aliases]", s)
	}
}

// A lab's current people page by cursor: pages of three, followed to the
// end, give the one-page list in the same order, as many as the count, and
// only the last page says there is no more. On the demo data, for a lab
// with a sub-lab included and one without, today and as of a day.
func TestLabPage_CurrentPeoplePages(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	if _, err := importer.Import(ctx, db, "../data", importer.Options{}); err != nil {
		t.Fatalf("import the demo data: %v", err)
	}
	ids := func(p thelist.LabPage) []string {
		var out []string
		for _, m := range p.CurrentPeople {
			out = append(out, m.Stint.ID)
		}
		return out
	}
	for _, q := range []thelist.LabPageQuery{
		{ID: "meta", IncludeChildren: true},
		{ID: "google"},
		{ID: "openai", AsOf: thelist.MustParseDate("2023-01-01")},
	} {
		q.First = thelist.MaxPageSize
		whole, err := db.LabPage(ctx, q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		if whole.PeopleHasMore || len(whole.CurrentPeople) != whole.CurrentPeopleCount || whole.CurrentPeopleCount < 4 {
			t.Fatalf("%+v: %d listed of %d, has more %v; want every one of at least 4 on one page",
				q, len(whole.CurrentPeople), whole.CurrentPeopleCount, whole.PeopleHasMore)
		}
		var paged []string
		q.First = 3
		for i := 0; ; i++ {
			p, err := db.LabPage(ctx, q)
			if err != nil {
				t.Fatalf("%+v page %d: %v", q, i, err)
			}
			if p.CurrentPeopleCount != whole.CurrentPeopleCount || p.PastPeopleCount != whole.PastPeopleCount {
				t.Errorf("%+v page %d: counts %d/%d, want %d/%d", q, i, p.CurrentPeopleCount, p.PastPeopleCount,
					whole.CurrentPeopleCount, whole.PastPeopleCount)
			}
			paged = append(paged, ids(p)...)
			if !p.PeopleHasMore {
				break
			}
			if len(p.CurrentPeople) != 3 || i > whole.CurrentPeopleCount {
				t.Fatalf("%+v page %d: %d people with more to come", q, i, len(p.CurrentPeople))
			}
			q.After = p.PeopleEndCursor
		}
		if got, want := strings.Join(paged, ","), strings.Join(ids(whole), ","); got != want {
			t.Errorf("%s as of %v, by pages of 3:\n%s\nwant\n%s", q.ID, q.AsOf, got, want)
		}
	}
}
