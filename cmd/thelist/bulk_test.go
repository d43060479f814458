package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/thelist/thelist/internal/neo4jtest"
)

// bulkCommands are the commands that stop and start the test server and
// run its neo4j-admin: THELIST_TEST_SERVER_CMD and THELIST_TEST_ADMIN_CMD,
// or neo4j/neo4jctl's instance THELIST_TEST_NEO4J_INSTANCE ("test", the
// instance make test starts, when unset).
func bulkCommands(t *testing.T) (server, admin string) {
	t.Helper()
	server, admin = os.Getenv("THELIST_TEST_SERVER_CMD"), os.Getenv("THELIST_TEST_ADMIN_CMD")
	if server != "" && admin != "" {
		return server, admin
	}
	instance := os.Getenv("THELIST_TEST_NEO4J_INSTANCE")
	if instance == "" {
		instance = "test"
	}
	ctl, err := filepath.Abs("../../neo4j/neo4jctl")
	if err != nil {
		t.Fatal(err)
	}
	return ctl + " {} " + instance, ctl + " admin " + instance
}

// TestImport_BulkGivesTheSameGraph loads the demo data and a generated
// bundle twice into the emptied test database, through the transactional
// import and through --bulk (neo4j-admin, offline), and compares the two
// graphs whole: every node and relationship with every property and its
// type, the change-detection hash included. After the bulk load the schema
// is in place and a transactional import of the same bundle changes
// nothing.
func TestImport_BulkGivesTheSameGraph(t *testing.T) {
	server, admin := bulkCommands(t)
	gen := t.TempDir()
	if code, _, stderr := runCmd(t, "gen", "--people", "3000", "--seed", "7", "--force", gen); code != 0 {
		t.Fatalf("gen: exit %d: %s", code, stderr)
	}
	for _, bundle := range []string{"../../data", gen} {
		t.Run(filepath.Base(bundle), func(t *testing.T) {
			neo4jtest.Open(t)
			importArgs := append([]string{"import"}, dbFlags()...)
			if code, _, stderr := runCmd(t, append(importArgs, bundle)...); code != 0 {
				t.Fatalf("import: exit %d: %s", code, stderr)
			}
			want := dumpGraph(t)

			t.Run("refused on a database that holds data", func(t *testing.T) {
				code, _, stderr := runCmd(t, append(importArgs, "--bulk", "--server-cmd", server, "--admin-cmd", admin, bundle)...)
				if code != 1 || !strings.Contains(stderr, "empty database only") {
					t.Errorf("exit %d: %s; want 1 and empty database only", code, stderr)
				}
			})

			neo4jtest.Open(t) // wiped
			code, stdout, stderr := runCmd(t, append(importArgs, "--bulk", "--server-cmd", server, "--admin-cmd", admin, bundle)...)
			if code != 0 {
				t.Fatalf("import --bulk: exit %d: %s\n%s", code, stdout, stderr)
			}
			got := dumpGraph(t)
			if !slices.Equal(got, want) {
				n := 0
				for _, l := range want {
					if !slices.Contains(got, l) && n < 10 {
						t.Errorf("only in the transactional import: %s", l)
						n++
					}
				}
				for _, l := range got {
					if !slices.Contains(want, l) && n < 20 {
						t.Errorf("only in the bulk load: %s", l)
						n++
					}
				}
				t.Fatalf("the graphs differ (%d vs %d lines)", len(want), len(got))
			}
			code, stdout, stderr = runCmd(t, append(importArgs, bundle)...)
			if code != 0 {
				t.Fatalf("import after --bulk: exit %d: %s", code, stderr)
			}
			for _, line := range strings.Split(strings.TrimSpace(stdout), "\n")[2:] {
				f := strings.Fields(line) // kind, rows, created, updated, unchanged
				if len(f) == 5 && (f[2] != "0" || f[3] != "0") {
					t.Errorf("import after --bulk: %q, want every row unchanged", line)
				}
			}
		})
	}
}
