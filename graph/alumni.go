package graph

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/thelist/thelist"
)

// now is the clock that dates "still going on": a stint with no end counts
// up to today when its overlap with another is measured. Tests may replace it.
var now = time.Now

// alumniQuery finds, in one round trip, the people who left a lab family,
// where each went next, and what the ties between them are made of (their
// stints at labs that two or more of them worked at, the papers two or more
// of them wrote), from which LabAlumni computes the ties and the clusters.
//
// A person left the family on the latest of their departures from it: the
// end of a stint at one of its labs, or a move from one of its labs to a lab
// outside it. They are not alumni while a stint in the family is still open
// (no end, or an end after $asOf) unless a move out dated on or after that
// stint's start says they left it. Moving between the labs of the family is
// not leaving. $asOf reads history as it was known that day: a stint whose
// end period is not over by then has not ended, and stints and moves that
// began later do not exist yet.
//
// The next lab is the first stint outside the family, or move to a lab
// outside it, whose date's period is not over before the departure (a stint
// starting "2023" follows a departure in "2023-05"); on the same date a move,
// which reports the change itself, wins over a stint.
var alumniQuery = `
MATCH (lab:Lab {id: $lab})
WITH lab, ` + labFamily("lab", "$children") + ` AS family
// The alumni are collected in a subquery, so that a lab without any still
// answers with one row.
CALL (lab, family) {
	CALL (family) {
		MATCH (fl:Lab)<-[:WORKED_AT]-(who:Person) WHERE fl.id IN family RETURN who
		UNION
		MATCH (mv:Move) WHERE mv.fromLabId IN family
		MATCH (who:Person)-[:MADE_MOVE]->(mv) RETURN who
	}
	WITH lab, family, who,
		[(who)-[w:WORKED_AT]->(wl:Lab) WHERE wl.id IN family AND ` + startedBy("w", "$asOf") + ` | w] AS here,
		[(who)-[:MADE_MOVE]->(mv:Move) WHERE mv.fromLabId IN family AND NOT coalesce(mv.toLabId, '') IN family
			AND mv.date IS NOT NULL AND ($asOf IS NULL OR mv.date <= $asOf) | mv] AS outs
	WITH lab, family, who, here, outs,
		[w IN here WHERE w.end IS NOT NULL AND ($asOf IS NULL OR ` + periodEnd("w", "end") + ` <= $asOf) |
			{date: w.end, precision: w.endPrecision, by: 'STINT', id: w.id}] +
		[mv IN outs | {date: mv.date, precision: mv.datePrecision, by: 'MOVE', id: mv.id}] AS exits
	WITH lab, family, who, here, outs, reduce(best = null, e IN exits |
		CASE WHEN best IS NULL OR e.date > best.date OR (e.date = best.date AND (e.by < best.by OR (e.by = best.by AND e.id < best.id)))
		THEN e ELSE best END) AS exit
	WHERE exit IS NOT NULL
		AND ($since IS NULL OR exit.date >= $since) AND ($until IS NULL OR exit.date < $until)
		AND NOT any(w IN here WHERE (w.end IS NULL OR ($asOf IS NOT NULL AND ` + periodEnd("w", "end") + ` > $asOf))
			AND NOT any(mv IN outs WHERE w.start IS NULL OR mv.date >= w.start))
	WITH lab, family, who, exit, reduce(last = null, w IN here |
		CASE WHEN last IS NULL OR coalesce(w.end, w.start) > coalesce(last.end, last.start)
			OR (coalesce(w.end, w.start) = coalesce(last.end, last.start) AND w.id > last.id) THEN w ELSE last END) AS stint
	OPTIONAL CALL (who, exit, family) {
		CALL (who, exit, family) {
			MATCH (who)-[w:WORKED_AT]->(nl:Lab)
			WHERE NOT nl.id IN family AND w.start IS NOT NULL AND ` + periodEnd("w", "start") + ` > exit.date
				AND ` + startedBy("w", "$asOf") + `
			RETURN nl.id AS labId, w.start AS date, w.startPrecision AS precision, 'STINT' AS by, w.id AS id,
				w.confidence AS confidence, w.note AS note, w.sources AS sources
			UNION
			MATCH (who)-[:MADE_MOVE]->(mv:Move)
			WHERE mv.toLabId IS NOT NULL AND NOT mv.toLabId IN family AND mv.date IS NOT NULL
				AND ` + periodEnd("mv", "date") + ` > exit.date AND ($asOf IS NULL OR mv.date <= $asOf)
			RETURN mv.toLabId AS labId, mv.date AS date, mv.datePrecision AS precision, 'MOVE' AS by, mv.id AS id,
				mv.confidence AS confidence, mv.note AS note, mv.sources AS sources
		}
		RETURN {labId: labId, date: date, datePrecision: precision, by: by, id: id, confidence: confidence, note: note,
			sources: sources} AS next
		ORDER BY date, by, id LIMIT 1
	}
	RETURN collect({person: who.id, left: exit.date, leftPrecision: exit.precision, leftBy: exit.by,
		stint: CASE WHEN stint IS NULL THEN null ELSE stint { .id, .role, .founder, .concurrent, .lastSeen, .lastSeenPrecision, .start, .startPrecision, .end,
			.endPrecision, .confidence, .note, labId: endNode(stint).id, sources: ` + fmt.Sprintf(sourcesOf, "stint") + ` } END,
		next: CASE WHEN next IS NULL THEN null ELSE next { .*, sources: ` + fmt.Sprintf(sourcesOf, "next") + ` } END}) AS rows
}
WITH lab, rows, [x IN rows | x.person] AS ids
// The ties between alumni are left to Go (alumniTies): every two alumni who
// overlapped at a big lab are millions of pairs, which ran out of Neo4j's
// transaction memory. What Go needs is returned once per stint and paper:
// for each lab where two or more alumni worked, their stints there, their
// ends closed at $horizon; for each paper two or more of them wrote, its
// authors among them.
CALL (ids) {
	UNWIND ids AS pid
	MATCH (:Person {id: pid})-[w:WORKED_AT]->(tl:Lab)
	WHERE w.start IS NOT NULL AND w.start < $horizon
	WITH tl, collect({person: pid, start: w.start, end: reduce(m = $horizon, e IN [` + periodEnd("w", "end") + `] |
		CASE WHEN e IS NOT NULL AND e < m THEN e ELSE m END)}) AS stints
	WHERE size(stints) > 1
	RETURN collect({labId: tl.id, stints: stints}) AS labStints
}
CALL (ids) {
	UNWIND ids AS pid
	MATCH (:Person {id: pid})-[:AUTHORED]->(pp:Paper)
	WHERE ($asOf IS NULL OR pp.year IS NULL OR pp.year <= $asOf.year)
	WITH pp, collect(DISTINCT pid) AS authors
	WHERE size(authors) > 1
	RETURN collect(pp { .id, .title, .year, .venue, .breakthrough, authors: authors }) AS papers
}
WITH lab, rows, ids, labStints, papers,
	[lab.id] + [x IN rows WHERE x.next IS NOT NULL | x.next.labId] + [x IN labStints | x.labId] AS labIds
RETURN lab.id AS labId, rows, labStints, papers, ` + peopleOf("ids") + ` AS people, ` + labsByID("labIds") + ` AS labs`

