package importer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxJSONLine caps one JSON Lines record; a longer line is reported, not read.
const maxJSONLine = 16 << 20

// readJSONL streams the objects of a JSON Lines file to fn as rows, one
// object a line, with the same field names as the CSV columns. Values are
// turned into the text a CSV cell would hold (numbers as written, true and
// false, lists joined with ";"), so one set of field readers serves both.
func readJSONL(r io.Reader, t table, ps *problems, fn func(row)) error {
	known := make(map[string]bool, len(t.columns))
	for _, c := range t.columns {
		known[c.name] = true
	}
	reportedUnknown := map[string]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxJSONLine)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Bytes()
		if line == 1 {
			text = bytes.TrimPrefix(text, []byte{0xEF, 0xBB, 0xBF})
		}
		text = bytes.TrimSpace(text)
		if len(text) == 0 {
			continue
		}
		var obj map[string]any
		dec := json.NewDecoder(bytes.NewReader(text))
		dec.UseNumber()
		// The whole (trimmed) line must be the object: dec.More would
		// let a stray "]" or "}" after it pass.
		if err := dec.Decode(&obj); err != nil || obj == nil || dec.InputOffset() != int64(len(text)) {
			ps.add(t.file, line, "", "want one JSON object on the line")
			continue
		}
		r := row{line: line, values: make(map[string]string, len(obj))}
		for k, v := range obj {
			if !known[k] {
				if !reportedUnknown[k] {
					reportedUnknown[k] = true
					ps.add(t.file, line, k, "unknown field (want %s)", columnNames(t.columns))
				}
				continue
			}
			s, err := jsonText(v)
			if err != nil {
				ps.add(t.file, line, k, "%v", err)
				continue
			}
			r.values[k] = s
		}
		for _, c := range t.columns {
			if c.required && r.values[c.name] == "" {
				ps.add(t.file, line, c.name, "missing")
			}
		}
		fn(r)
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		ps.add(t.file, line+1, "", "line longer than %d MiB", maxJSONLine>>20)
		return nil
	} else if err != nil {
		return fmt.Errorf("read %s: %w", t.file, err)
	}
	return nil
}

// jsonText turns a JSON value into the text of a CSV cell.
func jsonText(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return strings.TrimSpace(v), nil
	case json.Number:
		return v.String(), nil
	case bool:
		if v {
			return "true", nil
		}
		return "false", nil
	case []any:
		items := make([]string, 0, len(v))
		for _, item := range v {
			s, ok := item.(string)
			if !ok {
				return "", errors.New("want a list of strings")
			}
			if strings.Contains(s, ";") {
				return "", fmt.Errorf("list item %q contains ';'", s)
			}
			items = append(items, strings.TrimSpace(s))
		}
		return strings.Join(items, ";"), nil
	}
	return "", errors.New("want a string, a number, true or false, or a list of strings")
}
