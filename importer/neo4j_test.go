package importer

// Integration tests: the importer against a real Neo4j (internal/neo4jtest),
// through graph.DB's WriteBundle, PlanBundle, MissingIDs and RecordImport.

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// demoBundle is the bundle the repository ships, relative to this package.
const demoBundle = "../data"

// graph.DB is the importer's Store in production.
var (
	_ Store       = (*graph.DB)(nil)
	_ Locker      = (*graph.DB)(nil)
	_ LabResolver = (*graph.DB)(nil)
)

// copyBundle copies the files of the bundle in src into a new temporary
// folder, applying edit (file name → function of its content) on the way.
func copyBundle(tb testing.TB, src string, edit map[string]func(string) string) string {
	tb.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		tb.Fatalf("list %s: %v", src, err)
	}
	dst := tb.TempDir()
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			tb.Fatalf("read %s: %v", e.Name(), err)
		}
		content := string(b)
		if f := edit[e.Name()]; f != nil {
			content = f(content)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), []byte(content), 0o644); err != nil {
			tb.Fatalf("write %s: %v", e.Name(), err)
		}
	}
	for name := range edit {
		if _, err := os.Stat(filepath.Join(dst, name)); err != nil {
			tb.Fatalf("edit of %s: the bundle has no such file", name)
		}
	}
	return dst
}

// replaceInRow replaces old with repl in the one line of content that
// starts with prefix (a record's id and comma), failing the test when there
// is no such line or it does not contain old. It returns the new content and
// the 1-based number of the line.
func replaceInRow(tb testing.TB, content, prefix, old, repl string) (string, int) {
	tb.Helper()
	lines := strings.Split(content, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			if !strings.Contains(l, old) {
				tb.Fatalf("line %d (%q) does not contain %q", i+1, l, old)
			}
			lines[i] = strings.Replace(l, old, repl, 1)
			return strings.Join(lines, "\n"), i + 1
		}
	}
	tb.Fatalf("no line starts with %q", prefix)
	return "", 0
}

// assertCounts checks that the report has, for every kind it read, the
// counts want(rows of the kind), and no counts for other kinds.
func assertCounts(tb testing.TB, rep Report, want func(kind string, rows int) thelist.ImportCounts) {
	tb.Helper()
	if len(rep.Rows) == 0 {
		tb.Fatalf("report read no rows")
	}
	for kind, rows := range rep.Rows {
		if got, want := rep.Counts[kind], want(kind, rows); got != want {
			tb.Errorf("Counts[%s]: got %+v, want %+v", kind, got, want)
		}
	}
	for kind := range rep.Counts {
		if _, ok := rep.Rows[kind]; !ok {
			tb.Errorf("Counts[%s] = %+v, want no entry for a kind the bundle does not hold", kind, rep.Counts[kind])
		}
	}
}

func allCreated(_ string, rows int) thelist.ImportCounts { return thelist.ImportCounts{Created: rows} }
func allUnchanged(_ string, rows int) thelist.ImportCounts {
	return thelist.ImportCounts{Unchanged: rows}
}

func assertEmpty(tb testing.TB, ctx context.Context, db *graph.DB, want bool) {
	tb.Helper()
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		tb.Fatalf("IsEmpty: %v", err)
	}
	if empty != want {
		tb.Errorf("database empty: got %v, want %v", empty, want)
	}
}

func personName(tb testing.TB, ctx context.Context, db *graph.DB, id string) string {
	tb.Helper()
	p, err := db.Person(ctx, id)
	if err != nil {
		tb.Fatalf("Person(%q): %v", id, err)
	}
	return p.Name
}

func mustImport(tb testing.TB, ctx context.Context, store Store, dir string, opts Options) Report {
	tb.Helper()
	rep, err := Import(ctx, store, dir, opts)
	if err != nil {
		tb.Fatalf("Import(%s): %v", dir, err)
	}
	return rep
}