// LabAlumni returns the people who left a lab (and, when asked, the labs
// that are part of it) in a window, where they went next, by destination
// and by year, and the clusters of alumni who worked or wrote together and
// moved to the same lab within about a year. It costs one round trip; the
// ties (alumniTies) and the clusters (Louvain) are computed here.
func (db *DB) LabAlumni(ctx context.Context, q thelist.AlumniQuery) (thelist.LabAlumni, error) {
	if !q.Since.IsZero() && !q.Until.IsZero() && !q.Since.Time.Before(q.Until.Time) {
		return thelist.LabAlumni{}, thelist.Errorf(thelist.EINVALID, "since: must be before until")
	}
	// The horizon closes the stints that have no end when overlaps are
	// measured: the day after asOf, or tomorrow.
	horizon := now().UTC().AddDate(0, 0, 1)
	if !q.AsOf.IsZero() {
		horizon = q.AsOf.Time.AddDate(0, 0, 1)
	}
	params := map[string]any{"lab": q.LabID, "children": q.IncludeChildren, "since": dateParam(q.Since),
		"until": dateParam(q.Until), "asOf": dateParam(q.AsOf), "horizon": neo4j.DateOf(horizon), "full": q.FullPeople}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.LabAlumni, error) {
		m, err := firstRow(ctx, tx, alumniQuery, params, thelist.Errorf(thelist.ENOTFOUND, "no lab with id %q", q.LabID))
		if err != nil {
			return thelist.LabAlumni{}, err
		}
		return decodeAlumni(m)
	})
}

