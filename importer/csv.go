package importer

import (
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

// readTable streams the records of one CSV file to fn. The file must be
// UTF-8 (newTextReader); a byte-order mark and CRLF line ends, as
// spreadsheets write them, are accepted. Problems with the header or with a
// record's shape are added to ps; a record with the wrong number of fields
// is skipped, and a missing required value or text that no field may hold
// (checkCells) is reported here, so that fn only checks meaning.
func readTable(r io.Reader, t table, ps *problems, fn func(row)) error {
	cr := newCSVReader(newTextReader(r))
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		ps.add(t.file, 1, "", "empty file: want a header row")
		return nil
	} else if err != nil {
		return stopFile(csvProblem(t.file, err, ps))
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
	rules := cellRules(t.columns)
	inHeader := func(name string) bool { return slices.Contains(header, name) }
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			if err := csvProblem(t.file, err, ps); err != nil {
				return stopFile(err)
			}
			continue
		}
		line := cr.start
		if len(rec) != len(header) {
			ps.add(t.file, line, "", "has %d fields, the header has %d", len(rec), len(header))
			continue
		}
		r := row{line: line, values: make(map[string]string, len(rec))}
		for i, v := range rec {
			r.values[header[i]] = strings.TrimSpace(v)
		}
		checkCells(t, rules, r, ps, inHeader)
		fn(r)
	}
}

// errStopFile is returned by a reader's helpers when the rest of a file
// cannot be read (it is not UTF-8): the problem is reported, and the reader
// returns nil.
var errStopFile = errors.New("stop reading the file")

// stopFile turns errStopFile into nil.
func stopFile(err error) error {
	if errors.Is(err, errStopFile) {
		return nil
	}
	return err
}

// csvProblem reports a CSV syntax error (a stray quote, say) as a problem at
// the line where its record starts, which is where an unclosed quote was
// opened; the line where parsing failed may be far below. A file that is
// not UTF-8 is reported once and ends the reading (errStopFile). Any other
// error is an I/O failure, returned as is.
func csvProblem(file string, err error, ps *problems) error {
	var perr *csv.ParseError
	var eerr *encodingError
	if errors.As(err, &eerr) {
		ps.add(file, eerr.line, "", "%s", eerr.msg)
		return errStopFile
	}
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