// renamed is the demo bundle with matt-deitke renamed.
func renamed(tb testing.TB) string {
	tb.Helper()
	return copyBundle(tb, demoBundle, map[string]func(string) string{
		"people.csv": func(s string) string {
			s, _ = replaceInRow(tb, s, "matt-deitke,", ",Matt Deitke,", ",Matthew Deitke,")
			return s
		},
	})
}

func TestImportNeo4j_DemoBundle(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := testContext(t)

	t.Run("first import creates every record", func(t *testing.T) {
		rep := mustImport(t, ctx, db, demoBundle, Options{})
		for _, kind := range []string{thelist.KindSources, thelist.KindLabs, thelist.KindPeople, thelist.KindStints} {
			if rep.Rows[kind] == 0 {
				t.Errorf("Rows[%s] = 0, want the demo bundle to hold some", kind)
			}
		}
		assertCounts(t, rep, allCreated)
		if rep.RunID == "" {
			t.Error("RunID is empty, want the id of the ImportRun node")
		}
		if rep.Meta.Name == "" || len(rep.Meta.Checksum) != 64 {
			t.Errorf("Meta: got %+v, want a name and a sha256 checksum", rep.Meta)
		}
	})
	t.Run("records read back", func(t *testing.T) {
		p, err := db.Person(ctx, "matt-deitke")
		if err != nil {
			t.Fatalf("Person: %v", err)
		}
		if got, want := p.Name, "Matt Deitke"; got != want {
			t.Errorf("Name: got %q, want %q", got, want)
		}
		var got []string
		for _, s := range p.Stints {
			got = append(got, s.ID)
		}
		// What the bundle says, as the importer reads it.
		store := &fakeStore{knowAll: true}
		mustImport(t, ctx, store, demoBundle, Options{})
		var want []string
		for _, s := range store.written().Stints {
			if s.PersonID == "matt-deitke" {
				want = append(want, s.ID)
			}
		}
		if len(want) == 0 {
			t.Fatal("the demo bundle has no stint of matt-deitke")
		}
		assertSameSet(t, "stints of matt-deitke", got, want)
	})
	t.Run("second import changes nothing", func(t *testing.T) {
		rep := mustImport(t, ctx, db, demoBundle, Options{})
		assertCounts(t, rep, allUnchanged)
	})
	t.Run("an edited copy updates one record", func(t *testing.T) {
		rep := mustImport(t, ctx, db, renamed(t), Options{})
		assertCounts(t, rep, func(kind string, rows int) thelist.ImportCounts {
			if kind == thelist.KindPeople {
				return thelist.ImportCounts{Updated: 1, Unchanged: rows - 1}
			}
			return thelist.ImportCounts{Unchanged: rows}
		})
		if got, want := personName(t, ctx, db, "matt-deitke"), "Matthew Deitke"; got != want {
			t.Errorf("Name: got %q, want %q", got, want)
		}
		if got, want := personName(t, ctx, db, "mark-zuckerberg"), "Mark Zuckerberg"; got != want {
			t.Errorf("Name of a person not edited: got %q, want %q", got, want)
		}
	})
}

func TestImportNeo4j_VersionZeroBundle(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := testContext(t)
	const v0 = "testdata/demo-v0"
	assertCounts(t, mustImport(t, ctx, db, v0, Options{}), allCreated)
	assertCounts(t, mustImport(t, ctx, db, v0, Options{}), allUnchanged)
}

func TestImportNeo4j_SmallBatches(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := testContext(t)
	// Batches of two split kinds and put stints in other transactions than
	// the people and labs they join.
	rep := mustImport(t, ctx, db, demoBundle, Options{BatchSize: 2})
	assertCounts(t, rep, allCreated)
	again := mustImport(t, ctx, db, demoBundle, Options{})
	assertCounts(t, again, allUnchanged)
}

