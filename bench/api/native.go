package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// The reads that @neo4j/graphql answers with its own translation, from its
// type definitions (neo4j-graphql/server.mjs) and its generated filters,
// as a user of it would write them: the person page, the credential filter
// and the recruitment chains. BENCHMARKS.md says what each can and cannot
// express of ours.

// ngPersonQuery is the person page: stints and degrees are relationships
// with properties, read through connections; sources are @cypher fields
// (the graph stores a record's sources as a list of ids).
const ngPersonQuery = `query GetPerson($id: ID!) {
  people(where: { id: { eq: $id } }) {
    id name nativeName
    sources { id publisher title date url note }
    stintsConnection(sort: [{ edge: { start: ASC } }]) {
      edges { properties { id role start end confidence note sources } node { id name kind country } }
    }
    degreesConnection(sort: [{ edge: { start: ASC } }]) {
      edges { properties { id degree field start end completed sources } node { id name kind country } }
    }
    recordSources { id publisher title date url note }
  }
}`

// ngCredentialsQuery is the credential filter: the filter is a PersonWhere
// built by credentialWhere, the page a connection sorted by name then id
// (our order, NAME, and its tie-break) with its totalCount, and each
// credential's evidence the same relationships filtered, sorted and capped
// as ours (graph.candidateEvidence). The citations are an aggregate; the
// tenure, which ours computes on the server, the client can compute from
// the stints' dates, which the page reads anyway; the "matched" sentences
// are the client's to write.
const ngCredentialsQuery = `query Candidates($where: PersonWhere!, $aiPhd: PersonDegreesConnectionWhere!,
    $topLab: PersonStintsConnectionWhere!, $breakthrough: PaperWhere!) {
  peopleConnection(where: $where, sort: [{ name: ASC }, { id: ASC }], first: 20) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id name nativeName
        stintsConnection { edges { properties { id start startPrecision end endPrecision } node { id name } } }
        papersConnection { aggregate { node { citations { sum } } } }
        aiPhd: degreesConnection(where: $aiPhd, sort: [{ edge: { end: ASC } }, { edge: { id: ASC } }], first: 10) {
          edges { properties { id degree field end } node { id name } }
        }
        topLab: stintsConnection(where: $topLab, sort: [{ edge: { start: ASC } }, { edge: { id: ASC } }], first: 10) {
          edges { properties { id role start end } node { id name } }
        }
        breakthrough: papers(where: $breakthrough, sort: [{ breakthrough: DESC }, { citations: DESC }, { id: ASC }], limit: 10) {
          id title year citations breakthrough
        }
      }
    }
  }
}`

// ngRecruitmentQuery is the recruitment chains, three hops up and down, as
// nested selections of the RECRUITED relationship. Its filters compare a
// property with a value, not with the previous hop's, so our date-order
// rule (each hop on or after the one before) is applied by the client, as
// a user of @neo4j/graphql would have to: see recruitmentChainEdges.
var ngRecruitmentQuery = `query Recruitment($id: ID!) {
  people(where: { id: { eq: $id } }) {
    id name
    ` + nestedHops("recruitedByConnection", 3) + `
    ` + nestedHops("recruitedConnection", 3) + `
  }
}`

// nestedHops selects field (a RECRUITED connection) and, from each person
// it reaches, the same field again, depth levels in all.
func nestedHops(field string, depth int) string {
	inner := ""
	if depth > 1 {
		inner = " " + nestedHops(field, depth-1)
	}
	return field + ` { edges { properties { id date datePrecision confidence toLabId } node { id name` + inner + ` } } }`
}

// labPartDepth is how deep labs nest in the benchmark's graph (a lab part of
// a lab part of a lab part of a lab: PART_OF paths of at most 3; bench-api
// checks it). Our rules count a lab's parts at any depth (PART_OF*0..);
// @neo4j/graphql's filters follow a relationship a fixed number of times,
// so the filter nests PART_OF that deep.
const labPartDepth = 3

// labOrPartOf is a LabWhere for a lab that matches cond or is part, at any
// depth up to labPartDepth, of one that does.
func labOrPartOf(cond map[string]any) map[string]any {
	or := []any{cond}
	c := cond
	for range labPartDepth {
		c = map[string]any{"partOf": map[string]any{"some": c}}
		or = append(or, c)
	}
	return map[string]any{"OR": or}
}

