package openalex

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/importer"
	"github.com/thelist/thelist/internal/importertest"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// testInput is the hand-written, fictional OpenAlex sample in testdata.
var testInput = Input{
	Authors:      []string{"testdata/authors.jsonl"},
	Institutions: []string{"testdata/institutions.jsonl"},
	Works:        []string{"testdata/works.jsonl"},
}

// convert converts in into a new folder and returns it.
func convert(tb testing.TB, in Input) (string, Stats) {
	tb.Helper()
	out := filepath.Join(tb.TempDir(), "bundle")
	stats, err := Convert(context.Background(), in, out)
	if err != nil {
		tb.Fatalf("Convert: %v", err)
	}
	return out, stats
}

// readRows reads a JSON Lines file of the bundle as generic objects.
func readRows(tb testing.TB, path string) []map[string]any {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var rows []map[string]any
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var row map[string]any
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	return rows
}

// rowsByKey indexes rows by their id, or by person_id/paper_id for
// authorships.
func rowsByKey(rows []map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, r := range rows {
		key, _ := r["id"].(string)
		if key == "" {
			key = r["person_id"].(string) + "/" + r["paper_id"].(string)
		}
		out[key] = r
	}
	return out
}

// row is a bundle row as JSON decodes it: numbers are float64 and lists
// []any, so want literals are written in that shape.
type row = map[string]any

func list(items ...string) []any {
	out := make([]any, len(items))
	for i, s := range items {
		out[i] = s
	}
	return out
}

var cites = list(SourceID)

