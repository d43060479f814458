package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// census is what a graph holds: entities by label or type, and for each
// label or type, property and value type, how many entities have it. Two
// loads of the same bundle must have equal censuses (save the importer's
// hash and its ImportRun log node, which the census leaves out).
type census struct {
	Nodes map[string]int64 // by label
	Rels  map[string]int64 // by type
	Props map[string]int64 // "Label.prop TYPE" or "[TYPE].prop TYPE"
}

func (c census) totalNodes() (n int64) {
	for _, v := range c.Nodes {
		n += v
	}
	return n
}

func (c census) totalRels() (n int64) {
	for _, v := range c.Rels {
		n += v
	}
	return n
}

// ignoredLabel and ignoredProp are what the importer writes besides the
// records: its log node and the change-detection hash.
const ignoredLabel, ignoredProp = "ImportRun", "hash"

func takeCensus(ctx context.Context, drv neo4j.DriverWithContext) (census, error) {
	c := census{Nodes: map[string]int64{}, Rels: map[string]int64{}, Props: map[string]int64{}}
	queries := []struct {
		cypher string
		into   func(key string, n int64)
	}{
		{`MATCH (n) WHERE NOT n:` + ignoredLabel + ` UNWIND labels(n) AS k RETURN k, count(*) AS n`,
			func(k string, n int64) { c.Nodes[k] = n }},
		{`MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS n`,
			func(k string, n int64) { c.Rels[k] = n }},
		{`MATCH (n) WHERE NOT n:` + ignoredLabel + ` UNWIND labels(n) AS l UNWIND keys(n) AS p
		  WITH l, p, valueType(n[p]) AS t WHERE p <> '` + ignoredProp + `'
		  RETURN l + '.' + p + ' ' + t AS k, count(*) AS n`,
			func(k string, n int64) { c.Props[k] = n }},
		{`MATCH ()-[r]->() UNWIND keys(r) AS p
		  WITH type(r) AS l, p, valueType(r[p]) AS t WHERE p <> '` + ignoredProp + `'
		  RETURN '[' + l + '].' + p + ' ' + t AS k, count(*) AS n`,
			func(k string, n int64) { c.Props[k] = n }},
	}
	for _, q := range queries {
		res, err := neo4j.ExecuteQuery(ctx, drv, q.cypher, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			return c, fmt.Errorf("census: %w", err)
		}
		for _, rec := range res.Records {
			k, _, _ := neo4j.GetRecordValue[string](rec, "k")
			n, _, _ := neo4j.GetRecordValue[int64](rec, "n")
			q.into(k, n)
		}
	}
	return c, nil
}

// diffCensus lists every line on which two censuses differ.
func diffCensus(a, b census, nameA, nameB string) []string {
	var out []string
	for _, part := range []struct {
		what string
		a, b map[string]int64
	}{{"nodes", a.Nodes, b.Nodes}, {"relationships", a.Rels, b.Rels}, {"properties", a.Props, b.Props}} {
		keys := map[string]bool{}
		for k := range part.a {
			keys[k] = true
		}
		for k := range part.b {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		slices.Sort(sorted)
		for _, k := range sorted {
			if part.a[k] != part.b[k] {
				out = append(out, fmt.Sprintf("%s %s: %s %d, %s %d", part.what, k, nameA, part.a[k], nameB, part.b[k]))
			}
		}
	}
	return out
}

// countsTable prints both censuses' node and relationship counts side by side.
func countsTable(a, b census) string {
	var sb strings.Builder
	sb.WriteString("| label / type | importer | LOAD CSV |\n|---|--:|--:|\n")
	for _, part := range []struct {
		fmt  string
		a, b map[string]int64
	}{{"%s", a.Nodes, b.Nodes}, {"[%s]", a.Rels, b.Rels}} {
		keys := map[string]bool{}
		for k := range part.a {
			keys[k] = true
		}
		for k := range part.b {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		slices.Sort(sorted)
		for _, k := range sorted {
			fmt.Fprintf(&sb, "| "+part.fmt+" | %d | %d |\n", k, part.a[k], part.b[k])
		}
	}
	return sb.String()
}
