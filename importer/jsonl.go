package importer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/thelist/thelist"
)

// maxJSONLine caps one JSON Lines record; a longer line is reported, not read.
const maxJSONLine = 16 << 20

// readJSONL streams the objects of a JSON Lines file to fn as rows, one
// object a line, with the same field names as the CSV columns. The file
// must be UTF-8 (newTextReader). Types are strict (jsonType): a name is a
// string, a year a number, a list an array of strings; a key given twice in
// one object is a problem, not a silent choice of the last. Values are
// turned into the text a CSV cell would hold (numbers as written, true and
// false, lists joined with ";"), so one set of field readers serves both.
func readJSONL(r io.Reader, t table, ps *problems, fn func(row)) error {
	known := make(map[string]bool, len(t.columns))
	for _, c := range t.columns {
		known[c.name] = true
	}
	reportedUnknown := map[string]bool{}
	rules := cellRules(t.columns)
	sc := bufio.NewScanner(newTextReader(r))
	sc.Buffer(make([]byte, 64<<10), maxJSONLine)
	line := 0
	for sc.Scan() {
		line++
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		r := row{line: line, values: map[string]string{}}
		wrongType := map[string]bool{} // reported: not "missing" as well
		err := decodeObject(text, func(k string, v any) {
			if !known[k] {
				if !reportedUnknown[k] {
					reportedUnknown[k] = true
					ps.add(t.file, line, k, "unknown field (want %s)", columnNames(t.columns))
				}
				return
			}
			if _, dup := r.values[k]; dup {
				ps.add(t.file, line, k, "given twice in the object")
				return
			}
			s, err := jsonText(k, v)
			if err != nil {
				ps.add(t.file, line, k, "%v", err)
				wrongType[k] = true
			}
			r.values[k] = s
		})
		if err != nil {
			ps.add(t.file, line, "", "want one JSON object on the line")
			continue
		}
		checkCells(t, rules, r, ps, func(name string) bool { return !wrongType[name] })
		fn(r)
	}
	var eerr *encodingError
	if err := sc.Err(); errors.As(err, &eerr) {
		ps.add(t.file, eerr.line, "", "%s", eerr.msg)
		return nil
	} else if errors.Is(err, bufio.ErrTooLong) {
		ps.add(t.file, line+1, "", "line longer than %d MiB", maxJSONLine>>20)
		return nil
	} else if err != nil {
		return fmt.Errorf("read %s: %w", t.file, err)
	}
	return nil
}

// decodeObject decodes text, which must be exactly one JSON object, passing
// each member to fn in order, repeated keys included (a map would keep only
// the last). Numbers come as json.Number.
func decodeObject(text []byte, fn func(key string, v any)) error {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return errors.New("not an object")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string) // an object's keys are strings
		var v any
		if err := dec.Decode(&v); err != nil {
			return err
		}
		fn(key, v)
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return errors.New("not an object")
	}
	// The whole (trimmed) line must be the object: a stray "]" or "}"
	// after it must not pass.
	if dec.InputOffset() != int64(len(text)) {
		return errors.New("more after the object")
	}
	return nil
}

// numberColumns and boolColumns are the columns that JSON Lines gives as
// numbers and as true or false; listColumns are arrays of strings; every
// other column is a string.
var (
	numberColumns = map[string]bool{"year": true, "citations": true, "position": true, "total_value": true,
		"first_year_value": true, "years": true, "amount": true}
	boolColumns = map[string]bool{"top_lab": true, "breakthrough": true, "founder": true, "completed": true,
		"concurrent": true, "ai_thesis": true}
)

// jsonType names the JSON type of the column name, for messages.
func jsonType(name string) string {
	switch {
	case numberColumns[name]:
		return "a number"
	case boolColumns[name]:
		return "true or false"
	case listColumns[name]:
		return "an array of strings"
	}
	return "a string"
}

// jsonText turns the JSON value v of the column name into the text of a CSV
// cell, when v has the column's type (null, for any column, is not
// reported).
func jsonText(name string, v any) (string, error) {
	wrong := func() error {
		return fmt.Errorf("want %s, got %s", jsonType(name), jsonEcho(v))
	}
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		if numberColumns[name] || boolColumns[name] || listColumns[name] {
			return "", wrong()
		}
		return strings.TrimSpace(v), nil
	case json.Number:
		if !numberColumns[name] {
			return "", wrong()
		}
		return v.String(), nil
	case bool:
		if !boolColumns[name] {
			return "", wrong()
		}
		if v {
			return "true", nil
		}
		return "false", nil
	case []any:
		if !listColumns[name] {
			return "", wrong()
		}
		items := make([]string, 0, len(v))
		for _, item := range v {
			s, ok := item.(string)
			if !ok {
				return "", wrong()
			}
			if strings.Contains(s, ";") {
				return "", fmt.Errorf("list item %s contains ';'", thelist.Quote(s))
			}
			items = append(items, strings.TrimSpace(s))
		}
		return strings.Join(items, ";"), nil
	}
	return "", wrong()
}

// jsonEcho writes v back as JSON for a message, cut to
// thelist.MaxEchoLength bytes.
func jsonEcho(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "a value"
	}
	if len(b) <= thelist.MaxEchoLength {
		return string(b)
	}
	cut := b[:thelist.MaxEchoLength]
	for len(cut) > 0 && !utf8.Valid(cut) {
		cut = cut[:len(cut)-1]
	}
	return fmt.Sprintf("%s… (%d bytes)", cut, len(b))
}
