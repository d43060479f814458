package importer

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/thelist/thelist"
)

func TestImport_JSONLinesParsesLikeCSV(t *testing.T) {
	csvStore, jsonStore := &fakeStore{}, &fakeStore{}
	csvRep, err := Import(testContext(t), csvStore, everyKind, Options{})
	if err != nil {
		t.Fatalf("Import(%s): %v", everyKind, err)
	}
	jsonRep, err := Import(testContext(t), jsonStore, everyKindJSONL, Options{})
	if err != nil {
		t.Fatalf("Import(%s): %v", everyKindJSONL, err)
	}
	t.Run("the same records", func(t *testing.T) {
		assertBundle(t, jsonStore.written(), csvStore.written())
		// And both are what the fixture says, so a bug common to the two
		// readers cannot hide.
		assertBundle(t, jsonStore.written(), everyKindRecords(t))
	})
	t.Run("the same counts", func(t *testing.T) {
		if !reflect.DeepEqual(jsonRep.Rows, csvRep.Rows) {
			t.Errorf("Rows: got %v, want %v", jsonRep.Rows, csvRep.Rows)
		}
		if !reflect.DeepEqual(jsonRep.Counts, csvRep.Counts) {
			t.Errorf("Counts: got %v, want %v", jsonRep.Counts, csvRep.Counts)
		}
	})
	t.Run("the manifest", func(t *testing.T) {
		if got, want := jsonRep.Meta.Name, "every-kind-jsonl"; got != want {
			t.Errorf("Meta.Name: got %q, want %q", got, want)
		}
	})
}

func TestImport_JSONLinesValues(t *testing.T) {
	tests := []struct {
		name string
		line string
		want thelist.Paper
	}{
		{"numbers, booleans and arrays", `{"id":"p","title":"T","year":2017,"citations":5,"breakthrough":true,"topics":["a","b"],"sources":["src"]}`,
			thelist.Paper{ID: "p", Title: "T", Year: 2017, Citations: ptr[int64](5), Breakthrough: true, Topics: []string{"a", "b"}, Sources: sources("src")}},
		{"a large count", `{"id":"p","title":"T","citations":9007199254740993,"sources":["src"]}`,
			thelist.Paper{ID: "p", Title: "T", Citations: ptr[int64](9007199254740993), Sources: sources("src")}},
		{"null is not reported", `{"id":"p","title":"T","year":null,"citations":null,"breakthrough":null,"topics":null,"venue":null,"sources":["src"]}`,
			thelist.Paper{ID: "p", Title: "T", Sources: sources("src")}},
		{"false and an empty list", `{"id":"p","title":"T","breakthrough":false,"topics":[],"sources":["src"]}`,
			thelist.Paper{ID: "p", Title: "T", Sources: sources("src")}},
		{"spaces are trimmed", `{"id":" p ","title":" T ","topics":[" a ","b "],"sources":[" src"]}`,
			thelist.Paper{ID: "p", Title: "T", Topics: []string{"a", "b"}, Sources: sources("src")}},
		{"fields in any order", `{"sources":["src"],"topics":["a"],"title":"T","id":"p"}`,
			thelist.Paper{ID: "p", Title: "T", Topics: []string{"a"}, Sources: sources("src")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := &fakeStore{knowAll: true}
			importValid(t, store, map[string]string{"papers.jsonl": tt.line + "\n"}, Options{})
			assertRecords(t, "Papers", store.written().Papers, []thelist.Paper{tt.want})
		})
	}
}

func TestImport_JSONLinesEncodings(t *testing.T) {
	const people = `{"id":"ann","name":"Ann","sources":["src"]}` + "\n" + `{"id":"bob","name":"Bob","sources":["src"]}` + "\n"
	for _, tt := range []struct{ name, content string }{
		{"plain", people},
		{"byte-order mark", "\uFEFF" + people},
		{"CRLF line ends", strings.ReplaceAll(people, "\n", "\r\n")},
		{"no final newline", strings.TrimSuffix(people, "\n")},
		{"blank lines", "\n" + strings.ReplaceAll(people, "\n", "\n  \n")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			store := &fakeStore{knowAll: true}
			importValid(t, store, map[string]string{"people.jsonl": tt.content}, Options{})
			want := []thelist.Person{{ID: "ann", Name: "Ann", Sources: sources("src")}, {ID: "bob", Name: "Bob", Sources: sources("src")}}
			assertRecords(t, "People", store.written().People, want)
		})
	}
}

