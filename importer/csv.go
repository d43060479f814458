package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// column is one column of a bundle file.
type column struct {
	name     string
	required bool // the column must be present and every value non-empty
}

// table describes one file of a bundle.
type table struct {
	file    string
	columns []column
}

// row is one record of a table, read by column name.
type row struct {
	line   int
	values map[string]string
}

func (r row) get(name string) string { return r.values[name] }

// readTable streams the records of one CSV file to fn. It accepts a UTF-8
// byte-order mark and CRLF line ends, as spreadsheets write them. Problems
// with the header or with a record's shape are added to ps; a record with
// the wrong number of fields is skipped, and a missing required value is
// reported here so that fn only checks meaning.
func readTable(r io.Reader, t table, ps *problems, fn func(row)) error {
	br := bufio.NewReader(r)
	if bom, err := br.Peek(3); err == nil && bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
		if _, err := br.Discard(3); err != nil {
			return fmt.Errorf("read %s: %w", t.file, err)
		}
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1 // checked here, so the problem names the file and line
	cr.ReuseRecord = true   // rows copy the fields they keep into their own map
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		ps.add(t.file, 1, "", "empty file: want a header row")
		return nil
	} else if err != nil {
		return csvProblem(t.file, err, ps)
	}
	header = slices.Clone(header) // the reader reuses its record slice
	known := make(map[string]bool, len(t.columns))
	for _, c := range t.columns {
		known[c.name] = true
	}
	for i, name := range header {
		name = strings.TrimSpace(name)
		header[i] = name
		if !known[name] {
			ps.add(t.file, 1, name, "unknown column (want %s)", columnNames(t.columns))
		} else if slices.Index(header, name) < i {
			ps.add(t.file, 1, name, "column appears twice")
		}
	}
	for _, c := range t.columns {
		if c.required && !slices.Contains(header, c.name) {
			ps.add(t.file, 1, c.name, "missing column")
		}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			if err := csvProblem(t.file, err, ps); err != nil {
				return err
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			ps.add(t.file, line, "", "has %d fields, the header has %d", len(rec), len(header))
			continue
		}
		r := row{line: line, values: make(map[string]string, len(rec))}
		for i, v := range rec {
			r.values[header[i]] = strings.TrimSpace(v)
		}
		for _, c := range t.columns {
			if c.required && slices.Contains(header, c.name) && r.values[c.name] == "" {
				ps.add(t.file, line, c.name, "missing")
			}
		}
		fn(r)
	}
}

// csvProblem reports a CSV syntax error (a stray quote, say) as a problem at
// the line where its record starts, which is where an unclosed quote was
// opened; the line where parsing failed may be far below. Any other error is
// an I/O failure, returned as is.
func csvProblem(file string, err error, ps *problems) error {
	var perr *csv.ParseError
	if errors.As(err, &perr) {
		if perr.StartLine != perr.Line {
			ps.add(file, perr.StartLine, "", "%v (parse error on line %d)", perr.Err, perr.Line)
		} else {
			ps.add(file, perr.Line, "", "%v", perr.Err)
		}
		return nil
	}
	return fmt.Errorf("read %s: %w", file, err)
}

func columnNames(cols []column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}
