package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImport_ReportsFilesThatAreNotUTF8 imports real files written in other
// encodings (testdata/encodings, made with iconv and Python's codecs from
// the same rows): each gives one problem that names the encoding, and no
// damaged row is reported or written.
func TestImport_ReportsFilesThatAreNotUTF8(t *testing.T) {
	for _, tt := range []struct{ file, as, want string }{
		{"people-utf16-bom.csv", "people.csv", "people.csv: is UTF-16 (little-endian), not UTF-8: save it as UTF-8"},
		{"people-utf16le.csv", "people.csv", "people.csv: is UTF-16 (little-endian), not UTF-8: save it as UTF-8"},
		{"people-utf16be.csv", "people.csv", "people.csv: is UTF-16 (big-endian), not UTF-8: save it as UTF-8"},
		{"people-utf32-bom.csv", "people.csv", "people.csv: is UTF-32 (little-endian), not UTF-8: save it as UTF-8"},
		{"people-utf16le.jsonl", "people.jsonl", "people.jsonl: is UTF-16 (little-endian), not UTF-8: save it as UTF-8"},
		{"people-latin1.csv", "people.csv",
			`people.csv:2: is not UTF-8: byte 0xE9 in "jose-muller,Jos\xe9 M\xfcller,,,,,,,src" looks like Latin-1 or Windows-1252, where 0xE9 is 'é': save the file as UTF-8`},
		{"people-latin1.jsonl", "people.jsonl",
			`people.jsonl:1: is not UTF-8: byte 0xE9 in "{\"id\":\"jose\",\"name\":\"Jos\xe9 M\xfcller\",\"sources\":[\"src\"]}" looks like Latin-1 or Windows-1252, where 0xE9 is 'é': save the file as UTF-8`},
		{"people-shift-jis.csv", "people.csv",
			`people.csv:2: is not UTF-8: byte 0x8D in "sato,Sato Hiroshi,\x8d\xb2\x93\xa1 \x94\x8e,,,,,,src" looks like a legacy encoding such as Latin-1, Windows-1252, Shift JIS or GBK: save the file as UTF-8`},
	} {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "encodings", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			store := &fakeStore{knowAll: true}
			got := importProblems(t, store, map[string]string{tt.as: string(b)})
			assertProblems(t, got, []string{tt.want})
			if n := len(store.writes); n != 0 {
				t.Errorf("wrote %d batches, want none", n)
			}
		})
	}
}

func TestUTF8Reader_CharactersCutByReads(t *testing.T) {
	// Every character of several bytes, cut at every place by reads of
	// one byte, must pass; a bad byte must fail at its line.
	text := "id,name\nann,Åsa Ñúñez 李 😀\n"
	r := newTextReader(oneByteReader{strings.NewReader(text)})
	var got []byte
	buf := make([]byte, 8)
	for {
		n, err := r.Read(buf)
		got = append(got, buf[:n]...)
		if err != nil {
			break
		}
	}
	if string(got) != text {
		t.Errorf("read %q, want %q", got, text)
	}
	r = newTextReader(oneByteReader{strings.NewReader("a\nb\nc\xff\n")})
	for {
		_, err := r.Read(buf)
		if err == nil {
			continue
		}
		ee, ok := err.(*encodingError)
		if !ok || ee.line != 3 {
			t.Errorf("error %v, want an encodingError at line 3", err)
		}
		break
	}
}

type oneByteReader struct{ r *strings.Reader }

func (o oneByteReader) Read(p []byte) (int, error) { return o.r.Read(p[:1]) }