func TestImportNeo4j_SeveralWriters(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := testContext(t)
	// Four transactions at once, on batches of three: the batches of one
	// kind overlap and contend for the same labs and people.
	rep := mustImport(t, ctx, db, demoBundle, Options{BatchSize: 3, Writers: 4})
	assertCounts(t, rep, allCreated)
	// The same graph as one writer makes: importing again with one writer
	// finds every record present and unchanged.
	again := mustImport(t, ctx, db, demoBundle, Options{Writers: 1})
	assertCounts(t, again, allUnchanged)
}

// unknownLabBundle is the demo bundle with the lab of one stint misspelt,
// and optionally one person renamed. It returns the bundle and the line of
// the misspelt lab in stints.csv.
func unknownLabBundle(tb testing.TB, rename bool) (string, int) {
	tb.Helper()
	var line int
	edit := map[string]func(string) string{
		"stints.csv": func(s string) string {
			s, line = replaceInRow(tb, s, "matt-deitke.vercept,", ",vercept,", ",googel,")
			return s
		},
	}
	if rename {
		edit["people.csv"] = func(s string) string {
			s, _ = replaceInRow(tb, s, "matt-deitke,", ",Matt Deitke,", ",Matthew Deitke,")
			return s
		}
	}
	return copyBundle(tb, demoBundle, edit), line
}

func assertUnknownLab(tb testing.TB, err error, line int) {
	tb.Helper()
	var verr *ValidationError
	if !errors.As(err, &verr) {
		tb.Fatalf("Import: got %v (%T), want a *ValidationError", err, err)
	}
	want := thelist.Problem{File: "stints.csv", Line: line, Field: "lab_id",
		Message: `unknown lab "googel": not in the bundle nor in the database`}
	if len(verr.Problems) != 1 || verr.Problems[0] != want || verr.Total != 1 {
		tb.Errorf("problems: got %+v (total %d), want only %+v", verr.Problems, verr.Total, want)
	}
}

func TestImportNeo4j_InvalidBundleWritesNothing(t *testing.T) {
	t.Run("into an empty database", func(t *testing.T) {
		db := neo4jtest.Open(t)
		ctx := testContext(t)
		assertEmpty(t, ctx, db, true)
		dir, line := unknownLabBundle(t, false)
		_, err := Import(ctx, db, dir, Options{BatchSize: 2})
		assertUnknownLab(t, err, line)
		// Every other row of the bundle is valid and would create a node;
		// not even the ImportRun log may be written.
		assertEmpty(t, ctx, db, true)
	})
	t.Run("over an earlier import", func(t *testing.T) {
		db := neo4jtest.Open(t)
		ctx := testContext(t)
		mustImport(t, ctx, db, demoBundle, Options{})
		dir, line := unknownLabBundle(t, true)
		_, err := Import(ctx, db, dir, Options{})
		assertUnknownLab(t, err, line)
		if got, want := personName(t, ctx, db, "matt-deitke"), "Matt Deitke"; got != want {
			t.Errorf("Name after a rejected rename: got %q, want %q", got, want)
		}
		// The demo bundle again changes nothing: the rejected one left no
		// trace in any record.
		assertCounts(t, mustImport(t, ctx, db, demoBundle, Options{}), allUnchanged)
	})
}

func TestImportNeo4j_DryRun(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := testContext(t)
	t.Run("on an empty database", func(t *testing.T) {
		rep := mustImport(t, ctx, db, demoBundle, Options{DryRun: true})
		assertCounts(t, rep, allCreated)
		if !rep.DryRun || rep.RunID != "" {
			t.Errorf("Report: DryRun %v, RunID %q; want true and no run", rep.DryRun, rep.RunID)
		}
		assertEmpty(t, ctx, db, true)
	})
	t.Run("of an edit", func(t *testing.T) {
		mustImport(t, ctx, db, demoBundle, Options{})
		rep := mustImport(t, ctx, db, renamed(t), Options{DryRun: true})
		assertCounts(t, rep, func(kind string, rows int) thelist.ImportCounts {
			if kind == thelist.KindPeople {
				return thelist.ImportCounts{Updated: 1, Unchanged: rows - 1}
			}
			return thelist.ImportCounts{Unchanged: rows}
		})
		if got, want := personName(t, ctx, db, "matt-deitke"), "Matt Deitke"; got != want {
			t.Errorf("Name after a dry run: got %q, want %q", got, want)
		}
	})
}

