package cluster_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/cluster"
)

// The ties that clusters weigh are computed in Go from each alumnus's
// stints and shared papers: the overlap days summed over every two stints
// at the same lab, only for alumni who moved to the same lab within about
// a year.
func TestAlumniTies(t *testing.T) {
	day := func(s string) time.Time { return thelist.MustParseDate(s).Time }
	alumnus := func(id, next, date string) thelist.Alumnus {
		a := thelist.Alumnus{Person: thelist.Person{ID: id}}
		if next != "" {
			a.Next = &thelist.AlumnusNext{Lab: &thelist.Lab{ID: next}, Date: thelist.MustParseDate(date)}
		}
		return a
	}
	alumni := []thelist.Alumnus{
		alumnus("yan", "lab-n", "2021-06"),
		alumnus("xia", "lab-n", "2021"),
		alumnus("zed", "lab-n", "2024-02"), // to the same lab, years later
		alumnus("wu", "lab-o", "2021-06"),  // elsewhere
		alumnus("uma", "lab-m", "2022-01"),
		alumnus("val", "lab-m", "2022-03"),
		alumnus("tom", "lab-m", "2022-05"), // moved with Uma and Val, no tie to them
		alumnus("sol", "", ""),             // next lab unknown
	}
	spans := map[string][]cluster.Span{
		// 2018-01-01 to 2020-01-01: 730 days.
		"lab-a": {{"xia", day("2016-01-01"), day("2020-01-01")}, {"yan", day("2018-01-01"), day("2021-01-01")},
			{"zed", day("2015-01-01"), day("2022-01-01")}, {"wu", day("2015-01-01"), day("2022-01-01")},
			{"sol", day("2015-01-01"), day("2022-01-01")}},
		// Two stints of Xia's overlap one of Yan's: 184 days in 2010 and
		// 182 in 2012 (a leap year).
		"lab-b": {{"xia", day("2010-01-01"), day("2011-01-01")}, {"xia", day("2012-01-01"), day("2013-01-01")},
			{"yan", day("2010-07-01"), day("2012-07-01")}},
		// Years apart, and stints that only touch: no tie.
		"lab-c": {{"xia", day("2000-01-01"), day("2001-01-01")}, {"yan", day("2002-01-01"), day("2003-01-01")},
			{"uma", day("2000-01-01"), day("2001-01-01")}, {"val", day("2001-01-01"), day("2002-01-01")}},
	}
	papers := []cluster.SharedPaper{
		{Paper: thelist.Paper{ID: "p1"}, Authors: []string{"yan", "xia"}},
		{Paper: thelist.Paper{ID: "p2"}, Authors: []string{"yan", "zed", "wu"}},
		{Paper: thelist.Paper{ID: "p3"}, Authors: []string{"val", "uma", "sol"}},
	}
	var got []string
	for _, pr := range cluster.Ties(alumni, spans, papers) {
		var ids []string
		for _, p := range pr.Papers {
			ids = append(ids, p.ID)
		}
		got = append(got, fmt.Sprintf("%s-%s days=%.0f labs=%v papers=%v", pr.A, pr.B, pr.Years*365.25, pr.Labs, ids))
	}
	want := []string{
		"uma-val days=0 labs=[] papers=[p3]",
		"xia-yan days=1096 labs=[lab-a lab-b] papers=[p1]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("ties =\n%q\nwant\n%q", got, want)
	}
}

