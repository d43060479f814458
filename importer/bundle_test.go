package importer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/thelist/thelist"
)

// validFiles is a small valid bundle touching every file and every column.
var validFiles = map[string]string{
	"sources.csv": "id,publisher,title,date,url,note\n" +
		"src-a,The Paper,A Title,2023-11-07,https://example.com/a,\n" +
		"src-b,Other Paper,\"Title, with a comma\",2012,http://example.com/b,a note\n",
	"labs.csv": "id,name,kind,country,sources\n" +
		"lab-a,Lab A,company,US,src-a\n" +
		"lab-b,Lab B,university,,src-a;src-b\n",
	"people.csv": "id,name,native_name,sources\n" +
		"ann,Ann Example,李飞飞,src-a\n",
	"stints.csv": "id,person_id,lab_id,role,start,end,sources\n" +
		"ann.lab-a,ann,lab-a,\"researcher, then lead\",2023-11,2025,src-a; src-b\n" +
		"ann.lab-b,ann,lab-b,,,,src-b\n",
}

// writeBundle writes files (name → content) into a new temporary folder and
// returns its path.
func writeBundle(tb testing.TB, files map[string]string) string {
	tb.Helper()
	dir := tb.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			tb.Fatalf("write %s: %v", name, err)
		}
	}
	return dir
}

// readProblems reads the bundle in dir, which must be invalid, and returns
// its problems written as file:line: field: message.
func readProblems(tb testing.TB, dir string) []string {
	tb.Helper()
	_, _, _, err := Read(dir)
	return validationProblems(tb, err)
}

func validationProblems(tb testing.TB, err error) []string {
	tb.Helper()
	var verr *ValidationError
	if !errors.As(err, &verr) {
		tb.Fatalf("got error %v (%T), want a *ValidationError", err, err)
	}
	if verr.Total != len(verr.Problems) {
		tb.Errorf("Total = %d, want %d (the number of problems listed)", verr.Total, len(verr.Problems))
	}
	got := make([]string, len(verr.Problems))
	for i, p := range verr.Problems {
		got[i] = p.String()
	}
	return got
}

func date(tb testing.TB, s string) thelist.Date {
	tb.Helper()
	d, err := thelist.ParseDate(s)
	if err != nil {
		tb.Fatalf("ParseDate(%q): %v", s, err)
	}
	return d
}

func sources(ids ...string) []thelist.Source {
	out := make([]thelist.Source, len(ids))
	for i, id := range ids {
		out[i] = thelist.Source{ID: id}
	}
	return out
}

