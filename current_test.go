package thelist_test

import (
	"testing"

	"github.com/thelist/thelist"
)

func TestCurrentRule_HoldsOn(t *testing.T) {
	d := thelist.MustParseDate
	r := thelist.CurrentRule{RecencyMonths: 24}
	cases := []struct {
		name string
		s    thelist.Stint
		day  string
		want bool
	}{
		{"undated job never holds", thelist.Stint{}, "2025-01-01", false},
		{"open job within the window", thelist.Stint{Start: d("2025-07")}, "2027-07-31", true},
		{"open job past the window", thelist.Stint{Start: d("2025-07")}, "2027-08-01", false},
		{"last seen extends the window", thelist.Stint{Start: d("2013-03"), LastSeen: d("2025")}, "2027-12-31", true},
		{"not before its start", thelist.Stint{Start: d("2025-07")}, "2025-06-30", false},
		{"an end's period runs to its end", thelist.Stint{Start: d("2019"), End: d("2023")}, "2023-12-31", true},
		{"over after the end's period", thelist.Stint{Start: d("2019"), End: d("2023")}, "2024-01-01", false},
		{"an end beats last_seen's window", thelist.Stint{Start: d("2019"), End: d("2020"), LastSeen: d("2020")}, "2021-06-01", false},
		{"last seen alone places the job", thelist.Stint{LastSeen: d("2024-05")}, "2024-05-01", true},
	}
	for _, c := range cases {
		if got := r.HoldsOn(c.s, d(c.day).Time); got != c.want {
			t.Errorf("%s: HoldsOn(%s) = %v, want %v", c.name, c.day, got, c.want)
		}
	}
}

func TestCurrentRule_MainAndLastReported(t *testing.T) {
	d := thelist.MustParseDate
	deitke := []thelist.Stint{
		{ID: "matt-deitke.ai2", Concurrent: true},
		{ID: "matt-deitke.vercept", Start: d("2023-11"), End: d("2025-07")},
		{ID: "matt-deitke.meta", Start: d("2025-07")},
	}
	if m, ok := thelist.Current.Main(deitke, d("2025-12-01").Time); !ok || m.ID != "matt-deitke.meta" {
		t.Errorf("Deitke on 2025-12-01: main job %q (%v), want matt-deitke.meta", m.ID, ok)
	}
	// A part-time job that holds never outranks the full-time one.
	both := []thelist.Stint{{ID: "advisor", Start: d("2025-09"), Concurrent: true}, {ID: "main", Start: d("2024")}}
	if m, _ := thelist.Current.Main(both, d("2025-12-01").Time); m.ID != "main" {
		t.Errorf("main job = %q, want main", m.ID)
	}
	krizhevsky := []thelist.Stint{{ID: "dnn", Start: d("2012"), End: d("2013-03")}, {ID: "google", Start: d("2013-03"), End: d("2017-09")}}
	if _, ok := thelist.Current.Main(krizhevsky, d("2026-01-01").Time); ok {
		t.Error("Krizhevsky should hold no job in 2026")
	}
	if s, ok := thelist.Current.LastReported(krizhevsky, d("2026-01-01").Time); !ok || s.ID != "google" {
		t.Errorf("last reported = %q, want google", s.ID)
	}
}
