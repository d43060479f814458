// Package cluster groups the alumni of a lab, which graph.LabAlumni reads:
// by the lab they went to next, by the year they left, and into clusters of
// alumni who worked or wrote together and moved to the same lab within
// about a year (Louvain community detection over their ties). It is domain
// code over values and needs no database.
package cluster

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"time"

	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/thelist/thelist"
)

// Tie is the tie between two alumni: the days their stints at the
// same labs overlapped, those labs, and the papers they wrote together.
type Tie struct {
	A, B   string  // person ids, A < B
	Years  float64 // overlap of their stints at the same labs
	Labs   []string
	Papers []thelist.Paper
}

// Span is one alumnus's stint at a lab, its end closed at the horizon.
type Span struct {
	Person     string
	Start, End time.Time
}

// Ties returns the ties between the alumni who moved to the same lab
// within about a year (movedTogether), the only pairs Clusters uses, so that
// the work grows with those groups rather than with every two alumni of a
// big lab. Two alumni are tied when their stints at a lab overlapped (the
// days are summed over every two such stints) or they wrote a paper
// together. The pairs come ordered by their ids.
func Ties(alumni []thelist.Alumnus, labSpans map[string][]Span, papers []SharedPaper) []Tie {
	// Each alumnus's stints by lab, and papers, for the pairs to look up.
	spans := map[string]map[string][]Span{}
	for labID, ss := range labSpans {
		for _, sp := range ss {
			if spans[sp.Person] == nil {
				spans[sp.Person] = map[string][]Span{}
			}
			spans[sp.Person][labID] = append(spans[sp.Person][labID], sp)
		}
	}
	wrote := map[string][]int{}
	for i, p := range papers {
		for _, a := range p.Authors {
			wrote[a] = append(wrote[a], i)
		}
	}
	byNext := map[string][]thelist.Alumnus{}
	for _, a := range alumni {
		if a.Next != nil {
			byNext[a.Next.Lab.ID] = append(byNext[a.Next.Lab.ID], a)
		}
	}
	var pairs []Tie
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
				pr := Tie{A: a, B: b}
				var days int
				for labID, as := range spans[a] {
					shared := false
					for _, s1 := range as {
						for _, s2 := range spans[b][labID] {
							from, to := s1.Start, s1.End
							if s2.Start.After(from) {
								from = s2.Start
							}
							if s2.End.Before(to) {
								to = s2.End
							}
							if from.Before(to) {
								days += int(to.Sub(from).Hours() / 24)
								shared = true
							}
						}
					}
					if shared {
						pr.Labs = append(pr.Labs, labID)
					}
				}
				slices.Sort(pr.Labs)
				for _, i := range wrote[a] {
					if slices.Contains(papers[i].Authors, b) {
						pr.Papers = append(pr.Papers, papers[i].Paper)
					}
				}
				if days == 0 && len(pr.Papers) == 0 {
					continue
				}
				pr.Years = float64(days) / 365.25
				pairs = append(pairs, pr)
			}
		}
	}
	slices.SortFunc(pairs, func(x, y Tie) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
	return pairs
}

// SharedPaper is a paper two or more alumni wrote, with those authors.
type SharedPaper struct {
	thelist.Paper
	Authors []string
}

// Destinations counts alumni by the lab they went to next: most alumni
// first, then by lab name. Alumni whose next lab is unknown are left out.
func Destinations(alumni []thelist.Alumnus) []thelist.AlumniDestination {
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
	slices.SortFunc(out, mostFirst)
	return out
}