// alumniPair is the tie between two alumni: the days their stints at the
// same labs overlapped, those labs, and the papers they wrote together.
type alumniPair struct {
	a, b   string
	years  float64 // overlap of their stints at the same labs
	labs   []string
	papers []thelist.Paper
}

// alumniSpan is one alumnus's stint at a lab, its end closed at the horizon.
type alumniSpan struct {
	person     string
	start, end time.Time
}

// alumniTies returns the ties between the alumni who moved to the same lab
// within about a year (movedTogether), the only pairs clusters uses, so that
// the work grows with those groups rather than with every two alumni of a
// big lab. Two alumni are tied when their stints at a lab overlapped (the
// days are summed over every two such stints) or they wrote a paper
// together. The pairs come ordered by their ids.
func alumniTies(alumni []thelist.Alumnus, labSpans map[string][]alumniSpan, papers []alumniPaper) []alumniPair {
	// Each alumnus's stints by lab, and papers, for the pairs to look up.
	spans := map[string]map[string][]alumniSpan{}
	for labID, ss := range labSpans {
		for _, sp := range ss {
			if spans[sp.person] == nil {
				spans[sp.person] = map[string][]alumniSpan{}
			}
			spans[sp.person][labID] = append(spans[sp.person][labID], sp)
		}
	}
	wrote := map[string][]int{}
	for i, p := range papers {
		for _, a := range p.authors {
			wrote[a] = append(wrote[a], i)
		}
	}
	byNext := map[string][]thelist.Alumnus{}
	for _, a := range alumni {
		if a.Next != nil {
			byNext[a.Next.Lab.ID] = append(byNext[a.Next.Lab.ID], a)
		}
	}
	var pairs []alumniPair
	for _, group := range byNext {
		for i, x := range group {
			for _, y := range group[i+1:] {
				if !movedTogether(x.Next, y.Next) {
					continue
				}
				a, b := x.Person.ID, y.Person.ID
				if b < a {
					a, b = b, a
				}
				pr := alumniPair{a: a, b: b}
				var days int
				for labID, as := range spans[a] {
					shared := false
					for _, s1 := range as {
						for _, s2 := range spans[b][labID] {
							from, to := s1.start, s1.end
							if s2.start.After(from) {
								from = s2.start
							}
							if s2.end.Before(to) {
								to = s2.end
							}
							if from.Before(to) {
								days += int(to.Sub(from).Hours() / 24)
								shared = true
							}
						}
					}
					if shared {
						pr.labs = append(pr.labs, labID)
					}
				}
				slices.Sort(pr.labs)
				for _, i := range wrote[a] {
					if slices.Contains(papers[i].authors, b) {
						pr.papers = append(pr.papers, papers[i].Paper)
					}
				}
				if days == 0 && len(pr.papers) == 0 {
					continue
				}
				pr.years = float64(days) / 365.25
				pairs = append(pairs, pr)
			}
		}
	}
	slices.SortFunc(pairs, func(x, y alumniPair) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
	return pairs
}

// alumniPaper is a paper two or more alumni wrote, with those authors.
type alumniPaper struct {
	thelist.Paper
	authors []string
}

func decodeAlumni(m map[string]any) (thelist.LabAlumni, error) {
	people, err := decodePeople(m["people"])
	if err != nil {
		return thelist.LabAlumni{}, fmt.Errorf("alumni: %w", err)
	}
	labs, err := decodeLabs(m["labs"])
	if err != nil {
		return thelist.LabAlumni{}, fmt.Errorf("alumni: %w", err)
	}
	lab := labs[str(m, "labId")]
	if lab == nil {
		return thelist.LabAlumni{}, fmt.Errorf("alumni: lab %s was not read", str(m, "labId"))
	}
	out := thelist.LabAlumni{Lab: *lab}
	for _, row := range maps(m["rows"]) {
		a := thelist.Alumnus{Person: personOr(people, str(row, "person")), LeftBy: str(row, "leftBy")}
		if a.Left, err = dateOf(row, "left"); err != nil {
			return out, fmt.Errorf("alumnus %s: %w", a.Person.ID, err)
		}
		if sm, ok := row["stint"].(map[string]any); ok {
			s, err := decodeStintMap(sm, a.Person.ID, labs)
			if err != nil {
				return out, fmt.Errorf("alumnus %s: %w", a.Person.ID, err)
			}
			a.Stint = &s
		}
		if nm, ok := row["next"].(map[string]any); ok {
			next := thelist.AlumnusNext{Lab: labOr(labs, str(nm, "labId")), By: str(nm, "by"), ID: str(nm, "id")}
			if next.Date, err = dateOf(nm, "date"); err != nil {
				return out, fmt.Errorf("alumnus %s: next: %w", a.Person.ID, err)
			}
			if next.Fact, err = factOf(nm); err != nil {
				return out, fmt.Errorf("alumnus %s: next: %w", a.Person.ID, err)
			}
			a.Next = &next
		}
		out.Alumni = append(out.Alumni, a)
	}
	slices.SortFunc(out.Alumni, func(x, y thelist.Alumnus) int {
		if c := y.Left.Time.Compare(x.Left.Time); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(x.Person.Name, y.Person.Name), cmp.Compare(x.Person.ID, y.Person.ID))
	})
	labSpans := map[string][]alumniSpan{}
	for _, lm := range maps(m["labStints"]) {
		labID := str(lm, "labId")
		for _, sm := range maps(lm["stints"]) {
			sp := alumniSpan{person: str(sm, "person")}
			start, err := dateOf(sm, "start")
			if err != nil {
				return out, fmt.Errorf("alumni stint of %s at %s: %w", sp.person, labID, err)
			}
			end, err := dateOf(sm, "end")
			if err != nil {
				return out, fmt.Errorf("alumni stint of %s at %s: %w", sp.person, labID, err)
			}
			sp.start, sp.end = start.Time, end.Time
			labSpans[labID] = append(labSpans[labID], sp)
		}
	}
	var papers []alumniPaper
	for _, pm := range maps(m["papers"]) {
		p, err := decodePaperRef(pm)
		if err != nil {
			return out, fmt.Errorf("alumni papers: %w", err)
		}
		papers = append(papers, alumniPaper{Paper: p, authors: strs(pm, "authors")})
	}
	out.Destinations = destinations(out.Alumni)
	out.Periods = periods(out.Alumni)
	out.Clusters = clusters(out.Alumni, alumniTies(out.Alumni, labSpans, papers), labs)
	return out, nil
}

