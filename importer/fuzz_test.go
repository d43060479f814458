package importer

import (
	"bytes"
	"strings"
	"testing"

	"github.com/thelist/thelist"
)

// fuzzTable is the table the fuzz tests read: stints, whose columns cover
// required and optional values, dates, booleans and lists.
func fuzzTable(tb testing.TB, ext string) table {
	tb.Helper()
	return table{file: "stints." + ext, columns: specFor(tb, thelist.KindStints).columns}
}

// checkProblems fails the fuzz test when a problem is not located in the
// file it read, or the cap is not kept.
func checkProblems(t *testing.T, ps *problems, file string) {
	t.Helper()
	if ps.total < len(ps.list) || len(ps.list) > len(ps.kinds)*MaxExamples {
		t.Errorf("problems: total %d, listed %d, %d kinds of at most %d", ps.total, len(ps.list), len(ps.kinds), MaxExamples)
	}
	for _, p := range ps.list {
		if p.Line < 0 {
			t.Errorf("problem %q has line %d, want >= 0", p, p.Line)
		}
		if p.File != file {
			t.Errorf("problem %q names file %q, want %q", p, p.File, file)
		}
		if p.Message == "" {
			t.Errorf("problem %+v has no message", p)
		}
	}
}

// FuzzReadTable feeds arbitrary bytes to readTable as stints.csv: whatever
// the input, it must return (no panic, no hang), and every problem it
// reports must be located in the file. Plain go test runs the seeds below
// and testdata/fuzz/FuzzReadTable; go test -fuzz=FuzzReadTable explores.
func FuzzReadTable(f *testing.F) {
	const header = "id,person_id,lab_id,role,founder,start,end,confidence,note,sources\n"
	for _, seed := range []string{
		header + "ann.lab,ann,lab,researcher,true,2023-11,2025,reported,,src-a;src-b\n",
		"\uFEFF" + strings.ReplaceAll(header+"ann.lab,ann,lab,,,2012,,,,src-a\n", "\n", "\r\n"),
		header + "ann.lab,ann,lab,\"role, with comma\nand a newline\",,,,,,src-a\n",
		header,
		"",
		"\uFEFF",
		"\xEF\xBB",
		header + "ann.lab,ann,lab\n",
		header + "ann.lab,ann,lab,\"unclosed,,,,,,,src-a\n",
		header + "ann.lab,ann,lab,ro\"le,,,,,,src-a\n",
		"id,\"bad\"header\n1\n",
		"id,id,nope,\n,,,\n",
		header + "Ann,ann,lab,,yes,2023-13,23-11,likely,,src-a\n",
		header + "ann.lab,ann,lab,,,2024,2023,,,;;\n",
		"id,person_id,lab_id,sources\nann.lab,ann,lab,src-a\n",
		"\n\n\n",
		"\r\r\r",
		"\"",
		"\x00\xff\xfe",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tbl := fuzzTable(t, "csv")
		var ps problems
		rows := 0
		err := readTable(bytes.NewReader(data), tbl, &ps, func(r row) {
			rows++
			if r.line < 2 {
				t.Errorf("row on line %d, want a line after the header (>= 2)", r.line)
			}
		})
		if err != nil {
			// A bytes.Reader never fails, so any error is a bug: syntax
			// errors must come back as problems.
			t.Fatalf("readTable returned an error for in-memory input: %v", err)
		}
		checkProblems(t, &ps, tbl.file)
		if len(bytes.TrimPrefix(data, []byte("\uFEFF"))) == 0 && (rows != 0 || ps.total != 1) {
			t.Errorf("empty input: got %d rows and problems %v, want only the empty-file problem", rows, ps.list)
		}
	})
}

// FuzzReadJSONL feeds arbitrary bytes to readJSONL as stints.jsonl, with
// the same demands as FuzzReadTable; and every row it passes on holds only
// known fields, as the text a CSV cell would hold.
func FuzzReadJSONL(f *testing.F) {
	for _, seed := range []string{
		`{"id":"ann.lab","person_id":"ann","lab_id":"lab","role":"researcher","founder":true,"start":"2023-11","end":"2025","confidence":"reported","note":null,"sources":["src-a","src-b"]}` + "\n",
		"\uFEFF" + `{"id":"a","person_id":"b","lab_id":"c","sources":"d"}` + "\r\n" + `{"id":"e","person_id":"f","lab_id":"g","sources":["h"]}` + "\r\n",
		`{"id":"a","person_id":"b","lab_id":"c","sources":["d"],"salary":1,"salary":2}` + "\n",
		`{"id":1,"person_id":2.5e10,"lab_id":-0,"founder":false,"sources":[]}` + "\n",
		`{"id":"a","sources":["x;y"]}` + "\n",
		`{"id":"a","sources":["x",1,null,[],{}]}` + "\n",
		`{"id":{"nested":{"deep":[1,2,3]}}}` + "\n",
		`[1,2,3]` + "\n" + `"text"` + "\n" + `null` + "\n" + `42` + "\n",
		`{"id":"a"}]` + "\n" + `{"id":"b"}}` + "\n" + `{"id":"c"} {"id":"d"}` + "\n",
		`{"id":"a",` + "\n" + `"lab_id":"b"}` + "\n",
		`{"id":"\u0000\ud800","note":"\"quoted\""}` + "\n",
		"",
		"\uFEFF",
		"\n\n\n",
		"\r\r\r",
		"{",
		"\x00\xff\xfe",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tbl := fuzzTable(t, "jsonl")
		known := map[string]bool{}
		for _, c := range tbl.columns {
			known[c.name] = true
		}
		var ps problems
		lines := bytes.Count(data, []byte("\n")) + 1
		err := readJSONL(bytes.NewReader(data), tbl, &ps, func(r row) {
			if r.line < 1 || r.line > lines {
				t.Errorf("row on line %d, want 1 to %d", r.line, lines)
			}
			for k, v := range r.values {
				if !known[k] {
					t.Errorf("row on line %d has unknown field %q", r.line, k)
				}
				if v != strings.TrimSpace(v) {
					t.Errorf("row on line %d: %s = %q, want it trimmed", r.line, k, v)
				}
			}
		})
		if err != nil {
			t.Fatalf("readJSONL returned an error for in-memory input: %v", err)
		}
		checkProblems(t, &ps, tbl.file)
	})
}
