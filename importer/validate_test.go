package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/thelist/thelist"
)

func TestImport_AcceptsSpreadsheetEncodings(t *testing.T) {
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
			store := &fakeStore{knowAll: true}
			importValid(t, store, map[string]string{"people.csv": tt.content}, Options{})
			want := []thelist.Person{
				{ID: "ann", Name: "Ann Example", Sources: sources("src-a")},
				{ID: "bob", Name: "Bob Example", Sources: sources("src-a")},
			}
			assertRecords(t, "People", store.written().People, want)
		})
	}
}

func TestImport_ReportsMalformedFiles(t *testing.T) {
	const people = "id,name,native_name,sources\n"
	runProblemCases(t, []problemCase{
		{"missing required value", csvFile("labs.csv", labsHeader, "lab-a,Lab A,,US,,,,,src"),
			[]string{"labs.csv:2: kind: missing"}},
		{"missing sources", csvFile("stints.csv", stintsHeader, "s,ann,meta,,,,,,,"),
			[]string{"stints.csv:2: sources: missing"}},
		{"missing required column", map[string]string{"people.csv": "id,name,native_name\nann,Ann,\n"},
			[]string{"people.csv:1: sources: missing column"}},
		{"unknown column", map[string]string{"people.csv": "id,name,nickname,sources\nann,Ann,Annie,src-a\n"},
			[]string{"people.csv:1: nickname: unknown column (want id, name, native_name, aliases, orcid, openalex, dblp, google_scholar, sources)"}},
		{"column appears twice", map[string]string{"people.csv": "id,name,name,sources\nann,Ann,Ann,src-a\n"},
			[]string{"people.csv:1: name: column appears twice"}},
		{"too few fields", map[string]string{"people.csv": people + "ann,Ann,src-a\n"},
			[]string{"people.csv:2: has 3 fields, the header has 4"}},
		{"too many fields", map[string]string{"people.csv": people + "ann,Ann,,src-a,extra\n"},
			[]string{"people.csv:2: has 5 fields, the header has 4"}},
		{"stray quote", map[string]string{"people.csv": people + "ann,Ann \"the\" Example,,src-a\n"},
			[]string{`people.csv:2: bare " in non-quoted-field`}},
		{"text after a closing quote", map[string]string{"people.csv": people + "ann,\"Ann\" Example,,src-a\n"},
			[]string{`people.csv:2: extraneous or missing " in quoted-field`}},
		{"unclosed quote names the line it opens on",
			map[string]string{"people.csv": people + "ann,\"Ann,,src-a\nbob,Bob,,src-a\ncid,Cid,,src-a\n"},
			[]string{`people.csv:2: extraneous or missing " in quoted-field (parse error on line 4)`}},
		{"rows after a stray quote are still checked",
			csvFile("labs.csv", labsHeader, `lab-a,Lab "A",company,,,,,,src`, "lab-b,Lab B,shop,,,,,,src"),
			[]string{
				`labs.csv:2: bare " in non-quoted-field`,
				`labs.csv:3: kind: unknown value "shop" (want one of company, university, institute, startup, investor, media)`,
			}},
		{"stray quote in the header", map[string]string{"people.csv": "id,na\"me,native_name,sources\nann,Ann,,src-a\n"},
			[]string{`people.csv:1: bare " in non-quoted-field`}},
		{"empty file", map[string]string{"people.csv": ""},
			[]string{"people.csv:1: empty file: want a header row"}},
		{"only a byte-order mark", map[string]string{"labs.csv": "\uFEFF"},
			[]string{"labs.csv:1: empty file: want a header row"}},
		{"line numbers count the lines of a multi-line value",
			csvFile("sources.csv", sourcesHeader, "s1,NYT,Title,,,,\"a note\non two lines\"", "s2,NYT,Title,,ftp://x,,"),
			[]string{`sources.csv:4: url: want an http(s) URL, got "ftp://x"`}},
	})
}