func TestRead_ValidBundle(t *testing.T) {
	dir := writeBundle(t, validFiles)
	got, refs, checksum, err := Read(dir)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}

	t.Run("sources", func(t *testing.T) {
		want := []thelist.Source{
			{ID: "src-a", Publisher: "The Paper", Title: "A Title", Date: date(t, "2023-11-07"), URL: "https://example.com/a"},
			{ID: "src-b", Publisher: "Other Paper", Title: "Title, with a comma", Date: date(t, "2012"), URL: "http://example.com/b", Note: "a note"},
		}
		assertEqual(t, "Sources", got.Sources, want)
	})
	t.Run("labs", func(t *testing.T) {
		want := []thelist.Lab{
			{ID: "lab-a", Name: "Lab A", Kind: "company", Country: "US", Sources: sources("src-a")},
			{ID: "lab-b", Name: "Lab B", Kind: "university", Sources: sources("src-a", "src-b")},
		}
		assertEqual(t, "Labs", got.Labs, want)
	})
	t.Run("people", func(t *testing.T) {
		want := []thelist.Person{{ID: "ann", Name: "Ann Example", NativeName: "李飞飞", Sources: sources("src-a")}}
		assertEqual(t, "People", got.People, want)
	})
	t.Run("stints", func(t *testing.T) {
		want := []thelist.Stint{
			{ID: "ann.lab-a", PersonID: "ann", LabID: "lab-a", Role: "researcher, then lead",
				Start: date(t, "2023-11"), End: date(t, "2025"), Sources: sources("src-a", "src-b")},
			{ID: "ann.lab-b", PersonID: "ann", LabID: "lab-b", Sources: sources("src-b")},
		}
		assertEqual(t, "Stints", got.Stints, want)
	})
	t.Run("dates keep their precision", func(t *testing.T) {
		for _, tt := range []struct {
			name string
			got  thelist.Date
			want thelist.Precision
			text string
		}{
			{"source day", got.Sources[0].Date, thelist.PrecisionDay, "2023-11-07"},
			{"source year", got.Sources[1].Date, thelist.PrecisionYear, "2012"},
			{"stint start month", got.Stints[0].Start, thelist.PrecisionMonth, "2023-11"},
			{"stint end year", got.Stints[0].End, thelist.PrecisionYear, "2025"},
			{"unknown", got.Stints[1].Start, thelist.PrecisionNone, ""},
		} {
			if tt.got.Precision != tt.want || tt.got.String() != tt.text {
				t.Errorf("%s: got %q (%v), want %q (%v)", tt.name, tt.got, tt.got.Precision, tt.text, tt.want)
			}
		}
		if want := time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC); !got.Stints[0].Start.Time.Equal(want) {
			t.Errorf("stint start time: got %v, want %v", got.Stints[0].Start.Time, want)
		}
	})
	t.Run("references", func(t *testing.T) {
		// Sources cite nothing; each lab, person and stint cites its
		// sources, and each stint its person and lab.
		var gotRefs []string
		for _, r := range refs {
			gotRefs = append(gotRefs, fmt.Sprintf("%s:%d: %s → %s %s", r.file, r.line, r.field, r.kind, r.id))
		}
		want := []string{
			"labs.csv:2: sources → Source src-a",
			"labs.csv:3: sources → Source src-a",
			"labs.csv:3: sources → Source src-b",
			"people.csv:2: sources → Source src-a",
			"stints.csv:2: sources → Source src-a",
			"stints.csv:2: sources → Source src-b",
			"stints.csv:2: person_id → Person ann",
			"stints.csv:2: lab_id → Lab lab-a",
			"stints.csv:3: sources → Source src-b",
			"stints.csv:3: person_id → Person ann",
			"stints.csv:3: lab_id → Lab lab-b",
		}
		assertSameSet(t, "refs", gotRefs, want)
	})
	t.Run("checksum", func(t *testing.T) {
		if len(checksum) != 64 {
			t.Errorf("checksum = %q, want 64 hex digits (sha256)", checksum)
		}
		_, _, again, err := Read(writeBundle(t, validFiles))
		if err != nil {
			t.Fatalf("Read again: %v", err)
		}
		if again != checksum {
			t.Errorf("checksum of the same files: got %s, want %s", again, checksum)
		}
		edited := withFile(validFiles, "people.csv", "id,name,native_name,sources\nann,Ann Edited,,src-a\n")
		_, _, other, err := Read(writeBundle(t, edited))
		if err != nil {
			t.Fatalf("Read edited: %v", err)
		}
		if other == checksum {
			t.Errorf("checksum of an edited bundle: got %s, the same as the original; want it to differ", other)
		}
	})
}

// withFile returns a copy of files with name set to content.
func withFile(files map[string]string, name, content string) map[string]string {
	out := make(map[string]string, len(files)+1)
	for k, v := range files {
		out[k] = v
	}
	out[name] = content
	return out
}

func assertEqual[T any](tb testing.TB, what string, got, want []T) {
	tb.Helper()
	if len(got) != len(want) {
		tb.Fatalf("%s: got %d records %+v, want %d %+v", what, len(got), got, len(want), want)
	}
	for i := range want {
		if g, w := fmt.Sprintf("%+v", got[i]), fmt.Sprintf("%+v", want[i]); g != w {
			tb.Errorf("%s[%d]:\n got %s\nwant %s", what, i, g, w)
		}
	}
}

func assertSameSet(tb testing.TB, what string, got, want []string) {
	tb.Helper()
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		tb.Errorf("%s:\n got %q\nwant %q", what, g, w)
	}
}