func TestImport_ReportsBadJSONLines(t *testing.T) {
	const ann = `{"id":"ann","name":"Ann","sources":["src"]}`
	jsonl := func(lines ...string) map[string]string {
		return map[string]string{"people.jsonl": strings.Join(lines, "\n") + "\n"}
	}
	const notObject = "want one JSON object on the line"
	runProblemCases(t, []problemCase{
		{"unknown field reported once a file",
			jsonl(`{"id":"ann","name":"Ann","nickname":"A","sources":["src"]}`, `{"id":"bob","name":"Bob","nickname":"B","sources":["src"]}`,
				`{"id":"cid","name":"Cid","nick":"C","sources":["src"]}`),
			[]string{
				"people.jsonl:1: nickname: unknown field (want id, name, native_name, aliases, orcid, openalex, dblp, google_scholar, sources)",
				"people.jsonl:3: nick: unknown field (want id, name, native_name, aliases, orcid, openalex, dblp, google_scholar, sources)",
			}},
		{"an array", jsonl(ann, `["bob","Bob"]`), []string{"people.jsonl:2: " + notObject}},
		{"a string", jsonl(`"ann"`), []string{"people.jsonl:1: " + notObject}},
		{"a number", jsonl(`42`), []string{"people.jsonl:1: " + notObject}},
		{"null", jsonl(`null`), []string{"people.jsonl:1: " + notObject}},
		{"an unclosed object", jsonl(`{"id":"ann","name":"Ann"`), []string{"people.jsonl:1: " + notObject}},
		{"two objects on a line", jsonl(ann + ann), []string{"people.jsonl:1: " + notObject}},
		{"an object and text", jsonl(ann + ` x`), []string{"people.jsonl:1: " + notObject}},
		{"an object and a closing bracket", jsonl(ann + `]`), []string{"people.jsonl:1: " + notObject}},
		{"an object and a closing brace", jsonl(ann + `}`), []string{"people.jsonl:1: " + notObject}},
		{"an object across two lines", jsonl(`{"id":"ann",`, `"name":"Ann","sources":["src"]}`),
			[]string{"people.jsonl:1: " + notObject, "people.jsonl:2: " + notObject}},
		{"line numbers count blank lines", jsonl(ann, "", "", `[]`), []string{"people.jsonl:4: " + notObject}},
		{"a list with a number", jsonl(`{"id":"ann","name":"Ann","aliases":["A",1],"sources":["src"]}`),
			[]string{`people.jsonl:1: aliases: want an array of strings, got ["A",1]`}},
		{"a list with null", jsonl(`{"id":"ann","name":"Ann","aliases":["A",null],"sources":["src"]}`),
			[]string{`people.jsonl:1: aliases: want an array of strings, got ["A",null]`}},
		{"a list with a list", jsonl(`{"id":"ann","name":"Ann","aliases":[["A"]],"sources":["src"]}`),
			[]string{`people.jsonl:1: aliases: want an array of strings, got [["A"]]`}},
		{"a list item with the CSV separator", jsonl(`{"id":"ann","name":"Ann","aliases":["A;B"],"sources":["src"]}`),
			[]string{`people.jsonl:1: aliases: list item "A;B" contains ';'`}},
		{"an object value", jsonl(`{"id":"ann","name":{"first":"Ann"},"sources":["src"]}`),
			[]string{`people.jsonl:1: name: want a string, got {"first":"Ann"}`}},
		{"a number for a name", jsonl(`{"id":"ann","name":123,"sources":["src"]}`),
			[]string{`people.jsonl:1: name: want a string, got 123`}},
		{"a string for a number, a boolean and lists", map[string]string{"papers.jsonl": `{"id":"p","title":"T","year":"2017","citations":"5","breakthrough":"true","topics":"a;b","sources":"src"}` + "\n"},
			[]string{
				`papers.jsonl:1: year: want a number, got "2017"`,
				`papers.jsonl:1: citations: want a number, got "5"`,
				`papers.jsonl:1: breakthrough: want true or false, got "true"`,
				`papers.jsonl:1: topics: want an array of strings, got "a;b"`,
				`papers.jsonl:1: sources: want an array of strings, got "src"`,
			}},
		{"a key given twice", jsonl(`{"id":"ann","name":"Ann","name":"Bob","sources":["src"]}`),
			[]string{"people.jsonl:1: name: given twice in the object"}},
		{"a NUL in a name", jsonl(`{"id":"ann","name":"A\u0000nn","sources":["src"]}`),
			[]string{`people.jsonl:1: name: control character U+0000 at byte 1 in "A\x00nn"`}},
		{"a line break in a name", jsonl(`{"id":"ann","name":"A\nnn","sources":["src"]}`),
			[]string{`people.jsonl:1: name: control character U+000A at byte 1 in "A\nnn"`}},
		{"a missing required field", jsonl(`{"id":"ann","name":"Ann"}`), []string{"people.jsonl:1: sources: missing"}},
		{"a null required field", jsonl(`{"id":"ann","name":null,"sources":["src"]}`), []string{"people.jsonl:1: name: missing"}},
		{"an empty list of sources", jsonl(`{"id":"ann","name":"Ann","sources":[]}`), []string{"people.jsonl:1: sources: missing"}},
		{"a fractional year", map[string]string{"papers.jsonl": `{"id":"p","title":"T","year":2017.0,"sources":["src"]}` + "\n"},
			[]string{`papers.jsonl:1: year: want a year from 1000 to 2100, got "2017.0"`}},
		{"a count in exponent form", map[string]string{"papers.jsonl": `{"id":"p","title":"T","citations":1e3,"sources":["src"]}` + "\n"},
			[]string{`papers.jsonl:1: citations: want a whole number of 0 or more without separators, got "1e3"`}},
		{"a boolean as a number", map[string]string{"papers.jsonl": `{"id":"p","title":"T","breakthrough":1,"sources":["src"]}` + "\n"},
			[]string{`papers.jsonl:1: breakthrough: want true or false, got 1`}},
		{"a duplicate id names the first line", jsonl(ann, `{"id":"bob","name":"Bob","sources":["src"]}`, ann),
			[]string{`people.jsonl:3: id: duplicate id "ann" (first on line 1)`}},
	})
	t.Run("a line over the length cap", func(t *testing.T) {
		dir := writeBundle(t, nil)
		f, err := os.Create(filepath.Join(dir, "people.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		long := `{"id":"bob","name":"` + strings.Repeat("b", maxJSONLine) + `","sources":["src"]}`
		if _, err := f.WriteString(ann + "\n" + long + "\n" + ann + "\n"); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		_, err = Import(testContext(t), &fakeStore{knowAll: true}, dir, Options{})
		assertProblems(t, validationProblems(t, err), []string{"people.jsonl:2: line longer than 16 MiB"})
	})
}
