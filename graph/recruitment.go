package graph

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// recruitedProjection is a RECRUITED relationship x as a map, with its ends'
// ids and its sources.
var recruitedProjection = `x { .id, .date, .datePrecision, .inferred, .confidence, .note, .toLabId,
	recruiterId: startNode(x).id, recruitId: endNode(x).id,
	sources: COLLECT { MATCH (s:Source) WHERE s.id IN x.sources RETURN s { .* } ORDER BY s.id } }`

// chainOrder is a Cypher predicate that the relationships in the list rs
// are in date order: no hop is known to come before the one it follows.
// A hop counts as on or after the previous one unless its whole reported
// period ends before the previous hop's first day ("2023" follows
// "2023-06"); an undated hop cannot be out of order.
var chainOrder = `all(i IN range(0, size(rs) - 2) WHERE rs[i].date IS NULL OR rs[i + 1].date IS NULL OR ` +
	periodEnd("rs[i + 1]", "date") + ` > rs[i].date)`

// personRecruitmentQuery reads a person's recruitment chains, up and down,
// in one statement. The variable-length pattern is bounded by the cap on
// depth (MaxRecruitmentDepth, 6) and cut to $depth by a predicate, so no
// user value is formatted into the query. Every path is returned; Go keeps
// the maximal ones.
var personRecruitmentQuery = `
	MATCH (me:Person {id: $person})
	CALL (me) {
		MATCH ()-[rs:RECRUITED*1..6]->(me)
		WHERE size(rs) <= $depth AND all(x IN rs WHERE ` + inWindow("x", "date") + `) AND ` + chainOrder + `
		RETURN collect([x IN rs | x.id]) AS up
	}
	CALL (me) {
		MATCH (me)-[rs:RECRUITED*1..6]->()
		WHERE size(rs) <= $depth AND all(x IN rs WHERE ` + inWindow("x", "date") + `) AND ` + chainOrder + `
		RETURN collect([x IN rs | x.id]) AS down
	}
	WITH me.id AS meId, up, down, reduce(acc = [], c IN up + down | acc + c) AS edgeIds
	WITH meId, up, down,
		COLLECT { MATCH ()-[x:RECRUITED]->() WHERE x.id IN edgeIds RETURN ` + recruitedProjection + ` } AS edges
	WITH meId, up, down, edges,
		[meId] + [e IN edges | e.recruiterId] + [e IN edges | e.recruitId] AS personIds,
		[e IN edges WHERE e.toLabId IS NOT NULL | e.toLabId] AS labIds
	RETURN up, down, edges, meId, ` + peopleOf("personIds") + ` AS people, ` + labsByID("labIds") + ` AS labs`

// labRecruitmentQuery reads the top recruiters of a lab (and the labs that
// are part of it) in a window, with their recruitments, in one statement.
var labRecruitmentQuery = `
	MATCH (lab:Lab {id: $lab})
	WITH lab, ` + labFamily("lab", "$children") + ` AS family
	CALL (family) {
		MATCH (a:Person)-[x:RECRUITED]->(b:Person)
		WHERE x.toLabId IN family AND ` + inWindow("x", "date") + `
		WITH a, x, b ORDER BY x.date, x.id
		WITH a, count(DISTINCT b) AS n, collect(x.id) AS ids,
			sum(CASE WHEN x.inferred THEN 0 ELSE 1 END) AS reported, sum(CASE WHEN x.inferred THEN 1 ELSE 0 END) AS inferred
		ORDER BY n DESC, a.name, a.id
		LIMIT $first
		RETURN collect({recruiterId: a.id, count: n, edgeIds: ids, reported: reported, inferred: inferred}) AS top
	}
	WITH lab.id AS labId, top, reduce(acc = [], t IN top | acc + t.edgeIds) AS edgeIds
	WITH labId, top,
		COLLECT { MATCH ()-[x:RECRUITED]->() WHERE x.id IN edgeIds RETURN ` + recruitedProjection + ` } AS edges
	WITH labId, top, edges,
		[e IN edges | e.recruiterId] + [e IN edges | e.recruitId] AS personIds,
		[labId] + [e IN edges WHERE e.toLabId IS NOT NULL | e.toLabId] AS labIds
	RETURN top, edges, labId, ` + peopleOf("personIds") + ` AS people, ` + labsByID("labIds") + ` AS labs`

