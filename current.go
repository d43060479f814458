package thelist

import (
	"cmp"
	"slices"
	"time"
)

// CurrentRule says where a person is on a day: which of their jobs
// (stints) hold then. It is the one definition every read uses (the people
// filter's currentlyAt and tenure, the network's centre, a lab's current
// people, the person page, the candidates' reasons); the graph applies it
// in Cypher with the rule's values passed as parameters, and a test feeds
// the same cases to both.
//
// An empty end means "not reported", not "still there". A job holds on a
// day D when:
//
//   - it is known to have begun by D: its start, or when no start is
//     reported its last_seen, is on or before D (a job with neither date
//     holds on no day: an undated job is never placed on a date, and never
//     outranks a dated one);
//   - and it had not ended by D: with an end, the end's period is not over
//     by D (an end of "2023" runs to the end of 2023); with no end, a
//     source confirmed the person there recently enough: D is before the
//     end of the period of the latest confirmation (the later of start and
//     last_seen) plus RecencyMonths.
//
// A job that does not hold today but was once reported is the person's
// "last reported" job: the latest confirmed one, shown as "last reported
// at Google, 2013" rather than "at Google".
type CurrentRule struct {
	Version string
	// RecencyMonths is how long after its latest confirmation an open job
	// is still taken as current.
	RecencyMonths int
}

// Current is the rule in force. Two years: reports of a move are usually
// months apart from the move, and a researcher's page or a paper's
// affiliation confirms a job at least that often; a job no source has seen
// in two years is shown as last reported, not as current.
var Current = CurrentRule{Version: "2026-12-06.1", RecencyMonths: 24}

// CurrentRuleText describes the rule in words, for clients that show it.
const CurrentRuleText = "a job is current on a day when it had started by then (its start, or when no start is " +
	"reported the last date a source saw the person there) and had not ended: with an end, the end's period is " +
	"not over; with no end, a source confirmed it (start or last seen) within the recency window before the day. " +
	"A job with neither start nor last seen is never current; it is only 'last reported'."

// Confirmed is the latest date a source placed the person at the job: the
// later of its start and its last_seen (zero when neither is reported).
func (s Stint) Confirmed() Date {
	switch {
	case s.LastSeen.IsZero():
		return s.Start
	case s.Start.IsZero() || !s.Start.Time.After(s.LastSeen.Time):
		return s.LastSeen
	default:
		return s.Start
	}
}

// knownFrom is the first day the job is known to have held: its start, or
// its last_seen when no start is reported.
func (s Stint) knownFrom() Date {
	if !s.Start.IsZero() {
		return s.Start
	}
	return s.LastSeen
}

// HoldsOn says whether the job holds on day under the rule.
func (r CurrentRule) HoldsOn(s Stint, day time.Time) bool {
	from := s.knownFrom()
	if from.IsZero() || from.Time.After(day) {
		return false
	}
	if !s.End.IsZero() {
		return s.End.PeriodEnd().After(day)
	}
	return s.Confirmed().PeriodEnd().AddDate(0, r.RecencyMonths, 0).After(day)
}

// CurrentStints returns the jobs that hold on day, the person's main job
// first: full-time before concurrent, then the latest known start first,
// then by id, the same order as the graph's currentLab.
func (r CurrentRule) CurrentStints(stints []Stint, day time.Time) []Stint {
	var out []Stint
	for _, s := range stints {
		if r.HoldsOn(s, day) {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b Stint) int {
		if a.Concurrent != b.Concurrent {
			if a.Concurrent {
				return 1
			}
			return -1
		}
		if c := b.knownFrom().Time.Compare(a.knownFrom().Time); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// Main returns the person's main job on day, if any holds.
func (r CurrentRule) Main(stints []Stint, day time.Time) (Stint, bool) {
	cur := r.CurrentStints(stints, day)
	if len(cur) == 0 {
		return Stint{}, false
	}
	return cur[0], true
}

// LastReported returns the job a source saw the person at last, among
// those known to have begun by day: the latest Confirmed date first (an
// end counts as a confirmation), undated jobs only when no job is dated.
// ok is false when the person has no job at all.
func (r CurrentRule) LastReported(stints []Stint, day time.Time) (Stint, bool) {
	var best Stint
	var bestDate time.Time
	found := false
	for _, s := range stints {
		from := s.knownFrom()
		if !from.IsZero() && from.Time.After(day) {
			continue
		}
		seen := s.Confirmed()
		t := time.Time{}
		if !seen.IsZero() {
			t = seen.Time
		}
		if !s.End.IsZero() && s.End.Time.After(t) {
			t = s.End.Time
		}
		if !found || t.After(bestDate) || (t.Equal(bestDate) && s.ID < best.ID) {
			best, bestDate, found = s, t, true
		}
	}
	return best, found
}