func TestConvert_Records(t *testing.T) {
	out, _ := convert(t, testInput)
	tests := []struct {
		file string
		want map[string]row
	}{
		{"sources.jsonl", map[string]row{
			"openalex": {"id": "openalex", "publisher": "OpenAlex", "title": "OpenAlex snapshot",
				"url": "https://openalex.org", "note": "CC0; converted by thelist openalex"},
		}},
		{"labs.jsonl", map[string]row{
			"openalex-i1000000001": {"id": "openalex-i1000000001", "openalex": "I1000000001", "ror": "0exampe01", "name": "Fictional University of Examplia",
				"kind": "university", "country": "US", "aliases": list("Examplia University", "FUE"), "sources": cites},
			// Its parent, I1000000099, is not in the file.
			"openalex-i1000000002": {"id": "openalex-i1000000002", "openalex": "I1000000002", "ror": "0exampe02", "name": "Imaginary AI Labs", "kind": "company",
				"country": "GB", "sources": cites},
			"openalex-i1000000003": {"id": "openalex-i1000000003", "openalex": "I1000000003", "ror": "0exampe03", "name": "Institute for Invented Studies",
				"kind": "institute", "country": "DE", "aliases": list("Invented Studies Institute", "IIS"), "sources": cites},
			"openalex-i1000000004": {"id": "openalex-i1000000004", "openalex": "I1000000004", "ror": "0exampe04", "name": "Examplia Robotics Center", "kind": "institute",
				"country": "US", "parent_id": "openalex-i1000000001", "aliases": list("ERC"), "sources": cites},
			// A "related" institution is not a parent; ';' cannot be in a list item.
			"openalex-i1000000005": {"id": "openalex-i1000000005", "openalex": "I1000000005", "ror": "0exampe05", "name": "Examplia General Hospital", "kind": "institute",
				"country": "US", "aliases": list("Examplia Hospital, Main Campus"), "sources": cites},
			"openalex-i1000000006": {"id": "openalex-i1000000006", "openalex": "I1000000006", "ror": "0exampe06", "name": "Archive of Imaginary Papers", "kind": "institute",
				"country": "FR", "sources": cites},
			"openalex-i1000000007": {"id": "openalex-i1000000007", "openalex": "I1000000007", "ror": "0exampe07", "name": "Ministry of Made-up Affairs", "kind": "institute",
				"country": "NZ", "sources": cites},
			"openalex-i1000000008": {"id": "openalex-i1000000008", "openalex": "I1000000008", "name": "Placeholder Collective", "kind": "institute",
				"sources": cites},
		}},
		{"people.jsonl", map[string]row{
			"openalex-a5000000001": {"id": "openalex-a5000000001", "name": "Ada Example",
				"aliases": list("A. Example", "Ada B. Example"), "orcid": "0000-0000-0000-0001",
				"openalex": "A5000000001", "sources": cites},
			"openalex-a5000000002": {"id": "openalex-a5000000002", "name": "Bo Placeholder",
				"openalex": "A5000000002", "sources": cites},
			"openalex-a5000000003": {"id": "openalex-a5000000003", "name": "Cy Fictitious",
				"aliases": list("C. Fictitious"), "orcid": "0000-0000-0000-0002", "openalex": "A5000000003", "sources": cites},
			"openalex-a5000000004": {"id": "openalex-a5000000004", "name": "Dee Madeup",
				"openalex": "A5000000004", "sources": cites},
		}},
		{"papers.jsonl", map[string]row{
			"openalex-w1000000001": {"id": "openalex-w1000000001", "title": "A Study of Imaginary Networks",
				"year": 2023.0, "venue": "Journal of Invented Results", "doi": "10.5555/fict.0001",
				"citations": 12.0, "citations_date": "2024-04-02",
				"topics": list("Imaginary Networks", "Made-up Learning"), "sources": cites},
			// No topics: the concepts stand in.
			"openalex-w1000000002": {"id": "openalex-w1000000002", "title": "Placeholder Models at Scale",
				"year": 2024.0, "citations": 0.0, "citations_date": "2024-05-30",
				"topics": list("Computer science", "Placeholder theory"), "sources": cites},
			"openalex-w1000000003": {"id": "openalex-w1000000003", "title": "Robots That Do Not Exist",
				"year": 2020.0, "doi": "10.5555/FICT.0003", "citations": 3.0, "citations_date": "2024-03-03",
				"sources": cites},
			// W1000000004 has no title and is left out.
		}},
		{"authorships.jsonl", map[string]row{
			"openalex-a5000000003/openalex-w1000000001": {"person_id": "openalex-a5000000003",
				"paper_id": "openalex-w1000000001", "position": 1.0, "sources": cites},
			"openalex-a5000000001/openalex-w1000000001": {"person_id": "openalex-a5000000001",
				"paper_id": "openalex-w1000000001", "position": 2.0, "sources": cites},
			// A5999999999, third on W1000000001, is not in the authors file.
			"openalex-a5000000002/openalex-w1000000002": {"person_id": "openalex-a5000000002",
				"paper_id": "openalex-w1000000002", "position": 1.0, "sources": cites},
			// A5000000003 is listed twice on W1000000002: the first counts.
			"openalex-a5000000003/openalex-w1000000002": {"person_id": "openalex-a5000000003",
				"paper_id": "openalex-w1000000002", "position": 2.0, "sources": cites},
			"openalex-a5000000003/openalex-w1000000003": {"person_id": "openalex-a5000000003",
				"paper_id": "openalex-w1000000003", "position": 1.0, "sources": cites},
			"openalex-a5000000004/openalex-w1000000003": {"person_id": "openalex-a5000000004",
				"paper_id": "openalex-w1000000003", "position": 2.0, "sources": cites},
		}},
		{"stints.jsonl", map[string]row{
			// The latest year of the input is 2024: an affiliation seen in
			// 2024 may go on, so its end is empty.
			"openalex-a5000000001.i1000000001": {"id": "openalex-a5000000001.i1000000001",
				"person_id": "openalex-a5000000001", "lab_id": "openalex-i1000000001", "start": "2022",
				"confidence": "inferred", "note": NoteAffiliation, "sources": cites},
			"openalex-a5000000001.i1000000002": {"id": "openalex-a5000000001.i1000000002",
				"person_id": "openalex-a5000000001", "lab_id": "openalex-i1000000002", "start": "2019", "end": "2021",
				"confidence": "inferred", "note": NoteAffiliation, "sources": cites},
			// Last seen in 2020, but OpenAlex names it A5000000002's last
			// known institution: it may go on.
			"openalex-a5000000002.i1000000003": {"id": "openalex-a5000000002.i1000000003",
				"person_id": "openalex-a5000000002", "lab_id": "openalex-i1000000003", "start": "2018",
				"confidence": "inferred", "note": NoteAffiliation, "sources": cites},
			// A5000000002's affiliation with I1000000099 is left out: not in the institutions file.
			// A5000000003 has no affiliations: its works' authorships stand
			// in. It was last seen at I1000000002 in 2024, the latest year.
			"openalex-a5000000003.i1000000002": {"id": "openalex-a5000000003.i1000000002",
				"person_id": "openalex-a5000000003", "lab_id": "openalex-i1000000002", "start": "2023",
				"confidence": "inferred", "note": NoteAuthorship, "sources": cites},
			"openalex-a5000000003.i1000000004": {"id": "openalex-a5000000003.i1000000004",
				"person_id": "openalex-a5000000003", "lab_id": "openalex-i1000000004", "start": "2020", "end": "2020",
				"confidence": "inferred", "note": NoteAuthorship, "sources": cites},
			// A5000000004's affiliations are an empty list: no stints.
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rows := readRows(t, filepath.Join(out, tt.file))
			got := rowsByKey(rows)
			if len(rows) != len(tt.want) {
				t.Errorf("%d rows (%d distinct keys), want %d", len(rows), len(got), len(tt.want))
			}
			for key, want := range tt.want {
				if !reflect.DeepEqual(got[key], want) {
					t.Errorf("row %s:\n got %v\nwant %v", key, got[key], want)
				}
			}
			for key := range got {
				if _, ok := tt.want[key]; !ok {
					t.Errorf("unexpected row %s: %v", key, got[key])
				}
			}
		})
	}
}