// Recruitment answers who recruited a person and whom they recruited, with
// the chains up and down in date order, or who the top recruiters of a lab
// were, in one round trip.
func (db *DB) Recruitment(ctx context.Context, q thelist.RecruitmentQuery) (thelist.RecruitmentNetwork, error) {
	if (q.PersonID == "") == (q.LabID == "") {
		return thelist.RecruitmentNetwork{}, thelist.Errorf(thelist.EINVALID, "give exactly one of personId and lab")
	}
	if q.Depth < 1 || q.Depth > thelist.MaxRecruitmentDepth {
		return thelist.RecruitmentNetwork{}, thelist.Errorf(thelist.EINVALID, "depth: must be between 1 and %d", thelist.MaxRecruitmentDepth)
	}
	if q.LabID != "" && (q.First < 1 || q.First > thelist.MaxPageSize) {
		return thelist.RecruitmentNetwork{}, thelist.Errorf(thelist.EINVALID, "first: must be between 1 and %d", thelist.MaxPageSize)
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && !q.Since.Time.Before(q.Until.Time) {
		return thelist.RecruitmentNetwork{}, thelist.Errorf(thelist.EINVALID, "since: must be before until")
	}
	params := map[string]any{
		"person": q.PersonID, "lab": q.LabID, "children": q.IncludeChildren, "depth": q.Depth, "first": q.First,
		"since": dateParam(q.Since), "until": dateParam(q.Until), "asOf": dateParam(q.AsOf), "full": q.FullPeople,
	}
	query := personRecruitmentQuery
	notFound := thelist.Errorf(thelist.ENOTFOUND, "no person with id %q", q.PersonID)
	if q.LabID != "" {
		query = labRecruitmentQuery
		notFound = thelist.Errorf(thelist.ENOTFOUND, "no lab with id %q", q.LabID)
	}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.RecruitmentNetwork, error) {
		var out thelist.RecruitmentNetwork
		m, err := firstRow(ctx, tx, query, params, notFound)
		if err != nil {
			return out, err
		}
		people, labs, err := decodePeopleAndLabs(m)
		if err != nil {
			return out, err
		}
		edges := map[string]thelist.RecruitmentEdge{}
		for _, em := range maps(m["edges"]) {
			e, err := decodeRecruitmentEdge(em, people, labs)
			if err != nil {
				return out, err
			}
			edges[e.ID] = e
		}
		if q.LabID != "" {
			out.Lab = labs[str(m, "labId")]
			for _, t := range maps(m["top"]) {
				r := thelist.Recruiter{Person: personOr(people, str(t, "recruiterId")), Count: intOf(t, "count"),
					Reported: intOf(t, "reported"), Inferred: intOf(t, "inferred"), Recruits: []thelist.RecruitmentEdge{}}
				for _, id := range strs(t, "edgeIds") {
					r.Recruits = append(r.Recruits, edges[id])
				}
				out.Recruiters = append(out.Recruiters, r)
			}
			return out, nil
		}
		me := personOr(people, str(m, "meId"))
		out.Person = &me
		out.AssembleChains(idPaths(m["up"]), idPaths(m["down"]), edges)
		return out, nil
	})
}

func decodeRecruitmentEdge(m map[string]any, people map[string]thelist.Person, labs map[string]*thelist.Lab) (thelist.RecruitmentEdge, error) {
	e := thelist.RecruitmentEdge{Recruiter: personOr(people, str(m, "recruiterId")),
		Recruit: personOr(people, str(m, "recruitId")), Inferred: boolean(m, "inferred"), ToLab: labs[str(m, "toLabId")]}
	err := decodeDeclared(thelist.RecruitmentFields, m, &e)
	return e, err
}

// idPaths reads the lists of relationship ids that the query returns.
func idPaths(v any) [][]string {
	list, _ := v.([]any) // null is no path
	out := make([][]string, 0, len(list))
	for _, item := range list {
		ids, _ := item.([]any)
		path := make([]string, 0, len(ids))
		for _, id := range ids {
			if s, ok := id.(string); ok {
				path = append(path, s)
			}
		}
		if len(path) > 0 {
			out = append(out, path)
		}
	}
	return out
}
