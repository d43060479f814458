package importer

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/thelist/thelist"
)

// The "one history" rule (docs/data-format.md): jobs (stints) and moves are
// two records of one employment history, so they must agree. After every
// row has passed its own checks, the importer checks across kinds:
//
//   - a move to lab B dated D needs a job of the person at B that starts at
//     D within the two dates' precision (an undated move needs some job at B);
//   - a move away from lab A dated D ends the person's jobs at A that had
//     begun by then: each must have an end at D within the dates' precision,
//     unless it is concurrent;
//   - two full-time jobs (neither concurrent) at labs that are not one part
//     of the other cannot overlap beyond their dates' precision.
//
// Each contradiction is reported at the row that breaks it, naming the
// other row by file and line. The check covers the rows of the bundle: an
// incremental bundle's rows are not checked against the database (thelist
// check lints the database as a whole).

// spanRow is what the check keeps of a stint or a move.
type spanRow struct {
	id, person, lab, from string // from: a move's from_lab_id
	start, end, lastSeen  thelist.Date
	concurrent            bool
	file                  string
	line                  int
}

func (r spanRow) where() string { return fmt.Sprintf("%s:%d (%s)", r.file, r.line, r.id) }

// history collects the rows the cross-kind check reads in the first pass.
type history struct {
	stints  map[string][]spanRow // by person
	moves   []spanRow            // start is the move's date
	parents map[string]string    // lab → parent lab
}

func newHistory() *history {
	return &history{stints: map[string][]spanRow{}, parents: map[string]string{}}
}

func (h *history) addLab(id, parent string, writing bool) {
	if writing || parent == "" {
		return
	}
	h.parents[id] = parent
}

func (h *history) addStint(s thelist.Stint, file string, line int, writing bool) {
	if writing || s.PersonID == "" || s.LabID == "" {
		return
	}
	h.stints[s.PersonID] = append(h.stints[s.PersonID], spanRow{id: s.ID, person: s.PersonID, lab: s.LabID,
		start: s.Start, end: s.End, lastSeen: s.LastSeen, concurrent: s.Concurrent, file: file, line: line})
}

func (h *history) addMove(m thelist.Move, file string, line int, writing bool) {
	if writing || m.PersonID == "" || m.ToLabID == "" {
		return
	}
	h.moves = append(h.moves, spanRow{id: m.ID, person: m.PersonID, lab: m.ToLabID, from: m.FromLabID,
		start: m.Date, file: file, line: line})
}

// sameOrg says whether labs a and b are one, or one is part of the other.
func (h *history) sameOrg(a, b string) bool {
	return a == b || h.isPartOf(a, b) || h.isPartOf(b, a)
}

func (h *history) isPartOf(a, b string) bool {
	for cur, n := a, 0; n <= len(h.parents); n++ {
		p, ok := h.parents[cur]
		if !ok {
			return false
		}
		if p == b {
			return true
		}
		cur = p
	}
	return false
}

// overlapsPeriod says whether the periods two dates name share a day: "2025"
// and "2025-06" agree, "2025-06" and "2025-07" do not.
func overlapsPeriod(a, b thelist.Date) bool {
	return a.Time.Before(b.PeriodEnd()) && b.Time.Before(a.PeriodEnd())
}

// check reports every contradiction to ps.
func (h *history) check(ps *problems) {
	for _, m := range h.moves {
		h.checkMove(m, ps)
	}
	people := make([]string, 0, len(h.stints))
	for p := range h.stints {
		people = append(people, p)
	}
	slices.Sort(people)
	for _, p := range people {
		h.checkOverlaps(h.stints[p], ps)
	}
}

func (h *history) checkMove(m spanRow, ps *problems) {
	jobs := h.stints[m.person]
	arrived := false
	for _, s := range jobs {
		if s.lab != m.lab {
			continue
		}
		if m.start.IsZero() || (!s.start.IsZero() && overlapsPeriod(s.start, m.start)) {
			arrived = true
			break
		}
	}
	if !arrived {
		var at []string
		for _, s := range jobs {
			if s.lab == m.lab {
				at = append(at, fmt.Sprintf("%s starts %s", s.where(), dateWords(s.start)))
			}
		}
		if len(at) == 0 {
			ps.add(m.file, m.line, "to_lab_id", "move %s goes to %s on %s, but %s has no job there: add the job to stints.csv",
				m.id, m.lab, dateWords(m.start), m.person)
		} else {
			ps.add(m.file, m.line, "date", "move %s goes to %s on %s, but no job of %s there starts then: %v",
				m.id, m.lab, dateWords(m.start), m.person, at)
		}
	}
	if m.from == "" || m.start.IsZero() {
		return
	}
	for _, s := range jobs {
		if s.lab != m.from || s.concurrent {
			continue
		}
		if !s.start.IsZero() && s.start.PeriodEnd().After(m.start.Time) {
			// The job may have begun after the move, within the dates'
			// precision: a return to the lab the person left.
			continue
		}
		switch {
		case s.end.IsZero():
			ps.add(s.file, s.line, "end", "job %s at %s is left open, but move %s takes %s away on %s: give the job that end",
				s.id, s.lab, m.where(), m.person, m.start)
		case !overlapsPeriod(s.end, m.start) && s.end.Time.After(m.start.Time):
			ps.add(s.file, s.line, "end", "job %s at %s ends %s, after move %s takes %s away on %s",
				s.id, s.lab, s.end, m.where(), m.person, m.start)
		}
	}
}

// checkOverlaps reports two full-time jobs of one person held at once at
// labs that are not one part of the other. A job is placed from the end of
// its start's period (the latest day it may have begun) to its end's first
// day (the earliest it may have ended); an open job runs on.
func (h *history) checkOverlaps(jobs []spanRow, ps *problems) {
	far := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	type span struct {
		row      spanRow
		from, to time.Time
	}
	var spans []span
	for _, s := range jobs {
		if s.concurrent || s.start.IsZero() {
			continue
		}
		to := far
		if !s.end.IsZero() {
			to = s.end.Time
		}
		spans = append(spans, span{s, s.start.PeriodEnd(), to})
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.row.line, b.row.line) })
	for i, a := range spans {
		for _, b := range spans[i+1:] {
			if h.sameOrg(a.row.lab, b.row.lab) {
				continue
			}
			if a.from.Before(b.to) && b.from.Before(a.to) {
				ps.add(b.row.file, b.row.line, "", "job %s at %s (%s to %s) overlaps full-time job %s at %s (%s to %s): "+
					"end one, or mark the part-time one concurrent",
					b.row.id, b.row.lab, dateWords(b.row.start), dateWords(b.row.end),
					a.row.where(), a.row.lab, dateWords(a.row.start), dateWords(a.row.end))
			}
		}
	}
}

func dateWords(d thelist.Date) string {
	if d.IsZero() {
		return "no date"
	}
	return d.String()
}

// lastSeen checks a stint's last_seen against its dates: a source cannot see
// the person at the job before it began or after it ended.
func (c *rowCtx) lastSeen(s thelist.Stint) {
	switch {
	case s.LastSeen.IsZero():
	case !s.Start.IsZero() && !s.LastSeen.PeriodEnd().After(s.Start.Time):
		c.problem("last_seen", "%s is before start %s", s.LastSeen, s.Start)
	case !s.End.IsZero() && !s.End.PeriodEnd().After(s.LastSeen.Time):
		c.problem("last_seen", "%s is after end %s", s.LastSeen, s.End)
	}
}
