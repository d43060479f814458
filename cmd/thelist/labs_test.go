package main

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist/internal/neo4jtest"
)

// dumpGraph is every node and relationship of the test database as sorted
// lines with their properties and types, leaving out the Changes that lab
// merges and their undos log (and those Changes' links), and the imports'
// log and lock.
func dumpGraph(t *testing.T) []string {
	t.Helper()
	cfg := neo4jtest.Config()
	drv, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(context.Background())
	props := func(v any) string {
		m, _ := v.(map[string]any)
		var b strings.Builder
		for _, k := range slices.Sorted(maps.Keys(m)) {
			fmt.Fprintf(&b, "%s=%#v ", k, m[k])
		}
		return b.String()
	}
	var out []string
	for _, q := range []string{
		`MATCH (n) WHERE NOT (n:Change AND n.mutation IN ['mergeLabs', 'unmergeLabs']) AND NOT n:ImportRun AND NOT n:ImportLock
		 RETURN 'node ' + reduce(s = '', l IN labels(n) | s + ':' + l) AS head, properties(n) AS props`,
		`MATCH (a)-[r]->(b) WHERE NOT (a:Change AND a.mutation IN ['mergeLabs', 'unmergeLabs'])
		 RETURN 'rel ' + labels(a)[0] + ':' + a.id + '-[' + type(r) + ']->' + labels(b)[0] + ':' + b.id AS head, properties(r) AS props`,
	} {
		res, err := neo4j.ExecuteQuery(context.Background(), drv, q, nil, neo4j.EagerResultTransformer)
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range res.Records {
			m := rec.AsMap()
			out = append(out, fmt.Sprint(m["head"])+" "+props(m["props"]))
		}
	}
	slices.Sort(out)
	return out
}

// TestLabs_MergeAndUnmergeTheDemoData merges Google DeepMind into Google on
// the demo data with thelist labs, checks what the graph holds and that
// thelist check still runs, then undoes the merge and compares the whole
// graph with the one before.
func TestLabs_MergeAndUnmergeTheDemoData(t *testing.T) {
	neo4jtest.Open(t)
	if code, _, stderr := runCmd(t, append(append([]string{"import"}, dbFlags()...), "../../data")...); code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	before := dumpGraph(t)
	checkArgs := append([]string{"check"}, dbFlags()...)
	_, checkBefore, _ := runCmd(t, checkArgs...)

	t.Run("refused without a source or a reason", func(t *testing.T) {
		for _, args := range [][]string{
			{"--reason", "one institution", "google", "google-deepmind"},
			{"--source", "seed-nyt-zh", "google", "google-deepmind"},
		} {
			code, _, stderr := runCmd(t, append(append([]string{"labs", "merge"}, dbFlags()...), args...)...)
			if code != 1 || !strings.Contains(stderr, "required") {
				t.Errorf("labs merge %v: exit %d, %q; want 1 and a required flag named", args, code, stderr)
			}
		}
		if after := dumpGraph(t); !slices.Equal(after, before) {
			t.Errorf("a refused merge changed the graph")
		}
	})

	code, stdout, stderr := runCmd(t, append(append([]string{"labs", "merge"}, dbFlags()...),
		"--source", "seed-nyt-zh", "--reason", "test of the merge", "--who", "test", "google", "google-deepmind")...)
	if code != 0 {
		t.Fatalf("labs merge: exit %d: %s", code, stderr)
	}
	changeID := regexp.MustCompile(`change ([0-9a-f-]{36})`).FindStringSubmatch(stdout)
	if changeID == nil {
		t.Fatalf("labs merge printed %q, want the change id", stdout)
	}
	merged := dumpGraph(t)
	t.Run("census after the merge", func(t *testing.T) {
		lines := func(dump []string, pattern string) int {
			re := regexp.MustCompile(pattern)
			n := 0
			for _, l := range dump {
				if re.MatchString(l) {
					n++
				}
			}
			return n
		}
		if n := lines(merged, `Lab:google-deepmind\b|^node :Lab .*id="google-deepmind"`); n != 0 {
			t.Errorf("%d lines still name google-deepmind", n)
		}
		if got, want := lines(merged, `^node :Lab `), lines(before, `^node :Lab `)-1; got != want {
			t.Errorf("labs = %d, want %d", got, want)
		}
		gone := lines(before, `Lab:google-deepmind\b`)
		if gone == 0 {
			t.Fatalf("google-deepmind has no relationships in the demo data: pick other labs")
		}
		// Every relationship of the merged lab moved, save those that
		// joined the two labs (google-deepmind is part of google).
		joined := lines(before, `Lab:google-deepmind-\[PART_OF\]->Lab:google `)
		if got, want := lines(merged, `^rel `), lines(before, `^rel `)-joined; got != want {
			t.Errorf("relationships = %d, want %d", got, want)
		}
		if n := lines(merged, `fromLabId="google-deepmind"|toLabId="google-deepmind"`); n != 0 {
			t.Errorf("%d moves or recruitments still store google-deepmind", n)
		}
	})
	t.Run("thelist check still runs", func(t *testing.T) {
		code, stdout, stderr := runCmd(t, checkArgs...)
		if code != 0 && code != 1 || strings.Contains(stdout, " google-deepmind ") {
			t.Errorf("check after the merge: exit %d: %s%s", code, stdout, stderr)
		}
	})
	t.Run("unmerge restores the graph", func(t *testing.T) {
		code, _, stderr := runCmd(t, append(append([]string{"labs", "unmerge"}, dbFlags()...),
			"--reason", "test of the undo", "--who", "test", "google", "google-deepmind")...)
		if code != 0 {
			t.Fatalf("labs unmerge: exit %d: %s", code, stderr)
		}
		after := dumpGraph(t)
		if !slices.Equal(after, before) {
			for _, l := range before {
				if !slices.Contains(after, l) {
					t.Errorf("lost: %s", l)
				}
			}
			for _, l := range after {
				if !slices.Contains(before, l) {
					t.Errorf("gained: %s", l)
				}
			}
		}
		if _, checkAfter, _ := runCmd(t, checkArgs...); checkAfter != checkBefore {
			t.Errorf("check after the undo differs from before:\n%s\nvs\n%s", checkAfter, checkBefore)
		}
		code, _, stderr = runCmd(t, append(append([]string{"labs", "unmerge"}, dbFlags()...),
			"--reason", "again", changeID[1])...)
		if code != 1 || !strings.Contains(stderr, "undone already") {
			t.Errorf("second unmerge: exit %d: %s; want 1 and undone already", code, stderr)
		}
	})
}