func TestImport_ReportsDuplicates(t *testing.T) {
	runProblemCases(t, []problemCase{
		{"id names the first line",
			csvFile("people.csv", peopleHeader, "ann,Ann,,,,,,,src", "bob,Bob,,,,,,,src", "ann,Ann Again,,,,,,,src"),
			[]string{`people.csv:4: id: duplicate id "ann" (first on line 2)`}},
		{"id seen three times names the first line each time",
			csvFile("labs.csv", labsHeader, "meta,Meta,company,,,,,,src", "meta,Meta,company,,,,,,src", "meta,Meta,company,,,,,,src"),
			[]string{`labs.csv:3: id: duplicate id "meta" (first on line 2)`, `labs.csv:4: id: duplicate id "meta" (first on line 2)`}},
		{"several duplicates in line order",
			csvFile("sources.csv", sourcesHeader, "a,P,T,,,,", "b,P,T,,,,", "c,P,T,,,,", "d,P,T,,,,", "e,P,T,,,,",
				"e,P,T,,,,", "d,P,T,,,,", "c,P,T,,,,", "b,P,T,,,,", "a,P,T,,,,"),
			[]string{
				`sources.csv:7: id: duplicate id "e" (first on line 6)`,
				`sources.csv:8: id: duplicate id "d" (first on line 5)`,
				`sources.csv:9: id: duplicate id "c" (first on line 4)`,
				`sources.csv:10: id: duplicate id "b" (first on line 3)`,
				`sources.csv:11: id: duplicate id "a" (first on line 2)`,
			}},
		{"authorship pair",
			csvFile("authorships.csv", authorshipsHeader, "ann,attention,1,src", "bob,attention,2,src", "ann,molmo,,src", "ann,attention,,src"),
			[]string{`authorships.csv:5: duplicate person_id and paper_id "ann" and "attention" (first on line 2)`}},
		{"membership pair",
			csvFile("memberships.csv", membershipsHeader, "ann,chat,,,,,src", "ann,other,,,,,src", "ann,chat,2025,,,,src"),
			[]string{`memberships.csv:4: duplicate person_id and group_id "ann" and "chat" (first on line 2)`}},
		{"the same id in two kinds is no duplicate",
			map[string]string{
				"people.csv": "id,name,sources\nann,Ann,src\n",
				"labs.csv":   "id,name,kind,sources\nann,Ann Inc.,company,src\nmeta,Meta,company,src\nmeta,Meta,company,src\n",
			},
			[]string{`labs.csv:4: id: duplicate id "meta" (first on line 3)`}},
	})
}

func TestImport_ReportsEveryProblemAtOnce(t *testing.T) {
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
			"ann.lab-a,ann,lab-a,,2024,2023,src-a,1\n" +
			"ann.lab-b,ann,lab-b,,,,src-a,1\n",
	}
	want := []string{
		// Files are read in order (sources, labs, people, stints); within
		// a row, required values come before the checks of meaning, and
		// duplicates are found when a file is done. References missing
		// from the bundle and the database come last.
		"sources.csv:2: title: missing",
		`sources.csv:2: date: want YYYY, YYYY-MM or YYYY-MM-DD, got "2023-13"`,
		`sources.csv:2: url: want an http(s) URL, got "ftp://x"`,
		`labs.csv:2: kind: unknown value "lab" (want one of company, university, institute, startup, investor, media)`,
		`labs.csv:2: country: want an ISO 3166-1 alpha-2 code such as US, got "usa"`,
		"people.csv:4: id: missing",
		`people.csv:3: id: duplicate id "ann" (first on line 2)`,
		"stints.csv:1: salary: unknown column (want id, person_id, lab_id, role, founder, start, end, last_seen, concurrent, confidence, note, sources)",
		"stints.csv:2: end: 2023 is before start 2024",
		`stints.csv:3: lab_id: unknown lab "lab-b": not in the bundle nor in the database`,
	}
	got := importProblems(t, &fakeStore{}, files)
	assertProblems(t, got, want)
}