func TestConvert_ManifestAndStats(t *testing.T) {
	out, stats := convert(t, testInput)
	raw, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	if m["name"] != "openalex" || m["version"] != "2024-06-01" || m["license"] != "CC0" {
		t.Errorf("manifest = %v, want name openalex, version 2024-06-01 (the newest updated_date), license CC0", m)
	}
	wantRows := map[string]int{"sources": 1, "labs": 8, "people": 4, "papers": 3, "authorships": 6, "stints": 5}
	if !reflect.DeepEqual(stats.Rows, wantRows) {
		t.Errorf("Rows = %v, want %v", stats.Rows, wantRows)
	}
	wantSkipped := map[string]int{
		SkipUntitledWork: 1, SkipForeignAuthor: 1, SkipRepeatedAuthor: 1, SkipForeignAffil: 1, SkipForeignParent: 1,
	}
	if !reflect.DeepEqual(stats.Skipped, wantSkipped) {
		t.Errorf("Skipped = %v, want %v", stats.Skipped, wantSkipped)
	}
	if stats.Version != "2024-06-01" || stats.LatestYear != 2024 {
		t.Errorf("Version, LatestYear = %q, %d; want 2024-06-01, 2024", stats.Version, stats.LatestYear)
	}
}

func TestConvert_VersionWithoutUpdatedDate(t *testing.T) {
	defer func(f func() time.Time) { now = f }(now)
	now = func() time.Time { return time.Date(2025, 2, 3, 23, 0, 0, 0, time.UTC) }
	dir := t.TempDir()
	path := writeFile(t, dir, "institutions.jsonl", `{"id":"https://openalex.org/I1000000001","display_name":"Nowhere Institute","type":"other"}`+"\n")
	_, stats := convert(t, Input{Institutions: []string{path}})
	if stats.Version != "2025-02-03" {
		t.Errorf("Version = %q, want the conversion day 2025-02-03", stats.Version)
	}
}

func TestConvert_GzipEqualsPlain(t *testing.T) {
	plain, _ := convert(t, testInput)
	gz := testInput
	gz.Works = []string{"testdata/works.jsonl.gz"}
	zipped, _ := convert(t, gz)
	for _, name := range []string{"manifest.json", "sources.jsonl", "labs.jsonl", "people.jsonl", "papers.jsonl", "authorships.jsonl", "stints.jsonl"} {
		a, err := os.ReadFile(filepath.Join(plain, name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(zipped, name))
		if err != nil {
			t.Fatal(err)
		}
		if string(a) != string(b) {
			t.Errorf("%s differs between plain and gzipped input:\nplain %s\ngzip  %s", name, a, b)
		}
	}
}

func TestConvert_CycleOfParentsIsBroken(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "institutions.jsonl", strings.Join([]string{
		`{"id":"https://openalex.org/I1","display_name":"One","type":"education","associated_institutions":[{"id":"https://openalex.org/I2","relationship":"parent"}]}`,
		`{"id":"https://openalex.org/I2","display_name":"Two","type":"education","associated_institutions":[{"id":"https://openalex.org/I1","relationship":"parent"}]}`,
	}, "\n")+"\n")
	out, stats := convert(t, Input{Institutions: []string{path}})
	labs := rowsByKey(readRows(t, filepath.Join(out, "labs.jsonl")))
	if got := labs["openalex-i1"]["parent_id"]; got != "openalex-i2" {
		t.Errorf("parent of I1 = %v, want openalex-i2", got)
	}
	if got, ok := labs["openalex-i2"]["parent_id"]; ok {
		t.Errorf("parent of I2 = %v, want none (it would make a cycle)", got)
	}
	if stats.Skipped[SkipCyclicParent] != 1 {
		t.Errorf("Skipped[%q] = %d, want 1", SkipCyclicParent, stats.Skipped[SkipCyclicParent])
	}
}