func TestRead_AcceptsSpreadsheetEncodings(t *testing.T) {
	const people = "id,name,native_name,sources\nann,Ann Example,,src-a\nbob,Bob Example,,src-a\n"
	tests := []struct {
		name    string
		content string
	}{
		{"plain", people},
		{"byte-order mark", "\uFEFF" + people},
		{"CRLF line ends", strings.ReplaceAll(people, "\n", "\r\n")},
		{"byte-order mark and CRLF", "\uFEFF" + strings.ReplaceAll(people, "\n", "\r\n")},
		{"no final newline", strings.TrimSuffix(people, "\n")},
		{"columns in another order", "sources,native_name,name,id\nsrc-a,,Ann Example,ann\nsrc-a,,Bob Example,bob\n"},
		{"spaces around values and column names", "id , name,native_name, sources\n ann , Ann Example ,, src-a\nbob,Bob Example,,src-a\n"},
		{"blank lines", "id,name,native_name,sources\n\nann,Ann Example,,src-a\n\nbob,Bob Example,,src-a\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _, _, err := Read(writeBundle(t, map[string]string{"people.csv": tt.content}))
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			want := []thelist.Person{
				{ID: "ann", Name: "Ann Example", Sources: sources("src-a")},
				{ID: "bob", Name: "Bob Example", Sources: sources("src-a")},
			}
			assertEqual(t, "People", b.People, want)
		})
	}
}

