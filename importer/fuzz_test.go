package importer

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzReadTable feeds arbitrary bytes to readTable as stints.csv: whatever
// the input, it must return (no panic, no hang), and every problem it
// reports must be located in the file. Plain go test runs the seeds below
// and testdata/fuzz/FuzzReadTable; go test -fuzz=FuzzReadTable explores.
func FuzzReadTable(f *testing.F) {
	const header = "id,person_id,lab_id,role,start,end,sources\n"
	for _, seed := range []string{
		header + "ann.lab,ann,lab,researcher,2023-11,2025,src-a;src-b\n",
		"\uFEFF" + strings.ReplaceAll(header+"ann.lab,ann,lab,,2012,,src-a\n", "\n", "\r\n"),
		header + "ann.lab,ann,lab,\"role, with comma\nand a newline\",,,src-a\n",
		header,
		"",
		"\uFEFF",
		"\xEF\xBB",
		header + "ann.lab,ann,lab\n",
		header + "ann.lab,ann,lab,\"unclosed,,,src-a\n",
		header + "ann.lab,ann,lab,ro\"le,,,src-a\n",
		"id,\"bad\"header\n1\n",
		"id,id,nope,\n,,,\n",
		header + "Ann,ann,lab,,2023-13,23-11,src-a\n",
		header + "ann.lab,ann,lab,,2024,2023,;;\n",
		"\n\n\n",
		"\r\r\r",
		"\"",
		"\x00\xff\xfe",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var ps problems
		rows := 0
		err := readTable(bytes.NewReader(data), stintsTable, &ps, func(r row) {
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
		if ps.total < len(ps.list) || len(ps.list) > MaxProblems {
			t.Errorf("problems: total %d, listed %d, cap %d", ps.total, len(ps.list), MaxProblems)
		}
		for _, p := range ps.list {
			if p.Line < 0 {
				t.Errorf("problem %q has line %d, want >= 0", p, p.Line)
			}
			if p.File == "" {
				t.Errorf("problem %q has no file", p)
			}
			if p.File != stintsTable.file {
				t.Errorf("problem %q names file %q, want %q", p, p.File, stintsTable.file)
			}
			if p.Message == "" {
				t.Errorf("problem %+v has no message", p)
			}
		}
		if len(bytes.TrimPrefix(data, []byte("\uFEFF"))) == 0 && (rows != 0 || ps.total != 1) {
			t.Errorf("empty input: got %d rows and problems %v, want only the empty-file problem", rows, ps.list)
		}
	})
}
