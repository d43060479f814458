package openalex

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/thelist/thelist"
)

// maxLine caps one OpenAlex record. Works carry their abstract and reference
// lists, so lines of a few MiB occur; a longer line is reported, not read.
const maxLine = 64 << 20

// MaxProblems caps how many problems one conversion collects before it
// stops reading: past a hundred, the input is broken in a way the first
// hundred already show.
const MaxProblems = 100

// InputError is returned when the input has problems; no output was
// written. Problems holds at most MaxProblems, in the order they were found.
type InputError struct {
	Problems []thelist.Problem
}

// Error lists every problem, one a line.
func (e *InputError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "invalid OpenAlex input: %d problem(s), nothing written", len(e.Problems))
	if len(e.Problems) >= MaxProblems {
		fmt.Fprintf(&b, " (stopped reading after %d)", MaxProblems)
	}
	for _, p := range e.Problems {
		b.WriteString("\n" + p.String())
	}
	return b.String()
}

// problems collects the problems of one conversion.
type problems struct{ list []thelist.Problem }

func (ps *problems) add(file string, line int, field, format string, args ...any) {
	if len(ps.list) < MaxProblems {
		ps.list = append(ps.list, thelist.Problem{File: file, Line: line, Field: field, Message: fmt.Sprintf(format, args...)})
	}
}

// full reports whether the cap is reached, so reading can stop.
func (ps *problems) full() bool { return len(ps.list) >= MaxProblems }

func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	return &InputError{Problems: ps.list}
}

// openInput opens the OpenAlex file at path, plain or gzipped (told apart by
// the gzip magic number, not the name), for reading. A file that starts as
// gzip but is not readable gzip is a problem in ps, and r is nil with no
// error: the conversion goes on to report the rest. closeFile releases the
// file; it is read-only, so a close error loses nothing.
func openInput(path string, ps *problems) (r io.Reader, closeFile func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open OpenAlex file: %w", err)
	}
	br := bufio.NewReaderSize(f, 1<<20)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			_ = f.Close()
			ps.add(path, 0, "", "not a readable gzip file: %v", err)
			return nil, nil, nil
		}
		// zr.Close only reports a checksum error that Read already returned.
		return zr, func() { _ = zr.Close(); _ = f.Close() }, nil
	}
	return br, func() { _ = f.Close() }, nil
}

// readRecords streams the JSON Lines file at path, plain or gzipped (told
// apart by the gzip magic number, not the name), decoding each non-blank
// line into a fresh *T and passing it to fn with its line number. A line
// that does not decode is a problem, and fn is not called for it. Reading
// stops early when the problem cap is reached or ctx is done.
func readRecords[T any](ctx context.Context, path string, ps *problems, fn func(line int, rec *T)) error {
	r, closeFile, err := openInput(path, ps)
	if r == nil || err != nil {
		return err
	}
	defer closeFile()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), maxLine)
	line := 0
	for sc.Scan() {
		line++
		if line%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if ps.full() {
			return nil
		}
		text := bytes.TrimSpace(sc.Bytes())
		if line == 1 {
			text = bytes.TrimPrefix(text, []byte{0xEF, 0xBB, 0xBF})
		}
		if len(text) == 0 {
			continue
		}
		if text[0] != '{' {
			ps.add(path, line, "", "want one JSON object on the line")
			continue
		}
		rec := new(T)
		if err := json.Unmarshal(text, rec); err != nil {
			field, msg := describeJSONError(err)
			ps.add(path, line, field, "%s", msg)
			continue
		}
		fn(line, rec)
	}
	switch err := sc.Err(); {
	case errors.Is(err, bufio.ErrTooLong):
		ps.add(path, line+1, "", "line longer than %d MiB", maxLine>>20)
	case err != nil:
		// A truncated or corrupt .gz ends here: report it where it stopped.
		ps.add(path, line+1, "", "cannot read further: %v", err)
	}
	return nil
}

// describeJSONError turns a decoding error into a field and a message
// without Go type names.
func describeJSONError(err error) (field, msg string) {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return te.Field, fmt.Sprintf("want a JSON %s, got %s", jsonKind(te.Type.Kind().String()), te.Value)
	}
	return "", fmt.Sprintf("want one JSON object on the line: %v", err)
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "slice", "array":
		return "array"
	case "struct", "map", "ptr":
		return "object"
	case "bool":
		return "boolean"
	}
	return "number"
}

// openAlexPrefix is how OpenAlex writes its own ids.
const openAlexPrefix = "https://openalex.org/"

// parseID reads an OpenAlex id of the kind letter ('A', 'I' or 'W'), as
// "https://openalex.org/A5000000001" or bare "A5000000001", and returns its
// number.
func parseID(raw string, letter byte) (uint64, bool) {
	s := strings.TrimPrefix(raw, openAlexPrefix)
	if len(s) < 2 || len(s) > 20 || (s[0] != letter && s[0] != letter+'a'-'A') {
		return 0, false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(s[1:], 10, 64)
	return n, err == nil
}