func TestRead_ReportsEachProblem(t *testing.T) {
	const (
		sourcesHeader = "id,publisher,title,date,url,note\n"
		labsHeader    = "id,name,kind,country,sources\n"
		peopleHeader  = "id,name,native_name,sources\n"
		stintsHeader  = "id,person_id,lab_id,role,start,end,sources\n"
	)
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "missing id",
			files: map[string]string{"people.csv": peopleHeader + "ann,Ann,,src-a\n,Nobody,,src-a\n"},
			want:  []string{"people.csv:3: id: missing"},
		},
		{
			name:  "missing required value",
			files: map[string]string{"labs.csv": labsHeader + "lab-a,Lab A,,US,src-a\n"},
			want:  []string{"labs.csv:2: kind: missing"},
		},
		{
			name:  "missing sources",
			files: map[string]string{"stints.csv": stintsHeader + "ann.lab-a,ann,lab-a,,,,\n"},
			want:  []string{"stints.csv:2: sources: missing"},
		},
		{
			name:  "missing required column",
			files: map[string]string{"people.csv": "id,name,native_name\nann,Ann,\n"},
			want:  []string{"people.csv:1: sources: missing column"},
		},
		{
			name:  "unknown column",
			files: map[string]string{"people.csv": "id,name,nickname,sources\nann,Ann,Annie,src-a\n"},
			want:  []string{"people.csv:1: nickname: unknown column (want id, name, native_name, sources)"},
		},
		{
			name:  "column appears twice",
			files: map[string]string{"people.csv": "id,name,name,sources\nann,Ann,Ann,src-a\n"},
			want:  []string{"people.csv:1: name: column appears twice"},
		},
		{
			name:  "duplicate id names the first line",
			files: map[string]string{"people.csv": peopleHeader + "ann,Ann,,src-a\nbob,Bob,,src-a\nann,Ann Again,,src-a\n"},
			want:  []string{`people.csv:4: id: duplicate id "ann" (first on line 2)`},
		},
		{
			name:  "upper-case id",
			files: map[string]string{"people.csv": peopleHeader + "Ann,Ann,,src-a\n"},
			want:  []string{`people.csv:2: id: "Ann" is not a valid id (lowercase letters, digits, '.', '_', '-')`},
		},
		{
			name:  "id starting with a dash",
			files: map[string]string{"labs.csv": labsHeader + "-lab,Lab,company,,src-a\n"},
			want:  []string{`labs.csv:2: id: "-lab" is not a valid id (lowercase letters, digits, '.', '_', '-')`},
		},
		{
			name:  "id with a space",
			files: map[string]string{"sources.csv": sourcesHeader + "nyt 2025,NYT,Title,,,\n"},
			want:  []string{`sources.csv:2: id: "nyt 2025" is not a valid id (lowercase letters, digits, '.', '_', '-')`},
		},
		{
			name:  "month 13",
			files: map[string]string{"stints.csv": stintsHeader + "ann.lab-a,ann,lab-a,,2023-13,,src-a\n"},
			want:  []string{`stints.csv:2: start: date "2023-13": want YYYY, YYYY-MM or YYYY-MM-DD`},
		},
		{
			name:  "two-digit year",
			files: map[string]string{"sources.csv": sourcesHeader + "src-a,NYT,Title,23-11,,\n"},
			want:  []string{`sources.csv:2: date: date "23-11": want YYYY, YYYY-MM or YYYY-MM-DD`},
		},
		{
			name:  "bad end date",
			files: map[string]string{"stints.csv": stintsHeader + "ann.lab-a,ann,lab-a,,2023,2024-02-30,src-a\n"},
			want:  []string{`stints.csv:2: end: date "2024-02-30": want YYYY, YYYY-MM or YYYY-MM-DD`},
		},
		{
			name:  "end before start",
			files: map[string]string{"stints.csv": stintsHeader + "ann.lab-a,ann,lab-a,,2023-11,2023-01,src-a\n"},
			want:  []string{"stints.csv:2: end: 2023-01 is before start 2023-11"},
		},
		{
			name:  "end year before start year",
			files: map[string]string{"stints.csv": stintsHeader + "ann.lab-a,ann,lab-a,,2023-11-07,2022,src-a\n"},
			want:  []string{"stints.csv:2: end: 2022 is before start 2023-11-07"},
		},
		{
			name:  "end day before start day",
			files: map[string]string{"stints.csv": stintsHeader + "ann.lab-a,ann,lab-a,,2023-11-07,2023-11-06,src-a\n"},
			want:  []string{"stints.csv:2: end: 2023-11-06 is before start 2023-11-07"},
		},
		{
			name:  "unknown lab kind",
			files: map[string]string{"labs.csv": labsHeader + "lab-a,Lab A,lab,,src-a\n"},
			want:  []string{`labs.csv:2: kind: unknown kind "lab" (want one of company, university, institute, startup, investor, media)`},
		},
		{
			name:  "three-letter country",
			files: map[string]string{"labs.csv": labsHeader + "lab-a,Lab A,company,USA,src-a\n"},
			want:  []string{`labs.csv:2: country: want an ISO 3166-1 alpha-2 code such as US, got "USA"`},
		},
		{
			name:  "lower-case country",
			files: map[string]string{"labs.csv": labsHeader + "lab-a,Lab A,company,us,src-a\n"},
			want:  []string{`labs.csv:2: country: want an ISO 3166-1 alpha-2 code such as US, got "us"`},
		},
		{
			name:  "ftp url",
			files: map[string]string{"sources.csv": sourcesHeader + "src-a,NYT,Title,,ftp://example.com/a,\n"},
			want:  []string{`sources.csv:2: url: want an http(s) URL, got "ftp://example.com/a"`},
		},
		{
			name:  "javascript url",
			files: map[string]string{"sources.csv": sourcesHeader + "src-a,NYT,Title,,javascript:alert(1),\n"},
			want:  []string{`sources.csv:2: url: want an http(s) URL, got "javascript:alert(1)"`},
		},
		{
			name:  "too few fields",
			files: map[string]string{"people.csv": peopleHeader + "ann,Ann,src-a\n"},
			want:  []string{"people.csv:2: has 3 fields, the header has 4"},
		},
		{
			name:  "too many fields",
			files: map[string]string{"people.csv": peopleHeader + "ann,Ann,,src-a,extra\n"},
			want:  []string{"people.csv:2: has 5 fields, the header has 4"},
		},
		{
			name:  "stray quote",
			files: map[string]string{"people.csv": peopleHeader + "ann,Ann \"the\" Example,,src-a\n"},
			want:  []string{`people.csv:2: bare " in non-quoted-field`},
		},
		{
			name:  "text after a closing quote",
			files: map[string]string{"people.csv": peopleHeader + "ann,\"Ann\" Example,,src-a\n"},
			want:  []string{`people.csv:2: extraneous or missing " in quoted-field`},
		},
		{
			name:  "unclosed quote names the line it opens on",
			files: map[string]string{"people.csv": peopleHeader + "ann,\"Ann,,src-a\nbob,Bob,,src-a\ncid,Cid,,src-a\n"},
			want:  []string{`people.csv:2: extraneous or missing " in quoted-field (parse error on line 4)`},
		},
		{
			name:  "rows after a stray quote are still checked",
			files: map[string]string{"labs.csv": labsHeader + "lab-a,Lab \"A\",company,,src-a\nlab-b,Lab B,shop,,src-a\n"},
			want: []string{
				`labs.csv:2: bare " in non-quoted-field`,
				`labs.csv:3: kind: unknown kind "shop" (want one of company, university, institute, startup, investor, media)`,
			},
		},
		{
			name:  "stray quote in the header",
			files: map[string]string{"people.csv": "id,na\"me,native_name,sources\nann,Ann,,src-a\n"},
			want:  []string{`people.csv:1: bare " in non-quoted-field`},
		},
		{
			name:  "empty file",
			files: map[string]string{"people.csv": ""},
			want:  []string{"people.csv:1: empty file: want a header row"},
		},
		{
			name:  "only a byte-order mark",
			files: map[string]string{"labs.csv": "\uFEFF"},
			want:  []string{"labs.csv:1: empty file: want a header row"},
		},
		{
			name: "line numbers count the lines of a multi-line value",
			files: map[string]string{"sources.csv": sourcesHeader +
				"src-a,NYT,Title,,,\"a note\non two lines\"\n" +
				"src-b,NYT,Title,,ftp://x,\n"},
			want: []string{`sources.csv:4: url: want an http(s) URL, got "ftp://x"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readProblems(t, writeBundle(t, tt.files))
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestRead_EndWithinTheStartPeriod(t *testing.T) {
	// An end reported less precisely than the start may share its period:
	// "ended in 2023" is consistent with "started in November 2023".
	for _, tt := range []struct{ start, end string }{
		{"2023-11", "2023"},
		{"2023-11-07", "2023-11"},
		{"2023-11-07", "2023"},
		{"2023-11-07", "2023-11-07"},
		{"2023", "2023-01"},
		{"2023", "2023"},
	} {
		t.Run(tt.start+" to "+tt.end, func(t *testing.T) {
			stints := "id,person_id,lab_id,role,start,end,sources\nann.lab-a,ann,lab-a,," + tt.start + "," + tt.end + ",src-a\n"
			b, _, _, err := Read(writeBundle(t, map[string]string{"stints.csv": stints}))
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if got := b.Stints[0].End.String(); got != tt.end {
				t.Errorf("End = %q, want %q", got, tt.end)
			}
		})
	}
}

func TestRead_NoBundleFiles(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
	}{
		{"empty folder", nil},
		{"only other files", map[string]string{"README.md": "# not a bundle\n", "persons.csv": "id\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := Read(writeBundle(t, tt.files))
			if err == nil {
				t.Fatal("Read: got no error, want one saying there are no bundle files")
			}
			if got, want := thelist.ErrorCode(err), thelist.EINVALID; got != want {
				t.Errorf("error code: got %s, want %s (error %v)", got, want, err)
			}
			if got := thelist.ErrorMessage(err); !strings.Contains(got, "no bundle files") {
				t.Errorf("message: got %q, want it to say there are no bundle files", got)
			}
		})
	}
	t.Run("folder that does not exist", func(t *testing.T) {
		_, _, _, err := Read(filepath.Join(t.TempDir(), "missing"))
		if err == nil {
			t.Fatal("Read: got no error, want one")
		}
	})
	t.Run("bundle file that is a folder", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.Mkdir(filepath.Join(dir, "people.csv"), 0o755); err != nil {
			t.Fatal(err)
		}
		_, _, _, err := Read(dir)
		var verr *ValidationError
		if err == nil || errors.As(err, &verr) {
			t.Fatalf("Read: got %v, want an I/O error", err)
		}
	})
}

func TestRead_ReportsEveryProblemAtOnce(t *testing.T) {
	files := map[string]string{
		"sources.csv": "id,publisher,title,date,url,note\n" +
			"src-a,NYT,,2023-13,ftp://x,\n",
		"labs.csv": "id,name,kind,country,sources\n" +
			"lab-a,Lab A,lab,usa,src-a\n",
		"people.csv": "id,name,native_name,sources\n" +
			"ann,Ann,,src-a\n" +
			"ann,Ann,,src-a\n" +
			",Nobody,,src-a\n",
		"stints.csv": "id,person_id,lab_id,role,start,end,sources,salary\n" +
			"ann.lab-a,ann,lab-a,,2024,2023,src-a,1\n",
	}
	want := []string{
		// Files are read in order (sources, labs, people, stints), and
		// within a row, required values before the checks of meaning.
		"sources.csv:2: title: missing",
		`sources.csv:2: date: date "2023-13": want YYYY, YYYY-MM or YYYY-MM-DD`,
		`sources.csv:2: url: want an http(s) URL, got "ftp://x"`,
		`labs.csv:2: kind: unknown kind "lab" (want one of company, university, institute, startup, investor, media)`,
		`labs.csv:2: country: want an ISO 3166-1 alpha-2 code such as US, got "usa"`,
		`people.csv:3: id: duplicate id "ann" (first on line 2)`,
		"people.csv:4: id: missing",
		"stints.csv:1: salary: unknown column (want id, person_id, lab_id, role, start, end, sources)",
		"stints.csv:2: end: 2023 is before start 2024",
	}
	got := readProblems(t, writeBundle(t, files))
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n got %q\nwant %q", got, want)
	}
}

func TestRead_CapsProblems(t *testing.T) {
	tests := []struct {
		name     string
		rows     int
		wantList int
		wantMore string
	}{
		{"just under the cap", MaxProblems - 1, MaxProblems - 1, ""},
		{"at the cap", MaxProblems, MaxProblems, ""},
		{"one over the cap", MaxProblems + 1, MaxProblems, "… and 1 more"},
		{"well over the cap", MaxProblems + 50, MaxProblems, "… and 50 more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Each row lacks its name: one problem a row.
			var b strings.Builder
			b.WriteString("id,name,native_name,sources\n")
			for i := range tt.rows {
				fmt.Fprintf(&b, "p%d,,,src-a\n", i)
			}
			_, _, _, err := Read(writeBundle(t, map[string]string{"people.csv": b.String()}))
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("got error %v, want a *ValidationError", err)
			}
			if verr.Total != tt.rows {
				t.Errorf("Total: got %d, want %d", verr.Total, tt.rows)
			}
			if len(verr.Problems) != tt.wantList {
				t.Errorf("len(Problems): got %d, want %d", len(verr.Problems), tt.wantList)
			}
			if got, want := verr.Problems[0].String(), "people.csv:2: name: missing"; got != want {
				t.Errorf("first problem: got %q, want %q", got, want)
			}
			if n := len(verr.Problems); n > 0 {
				if got, want := verr.Problems[n-1].String(), fmt.Sprintf("people.csv:%d: name: missing", n+1); got != want {
					t.Errorf("last problem listed: got %q, want %q (the first %d kept)", got, want, n)
				}
			}
			msg := verr.Error()
			if want := fmt.Sprintf("invalid bundle: %d problem(s), nothing written\n", tt.rows); !strings.HasPrefix(msg, want) {
				t.Errorf("Error() starts %q, want %q", firstLine(msg), want)
			}
			if got := strings.Count(msg, "\n"); got != tt.wantList+boolInt(tt.wantMore != "") {
				t.Errorf("Error() has %d lines after the first, want %d", got, tt.wantList+boolInt(tt.wantMore != ""))
			}
			lastLine := msg[strings.LastIndex(msg, "\n")+1:]
			if tt.wantMore != "" && lastLine != tt.wantMore {
				t.Errorf("Error() ends %q, want %q", lastLine, tt.wantMore)
			}
			if tt.wantMore == "" && strings.Contains(msg, "more") {
				t.Errorf("Error() = …%q, want no \"… and N more\" line when nothing was left off", lastLine)
			}
		})
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestProblem_String(t *testing.T) {
	tests := []struct {
		name string
		p    Problem
		want string
	}{
		{"file, line and field", Problem{File: "stints.csv", Line: 7, Field: "lab_id", Message: `unknown lab "googel"`}, `stints.csv:7: lab_id: unknown lab "googel"`},
		{"no field", Problem{File: "people.csv", Line: 3, Message: "has 3 fields, the header has 4"}, "people.csv:3: has 3 fields, the header has 4"},
		{"whole file", Problem{File: "people.csv", Message: "unreadable"}, "people.csv: unreadable"},
		{"whole file with field", Problem{File: "people.csv", Field: "name", Message: "bad"}, "people.csv: name: bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// fakeStore is a Store for validation tests that need no database: it knows
// a fixed set of ids and records what it was asked and whether it wrote.
type fakeStore struct {
	known   map[string][]string // kind → ids in the "database"
	asked   map[string][]string // kind → ids asked about by MissingIDs
	wrote   bool
	missErr error
}

func (s *fakeStore) MissingIDs(_ context.Context, kind string, ids []string) ([]string, error) {
	if s.missErr != nil {
		return nil, s.missErr
	}
	if s.asked == nil {
		s.asked = map[string][]string{}
	}
	s.asked[kind] = append(s.asked[kind], ids...)
	var missing []string
	for _, id := range ids {
		if !slices.Contains(s.known[kind], id) {
			missing = append(missing, id)
		}
	}
	return missing, nil
}

func (s *fakeStore) WriteBundle(context.Context, thelist.Bundle, thelist.ImportMeta) (thelist.ImportResult, error) {
	s.wrote = true
	return thelist.ImportResult{}, nil
}

func TestImport_ReportsUnknownReferences(t *testing.T) {
	files := map[string]string{
		"people.csv": "id,name,native_name,sources\nann,Ann,,src-a;src-db\n",
		"stints.csv": "id,person_id,lab_id,role,start,end,sources\n" +
			"ann.lab-db,ann,lab-db,,,,src-a\n" +
			"bob.googel,bob,googel,,,,src-a;src-gone\n" +
			"ann.googel,ann,googel,,,,src-db\n",
	}
	t.Run("every unknown reference is a problem at its use", func(t *testing.T) {
		store := &fakeStore{known: map[string][]string{"Lab": {"lab-db"}, "Source": {"src-a", "src-db"}}}
		_, err := Import(context.Background(), store, writeBundle(t, files))
		got := validationProblems(t, err)
		want := []string{
			`stints.csv:3: sources: unknown source "src-gone": not in the bundle nor in the database`,
			`stints.csv:3: person_id: unknown person "bob": not in the bundle nor in the database`,
			`stints.csv:3: lab_id: unknown lab "googel": not in the bundle nor in the database`,
			`stints.csv:4: lab_id: unknown lab "googel": not in the bundle nor in the database`,
		}
		assertSameSet(t, "problems", got, want)
		if store.wrote {
			t.Error("WriteBundle was called for an invalid bundle")
		}
	})
	t.Run("asks the store only about ids not in the bundle, each once", func(t *testing.T) {
		store := &fakeStore{known: map[string][]string{"Lab": {"lab-db", "googel"}, "Source": {"src-a", "src-db", "src-gone"}, "Person": {"bob"}}}
		if _, err := Import(context.Background(), store, writeBundle(t, files)); err != nil {
			t.Fatalf("Import: %v", err)
		}
		if !store.wrote {
			t.Error("WriteBundle was not called for a valid bundle")
		}
		for kind, want := range map[string][]string{
			"Person": {"bob"},
			"Lab":    {"lab-db", "googel"},
			"Source": {"src-a", "src-db", "src-gone"},
		} {
			assertSameSet(t, "MissingIDs("+kind+")", store.asked[kind], want)
		}
	})
	t.Run("a store error is returned, not reported as a problem", func(t *testing.T) {
		store := &fakeStore{missErr: errors.New("connection refused")}
		_, err := Import(context.Background(), store, writeBundle(t, files))
		var verr *ValidationError
		if err == nil || errors.As(err, &verr) || !strings.Contains(err.Error(), "connection refused") {
			t.Errorf("got %v, want the store's error wrapped", err)
		}
		if store.wrote {
			t.Error("WriteBundle was called after MissingIDs failed")
		}
	})
	t.Run("an invalid bundle never reaches the store", func(t *testing.T) {
		store := &fakeStore{}
		_, err := Import(context.Background(), store, writeBundle(t, map[string]string{"people.csv": "id,name\n"}))
		validationProblems(t, err)
		if store.asked != nil || store.wrote {
			t.Errorf("store asked %v, wrote %v; want it untouched", store.asked, store.wrote)
		}
	})
}