// credentialFilters are the three credentials of thelist.CredentialRules
// (with no asOf: every record counts) as @neo4j/graphql filters: on a
// degree's properties, on a stint's lab, on a paper.
type credentialFilters struct {
	aiPhdEdge    map[string]any // DegreeWhere of a degree that is an AI PhD
	topLabNode   map[string]any // LabWhere of a top lab or part of one
	breakthrough map[string]any // PaperWhere of a breakthrough paper
}

// newCredentialFilters builds the filters. aiFields are the PhD fields in the
// graph that are AI fields: @neo4j/graphql's string filters cannot
// normalise a field and match whole words, so the rule
// (thelist.CredentialRules.IsAIField) is applied to the graph's distinct
// PhD fields once, as ours does at the start of its statement
// (graph.candidateAIFieldValues), and the filter asks for a field in that list.
func newCredentialFilters(rules thelist.CredentialRules, aiFields []string) credentialFilters {
	return credentialFilters{
		aiPhdEdge: map[string]any{"degree": map[string]any{"eq": "phd"}, "completed": map[string]any{"eq": true},
			"field": map[string]any{"in": aiFields}},
		topLabNode: labOrPartOf(map[string]any{"topLab": map[string]any{"eq": true}}),
		breakthrough: map[string]any{"OR": []any{
			map[string]any{"breakthrough": map[string]any{"eq": true}},
			map[string]any{"citations": map[string]any{"gte": rules.CitationBar}},
		}},
	}
}

// credentialVars are the variables of ngCredentialsQuery for
// people(where: {atLeast, workedAt: [lab]}): worked at the lab (or a part
// of it), and at least atLeast of the three credentials, which is an OR of
// the ANDs of every atLeast of them.
func (c credentialFilters) vars(lab string, atLeast int) map[string]any {
	creds := []map[string]any{
		{"degreesConnection": map[string]any{"some": map[string]any{"edge": c.aiPhdEdge}}},
		{"stints": map[string]any{"some": c.topLabNode}},
		{"papers": map[string]any{"some": c.breakthrough}},
	}
	var anyOf []any
	for _, combo := range combinations(len(creds), atLeast) {
		var all []any
		for _, i := range combo {
			all = append(all, creds[i])
		}
		anyOf = append(anyOf, map[string]any{"AND": all})
	}
	where := map[string]any{"AND": []any{
		map[string]any{"stints": map[string]any{"some": labOrPartOf(map[string]any{"id": map[string]any{"eq": lab}})}},
		map[string]any{"OR": anyOf},
	}}
	return map[string]any{"where": where, "aiPhd": map[string]any{"edge": c.aiPhdEdge},
		"topLab": map[string]any{"node": c.topLabNode}, "breakthrough": c.breakthrough}
}

// combinations returns every k-subset of 0..n-1, in order.
func combinations(n, k int) [][]int {
	if k == 0 {
		return [][]int{nil}
	}
	var out [][]int
	for i := n - 1; i >= k-1; i-- {
		for _, c := range combinations(i, k-1) {
			out = append(out, append(slices.Clone(c), i))
		}
	}
	slices.SortFunc(out, slices.Compare)
	return out
}

