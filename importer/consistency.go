package importer

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
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

// span is what the check keeps of a stint or a move, packed small: a
// bundle of a million people has millions of both, and the first pass must
// stay within bounded memory. A person is kept as a hash of their id (the
// check only groups by person; two ids sharing a 64-bit hash would at worst
// be compared with each other), a lab as an index into the history's lab
// names, a date packed with its precision. Rows are named in messages by
// file and line.
type span struct {
	person           uint64
	lab, from        int32 // lab indexes; from is a move's from_lab_id, -1 when empty
	start, end       packedDate
	seen             packedDate // a job's last_seen
	line             int32
	move, concurrent bool
}

// packedDate is a thelist.Date as days since 1970 shifted left by two, with
// the precision in the low bits; 0 is the zero (unknown) date, since every
// known date has a precision of at least 1.
type packedDate int32

func pack(d thelist.Date) packedDate {
	if d.IsZero() {
		return 0
	}
	return packedDate(int32(d.Time.Unix()/86400)<<2 | int32(d.Precision))
}

func (p packedDate) date() thelist.Date {
	if p == 0 {
		return thelist.Date{}
	}
	return thelist.Date{Time: time.Unix(int64(p>>2)*86400, 0).UTC(), Precision: thelist.Precision(p & 3)}
}

// history collects the rows the cross-kind check reads in the first pass.
type history struct {
	seed       maphash.Seed
	spans      []span
	labs       map[string]int32
	labNames   []string
	parents    map[int32]int32
	stintsFile string
	movesFile  string
}

func newHistory() *history {
	return &history{seed: maphash.MakeSeed(), labs: map[string]int32{}, parents: map[int32]int32{}}
}

func (h *history) lab(id string) int32 {
	if id == "" {
		return -1
	}
	if i, ok := h.labs[id]; ok {
		return i
	}
	i := int32(len(h.labNames))
	h.labs[id] = i
	h.labNames = append(h.labNames, id)
	return i
}

func (h *history) addLab(id, parent string, writing bool) {
	if writing || parent == "" {
		return
	}
	h.parents[h.lab(id)] = h.lab(parent)
}

func (h *history) addStint(s thelist.Stint, file string, line int, writing bool) {
	if writing || s.PersonID == "" || s.LabID == "" {
		return
	}
	h.stintsFile = file
	h.spans = append(h.spans, span{person: maphash.String(h.seed, s.PersonID), lab: h.lab(s.LabID), from: -1,
		start: pack(s.Start), end: pack(s.End), seen: pack(s.LastSeen), line: int32(line), concurrent: s.Concurrent})
}

func (h *history) addMove(m thelist.Move, file string, line int, writing bool) {
	if writing || m.PersonID == "" || m.ToLabID == "" {
		return
	}
	h.movesFile = file
	h.spans = append(h.spans, span{person: maphash.String(h.seed, m.PersonID), lab: h.lab(m.ToLabID), from: h.lab(m.FromLabID),
		start: pack(m.Date), line: int32(line), move: true})
}

// sameOrg says whether labs a and b are one, or one is part of the other.
func (h *history) sameOrg(a, b int32) bool {
	return a == b || h.isPartOf(a, b) || h.isPartOf(b, a)
}

