package synth

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// table is one CSV file of the bundle being written, streamed to disk
// through a buffer.
type table struct {
	name string
	f    *os.File
	bw   *bufio.Writer
	cw   *csv.Writer
	rows int
}

// tables holds the open files of a bundle. The first write error is kept in
// err and every later write is skipped, so callers check once, at the end.
type tables struct {
	dir   string
	byKey map[string]*table
	order []*table
	err   error
}

func newTables(dir string) *tables {
	return &tables{dir: dir, byKey: map[string]*table{}}
}

// open creates the file for kind and writes its header.
func (ts *tables) open(kind string, header ...string) {
	if ts.err != nil {
		return
	}
	name := kind + ".csv"
	f, err := os.Create(filepath.Join(ts.dir, name))
	if err != nil {
		ts.err = fmt.Errorf("create %s: %w", name, err)
		return
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	t := &table{name: name, f: f, bw: bw, cw: csv.NewWriter(bw)}
	ts.byKey[kind] = t
	ts.order = append(ts.order, t)
	if err := t.cw.Write(header); err != nil {
		ts.err = fmt.Errorf("write %s: %w", name, err)
	}
}

// write appends one record to the file of kind.
func (ts *tables) write(kind string, fields ...string) {
	if ts.err != nil {
		return
	}
	t := ts.byKey[kind]
	if err := t.cw.Write(fields); err != nil {
		ts.err = fmt.Errorf("write %s: %w", t.name, err)
		return
	}
	t.rows++
}

// close flushes and closes every file, returning the first error met while
// writing or closing.
func (ts *tables) close() error {
	err := ts.err
	for _, t := range ts.order {
		t.cw.Flush()
		if ferr := t.cw.Error(); ferr != nil {
			err = errors.Join(err, fmt.Errorf("write %s: %w", t.name, ferr))
		}
		if cerr := t.f.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("close %s: %w", t.name, cerr))
		}
	}
	return err
}

// rows returns the number of records written to each file, by kind.
func (ts *tables) rows() map[string]int {
	out := make(map[string]int, len(ts.byKey))
	for kind, t := range ts.byKey {
		out[kind] = t.rows
	}
	return out
}