func TestReadTable_QuotedFieldKeepsItsBytes(t *testing.T) {
	in := "id,person_id,lab_id,role,founder,start,end,confidence,note,sources\r\n" +
		"s,ann,lab,,,,,,\"one\r\ntwo\rthree\nfour \"\"q\"\"\",src\r\n"
	var ps problems
	var notes []string
	err := readTable(strings.NewReader(in), fuzzTable(t, "csv"), &ps, func(r row) { notes = append(notes, r.get("note")) })
	if err != nil || ps.total != 0 {
		t.Fatalf("readTable: %v, problems %v", err, ps.list)
	}
	if want := "one\r\ntwo\rthree\nfour \"q\""; len(notes) != 1 || notes[0] != want {
		t.Errorf("notes: got %q, want [%q]", notes, want)
	}
}

func TestImport_ReportsTextNoFieldMayHold(t *testing.T) {
	long := strings.Repeat("é", 201) // 402 bytes: over a name's 400
	runProblemCases(t, []problemCase{
		{"a NUL in a name", csvFile("people.csv", peopleHeader, "ann,A\x00nn,,,,,,,src"),
			[]string{`people.csv:2: name: control character U+0000 at byte 1 in "A\x00nn"`}},
		{"an escape character in an alias", csvFile("people.csv", peopleHeader, "ann,Ann,,A\x1bB,,,,,src"),
			[]string{`people.csv:2: aliases: control character U+001B at byte 1 in "A\x1bB"`}},
		{"a tab in a name", csvFile("people.csv", peopleHeader, "ann,An\tn,,,,,,,src"),
			[]string{`people.csv:2: name: control character U+0009 at byte 2 in "An\tn"`}},
		{"a line break in a quoted name", csvFile("people.csv", peopleHeader, "ann,\"An\r\nn\",,,,,,,src"),
			[]string{`people.csv:2: name: control character U+000D at byte 2 in "An\r\nn"`}},
		{"a name over its limit", csvFile("people.csv", peopleHeader, "ann,"+long+",,,,,,,src"),
			[]string{`people.csv:2: name: 402 bytes, more than the 400 allowed: "` + strings.Repeat("é", 80) + `"… (402 bytes)`}},
		{"a DOI over its limit", csvFile("papers.csv", papersHeader, "p,T,,,10.1/"+strings.Repeat("x", 200)+",,,,,,src"),
			[]string{`papers.csv:2: doi: 205 bytes, more than the 128 allowed: "10.1/` + strings.Repeat("x", 75) + `"… (205 bytes)`}},
		{"too many aliases", csvFile("people.csv", peopleHeader, "ann,Ann,,"+strings.Repeat("a;", 201)+",,,,,src"),
			[]string{`people.csv:2: aliases: 202 items, more than the 200 allowed: "` + strings.Repeat("a;", 40) + `"… (402 bytes)`}},
		{"a required value that is only a control character", csvFile("people.csv", peopleHeader, "ann,\x01,,,,,,,src"),
			[]string{`people.csv:2: name: control character U+0001 at byte 0 in "\x01"`}},
		{"year 0000", csvFile("stints.csv", stintsHeader, "s,ann,meta,,,0000,,,,src"),
			[]string{`stints.csv:2: start: year 0 is outside 1000..2100: "0000"`}},
		{"year 2101", csvFile("sources.csv", sourcesHeader, "src,NYT,Title,2101-01,,,"),
			[]string{`sources.csv:2: date: year 2101 is outside 1000..2100: "2101-01"`}},
		{"a paper's year 2101", csvFile("papers.csv", papersHeader, "p,T,2101,,,,,,,,src"),
			[]string{`papers.csv:2: year: want a year from 1000 to 2100, got "2101"`}},
	})
	t.Run("a note may hold line breaks and tabs", func(t *testing.T) {
		store := &fakeStore{knowAll: true}
		importValid(t, store, csvFile("stints.csv", stintsHeader, "s,ann,meta,,,,,,\"a\tb\r\nc\",src"), Options{})
		if got := store.written().Stints; len(got) != 1 || got[0].Note != "a\tb\r\nc" {
			t.Errorf("stints: got %+v, want one with note %q", got, "a\tb\r\nc")
		}
	})
}
