package importer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// demoBundle is the bundle the repository ships, relative to this package.
const demoBundle = "../data"

func testContext(tb testing.TB) context.Context {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	tb.Cleanup(cancel)
	return ctx
}

// copyBundle copies the CSV files of the bundle in src into a new temporary
// folder, applying edit (file name → function of its content) on the way.
func copyBundle(tb testing.TB, src string, edit map[string]func(string) string) string {
	tb.Helper()
	names, err := filepath.Glob(filepath.Join(src, "*.csv"))
	if err != nil || len(names) == 0 {
		tb.Fatalf("list %s: %v (%d files)", src, err, len(names))
	}
	dst := tb.TempDir()
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			tb.Fatalf("read %s: %v", name, err)
		}
		content := string(b)
		base := filepath.Base(name)
		if f := edit[base]; f != nil {
			content = f(content)
		}
		if err := os.WriteFile(filepath.Join(dst, base), []byte(content), 0o644); err != nil {
			tb.Fatalf("write %s: %v", base, err)
		}
	}
	for name := range edit {
		if _, err := os.Stat(filepath.Join(dst, name)); err != nil {
			tb.Fatalf("edit of %s: the bundle has no such file", name)
		}
	}
	return dst
}

// replaceOnLine replaces old with repl on the given 1-based line of content,
// failing the test when that line does not contain old.
func replaceOnLine(tb testing.TB, content string, line int, old, repl string) string {
	tb.Helper()
	lines := strings.Split(content, "\n")
	if line < 1 || line > len(lines) || !strings.Contains(lines[line-1], old) {
		tb.Fatalf("line %d does not contain %q", line, old)
	}
	lines[line-1] = strings.Replace(lines[line-1], old, repl, 1)
	return strings.Join(lines, "\n")
}

// mustRead reads a bundle that must be valid.
func mustRead(tb testing.TB, dir string) thelist.Bundle {
	tb.Helper()
	b, _, _, err := Read(dir)
	if err != nil {
		tb.Fatalf("Read(%s): %v", dir, err)
	}
	return b
}