// TestImport_GroupsProblemsByKind: a bundle with many problems of one kind
// and a few of others lists every kind with its count and first examples,
// so one run shows everything; --errors gets every problem.
func TestImport_GroupsProblemsByKind(t *testing.T) {
	var papers strings.Builder
	papers.WriteString("id,title,citations,sources\n")
	for i := range 300 {
		fmt.Fprintf(&papers, "p%d,Title,-%d,src-a\n", i, i+1)
	}
	files := map[string]string{
		"papers.csv": papers.String(),
		"people.csv": "id,name,sources\nann,Ann,src-a\nbob,,src-a\nann,Ann again,src-a\n",
	}
	var sink bytes.Buffer
	store := &fakeStore{knowAll: true}
	_, err := Import(testContext(t), store, writeBundle(t, files), Options{Errors: &sink})
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("got error %v, want a *ValidationError", err)
	}
	if verr.Total != 302 {
		t.Errorf("Total: got %d, want 302", verr.Total)
	}
	type kind struct {
		file, field     string
		count, examples int
	}
	var got []kind
	for _, k := range verr.Kinds {
		got = append(got, kind{k.File, k.Field, k.Count, len(k.Examples)})
	}
	want := []kind{{"people.csv", "name", 1, 1}, {"people.csv", "id", 1, 1}, {"papers.csv", "citations", 300, MaxExamples}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("kinds: got %+v, want %+v", got, want)
	}
	msg := verr.Error()
	for _, line := range []string{
		"invalid bundle: 302 problem(s) of 3 kinds, nothing written",
		"people.csv:3: name: missing",
		`people.csv:4: id: duplicate id "ann" (first on line 2)`,
		`papers.csv:2: citations: want a whole number of 0 or more without separators, got "-1"`,
		`papers.csv:6: citations: want a whole number of 0 or more without separators, got "-5"`,
		"… and 295 more like these (papers.csv: citations)",
	} {
		if !strings.Contains(msg, line+"\n") && !strings.HasSuffix(msg, line) {
			t.Errorf("Error() lacks the line %q:\n%s", line, msg)
		}
	}
	if n := strings.Count(msg, "\n"); n != 1+1+1+MaxExamples {
		t.Errorf("Error() has %d lines after the first, want %d:\n%s", n, 2+MaxExamples+1, msg)
	}
	t.Run("--errors gets every problem as JSON Lines", func(t *testing.T) {
		lines := strings.Split(strings.TrimSuffix(sink.String(), "\n"), "\n")
		if len(lines) != 302 {
			t.Fatalf("%d lines, want 302", len(lines))
		}
		var last thelist.Problem
		if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil {
			t.Fatalf("last line %q: %v", lines[len(lines)-1], err)
		}
		wantLast := thelist.Problem{File: "papers.csv", Line: 301, Field: "citations",
			Message: `want a whole number of 0 or more without separators, got "-300"`}
		if last != wantLast {
			t.Errorf("last problem: got %+v, want %+v", last, wantLast)
		}
	})
}

