package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/cluster"
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
	` + alumnusSteps("lab, family, who", "$asOf",
	`($since IS NULL OR exit.date >= $since) AND ($until IS NULL OR exit.date < $until)`) + `
	RETURN collect({person: who.id, left: exit.date, leftPrecision: exit.precision, leftBy: exit.by,
		stint: CASE WHEN stint IS NULL THEN null ELSE stint { ` + stintProps + `,
			labId: endNode(stint).id, sources: ` + fmt.Sprintf(sourcesOf, "stint") + ` } END,
		next: CASE WHEN next IS NULL THEN null ELSE next { .*, sources: ` + fmt.Sprintf(sourcesOf, "next") + ` } END}) AS rows
}
WITH lab, rows, [x IN rows | x.person] AS ids
` + alumniTies + `
WITH lab, rows, ids, labStints, papers,
	[lab.id] + [x IN rows WHERE x.next IS NOT NULL | x.next.labId] + [x IN labStints | x.labId] AS labIds
RETURN lab.id AS labId, rows, labStints, papers, ` + peopleOf("ids") + ` AS people, ` + labsByID("labIds") + ` AS labs`

// The ties between alumni are left to Go (cluster.Ties): every two alumni who
// overlapped at a big lab are millions of pairs, which ran out of Neo4j's
// transaction memory. What Go needs is returned once per stint and paper:
// for each lab where two or more alumni worked, their stints there, their
// ends closed at $horizon; for each paper two or more of them wrote, its
// authors among them.
var alumniTies = `
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
}`

// LabAlumni returns the people who left a lab (and, when asked, the labs
// that are part of it) in a window, where they went next, by destination
// and by year, and the clusters of alumni who worked or wrote together and
// moved to the same lab within about a year; the alumni themselves one
// keyset page at a time, latest departure first.
//
// Today's history is read from the departures kept at write time
// (keptAlumni), whose cost grows with the page and the caps, not with the
// lab. A past day (AsOf) is worked out from the stints and moves as they
// were then (alumniQuery), whose cost grows with the lab's history: a lab
// with more than maxLiveAlumniJobs jobs answers TOO_BROAD then.
func (db *DB) LabAlumni(ctx context.Context, q thelist.AlumniQuery) (thelist.LabAlumni, error) {
	if !q.Since.IsZero() && !q.Until.IsZero() && !q.Since.Time.Before(q.Until.Time) {
		return thelist.LabAlumni{}, thelist.Errorf(thelist.EINVALID, "since: must be before until")
	}
	first := q.First
	if first == 0 {
		first = thelist.DefaultAlumniPage
	}
	if first < 1 || first > thelist.MaxPageSize {
		return thelist.LabAlumni{}, thelist.Errorf(thelist.EINVALID, "first: must be between 1 and %d", thelist.MaxPageSize)
	}
	if q.AsOf.IsZero() {
		return db.keptAlumni(ctx, q, first, q.After)
	}
	var afterLeft time.Time
	var afterID string
	if q.After != "" {
		var err error
		if afterLeft, afterID, err = decodeAlumniCursor(q.After); err != nil {
			return thelist.LabAlumni{}, err
		}
	}
	// The horizon closes the stints that have no end when overlaps are
	// measured: the day after asOf.
	horizon := q.AsOf.Time.AddDate(0, 0, 1)
	params := map[string]any{"lab": q.LabID, "children": q.IncludeChildren, "since": dateParam(q.Since),
		"until": dateParam(q.Until), "asOf": dateParam(q.AsOf), "horizon": neo4j.DateOf(horizon), "full": q.FullPeople,
		"maxJobs": maxLiveAlumniJobs}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.LabAlumni, error) {
		size, err := firstRow(ctx, tx, liveAlumniSize, params, thelist.Errorf(thelist.ENOTFOUND, "no lab with id %q", q.LabID))
		if err != nil {
			return thelist.LabAlumni{}, err
		}
		if intOf(size, "jobs") > maxLiveAlumniJobs {
			return thelist.LabAlumni{}, thelist.Errorf(thelist.ETOOBROAD,
				"the alumni of %q as of a past day would be worked out from more than %d jobs: ask without asOf "+
					"(today's alumni, with since and until for a window of departures)", q.LabID, maxLiveAlumniJobs)
		}
		m, err := firstRow(ctx, tx, alumniQuery, params, thelist.Errorf(thelist.ENOTFOUND, "no lab with id %q", q.LabID))
		if err != nil {
			return thelist.LabAlumni{}, err
		}
		out, err := decodeAlumni(m)
		if err != nil {
			return out, err
		}
		// The page, after the whole answer is counted and clustered.
		out.Count = len(out.Alumni)
		if q.After != "" {
			i := 0
			for i < len(out.Alumni) && alumniBefore(out.Alumni[i], afterLeft, afterID) {
				i++
			}
			out.Alumni = out.Alumni[i:]
		}
		if len(out.Alumni) > first {
			out.Alumni, out.HasMore = out.Alumni[:first], true
		}
		if len(out.Alumni) > 0 {
			out.EndCursor = encodeAlumniCursor(out.Alumni[len(out.Alumni)-1])
		}
		return out, nil
	})
}

// maxLiveAlumniJobs bounds the jobs (of the lab and, when asked, its
// parts) from which alumni as of a past day are worked out at request
// time. 20,000 jobs took about a second at 100k generated people.
const maxLiveAlumniJobs = 20000

// liveAlumniSize counts the jobs of a lab family from the labs' degrees,
// which Neo4j keeps, without reading a relationship.
var liveAlumniSize = `
	MATCH (lab:Lab {id: $lab})
	WITH ` + labFamily("lab", "$children") + ` AS family
	UNWIND family AS id
	MATCH (l:Lab {id: id})
	RETURN sum(COUNT { (l)<-[:WORKED_AT]-() }) AS jobs`

// alumniBefore says whether a comes before the cursor (left, id) in the
// alumni's order: latest departure first, then by person id.
func alumniBefore(a thelist.Alumnus, left time.Time, id string) bool {
	if c := a.Left.Time.Compare(left); c != 0 {
		return c > 0
	}
	return a.Person.ID <= id
}

// decodeAlumni reads alumniQuery's answer: every alumnus, with
// destinations, periods and clusters.
func decodeAlumni(m map[string]any) (thelist.LabAlumni, error) {
	people, labs, err := decodePeopleAndLabs(m)
	if err != nil {
		return thelist.LabAlumni{}, fmt.Errorf("alumni: %w", err)
	}
	lab := labs[str(m, "labId")]
	if lab == nil {
		return thelist.LabAlumni{}, fmt.Errorf("alumni: lab %s was not read", str(m, "labId"))
	}
	out := thelist.LabAlumni{Lab: *lab}
	if out.Alumni, err = decodeAlumniRows(m["rows"], people, labs); err != nil {
		return out, err
	}
	labOf := func(id string) *thelist.Lab { return labOr(labs, id) }
	out.Destinations = cluster.Destinations(out.Alumni)
	out.Periods = cluster.Periods(out.Alumni)
	out.Clusters, err = clustersOf(m, out.Alumni, labOf)
	return out, err
}

// decodeAlumniRows reads alumni rows (person, left, leftBy, stint, next),
// latest departure first, then by person id.
func decodeAlumniRows(v any, people map[string]thelist.Person, labs map[string]*thelist.Lab) ([]thelist.Alumnus, error) {
	var out []thelist.Alumnus
	var err error
	for _, row := range maps(v) {
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
		out = append(out, a)
	}
	slices.SortFunc(out, func(x, y thelist.Alumnus) int {
		return cmp.Or(y.Left.Time.Compare(x.Left.Time), cmp.Compare(x.Person.ID, y.Person.ID))
	})
	return out, nil
}

// clustersOf finds the clusters among alumni from the labStints and papers
// that alumniTies read for them.
func clustersOf(m map[string]any, alumni []thelist.Alumnus, lab func(id string) *thelist.Lab) ([]thelist.AlumniCluster, error) {
	labSpans := map[string][]cluster.Span{}
	for _, lm := range maps(m["labStints"]) {
		labID := str(lm, "labId")
		for _, sm := range maps(lm["stints"]) {
			sp := cluster.Span{Person: str(sm, "person")}
			start, err := dateOf(sm, "start")
			if err != nil {
				return nil, fmt.Errorf("alumni stint of %s at %s: %w", sp.Person, labID, err)
			}
			end, err := dateOf(sm, "end")
			if err != nil {
				return nil, fmt.Errorf("alumni stint of %s at %s: %w", sp.Person, labID, err)
			}
			sp.Start, sp.End = start.Time, end.Time
			labSpans[labID] = append(labSpans[labID], sp)
		}
	}
	var papers []cluster.SharedPaper
	for _, pm := range maps(m["papers"]) {
		p, err := decodePaperRef(pm)
		if err != nil {
			return nil, fmt.Errorf("alumni papers: %w", err)
		}
		papers = append(papers, cluster.SharedPaper{Paper: p, Authors: strs(pm, "authors")})
	}
	return cluster.Clusters(alumni, cluster.Ties(alumni, labSpans, papers), lab), nil
}

// decodeStintMap reads a stint projected with its lab's id, the lab taken
// from the query's dictionary.
func decodeStintMap(sm map[string]any, personID string, labs map[string]*thelist.Lab) (thelist.Stint, error) {
	s, err := decodeStint(sm, personID)
	s.LabID = str(sm, "labId")
	s.Lab = labOr(labs, s.LabID)
	return s, err
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
