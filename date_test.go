package thelist_test

import (
	"testing"
	"time"

	"github.com/thelist/thelist"
)

func TestParseDate_KeepsPrecision(t *testing.T) {
	tests := []struct {
		in   string
		want thelist.Date
	}{
		{"", thelist.Date{}},
		{"2012", thelist.Date{Time: time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC), Precision: thelist.PrecisionYear}},
		{"2023-11", thelist.Date{Time: time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC), Precision: thelist.PrecisionMonth}},
		{"2023-11-07", thelist.Date{Time: time.Date(2023, 11, 7, 0, 0, 0, 0, time.UTC), Precision: thelist.PrecisionDay}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := thelist.ParseDate(tt.in)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if !got.Time.Equal(tt.want.Time) || got.Precision != tt.want.Precision {
				t.Errorf("ParseDate(%q) = %v (%v), want %v (%v)", tt.in, got.Time, got.Precision, tt.want.Time, tt.want.Precision)
			}
			if s := got.String(); s != tt.in {
				t.Errorf("ParseDate(%q).String() = %q, want the input back", tt.in, s)
			}
		})
	}
}

func TestParseDate_RejectsMalformed(t *testing.T) {
	for _, in := range []string{"23", "2023-13", "2023-02-30", "2023/11", "2023-1", "20231107", "Nov 2023", "2023-11-07T00:00"} {
		t.Run(in, func(t *testing.T) {
			if got, err := thelist.ParseDate(in); err == nil {
				t.Errorf("ParseDate(%q) = %v, want an error", in, got)
			}
		})
	}
}

func TestPrecision_RoundTrips(t *testing.T) {
	for _, p := range []thelist.Precision{thelist.PrecisionNone, thelist.PrecisionYear, thelist.PrecisionMonth, thelist.PrecisionDay} {
		got, err := thelist.ParsePrecision(p.String())
		if err != nil || got != p {
			t.Errorf("ParsePrecision(%q) = %v, %v; want %v", p.String(), got, err, p)
		}
	}
	if _, err := thelist.ParsePrecision("week"); err == nil {
		t.Error(`ParsePrecision("week"): want an error`)
	}
}