// decodeStintMap reads a stint projected with its lab's id, the lab taken
// from the query's dictionary.
func decodeStintMap(sm map[string]any, personID string, labs map[string]*thelist.Lab) (thelist.Stint, error) {
	s := thelist.Stint{ID: str(sm, "id"), PersonID: personID, LabID: str(sm, "labId"), Role: str(sm, "role"),
		Founder: boolean(sm, "founder"), Concurrent: boolean(sm, "concurrent"), Lab: labOr(labs, str(sm, "labId"))}
	var err error
	if s.LastSeen, err = dateOf(sm, "lastSeen"); err != nil {
		return s, fmt.Errorf("stint %s: %w", s.ID, err)
	}
	if s.Start, err = dateOf(sm, "start"); err != nil {
		return s, fmt.Errorf("stint %s: %w", s.ID, err)
	}
	if s.End, err = dateOf(sm, "end"); err != nil {
		return s, fmt.Errorf("stint %s: %w", s.ID, err)
	}
	if s.Fact, err = factOf(sm); err != nil {
		return s, fmt.Errorf("stint %s: %w", s.ID, err)
	}
	return s, nil
}

// labOr returns the lab of the dictionary with the id, or one that carries
// the id alone when the dictionary lacks it (which a consistent graph never
// does).
func labOr(labs map[string]*thelist.Lab, id string) *thelist.Lab {
	if l, ok := labs[id]; ok {
		return l
	}
	return &thelist.Lab{ID: id, Name: id}
}

