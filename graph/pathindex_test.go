package graph_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/importer"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// The path index (pathindex.go) must answer every search exactly as the
// search in Cypher does, and find the shortest chains Neo4j's own
// shortestPath finds over the same links: on the demo data, for seeded
// random pairs, with every kind and with some, undated and as of a day.
func TestPathIndex_AgreesWithCypherAndShortestPath(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	if _, err := importer.Import(ctx, db, "../data", importer.Options{}); err != nil {
		t.Fatalf("import the demo data: %v", err)
	}
	var ids []string
	for _, r := range query(t, `MATCH (p:Person) RETURN p.id ORDER BY p.id`, nil).Records {
		ids = append(ids, r.Values[0].(string))
	}
	rng := rand.New(rand.NewPCG(11, 12))
	kindSets := [][]string{nil, {thelist.LinkWorkedWith}, {thelist.LinkMovedWith, thelist.LinkRecruited},
		{thelist.LinkCoauthored, thelist.LinkStudiedWith, thelist.LinkAdvised}}
	asOfs := []string{"", "2015", "2020-06", "2024-03-15"}
	type pair struct{ from, to string }
	var undated []pair
	var lengths = map[pair]int{} // the index's answer, -1 for none
	found := 0
	// Sixty seeded pairs: each is searched twice and a quarter a third
	// time by shortestPath, which on two cores under the race detector is
	// most of this package's time.
	const pairs = 60
	for i := range pairs {
		q := thelist.PathQuery{From: ids[rng.IntN(len(ids))], To: ids[rng.IntN(len(ids))], MaxHops: 4}
		if i%4 != 0 { // a quarter all kinds and undated, for shortestPath below
			q.Kinds = kindSets[rng.IntN(len(kindSets))]
			if s := asOfs[rng.IntN(len(asOfs))]; s != "" {
				q.AsOf = thelist.MustParseDate(s)
			}
		}
		name := fmt.Sprintf("%s to %s, kinds %v, asOf %v", q.From, q.To, q.Kinds, q.AsOf)
		indexed, ok, err := graph.PathThroughIndex(ctx, db, q)
		if err != nil || !ok {
			t.Fatalf("%s: through the index: ok %v, %v", name, ok, err)
		}
		inCypher, err := graph.PathInCypher(ctx, db, q)
		if err != nil {
			t.Fatalf("%s: in Cypher: %v", name, err)
		}
		if !reflect.DeepEqual(indexed, inCypher) {
			t.Errorf("%s: through the index\n%+v\nin Cypher\n%+v", name, indexed, inCypher)
		}
		if indexed != nil {
			found++
		}
		if i%4 == 0 && q.From != q.To {
			p := pair{q.From, q.To}
			undated = append(undated, p)
			lengths[p] = -1
			if indexed != nil {
				lengths[p] = len(indexed.Steps)
			}
		}
	}
	if found < pairs/4 {
		t.Errorf("only %d of %d searches found a chain: the pairs test too little", found, pairs)
	}

	if err := graph.LinkPeople(ctx, db, "PATH_TEST_LINK"); err != nil {
		t.Fatalf("link people: %v", err)
	}
	t.Cleanup(func() { query(t, `MATCH ()-[r:PATH_TEST_LINK]->() DELETE r`, nil) })
	for _, p := range undated {
		res := query(t, `
			MATCH (a:Person {id: $from}), (b:Person {id: $to})
			OPTIONAL MATCH chain = shortestPath((a)-[:PATH_TEST_LINK*..4]-(b))
			RETURN coalesce(length(chain), -1) AS hops`,
			map[string]any{"from": p.from, "to": p.to})
		if want := res.Records[0].Values[0].(int64); int64(lengths[p]) != want {
			t.Errorf("%s to %s: the index's chain has %d hops, shortestPath's %d (-1: none within 4)", p.from, p.to, lengths[p], want)
		}
	}
}

// A warm-up (as on the database's return after a restart) keeps a copy
// that is still as of the last commit instead of reading the whole graph
// again, and reads a new one once something was written.
func TestPathIndex_WarmUpKeepsACurrentCopy(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	query(t, `CREATE (:Person {id: 'pi-a', name: 'A'})`, nil)
	if err := db.WarmUp(ctx); err != nil {
		t.Fatalf("first warm-up: %v", err)
	}
	first := graph.PathIndexCopy(db)
	if first == nil {
		t.Fatal("no copy after the first warm-up")
	}
	if err := db.WarmUp(ctx); err != nil {
		t.Fatalf("second warm-up: %v", err)
	}
	if graph.PathIndexCopy(db) != first {
		t.Error("a warm-up with nothing written since read the copy again")
	}
	query(t, `CREATE (:Person {id: 'pi-b', name: 'B'})`, nil)
	if err := db.WarmUp(ctx); err != nil {
		t.Fatalf("warm-up after a write: %v", err)
	}
	if graph.PathIndexCopy(db) == first {
		t.Error("a warm-up after a write kept the old copy")
	}
}