// Clusters groups alumni tied by work or papers who moved to the same lab
// together, largest group first, with what ties them; a tie between alumni
// who did not move together, or to different labs, joins nothing.
func TestClusters(t *testing.T) {
	next := func(id, lab, date string) thelist.Alumnus {
		return thelist.Alumnus{Person: thelist.Person{ID: id, Name: id},
			Next: &thelist.AlumnusNext{Lab: &thelist.Lab{ID: lab, Name: lab}, Date: thelist.MustParseDate(date)}}
	}
	alumni := []thelist.Alumnus{
		next("ann", "lab-n", "2021-03"), next("bob", "lab-n", "2021-09"), next("cat", "lab-n", "2022-01"),
		next("dan", "lab-m", "2022"), next("eve", "lab-m", "2022-06"),
		next("fay", "lab-n", "2025"), // tied to Ann, but moved years later
		next("gus", "lab-o", "2021-03"),
	}
	p1 := thelist.Paper{ID: "p1", Year: 2019, Title: "One"}
	ties := []cluster.Tie{
		{A: "ann", B: "bob", Years: 2, Labs: []string{"lab-a"}}, // weight 2, and 1 + 1 paper below
		{A: "bob", B: "cat", Years: 1, Labs: []string{"lab-b"}, Papers: []thelist.Paper{p1}},
		{A: "dan", B: "eve", Papers: []thelist.Paper{p1}},
		{A: "ann", B: "fay", Years: 5, Labs: []string{"lab-a"}},
		{A: "ann", B: "gus", Years: 5, Labs: []string{"lab-a"}},
	}
	lab := func(id string) *thelist.Lab { return &thelist.Lab{ID: id, Name: "Lab " + id} }
	var got []string
	for _, cl := range cluster.Clusters(alumni, ties, lab) {
		var members, labs, papers, dests []string
		for _, m := range cl.Members {
			members = append(members, m.ID)
		}
		for _, l := range cl.SharedLabs {
			labs = append(labs, l.Name)
		}
		for _, p := range cl.SharedPapers {
			papers = append(papers, p.ID)
		}
		for _, d := range cl.Destinations {
			dests = append(dests, fmt.Sprintf("%s:%d", d.Lab.ID, d.Count))
		}
		got = append(got, fmt.Sprintf("%v weight=%g labs=%v papers=%v to=%v", members, cl.Weight, labs, papers, dests))
	}
	want := []string{
		"[ann bob cat] weight=4 labs=[Lab lab-a Lab lab-b] papers=[p1] to=[lab-n:3]",
		"[dan eve] weight=1 labs=[] papers=[p1] to=[lab-m:2]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("clusters =\n%q\nwant\n%q", got, want)
	}
	if got := cluster.Clusters(alumni, nil, lab); len(got) != 0 {
		t.Errorf("clusters without ties = %v, want none", got)
	}
}

// Destinations counts alumni by their next lab, most first, leaving out
// those whose next lab is unknown; Periods groups them by the year they
// left, counting the unknown.
func TestDestinationsAndPeriods(t *testing.T) {
	left := func(id, year, lab string) thelist.Alumnus {
		a := thelist.Alumnus{Person: thelist.Person{ID: id, Name: id}, Left: thelist.MustParseDate(year)}
		if lab != "" {
			a.Next = &thelist.AlumnusNext{Lab: &thelist.Lab{ID: lab, Name: lab}}
		}
		return a
	}
	alumni := []thelist.Alumnus{left("ann", "2021", "b-lab"), left("bob", "2022", "a-lab"), left("cat", "2021", "a-lab"),
		left("dan", "2021", ""), left("eve", "2022", "c-lab")}
	var dests []string
	for _, d := range cluster.Destinations(alumni) {
		var people []string
		for _, p := range d.People {
			people = append(people, p.ID)
		}
		dests = append(dests, fmt.Sprintf("%s:%d%v", d.Lab.ID, d.Count, people))
	}
	if want := []string{"a-lab:2[bob cat]", "b-lab:1[ann]", "c-lab:1[eve]"}; !slices.Equal(dests, want) {
		t.Errorf("destinations = %q, want %q", dests, want)
	}
	var periods []string
	for _, p := range cluster.Periods(alumni) {
		periods = append(periods, fmt.Sprintf("%d: %d left, %d unknown, %d destinations", p.Year, p.Count, p.Unknown, len(p.Destinations)))
	}
	if want := []string{"2021: 3 left, 1 unknown, 2 destinations", "2022: 2 left, 0 unknown, 2 destinations"}; !slices.Equal(periods, want) {
		t.Errorf("periods = %q, want %q", periods, want)
	}
}