// writeFile writes content to dir/name and returns its path.
func writeFile(tb testing.TB, dir, name, content string) string {
	tb.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

func TestConvert_MalformedInput(t *testing.T) {
	dir := t.TempDir()
	works, err := os.ReadFile("testdata/works.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(works)), "\n")
	truncated := lines[0][:len(lines[0])/2] // a line cut off mid-object, as by a broken download
	noID := strings.Replace(lines[2], `"id":"https://openalex.org/W1000000003",`, "", 1)
	if noID == lines[2] {
		t.Fatal("the test data changed: W1000000003 has no id to remove")
	}
	path := writeFile(t, dir, "works.jsonl", strings.Join([]string{lines[1], truncated, noID, lines[3]}, "\n")+"\n")
	badAuthorID := writeFile(t, dir, "authors.jsonl", `{"id":"https://openalex.org/X12","display_name":"Nobody"}`+"\n")

	out := filepath.Join(dir, "out")
	_, err = Convert(context.Background(), Input{
		Authors: []string{badAuthorID}, Institutions: testInput.Institutions, Works: []string{path},
	}, out)
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want an *InputError", err)
	}
	want := []string{
		badAuthorID + ":1: id: want an OpenAlex id",
		path + ":2: want one JSON object on the line",
		path + ":3: id: missing",
	}
	if len(ie.Problems) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(ie.Problems), len(want), err)
	}
	for i, w := range want {
		if i < len(ie.Problems) && !strings.HasPrefix(ie.Problems[i].String(), w) {
			t.Errorf("problem %d = %q, want it to start with %q", i+1, ie.Problems[i], w)
		}
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stat %s: %v; want the output folder not to exist", out, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("%s was left behind", e.Name())
		}
	}
}

func TestConvert_RefusesNonEmptyOutput(t *testing.T) {
	out := t.TempDir()
	writeFile(t, out, "people.csv", "id\n")
	_, err := Convert(context.Background(), testInput, out)
	if thelist.ErrorCode(err) != thelist.EINVALID {
		t.Fatalf("err = %v, want %s", err, thelist.EINVALID)
	}
}

func TestConvert_OutputIsAValidBundle(t *testing.T) {
	out, stats := convert(t, testInput)
	rep, err := importer.Import(context.Background(), importertest.EmptyStore{TB: t}, out, importer.Options{DryRun: true})
	if err != nil {
		t.Fatalf("importer.Import: %v", err)
	}
	if !reflect.DeepEqual(rep.Rows, stats.Rows) {
		t.Errorf("the importer read %v, want the rows written %v", rep.Rows, stats.Rows)
	}
	if rep.Meta.Name != "openalex" || rep.Meta.Version != "2024-06-01" {
		t.Errorf("Meta = %+v, want name openalex, version 2024-06-01", rep.Meta)
	}
}

func TestConvert_ImportIntoNeo4j(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	out, stats := convert(t, testInput)
	first, err := importer.Import(ctx, db, out, importer.Options{})
	if err != nil {
		t.Fatalf("first import: %v", err)
	}
	for kind, n := range stats.Rows {
		if c := first.Counts[kind]; c.Created != n {
			t.Errorf("first import, %s: %+v, want %d created", kind, c, n)
		}
	}
	again, err := importer.Import(ctx, db, out, importer.Options{})
	if err != nil {
		t.Fatalf("second import: %v", err)
	}
	for kind, n := range stats.Rows {
		if c := again.Counts[kind]; c != (thelist.ImportCounts{Unchanged: n}) {
			t.Errorf("second import, %s: %+v, want all %d unchanged", kind, c, n)
		}
	}
}