// aiPhDFields lists the distinct fields of the graph's PhDs that are AI
// fields under rules.
func aiPhDFields(ctx context.Context, driver neo4j.DriverWithContext, rules thelist.CredentialRules) ([]string, error) {
	res, err := neo4j.ExecuteQuery(ctx, driver, `MATCH ()-[r:STUDIED_AT]->() WHERE r.degree = 'phd' AND r.field IS NOT NULL
		RETURN DISTINCT r.field ORDER BY r.field`, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range res.Records {
		if f, _ := r.Values[0].(string); rules.IsAIField(f) {
			out = append(out, f)
		}
	}
	return out, nil
}

// checkLabPartDepth fails when the graph nests labs deeper than the
// credential filter follows.
func checkLabPartDepth(ctx context.Context, driver neo4j.DriverWithContext) error {
	res, err := neo4j.ExecuteQuery(ctx, driver, `RETURN EXISTS { (:Lab)-[:PART_OF*`+fmt.Sprint(labPartDepth+1)+`]->(:Lab) } AS deeper`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return err
	}
	if deeper, _ := res.Records[0].Values[0].(bool); deeper {
		return fmt.Errorf("the graph nests labs deeper than %d levels, which the @neo4j/graphql filter follows", labPartDepth)
	}
	return nil
}

// Digests of @neo4j/graphql's own answers, to compare with digestOurs.

func digestNg(q string, data map[string]any) string {
	switch q {
	case "person":
		people := list(data["people"])
		if len(people) != 1 {
			return fmt.Sprintf("people=%d", len(people))
		}
		p := obj(people[0])
		return fmt.Sprintf("stints=%d degrees=%d", size(obj(p["stintsConnection"])["edges"]), size(obj(p["degreesConnection"])["edges"]))
	case "credentials":
		pg := obj(data["peopleConnection"])
		var rows []string
		for _, e := range list(pg["edges"]) {
			n := obj(obj(e)["node"])
			citations := num(obj(obj(obj(obj(obj(n["papersConnection"])["aggregate"])["node"])["citations"]))["sum"])
			rows = append(rows, candidateDigest(fmt.Sprint(n["id"]), size(obj(n["aiPhd"])["edges"]),
				size(obj(n["topLab"])["edges"]), size(n["breakthrough"]), max(citations, 0)))
		}
		return fmt.Sprintf("total=%d rows=%s", num(pg["totalCount"]), strings.Join(rows, ","))
	case "recruitment":
		people := list(data["people"])
		if len(people) != 1 {
			return fmt.Sprintf("people=%d", len(people))
		}
		p := obj(people[0])
		ids := recruitmentChainEdges(p, "recruitedByConnection", true)
		ids = append(ids, recruitmentChainEdges(p, "recruitedConnection", false)...)
		return edgesDigest(ids)
	}
	return "?"
}

// candidateDigest is one row of a credential page: the person, how many
// records are evidence of each credential (capped at 10 on every side) and
// the sum of their papers' citations.
func candidateDigest(id string, degrees, stints, papers int, citations int64) string {
	return fmt.Sprintf("%s[%d/%d/%d c%d]", id, degrees, stints, papers, citations)
}

// edgesDigest is a recruitment answer: its distinct RECRUITED ids.
func edgesDigest(ids []string) string {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	return fmt.Sprintf("edges=%d ids=%s", len(ids), strings.Join(ids, ","))
}

// recruitmentChainEdges walks the nested RECRUITED selection under field
// of person p and returns the ids of the hops on chains in date order, the
// rule of graph.chainOrder, which @neo4j/graphql's filters cannot state (a
// hop's filter compares it with values, not with the hop next to it). In a
// chain, each hop must not be known to come before the one before it in
// time: up the chain (up: a hop's recruiter was recruited by the next hop)
// the next hop further from p came earlier, down the chain it came later.
// A chain does not use a relationship twice, as a Cypher path does not.
func recruitmentChainEdges(p map[string]any, field string, up bool) []string {
	var out []string
	var walk func(n map[string]any, prev map[string]any, onPath []string)
	walk = func(n map[string]any, prev map[string]any, onPath []string) {
		for _, e := range list(obj(n[field])["edges"]) {
			hop := obj(obj(e)["properties"])
			id := fmt.Sprint(hop["id"])
			if slices.Contains(onPath, id) {
				continue
			}
			if prev != nil {
				earlier, later := hop, prev // up: the further hop came first
				if !up {
					earlier, later = prev, hop
				}
				if !inDateOrder(earlier, later) {
					continue
				}
			}
			out = append(out, id)
			walk(obj(obj(e)["node"]), hop, append(slices.Clone(onPath), id))
		}
	}
	walk(p, nil, nil)
	return out
}

// inDateOrder says whether the hop later may follow the hop earlier: one
// of them is undated, or later's reported period (a day, month or year, by
// datePrecision) ends after earlier's date.
func inDateOrder(earlier, later map[string]any) bool {
	e, err := time.Parse(time.DateOnly, fmt.Sprint(earlier["date"]))
	if err != nil { // no date
		return true
	}
	l, err := time.Parse(time.DateOnly, fmt.Sprint(later["date"]))
	if err != nil {
		return true
	}
	switch later["datePrecision"] {
	case "year":
		l = l.AddDate(1, 0, 0)
	case "month":
		l = l.AddDate(0, 1, 0)
	default:
		l = l.AddDate(0, 0, 1)
	}
	return l.After(e)
}