func TestProblem_String(t *testing.T) {
	tests := []struct {
		name string
		p    thelist.Problem
		want string
	}{
		{"file, line and field", thelist.Problem{File: "stints.csv", Line: 7, Field: "lab_id", Message: `unknown lab "googel"`}, `stints.csv:7: lab_id: unknown lab "googel"`},
		{"no field", thelist.Problem{File: "people.csv", Line: 3, Message: "has 3 fields, the header has 4"}, "people.csv:3: has 3 fields, the header has 4"},
		{"whole file", thelist.Problem{File: "people.csv", Message: "unreadable"}, "people.csv: unreadable"},
		{"whole file with field", thelist.Problem{File: "people.csv", Field: "name", Message: "bad"}, "people.csv: name: bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestImport_ReportsUnknownReferences(t *testing.T) {
	files := map[string]string{
		"people.csv": "id,name,sources\nann,Ann,src-a;src-db\n",
		"stints.csv": "id,person_id,lab_id,sources\n" +
			"ann.lab-db,ann,lab-db,src-a\n" +
			"bob.googel,bob,googel,src-a;src-gone\n" +
			"ann.googel,ann,googel,src-db\n",
	}
	t.Run("every unknown reference is a problem at its use", func(t *testing.T) {
		store := &fakeStore{known: map[string][]string{"Lab": {"lab-db"}, "Source": {"src-a", "src-db"}}}
		got := importProblems(t, store, files)
		want := []string{
			// Kinds in the order of their labels, then ids, then places.
			`stints.csv:3: lab_id: unknown lab "googel": not in the bundle nor in the database`,
			`stints.csv:4: lab_id: unknown lab "googel": not in the bundle nor in the database`,
			`stints.csv:3: person_id: unknown person "bob": not in the bundle nor in the database`,
			`stints.csv:3: sources: unknown source "src-gone": not in the bundle nor in the database`,
		}
		assertProblems(t, got, want)
	})
	t.Run("the store is asked about each id once", func(t *testing.T) {
		store := &fakeStore{known: map[string][]string{
			"Lab": {"lab-db", "googel"}, "Source": {"src-a", "src-db", "src-gone"}, "Person": {"bob"},
		}}
		importValid(t, store, files, Options{})
		want := map[string][]string{
			"Person": {"bob"},
			"Lab":    {"googel", "lab-db"},
			"Source": {"src-a", "src-db", "src-gone"},
		}
		if len(store.asked) != len(want) {
			t.Errorf("asked about labels %v, want %d labels", store.asked, len(want))
		}
		for label, ids := range want {
			if got := store.asked[label]; !slices.Equal(got, ids) {
				t.Errorf("MissingIDs(%s): got %q, want %q", label, got, ids)
			}
		}
		if store.calls != len(want) {
			t.Errorf("MissingIDs calls: got %d, want %d (one a label)", store.calls, len(want))
		}
	})
	t.Run("an id used in many places is reported at the first five", func(t *testing.T) {
		var rows []string
		for i := range 7 {
			rows = append(rows, fmt.Sprintf("s%d,ann,googel,src", i))
		}
		store := &fakeStore{known: map[string][]string{"Person": {"ann"}, "Source": {"src"}}}
		got := importProblems(t, store, csvFile("stints.csv", "id,person_id,lab_id,sources", rows...))
		var want []string
		for line := 2; line <= 6; line++ {
			want = append(want, fmt.Sprintf(`stints.csv:%d: lab_id: unknown lab "googel": not in the bundle nor in the database`, line))
		}
		assertProblems(t, got, want)
		if got := store.asked["Lab"]; !slices.Equal(got, []string{"googel"}) {
			t.Errorf("MissingIDs(Lab): got %q, want [\"googel\"] once", got)
		}
	})
	t.Run("references to every referenced kind", func(t *testing.T) {
		store := &fakeStore{}
		got := importProblems(t, store, map[string]string{
			"moves.csv":       movesHeader + "\nm,ann,uw,meta,,bob,offer-1,,,src\n",
			"memberships.csv": membershipsHeader + "\nann,chat,,,,,src\n",
			"authorships.csv": authorshipsHeader + "\nann,paper-1,,src\n",
		})
		want := []string{
			`memberships.csv:2: group_id: unknown group "chat": not in the bundle nor in the database`,
			`moves.csv:2: from_lab_id: unknown lab "uw": not in the bundle nor in the database`,
			`moves.csv:2: to_lab_id: unknown lab "meta": not in the bundle nor in the database`,
			`moves.csv:2: offer_id: unknown offer "offer-1": not in the bundle nor in the database`,
			`authorships.csv:2: paper_id: unknown paper "paper-1": not in the bundle nor in the database`,
			`authorships.csv:2: person_id: unknown person "ann": not in the bundle nor in the database`,
			`moves.csv:2: person_id: unknown person "ann": not in the bundle nor in the database`,
			`memberships.csv:2: person_id: unknown person "ann": not in the bundle nor in the database`,
			`moves.csv:2: recruiter_id: unknown person "bob": not in the bundle nor in the database`,
			`authorships.csv:2: sources: unknown source "src": not in the bundle nor in the database`,
			`moves.csv:2: sources: unknown source "src": not in the bundle nor in the database`,
			`memberships.csv:2: sources: unknown source "src": not in the bundle nor in the database`,
		}
		assertSameSet(t, "problems", got, want)
		wantLabels := []string{"Group", "Lab", "Offer", "Paper", "Person", "Source"}
		var gotLabels []string
		for label := range store.asked {
			gotLabels = append(gotLabels, label)
		}
		assertSameSet(t, "labels asked", gotLabels, wantLabels)
	})
	t.Run("a store error is returned, not reported as a problem", func(t *testing.T) {
		store := &fakeStore{missErr: errors.New("connection refused")}
		_, err := Import(testContext(t), store, writeBundle(t, files), Options{})
		var verr *ValidationError
		if err == nil || errors.As(err, &verr) || !strings.Contains(err.Error(), "connection refused") {
			t.Errorf("got %v, want the store's error wrapped", err)
		}
		if len(store.writes) != 0 || len(store.recorded) != 0 {
			t.Errorf("store got %d writes and %d records after MissingIDs failed, want none", len(store.writes), len(store.recorded))
		}
	})
	t.Run("an invalid bundle never writes", func(t *testing.T) {
		// people.csv lacks its sources column: the store may be asked
		// about nothing and must get no write.
		store := &fakeStore{knowAll: true}
		importProblems(t, store, map[string]string{"people.csv": "id,name\nann,Ann\n"})
		if store.calls != 0 {
			t.Errorf("MissingIDs called %d times, want 0", store.calls)
		}
	})
}

func TestImport_ResolvesReferencesInTheBundle(t *testing.T) {
	t.Run("to earlier kinds", func(t *testing.T) {
		store := &fakeStore{}
		importValid(t, store, map[string]string{
			"sources.csv":     "id,publisher,title\nsrc,P,T\n",
			"labs.csv":        "id,name,kind,sources\nmeta,Meta,company,src\n",
			"people.csv":      "id,name,sources\nann,Ann,src\nbob,Bob,src\n",
			"papers.csv":      "id,title,sources\np,Paper,src\n",
			"authorships.csv": "person_id,paper_id,sources\nann,p,src\n",
			"offers.csv":      "id,lab_id,person_id,sources\no,meta,bob,src\n",
			"moves.csv":       "id,person_id,to_lab_id,recruiter_id,offer_id,sources\nm,bob,meta,ann,o,src\n",
			"groups.csv":      "id,name,sources\nchat,Chat,src\n",
			"memberships.csv": "person_id,group_id,sources\nann,chat,src\n",
		}, Options{})
		if store.calls != 0 {
			t.Errorf("MissingIDs called %d times (%v), want 0: every reference is in the bundle", store.calls, store.asked)
		}
	})
	t.Run("a lab's parent declared later in the file", func(t *testing.T) {
		store := &fakeStore{knowAll: true}
		importValid(t, store, csvFile("labs.csv", labsHeader,
			"meta-msl,MSL,company,,meta,,,,src", "meta-fair,FAIR,company,,meta,,,,src", "meta,Meta,company,,,,,,src"), Options{})
		if got := store.asked["Lab"]; len(got) != 0 {
			t.Errorf("MissingIDs(Lab): got %q, want no call: the parent is in the bundle", got)
		}
		var parents []string
		for _, l := range store.written().Labs {
			parents = append(parents, l.ID+"→"+l.ParentID)
		}
		if want := []string{"meta-msl→meta", "meta-fair→meta", "meta→"}; !slices.Equal(parents, want) {
			t.Errorf("parents: got %q, want %q", parents, want)
		}
	})
	t.Run("a lab's parent in the database", func(t *testing.T) {
		store := &fakeStore{known: map[string][]string{"Lab": {"meta"}, "Source": {"src"}}}
		importValid(t, store, csvFile("labs.csv", labsHeader, "meta-msl,MSL,company,,meta,,,,src"), Options{})
		if got := store.asked["Lab"]; !slices.Equal(got, []string{"meta"}) {
			t.Errorf("MissingIDs(Lab): got %q, want [\"meta\"]", got)
		}
	})
	t.Run("a lab's parent nowhere", func(t *testing.T) {
		store := &fakeStore{known: map[string][]string{"Source": {"src"}}}
		got := importProblems(t, store, csvFile("labs.csv", labsHeader, "meta-msl,MSL,company,,meta,,,,src"))
		assertProblems(t, got, []string{`labs.csv:2: parent_id: unknown lab "meta": not in the bundle nor in the database`})
	})
}

func TestImport_ReportsLabCycles(t *testing.T) {
	runProblemCases(t, []problemCase{
		{"two labs", csvFile("labs.csv", labsHeader, "a,A,company,,b,,,,src", "b,B,company,,a,,,,src"),
			[]string{
				`labs.csv:2: parent_id: "a" is its own ancestor (a → b → a)`,
				`labs.csv:3: parent_id: "b" is its own ancestor (b → a → b)`,
			}},
		{"three labs", csvFile("labs.csv", labsHeader,
			"meta,Meta,company,,meta-msl,,,,src", "meta-ai,Meta AI,company,,meta,,,,src", "meta-msl,MSL,company,,meta-ai,,,,src"),
			[]string{
				`labs.csv:2: parent_id: "meta" is its own ancestor (meta → meta-msl → meta-ai → meta)`,
				`labs.csv:3: parent_id: "meta-ai" is its own ancestor (meta-ai → meta → meta-msl → meta-ai)`,
				`labs.csv:4: parent_id: "meta-msl" is its own ancestor (meta-msl → meta-ai → meta → meta-msl)`,
			}},
		{"a lab below a cycle is not in it", csvFile("labs.csv", labsHeader,
			"c,C,company,,a,,,,src", "a,A,company,,b,,,,src", "b,B,company,,a,,,,src"),
			[]string{
				`labs.csv:3: parent_id: "a" is its own ancestor (a → b → a)`,
				`labs.csv:4: parent_id: "b" is its own ancestor (b → a → b)`,
			}},
	})
	t.Run("a chain without a cycle", func(t *testing.T) {
		importValid(t, &fakeStore{knowAll: true}, csvFile("labs.csv", labsHeader,
			"a,A,company,,b,,,,src", "b,B,company,,c,,,,src", "c,C,company,,d,,,,src", "d,D,company,,,,,,src"), Options{})
	})
}

func TestImport_ReportsBundleFileProblems(t *testing.T) {
	const people = "id,name,sources\nann,Ann,src\n"
	wantFiles := "sources.csv, labs.csv, people.csv, papers.csv, authorships.csv, degrees.csv, stints.csv, " +
		"offers.csv, moves.csv, recruitments.csv, investments.csv, deals.csv, groups.csv, memberships.csv"
	runProblemCases(t, []problemCase{
		{"unknown file name", map[string]string{"people.csv": people, "stint.csv": "id\n"},
			[]string{"stint.csv: unknown file: want one of " + wantFiles + " (or .jsonl)"}},
		{"unknown JSON Lines file name", map[string]string{"persons.jsonl": "{}\n"},
			[]string{"persons.jsonl: unknown file: want one of " + wantFiles + " (or .jsonl)"}},
		{"a kind as both CSV and JSON Lines", map[string]string{"people.csv": people, "people.jsonl": `{"id":"bob","name":"Bob","sources":["src"]}` + "\n"},
			[]string{"people.jsonl: people is already given as people.csv: use one or the other"}},
		{"manifest without a version", map[string]string{"people.csv": people, "manifest.json": `{"name": "x"}`},
			[]string{"manifest.json: name and version are required"}},
	})
	t.Run("malformed manifest", func(t *testing.T) {
		for _, tt := range []struct{ name, manifest string }{
			{"not JSON", "name: demo\n"},
			{"a list", `["demo", "1"]`},
			{"an unknown field", `{"name": "demo", "version": "1", "licence": "CC0"}`},
			{"a number for a string", `{"name": "demo", "version": 1}`},
		} {
			t.Run(tt.name, func(t *testing.T) {
				got := importProblems(t, &fakeStore{knowAll: true}, map[string]string{"people.csv": people, "manifest.json": tt.manifest})
				const prefix = "manifest.json: want a JSON object with name, version, license, description: "
				if len(got) != 1 || !strings.HasPrefix(got[0], prefix) {
					t.Errorf("problems: got %q, want one starting %q", got, prefix)
				}
			})
		}
	})
	t.Run("other files are ignored", func(t *testing.T) {
		files := map[string]string{"people.csv": people, "README.md": "# a bundle\n", "notes.txt": "x", "LICENSE": "CC0"}
		dir := writeBundle(t, files)
		if err := os.Mkdir(filepath.Join(dir, "drafts.csv"), 0o755); err != nil {
			t.Fatal(err)
		}
		store := &fakeStore{knowAll: true}
		if _, err := Import(testContext(t), store, dir, Options{}); err != nil {
			t.Fatalf("Import: %v", err)
		}
		if got := len(store.written().People); got != 1 {
			t.Errorf("people written: got %d, want 1", got)
		}
	})
}

func TestImport_Manifest(t *testing.T) {
	const people = "id,name,sources\nann,Ann,src\n"
	t.Run("name and version from the manifest", func(t *testing.T) {
		rep := importValid(t, &fakeStore{knowAll: true}, map[string]string{
			"people.csv":    people,
			"manifest.json": `{"name": "the-list-demo", "version": "2026.11.29", "license": "CC BY 4.0", "description": "d"}`,
		}, Options{})
		if rep.Meta.Name != "the-list-demo" || rep.Meta.Version != "2026.11.29" {
			t.Errorf("Meta: got name %q version %q, want the-list-demo 2026.11.29", rep.Meta.Name, rep.Meta.Version)
		}
	})
	t.Run("without a manifest the name is the folder's", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "my-bundle")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "people.csv"), []byte(people), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{dir, dir + string(filepath.Separator)} {
			rep, err := Import(testContext(t), &fakeStore{knowAll: true}, path, Options{})
			if err != nil {
				t.Fatalf("Import(%s): %v", path, err)
			}
			if rep.Meta.Name != "my-bundle" || rep.Meta.Version != "" || rep.Meta.Bundle != path {
				t.Errorf("Import(%s) Meta: got %+v, want name my-bundle, no version, bundle %s", path, rep.Meta, path)
			}
		}
	})
	t.Run("without a manifest, imported from the current folder", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "here")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "people.csv"), []byte(people), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Chdir(dir)
		rep, err := Import(testContext(t), &fakeStore{knowAll: true}, ".", Options{})
		if err != nil {
			t.Fatalf("Import(.): %v", err)
		}
		if rep.Meta.Name != "here" {
			t.Errorf("Meta.Name: got %q, want %q (the folder's name, not \".\")", rep.Meta.Name, "here")
		}
	})
}