func TestImportNeo4j_ReferencesToTheDatabase(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := testContext(t)
	mustImport(t, ctx, db, writeBundle(t, map[string]string{
		"sources.csv": "id,publisher,title,date\nsrc-db,The Paper,Earlier Report,2020-05\n",
		"labs.csv":    "id,name,kind,country,sources\nlab-db,Lab In The Database,company,US,src-db\n",
		"people.csv":  "id,name,sources\nann,Ann Example,src-db\n",
	}), Options{})

	t.Run("resolve", func(t *testing.T) {
		// The stints name a person, a lab and a source that only the
		// database holds, next to a lab and a source of their own bundle.
		rep := mustImport(t, ctx, db, writeBundle(t, map[string]string{
			"sources.csv": "id,publisher,title,date\nsrc-new,Other Paper,Later Report,2024\n",
			"labs.csv":    "id,name,kind,parent_id,sources\nlab-new,New Lab,startup,lab-db,src-db;src-new\n",
			"stints.csv": "id,person_id,lab_id,role,founder,start,end,sources\n" +
				"ann.lab-db,ann,lab-db,researcher,,2020,2024-01,src-db\n" +
				"ann.lab-new,ann,lab-new,co-founder,true,2024-02,,src-db;src-new\n",
		}), Options{})
		assertCounts(t, rep, allCreated)

		p, err := db.Person(ctx, "ann")
		if err != nil {
			t.Fatalf("Person: %v", err)
		}
		var got []string
		for _, s := range p.Stints {
			lab := "<nil>"
			if s.Lab != nil {
				lab = s.Lab.ID + " (part of " + s.Lab.ParentID + ")"
			}
			var srcs []string
			for _, src := range s.Sources {
				srcs = append(srcs, src.ID+"="+src.Title)
			}
			got = append(got, s.ID+" at "+lab+" from "+s.Start.String()+" citing "+strings.Join(srcs, ","))
		}
		want := []string{
			"ann.lab-db at lab-db (part of ) from 2020 citing src-db=Earlier Report",
			"ann.lab-new at lab-new (part of lab-db) from 2024-02 citing src-db=Earlier Report,src-new=Later Report",
		}
		if !slices.Equal(got, want) {
			t.Errorf("stints of ann:\n got %q\nwant %q", got, want)
		}
	})
	t.Run("a person in neither is still unknown", func(t *testing.T) {
		_, err := Import(ctx, db, writeBundle(t, map[string]string{
			"stints.csv": "id,person_id,lab_id,sources\nbob.lab-db,bob,lab-db,src-db\n",
		}), Options{})
		assertProblems(t, validationProblems(t, err),
			[]string{`stints.csv:2: person_id: unknown person "bob": not in the bundle nor in the database`})
	})
}

func TestImportNeo4j_EveryKindJSONLines(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := testContext(t)
	t.Run("first import creates every record", func(t *testing.T) {
		rep := mustImport(t, ctx, db, everyKindJSONL, Options{})
		if len(rep.Rows) != len(thelist.Kinds) {
			t.Errorf("Rows: got %d kinds %v, want every kind", len(rep.Rows), rep.Rows)
		}
		assertCounts(t, rep, allCreated)
	})
	t.Run("re-import changes nothing", func(t *testing.T) {
		assertCounts(t, mustImport(t, ctx, db, everyKindJSONL, Options{}), allUnchanged)
	})
	t.Run("the same records in CSV change nothing", func(t *testing.T) {
		assertCounts(t, mustImport(t, ctx, db, everyKind, Options{}), allUnchanged)
	})
	t.Run("in small batches change nothing", func(t *testing.T) {
		assertCounts(t, mustImport(t, ctx, db, everyKindJSONL, Options{BatchSize: 3}), allUnchanged)
	})
}