func (h *history) isPartOf(a, b int32) bool {
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

// check reports every contradiction to ps, person by person.
func (h *history) check(ps *problems) {
	slices.SortFunc(h.spans, func(a, b span) int {
		if c := cmp.Compare(a.person, b.person); c != 0 {
			return c
		}
		return cmp.Compare(a.line, b.line)
	})
	for i := 0; i < len(h.spans); {
		j := i
		for j < len(h.spans) && h.spans[j].person == h.spans[i].person {
			j++
		}
		var jobs, moves []span
		for _, s := range h.spans[i:j] {
			if s.move {
				moves = append(moves, s)
			} else {
				jobs = append(jobs, s)
			}
		}
		// A person with no job in the bundle is someone the bundle adds
		// moves to (an incremental bundle, or a reference the bundle
		// reports missing): thelist check holds their moves to their jobs
		// in the database.
		if len(jobs) > 0 {
			for _, m := range moves {
				h.checkMove(m, jobs, ps)
			}
		}
		h.checkOverlaps(jobs, ps)
		i = j
	}
	h.spans = nil
}

func (h *history) stintAt(s span) string { return fmt.Sprintf("%s:%d", h.stintsFile, s.line) }
func (h *history) moveAt(m span) string  { return fmt.Sprintf("%s:%d", h.movesFile, m.line) }

func (h *history) checkMove(m span, jobs []span, ps *problems) {
	date := m.start.date()
	arrived := false
	var at []string
	for _, s := range jobs {
		if s.lab != m.lab {
			continue
		}
		at = append(at, fmt.Sprintf("%s starts %s", h.stintAt(s), dateWords(s.start.date())))
		if date.IsZero() || (s.start != 0 && overlapsPeriod(s.start.date(), date)) {
			arrived = true
		}
	}
	to := h.labNames[m.lab]
	switch {
	case arrived:
	case len(at) == 0:
		ps.add(h.movesFile, int(m.line), "to_lab_id", "the move to %s on %s has no job of the person at %s: add it to stints",
			to, dateWords(date), to)
	default:
		ps.add(h.movesFile, int(m.line), "date", "the move to %s on %s agrees with no job of the person there: %s",
			to, dateWords(date), strings.Join(at, "; "))
	}
	if m.from < 0 || date.IsZero() {
		return
	}
	for _, s := range jobs {
		if s.lab != m.from || s.concurrent {
			continue
		}
		start, end := s.start.date(), s.end.date()
		if !start.IsZero() && start.PeriodEnd().After(date.Time) {
			// The job may have begun after the move, within the dates'
			// precision: a return to the lab the person left.
			continue
		}
		switch {
		case end.IsZero():
			ps.add(h.stintsFile, int(s.line), "end", "the job at %s is left open, but the move at %s takes the person away on %s: give the job that end",
				h.labNames[s.lab], h.moveAt(m), date)
		case !overlapsPeriod(end, date) && end.Time.After(date.Time):
			ps.add(h.stintsFile, int(s.line), "end", "the job at %s ends %s, after the move at %s takes the person away on %s",
				h.labNames[s.lab], end, h.moveAt(m), date)
		}
	}
}

// checkOverlaps reports two full-time jobs of one person held at once at
// labs that are not one part of the other. A job is placed from the end of
// its start's period (the latest day it may have begun) to the last day it
// is known to have held: its end's first day (the earliest it may have
// ended), or else its last_seen. An empty end means "not reported", not
// "still there" (thelist.CurrentRule), so an open job with no last_seen is
// known only at its start; a move away from it is what the move check
// holds it to.
func (h *history) checkOverlaps(jobs []span, ps *problems) {
	type placed struct {
		s        span
		from, to time.Time
	}
	var spans []placed
	for _, s := range jobs {
		if s.concurrent || s.start == 0 {
			continue
		}
		var to time.Time
		switch {
		case s.end != 0:
			to = s.end.date().Time
		case s.seen != 0:
			to = s.seen.date().Time
		default:
			to = s.start.date().PeriodEnd()
		}
		spans = append(spans, placed{s, s.start.date().PeriodEnd(), to})
	}
	for i, a := range spans {
		for _, b := range spans[i+1:] {
			if h.sameOrg(a.s.lab, b.s.lab) {
				continue
			}
			if a.from.Before(b.to) && b.from.Before(a.to) {
				ps.add(h.stintsFile, int(b.s.line), "", "the job at %s (%s to %s) overlaps the full-time job at %s (%s, %s to %s): "+
					"end one, or mark the part-time one concurrent",
					h.labNames[b.s.lab], dateWords(b.s.start.date()), dateWords(b.s.end.date()),
					h.labNames[a.s.lab], h.stintAt(a.s), dateWords(a.s.start.date()), dateWords(a.s.end.date()))
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