// destinations counts alumni by the lab they went to next: most alumni
// first, then by lab name. Alumni whose next lab is unknown are left out.
func destinations(alumni []thelist.Alumnus) []thelist.AlumniDestination {
	byLab := map[string]*thelist.AlumniDestination{}
	var order []string
	for _, a := range alumni {
		if a.Next == nil {
			continue
		}
		d, ok := byLab[a.Next.Lab.ID]
		if !ok {
			d = &thelist.AlumniDestination{Lab: a.Next.Lab}
			byLab[a.Next.Lab.ID] = d
			order = append(order, a.Next.Lab.ID)
		}
		d.Count++
		d.People = append(d.People, a.Person)
	}
	out := make([]thelist.AlumniDestination, 0, len(order))
	for _, id := range order {
		d := byLab[id]
		sortPeople(d.People)
		out = append(out, *d)
	}
	slices.SortFunc(out, func(x, y thelist.AlumniDestination) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Lab.Name, y.Lab.Name), cmp.Compare(x.Lab.ID, y.Lab.ID))
	})
	return out
}

// periods groups alumni by the year they left, oldest first.
func periods(alumni []thelist.Alumnus) []thelist.AlumniPeriod {
	byYear := map[int][]thelist.Alumnus{}
	for _, a := range alumni {
		byYear[a.Left.Time.Year()] = append(byYear[a.Left.Time.Year()], a)
	}
	years := make([]int, 0, len(byYear))
	for y := range byYear {
		years = append(years, y)
	}
	slices.Sort(years)
	out := make([]thelist.AlumniPeriod, 0, len(years))
	for _, y := range years {
		p := thelist.AlumniPeriod{Year: y, Count: len(byYear[y]), Destinations: destinations(byYear[y])}
		for _, a := range byYear[y] {
			if a.Next == nil {
				p.Unknown++
			}
		}
		out = append(out, p)
	}
	return out
}

func sortPeople(people []thelist.Person) {
	slices.SortFunc(people, func(x, y thelist.Person) int {
		return cmp.Or(cmp.Compare(x.Name, y.Name), cmp.Compare(x.ID, y.ID))
	})
}

// movedTogether reports whether two next jobs began within about twelve
// months of each other: the later one starts before twelve months have
// passed since the end of the earlier one's period, so "2021" and
// "2022-03" are together and "2021-10" and "2024-02" are not.
func movedTogether(x, y *thelist.AlumnusNext) bool {
	if x.Lab.ID != y.Lab.ID {
		return false
	}
	if y.Date.Time.Before(x.Date.Time) {
		x, y = y, x
	}
	return y.Date.Time.Before(x.Date.PeriodEnd().AddDate(1, 0, 0))
}

// louvainSeed fixes the random order in which Louvain visits nodes, so the
// same graph always gives the same clusters.
const louvainSeed = 20250731