// Periods groups alumni by the year they left, oldest first.
func Periods(alumni []thelist.Alumnus) []thelist.AlumniPeriod {
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
		p := thelist.AlumniPeriod{Year: y, Count: len(byYear[y]), Destinations: Destinations(byYear[y])}
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

// movedTogether reports whether two next jobs are at the same lab and began
// within about twelve months of each other (thelist.MovedTogether).
func movedTogether(x, y *thelist.AlumnusNext) bool {
	return x.Lab.ID == y.Lab.ID && thelist.MovedTogether(x.Date, y.Date)
}

// louvainSeed fixes the random order in which Louvain visits nodes, so the
// same graph always gives the same clusters.
const louvainSeed = 20250731

// Clusters finds groups of alumni by Louvain community detection on the
// graph whose nodes are the alumni with a known next lab and whose edges
// join two of them who worked together (overlapping stints at a lab) or
// wrote a paper together, and who moved to the same lab within about a
// year. An edge weighs the years of overlap plus the papers shared. Only
// groups of two or more are returned, largest first. lab names a shared lab
// by its id.
func Clusters(alumni []thelist.Alumnus, pairs []Tie, lab func(id string) *thelist.Lab) []thelist.AlumniCluster {
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
		pair   Tie
	}
	var edges []edge
	for _, pr := range pairs {
		x, y := byID[pr.A], byID[pr.B]
		if x.Next == nil || y.Next == nil || !movedTogether(x.Next, y.Next) {
			continue
		}
		w := pr.Years + float64(len(pr.Papers))
		if w <= 0 {
			continue
		}
		edges = append(edges, edge{pr.A, pr.B, w, pr})
		ids = append(ids, pr.A, pr.B)
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
			for _, l := range e.pair.Labs {
				sharedLabs[l] = true
			}
			for _, p := range e.pair.Papers {
				sharedPapers[p.ID] = p
			}
		}
		for id := range sharedLabs {
			cl.SharedLabs = append(cl.SharedLabs, lab(id))
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
		cl.Destinations = Destinations(memberAlumni)
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

// The caps of an alumni answer read from counts (graph's kept departures).
// The alumni are counted exactly, in all and by year; the destinations
// listed, in all and under each year, are the TopDestinations with most
// alumni; the people behind them are read for at most PerDestination of
// each, the latest to leave first, and clusters are looked for among those
// people only. A big lab's alumni go to thousands of labs in hundreds of
// (lab, year) pairs; listing them all made a 2 MB answer at 100k people. Clusters are alumni who moved to
// the same lab within about a year, so each lies inside one destination,
// and a lab's latest alumni are the ones a reader asks about. The caps keep
// the work of Ties (pairs within a destination) under
// TopDestinations × PerDestination² / 2 whatever the lab's size.
const (
	TopDestinations = 20
	PerDestination  = 50
)

// Count is how many alumni left in Year for the lab with id Next ("" when
// the next lab is not known).
type Count struct {
	Next string
	Year int
	N    int
}

// Top returns the ids of the TopDestinations destinations with most alumni
// (ties by id), and whether a cap leaves alumni with a known destination
// out of them: a destination beyond the top, or one with more than
// PerDestination alumni.
func Top(counts []Count) (ids []string, capped bool) {
	byDest := map[string]int{}
	for _, c := range counts {
		if c.Next != "" {
			byDest[c.Next] += c.N
		}
	}
	for id := range byDest {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Or(cmp.Compare(byDest[b], byDest[a]), cmp.Compare(a, b)) })
	if len(ids) > TopDestinations {
		ids, capped = ids[:TopDestinations], true
	}
	for _, id := range ids {
		if byDest[id] > PerDestination {
			capped = true
		}
	}
	return ids, capped
}

// FromCounts is Destinations and Periods for alumni known by their counts,
// for the top destinations only (Top): each count is exact, and the people
// listed under a destination (by name) are those of sample that went
// there, all of them when the caps did not apply. lab names a destination
// by its id. capped says whether a cap left alumni out of the lists.
func FromCounts(counts []Count, sample []thelist.Alumnus, lab func(id string) *thelist.Lab) (
	dests []thelist.AlumniDestination, periods []thelist.AlumniPeriod, capped bool) {
	top, capped := Top(counts)
	listed := map[string]bool{}
	for _, id := range top {
		listed[id] = true
	}
	type key struct {
		dest string
		year int
	}
	const anyYear = -1 << 31
	people := map[key][]thelist.Person{}
	for _, a := range sample {
		if a.Next == nil {
			continue
		}
		for _, k := range []key{{a.Next.Lab.ID, a.Left.Time.Year()}, {a.Next.Lab.ID, anyYear}} {
			people[k] = append(people[k], a.Person)
		}
	}
	destination := func(k key, n int) thelist.AlumniDestination {
		ps := people[k]
		if ps == nil {
			ps = []thelist.Person{}
		}
		sortPeople(ps)
		return thelist.AlumniDestination{Lab: lab(k.dest), Count: n, People: ps}
	}
	byDest := map[string]int{}
	byYear := map[int]*thelist.AlumniPeriod{}
	for _, c := range counts {
		p := byYear[c.Year]
		if p == nil {
			p = &thelist.AlumniPeriod{Year: c.Year, Destinations: []thelist.AlumniDestination{}}
			byYear[c.Year] = p
		}
		p.Count += c.N
		if c.Next == "" {
			p.Unknown += c.N
			continue
		}
		if !listed[c.Next] {
			continue
		}
		byDest[c.Next] += c.N
		p.Destinations = append(p.Destinations, destination(key{c.Next, c.Year}, c.N))
	}
	dests = make([]thelist.AlumniDestination, 0, len(byDest))
	for id, n := range byDest {
		dests = append(dests, destination(key{id, anyYear}, n))
	}
	slices.SortFunc(dests, mostFirst)
	periods = make([]thelist.AlumniPeriod, 0, len(byYear))
	for _, p := range byYear {
		slices.SortFunc(p.Destinations, mostFirst)
		periods = append(periods, *p)
	}
	slices.SortFunc(periods, func(x, y thelist.AlumniPeriod) int { return cmp.Compare(x.Year, y.Year) })
	return dests, periods, capped
}

// mostFirst orders destinations most alumni first, then by lab name and id.
func mostFirst(x, y thelist.AlumniDestination) int {
	return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Lab.Name, y.Lab.Name), cmp.Compare(x.Lab.ID, y.Lab.ID))
}