func assertCounts(tb testing.TB, kind string, got, want thelist.ImportCounts) {
	tb.Helper()
	if got != want {
		tb.Errorf("%s: got %+v, want %+v", kind, got, want)
	}
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

func TestImport_DemoBundle(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := testContext(t)
	b := mustRead(t, demoBundle)
	if len(b.Sources) == 0 || len(b.Labs) == 0 || len(b.People) == 0 || len(b.Stints) == 0 {
		t.Fatalf("demo bundle has %d sources, %d labs, %d people, %d stints; want some of each",
			len(b.Sources), len(b.Labs), len(b.People), len(b.Stints))
	}

	t.Run("first import creates every record", func(t *testing.T) {
		res, err := Import(ctx, db, demoBundle)
		if err != nil {
			t.Fatalf("Import: %v", err)
		}
		assertCounts(t, "Sources", res.Sources, thelist.ImportCounts{Created: len(b.Sources)})
		assertCounts(t, "Labs", res.Labs, thelist.ImportCounts{Created: len(b.Labs)})
		assertCounts(t, "People", res.People, thelist.ImportCounts{Created: len(b.People)})
		assertCounts(t, "Stints", res.Stints, thelist.ImportCounts{Created: len(b.Stints)})
		if res.RunID == "" {
			t.Error("RunID is empty, want the id of the ImportRun node")
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
		var want []string
		for _, s := range b.Stints {
			if s.PersonID == "matt-deitke" {
				want = append(want, s.ID)
			}
		}
		var got []string
		for _, s := range p.Stints {
			got = append(got, s.ID)
		}
		assertSameSet(t, "stints of matt-deitke", got, want)
	})
	t.Run("second import changes nothing", func(t *testing.T) {
		res, err := Import(ctx, db, demoBundle)
		if err != nil {
			t.Fatalf("Import: %v", err)
		}
		assertCounts(t, "Sources", res.Sources, thelist.ImportCounts{Unchanged: len(b.Sources)})
		assertCounts(t, "Labs", res.Labs, thelist.ImportCounts{Unchanged: len(b.Labs)})
		assertCounts(t, "People", res.People, thelist.ImportCounts{Unchanged: len(b.People)})
		assertCounts(t, "Stints", res.Stints, thelist.ImportCounts{Unchanged: len(b.Stints)})
	})
}

func TestImport_EditedBundle(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := testContext(t)
	b := mustRead(t, demoBundle)
	if _, err := Import(ctx, db, demoBundle); err != nil {
		t.Fatalf("import the demo bundle: %v", err)
	}

	edited := copyBundle(t, demoBundle, map[string]func(string) string{
		"people.csv": func(s string) string {
			return replaceOnLine(t, s, 2, "matt-deitke,Matt Deitke,", "matt-deitke,Matthew Deitke,")
		},
	})
	res, err := Import(ctx, db, edited)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	t.Run("one person updated, the rest unchanged", func(t *testing.T) {
		assertCounts(t, "People", res.People, thelist.ImportCounts{Updated: 1, Unchanged: len(b.People) - 1})
		assertCounts(t, "Sources", res.Sources, thelist.ImportCounts{Unchanged: len(b.Sources)})
		assertCounts(t, "Labs", res.Labs, thelist.ImportCounts{Unchanged: len(b.Labs)})
		assertCounts(t, "Stints", res.Stints, thelist.ImportCounts{Unchanged: len(b.Stints)})
	})
	t.Run("the new name is stored", func(t *testing.T) {
		if got, want := personName(t, ctx, db, "matt-deitke"), "Matthew Deitke"; got != want {
			t.Errorf("Name: got %q, want %q", got, want)
		}
		if got, want := personName(t, ctx, db, "mark-zuckerberg"), "Mark Zuckerberg"; got != want {
			t.Errorf("Name of a person not edited: got %q, want %q", got, want)
		}
	})
}

// unknownLabBundle is the demo bundle with the lab of one stint (line 4 of
// stints.csv) misspelt, and optionally one person renamed.
func unknownLabBundle(tb testing.TB, rename bool) string {
	tb.Helper()
	edit := map[string]func(string) string{
		"stints.csv": func(s string) string {
			return replaceOnLine(tb, s, 4, "matt-deitke.vercept,matt-deitke,vercept,", "matt-deitke.vercept,matt-deitke,googel,")
		},
	}
	if rename {
		edit["people.csv"] = func(s string) string {
			return replaceOnLine(tb, s, 2, "matt-deitke,Matt Deitke,", "matt-deitke,Matthew Deitke,")
		}
	}
	return copyBundle(tb, demoBundle, edit)
}

func assertUnknownLab(tb testing.TB, err error) {
	tb.Helper()
	var verr *ValidationError
	if !errors.As(err, &verr) {
		tb.Fatalf("Import: got %v (%T), want a *ValidationError", err, err)
	}
	want := Problem{File: "stints.csv", Line: 4, Field: "lab_id",
		Message: `unknown lab "googel": not in the bundle nor in the database`}
	if len(verr.Problems) != 1 || verr.Problems[0] != want || verr.Total != 1 {
		tb.Errorf("problems: got %+v (total %d), want only %+v", verr.Problems, verr.Total, want)
	}
	if got := verr.Error(); !strings.Contains(got, `stints.csv:4: lab_id: unknown lab "googel"`) {
		tb.Errorf("Error() = %q, want it to name stints.csv:4: lab_id", got)
	}
}

func TestImport_InvalidBundleWritesNothing(t *testing.T) {
	t.Run("into an empty database", func(t *testing.T) {
		db := neo4jtest.Open(t)
		ctx := testContext(t)
		assertEmpty(t, ctx, db, true)

		_, err := Import(ctx, db, unknownLabBundle(t, false))
		assertUnknownLab(t, err)
		// Every other row of the bundle is valid and would create a node;
		// not even the ImportRun log may be written.
		assertEmpty(t, ctx, db, true)
	})
	t.Run("over an earlier import", func(t *testing.T) {
		db := neo4jtest.Open(t)
		ctx := testContext(t)
		if _, err := Import(ctx, db, demoBundle); err != nil {
			t.Fatalf("import the demo bundle: %v", err)
		}

		_, err := Import(ctx, db, unknownLabBundle(t, true))
		assertUnknownLab(t, err)
		if got, want := personName(t, ctx, db, "matt-deitke"), "Matt Deitke"; got != want {
			t.Errorf("Name after a rejected rename: got %q, want %q", got, want)
		}
		// The demo bundle again changes nothing: the rejected one left no
		// trace in any record.
		res, err := Import(ctx, db, demoBundle)
		if err != nil {
			t.Fatalf("re-import the demo bundle: %v", err)
		}
		b := mustRead(t, demoBundle)
		assertCounts(t, "People", res.People, thelist.ImportCounts{Unchanged: len(b.People)})
		assertCounts(t, "Stints", res.Stints, thelist.ImportCounts{Unchanged: len(b.Stints)})
	})
}

func TestImport_ReferencesToTheDatabase(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := testContext(t)
	first := writeBundle(t, map[string]string{
		"sources.csv": "id,publisher,title,date,url,note\nsrc-db,The Paper,Earlier Report,2020-05,,\n",
		"labs.csv":    "id,name,kind,country,sources\nlab-db,Lab In The Database,company,US,src-db\n",
		"people.csv":  "id,name,native_name,sources\nann,Ann Example,,src-db\n",
	})
	if _, err := Import(ctx, db, first); err != nil {
		t.Fatalf("import the first bundle: %v", err)
	}

	t.Run("resolve", func(t *testing.T) {
		// The stints name a person, a lab and a source that only the
		// database holds, next to a lab and a source of their own bundle.
		second := writeBundle(t, map[string]string{
			"sources.csv": "id,publisher,title,date,url,note\nsrc-new,Other Paper,Later Report,2024,,\n",
			"labs.csv":    "id,name,kind,country,sources\nlab-new,New Lab,startup,,src-db;src-new\n",
			"stints.csv": "id,person_id,lab_id,role,start,end,sources\n" +
				"ann.lab-db,ann,lab-db,researcher,2020,2024-01,src-db\n" +
				"ann.lab-new,ann,lab-new,co-founder,2024-02,,src-db;src-new\n",
		})
		res, err := Import(ctx, db, second)
		if err != nil {
			t.Fatalf("Import: %v", err)
		}
		assertCounts(t, "Sources", res.Sources, thelist.ImportCounts{Created: 1})
		assertCounts(t, "Labs", res.Labs, thelist.ImportCounts{Created: 1})
		assertCounts(t, "People", res.People, thelist.ImportCounts{})
		assertCounts(t, "Stints", res.Stints, thelist.ImportCounts{Created: 2})

		p, err := db.Person(ctx, "ann")
		if err != nil {
			t.Fatalf("Person: %v", err)
		}
		var got []string
		for _, s := range p.Stints {
			lab := "<nil>"
			if s.Lab != nil {
				lab = s.Lab.ID
			}
			var srcs []string
			for _, src := range s.Sources {
				srcs = append(srcs, src.ID+"="+src.Title)
			}
			got = append(got, s.ID+" at "+lab+" from "+s.Start.String()+" citing "+strings.Join(srcs, ","))
		}
		want := []string{
			"ann.lab-db at lab-db from 2020 citing src-db=Earlier Report",
			"ann.lab-new at lab-new from 2024-02 citing src-db=Earlier Report,src-new=Later Report",
		}
		if !slices.Equal(got, want) {
			t.Errorf("stints of ann:\n got %q\nwant %q", got, want)
		}
	})
	t.Run("a person in neither is still unknown", func(t *testing.T) {
		third := writeBundle(t, map[string]string{
			"stints.csv": "id,person_id,lab_id,role,start,end,sources\nbob.lab-db,bob,lab-db,,,,src-db\n",
		})
		_, err := Import(ctx, db, third)
		got := validationProblems(t, err)
		want := []string{`stints.csv:2: person_id: unknown person "bob": not in the bundle nor in the database`}
		if !slices.Equal(got, want) {
			t.Errorf("problems:\n got %q\nwant %q", got, want)
		}
	})
}