// clusters finds groups of alumni by Louvain community detection on the
// graph whose nodes are the alumni with a known next lab and whose edges
// join two of them who worked together (overlapping stints at a lab) or
// wrote a paper together, and who moved to the same lab within about a
// year. An edge weighs the years of overlap plus the papers shared. Only
// groups of two or more are returned, largest first.
func clusters(alumni []thelist.Alumnus, pairs []alumniPair, labs map[string]*thelist.Lab) []thelist.AlumniCluster {
	byID := map[string]thelist.Alumnus{}
	for _, a := range alumni {
		byID[a.Person.ID] = a
	}
	// Node ids follow the order of person ids, so that the graph, and with
	// the fixed seed the communities, do not depend on map order.
	var ids []string
	type edge struct {
		a, b   string
		weight float64
		pair   alumniPair
	}
	var edges []edge
	for _, pr := range pairs {
		x, y := byID[pr.a], byID[pr.b]
		if x.Next == nil || y.Next == nil || !movedTogether(x.Next, y.Next) {
			continue
		}
		w := pr.years + float64(len(pr.papers))
		if w <= 0 {
			continue
		}
		edges = append(edges, edge{pr.a, pr.b, w, pr})
		ids = append(ids, pr.a, pr.b)
	}
	if len(edges) == 0 {
		return []thelist.AlumniCluster{}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	index := make(map[string]int64, len(ids))
	g := simple.NewWeightedUndirectedGraph(0, 0)
	for i, id := range ids {
		index[id] = int64(i)
		g.AddNode(simple.Node(i))
	}
	for _, e := range edges {
		g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(index[e.a]), simple.Node(index[e.b]), e.weight))
	}
	reduced := community.Modularize(g, 1, rand.NewPCG(louvainSeed, louvainSeed))
	var out []thelist.AlumniCluster
	for _, comm := range reduced.Communities() {
		if len(comm) < 2 {
			continue
		}
		members := map[string]bool{}
		var cl thelist.AlumniCluster
		var memberAlumni []thelist.Alumnus
		for _, n := range comm {
			id := ids[n.ID()]
			members[id] = true
			cl.Members = append(cl.Members, byID[id].Person)
			memberAlumni = append(memberAlumni, byID[id])
		}
		sortPeople(cl.Members)
		sharedLabs, sharedPapers := map[string]bool{}, map[string]thelist.Paper{}
		for _, e := range edges {
			if !members[e.a] || !members[e.b] {
				continue
			}
			cl.Weight += e.weight
			for _, l := range e.pair.labs {
				sharedLabs[l] = true
			}
			for _, p := range e.pair.papers {
				sharedPapers[p.ID] = p
			}
		}
		for id := range sharedLabs {
			cl.SharedLabs = append(cl.SharedLabs, labOr(labs, id))
		}
		slices.SortFunc(cl.SharedLabs, func(x, y *thelist.Lab) int {
			return cmp.Or(cmp.Compare(x.Name, y.Name), cmp.Compare(x.ID, y.ID))
		})
		for _, p := range sharedPapers {
			cl.SharedPapers = append(cl.SharedPapers, p)
		}
		slices.SortFunc(cl.SharedPapers, func(x, y thelist.Paper) int {
			return cmp.Or(cmp.Compare(x.Year, y.Year), cmp.Compare(x.Title, y.Title), cmp.Compare(x.ID, y.ID))
		})
		cl.Destinations = destinations(memberAlumni)
		out = append(out, cl)
	}
	// Largest first; the weight grows with today's date for stints that go
	// on, so ties are broken by the members' ids rather than by weight.
	slices.SortFunc(out, func(x, y thelist.AlumniCluster) int {
		return cmp.Or(cmp.Compare(len(y.Members), len(x.Members)), cmp.Compare(firstID(x.Members), firstID(y.Members)))
	})
	return out
}

func firstID(people []thelist.Person) string {
	ids := make([]string, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	slices.Sort(ids)
	return ids[0]
}

// decodePaperRef reads a paper projected with its id, title, year, venue
// and breakthrough flag, as the network questions name papers.
func decodePaperRef(m map[string]any) (thelist.Paper, error) {
	p := thelist.Paper{ID: str(m, "id"), Title: str(m, "title"), Venue: str(m, "venue"),
		Breakthrough: boolean(m, "breakthrough"), Year: intOf(m, "year"), Sources: []thelist.Source{}}
	if p.ID == "" {
		return p, fmt.Errorf("paper: no id")
	}
	return p, nil
}