func TestImport_NoBundle(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
	}{
		{"empty folder", nil},
		{"only other files", map[string]string{"README.md": "# not a bundle\n", "manifest.json": `{"name":"x","version":"1"}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := &fakeStore{}
			_, err := Import(testContext(t), store, writeBundle(t, tt.files), Options{})
			if err == nil {
				t.Fatal("Import: got no error, want one saying there are no bundle files")
			}
			if got, want := thelist.ErrorCode(err), thelist.EINVALID; got != want {
				t.Errorf("error code: got %s, want %s (error %v)", got, want, err)
			}
			if got := thelist.ErrorMessage(err); !strings.Contains(got, "no bundle files") {
				t.Errorf("message: got %q, want it to say there are no bundle files", got)
			}
			if store.calls != 0 || len(store.writes) != 0 {
				t.Errorf("store: %d MissingIDs calls, %d writes; want none", store.calls, len(store.writes))
			}
		})
	}
	t.Run("folder that does not exist", func(t *testing.T) {
		_, err := Import(testContext(t), &fakeStore{}, filepath.Join(t.TempDir(), "missing"), Options{})
		var verr *ValidationError
		if err == nil || errors.As(err, &verr) || !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("Import: got %v, want an error wrapping os.ErrNotExist", err)
		}
	})
}
