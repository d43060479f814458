package graph

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/thelist/thelist"
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
	spans := map[string][]alumniSpan{
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
	papers := []alumniPaper{
		{Paper: thelist.Paper{ID: "p1"}, authors: []string{"yan", "xia"}},
		{Paper: thelist.Paper{ID: "p2"}, authors: []string{"yan", "zed", "wu"}},
		{Paper: thelist.Paper{ID: "p3"}, authors: []string{"val", "uma", "sol"}},
	}
	var got []string
	for _, pr := range alumniTies(alumni, spans, papers) {
		var ids []string
		for _, p := range pr.papers {
			ids = append(ids, p.ID)
		}
		got = append(got, fmt.Sprintf("%s-%s days=%.0f labs=%v papers=%v", pr.a, pr.b, pr.years*365.25, pr.labs, ids))
	}
	want := []string{
		"uma-val days=0 labs=[] papers=[p3]",
		"xia-yan days=1096 labs=[lab-a lab-b] papers=[p1]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("ties =\n%q\nwant\n%q", got, want)
	}
}
