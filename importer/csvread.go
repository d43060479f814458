package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
)

// csvReader reads RFC 4180 CSV as encoding/csv does (the same records, the
// same syntax errors, csv.ParseError with csv.ErrQuote and csv.ErrBareQuote),
// with one difference: a quoted field keeps its bytes. encoding/csv turns
// "\r\n" inside quotes into "\n", so a note written with Windows line ends
// was stored differently from the same note in JSON Lines, and switching a
// bundle's format reported spurious updates. Line ends between records may
// be "\n" or "\r\n"; blank lines are skipped.
type csvReader struct {
	br     *bufio.Reader
	line   int    // lines read so far
	start  int    // the line the last record started on
	buf    []byte // the fields of the current record, end to end
	ends   []int  // where each field ends in buf
	fields []string
	long   []byte // a line longer than the bufio buffer, assembled
}

func newCSVReader(r io.Reader) *csvReader {
	return &csvReader{br: bufio.NewReaderSize(r, 64<<10)}
}

// readLine returns the next line with its line end, or what is left at the
// end of the input. The slice is valid until the next call.
func (r *csvReader) readLine() ([]byte, error) {
	line, err := r.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		r.long = append(r.long[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			line, err = r.br.ReadSlice('\n')
			r.long = append(r.long, line...)
		}
		line = r.long
	}
	if len(line) > 0 {
		r.line++
		if errors.Is(err, io.EOF) {
			err = nil
			// As encoding/csv does: a lone "\r" that ends the input ends the line.
			line = bytes.TrimSuffix(line, []byte{'\r'})
		}
	}
	return line, err
}

// lineEnd returns the length of the line end that b is ("\n", "\r\n" or the
// end of the input), or -1 when b holds more than a line end.
func lineEnd(b []byte) int {
	switch {
	case len(b) == 0:
		return 0
	case len(b) == 1 && b[0] == '\n':
		return 1
	case len(b) == 2 && b[0] == '\r' && b[1] == '\n':
		return 2
	}
	return -1
}

// Read returns the next record. The slice and its strings are the reader's
// until the next call (as with encoding/csv's ReuseRecord). A syntax error
// is a *csv.ParseError; reading goes on at the next line after it.
func (r *csvReader) Read() ([]string, error) {
	var line []byte
	for {
		var err error
		line, err = r.readLine()
		if len(line) == 0 && err != nil {
			return nil, err
		}
		if lineEnd(line) < 0 {
			break // not blank
		}
	}
	r.start = r.line
	r.buf, r.ends = r.buf[:0], r.ends[:0]
	pos := 0
	for {
		if pos < len(line) && line[pos] == '"' {
			pos++
			for {
				i := bytes.IndexByte(line[pos:], '"')
				if i < 0 {
					// The field goes on past this line: keep the line end,
					// "\r" and all, as the field's bytes.
					r.buf = append(r.buf, line[pos:]...)
					var err error
					if line, err = r.readLine(); len(line) == 0 {
						if err != nil && !errors.Is(err, io.EOF) {
							return nil, err
						}
						return nil, &csv.ParseError{StartLine: r.start, Line: r.line, Column: 1, Err: csv.ErrQuote}
					}
					pos = 0
					continue
				}
				r.buf = append(r.buf, line[pos:pos+i]...)
				pos += i + 1
				switch {
				case pos < len(line) && line[pos] == '"': // "" is one quote
					r.buf = append(r.buf, '"')
					pos++
					continue
				case pos < len(line) && line[pos] == ',':
					pos++
					r.ends = append(r.ends, len(r.buf))
				case lineEnd(line[pos:]) >= 0:
					r.ends = append(r.ends, len(r.buf))
					return r.record(), nil
				default:
					return nil, &csv.ParseError{StartLine: r.start, Line: r.line, Column: pos + 1, Err: csv.ErrQuote}
				}
				break
			}
			continue
		}
		rest := line[pos:]
		i := bytes.IndexByte(rest, ',')
		field := rest
		if i >= 0 {
			field = rest[:i]
		} else if n := len(rest); n > 0 && rest[n-1] == '\n' {
			field = rest[:n-1]
			if n > 1 && rest[n-2] == '\r' {
				field = rest[:n-2]
			}
		}
		if j := bytes.IndexByte(field, '"'); j >= 0 {
			return nil, &csv.ParseError{StartLine: r.start, Line: r.line, Column: pos + j + 1, Err: csv.ErrBareQuote}
		}
		r.buf = append(r.buf, field...)
		r.ends = append(r.ends, len(r.buf))
		if i < 0 {
			return r.record(), nil
		}
		pos += i + 1
	}
}

// record splits buf into the fields of the record.
func (r *csvReader) record() []string {
	s := string(r.buf) // one allocation for all the fields
	r.fields = r.fields[:0]
	prev := 0
	for _, end := range r.ends {
		r.fields = append(r.fields, s[prev:end])
		prev = end
	}
	return r.fields
}
