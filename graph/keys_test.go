package graph_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/internal/neo4jtest"
)

func countOf(t *testing.T, db *graph.DB, cypher string) int64 {
	t.Helper()
	n, err := graph.CountOf(context.Background(), db, cypher)
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
	return n
}

// TestWriteBundle_TwoWritersCannotDuplicateAPair forces the path that once
// duplicated every authorship: two writers that both found the pairs absent
// (NewKinds says the kind was empty) and both create them at once. The
// constraint on the pair's id lets one commit; the other fails with
// CONFLICT, and each pair exists once.
func TestWriteBundle_TwoWritersCannotDuplicateAPair(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	nodes := fixture()
	pairs := thelist.Bundle{Authorships: nodes.Authorships, Memberships: nodes.Memberships,
		NewKinds: map[string]bool{thelist.KindAuthorships: true, thelist.KindMemberships: true}}
	nodes.Authorships, nodes.Memberships = nil, nil
	if _, err := db.WriteBundle(ctx, nodes); err != nil {
		t.Fatalf("write the nodes: %v", err)
	}
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Go(func() { _, errs[i] = db.WriteBundle(ctx, pairs) })
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch code := thelist.ErrorCode(err); code {
		case "":
			ok++
		case thelist.ECONFLICT:
		default:
			t.Errorf("a writer failed with %s (%v), want CONFLICT", code, err)
		}
	}
	if ok != 1 {
		t.Errorf("%d writers succeeded (%v), want exactly 1", ok, errs)
	}
	if got, want := countOf(t, db, `MATCH ()-[r:AUTHORED]->() RETURN count(r) AS n`), int64(len(pairs.Authorships)); got != want {
		t.Errorf("AUTHORED: %d, want %d", got, want)
	}
	if got, want := countOf(t, db, `MATCH ()-[r:MEMBER_OF]->() RETURN count(r) AS n`), int64(len(pairs.Memberships)); got != want {
		t.Errorf("MEMBER_OF: %d, want %d", got, want)
	}
	t.Run("a second create of the same pairs fails rather than duplicates", func(t *testing.T) {
		if _, err := db.WriteBundle(ctx, pairs); thelist.ErrorCode(err) != thelist.ECONFLICT {
			t.Errorf("error %v, want CONFLICT", err)
		}
	})
	t.Run("an upsert of the same pairs changes nothing", func(t *testing.T) {
		res, err := db.WriteBundle(ctx, thelist.Bundle{Authorships: pairs.Authorships})
		if err != nil {
			t.Fatal(err)
		}
		if c := res.Counts[thelist.KindAuthorships]; c.Unchanged != len(pairs.Authorships) {
			t.Errorf("counts %+v, want all unchanged", c)
		}
	})
}

// TestApplySchema_KeysPairsOfAnOlderDatabase: a database written before
// pairs had ids, with the duplicates that overlapping imports left then,
// is given ids and rid of the duplicates at the first start, and then
// holds the constraint.
func TestApplySchema_KeysPairsOfAnOlderDatabase(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	if _, err := db.WriteBundle(ctx, fixture()); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		"DROP CONSTRAINT authored_id",
		"MATCH ()-[r:AUTHORED]->() REMOVE r.id",
		// Every authorship twice, as two overlapping imports left them.
		"MATCH (a)-[r:AUTHORED]->(b) CREATE (a)-[r2:AUTHORED]->(b) SET r2 = properties(r)",
	} {
		if err := graph.RunAutoCommit(ctx, db, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	want := int64(len(fixture().Authorships))
	if got := countOf(t, db, `MATCH ()-[r:AUTHORED]->() RETURN count(r) AS n`); got != 2*want {
		t.Fatalf("set-up: %d AUTHORED, want %d", got, 2*want)
	}
	if err := db.ApplySchema(ctx); err != nil {
		t.Fatalf("ApplySchema: %v", err)
	}
	if got := countOf(t, db, `MATCH ()-[r:AUTHORED]->() RETURN count(r) AS n`); got != want {
		t.Errorf("AUTHORED: %d, want %d", got, want)
	}
	if got := countOf(t, db, `MATCH (a)-[r:AUTHORED]->(b) WHERE r.id = a.id + '/' + b.id RETURN count(r) AS n`); got != want {
		t.Errorf("AUTHORED keyed from/to: %d, want %d", got, want)
	}
	if got := countOf(t, db, `SHOW CONSTRAINTS YIELD name WHERE name = 'authored_id' RETURN count(*) AS n`); got != 1 {
		t.Errorf("constraint authored_id: %d, want 1", got)
	}
}

func TestImportLock(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	first := thelist.ImportLock{Token: "first", Host: "host-a", PID: 11}
	second := thelist.ImportLock{Token: "second", Host: "host-b", PID: 22}
	if _, mine, err := db.LockImport(ctx, first, 0); err != nil || !mine {
		t.Fatalf("first lock: mine %v, err %v; want it taken", mine, err)
	}
	t.Run("a second import is refused and told the holder", func(t *testing.T) {
		found, mine, err := db.LockImport(ctx, second, time.Hour)
		if err != nil || mine {
			t.Fatalf("mine %v, err %v; want refused", mine, err)
		}
		if found.Host != "host-a" || found.PID != 11 || found.Started.IsZero() || found.Silent < 0 || found.Silent > time.Minute {
			t.Errorf("holder %+v, want host-a, pid 11, a start and a recent heartbeat", found)
		}
	})
	t.Run("a stale lock is broken only when asked", func(t *testing.T) {
		time.Sleep(20 * time.Millisecond) // the holder is now silent for longer than 10 ms
		if _, mine, _ := db.LockImport(ctx, second, 0); mine {
			t.Fatal("a lock was broken without being asked to")
		}
		found, mine, err := db.LockImport(ctx, second, 10*time.Millisecond)
		if err != nil || !mine || found.Token != "first" {
			t.Fatalf("mine %v, found %+v, err %v; want the first lock broken", mine, found, err)
		}
	})
	t.Run("the holder whose lock was broken learns it at its heartbeat", func(t *testing.T) {
		if err := db.HeartbeatImport(ctx, "first"); thelist.ErrorCode(err) != thelist.ECONFLICT {
			t.Errorf("heartbeat of the broken lock: %v, want CONFLICT", err)
		}
		if err := db.HeartbeatImport(ctx, "second"); err != nil {
			t.Errorf("heartbeat of the holder: %v", err)
		}
	})
	t.Run("only the holder frees it", func(t *testing.T) {
		if err := db.UnlockImport(ctx, "first"); err != nil {
			t.Fatal(err)
		}
		if _, mine, _ := db.LockImport(ctx, first, 0); mine {
			t.Fatal("freed by an import that does not hold it")
		}
		if err := db.UnlockImport(ctx, "second"); err != nil {
			t.Fatal(err)
		}
		if _, mine, err := db.LockImport(ctx, first, 0); err != nil || !mine {
			t.Fatalf("after the holder freed it: mine %v, err %v", mine, err)
		}
	})
}
