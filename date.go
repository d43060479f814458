package thelist

import (
	"fmt"
	"time"
)

// Precision says how much of a Date was reported.
type Precision int

// Precisions, from none (an unknown date) to a full day.
const (
	PrecisionNone Precision = iota
	PrecisionYear
	PrecisionMonth
	PrecisionDay
)

// String names the precision as it is stored in the graph.
func (p Precision) String() string {
	switch p {
	case PrecisionYear:
		return "year"
	case PrecisionMonth:
		return "month"
	case PrecisionDay:
		return "day"
	default:
		return ""
	}
}

// ParsePrecision reads a precision written by Precision.String.
func ParsePrecision(s string) (Precision, error) {
	switch s {
	case "year":
		return PrecisionYear, nil
	case "month":
		return PrecisionMonth, nil
	case "day":
		return PrecisionDay, nil
	case "":
		return PrecisionNone, nil
	}
	return PrecisionNone, fmt.Errorf("unknown date precision %q", s)
}

// Date is a calendar date known to a year, a month or a day. Reports often
// say only "in 2013" or "in November 2023"; keeping the precision lets the
// product show what was reported while still ordering and filtering by the
// first day of the period (Time).
type Date struct {
	Time      time.Time // the first day of the period, UTC
	Precision Precision
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Precision == PrecisionNone }

// ParseDate reads "2012", "2023-11" or "2023-11-07". An empty string is the
// zero Date (unknown).
func ParseDate(s string) (Date, error) {
	var layout string
	var p Precision
	switch len(s) {
	case 0:
		return Date{}, nil
	case 4:
		layout, p = "2006", PrecisionYear
	case 7:
		layout, p = "2006-01", PrecisionMonth
	case 10:
		layout, p = "2006-01-02", PrecisionDay
	default:
		return Date{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	return Date{Time: t, Precision: p}, nil
}

// MustParseDate is ParseDate for literals in tests and fixtures; it panics on
// a malformed date.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// String writes the date with the precision it was reported at, or "" when
// it is unknown.
func (d Date) String() string {
	switch d.Precision {
	case PrecisionYear:
		return d.Time.Format("2006")
	case PrecisionMonth:
		return d.Time.Format("2006-01")
	case PrecisionDay:
		return d.Time.Format("2006-01-02")
	default:
		return ""
	}
}

// PeriodEnd returns the first instant after the period the date names: the
// next year for "2023", the next month for "2023-11", the next day for a
// day. An end reported as "2023" is not before a start of "2023-11": the
// period it names runs to the end of that year.
func (d Date) PeriodEnd() time.Time {
	switch d.Precision {
	case PrecisionYear:
		return d.Time.AddDate(1, 0, 0)
	case PrecisionMonth:
		return d.Time.AddDate(0, 1, 0)
	default:
		return d.Time.AddDate(0, 0, 1)
	}
}
