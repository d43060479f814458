package importer

import (
	"fmt"
	"strings"

	"github.com/thelist/thelist"
)

// listColumns are the columns that hold lists: ";"-separated in CSV, JSON
// arrays of strings in JSON Lines. Each item is held to its column's text
// limit, and a list to thelist.MaxListItems items.
var listColumns = map[string]bool{"sources": true, "aliases": true, "topics": true}

// checkCells checks the text of every value of r that a column of t holds
// (thelist.CheckText: UTF-8, no NUL or other control character outside a
// note, within the field's length limit) and reports a required column that
// the file has (present) but the row leaves empty. A value with a problem is
// dropped from the row, so that the parse reports nothing more about it.
// CSV, JSON Lines and the API's records (ValidateRecord) all pass here, so
// each accepts exactly the same text.
func checkCells(t table, r row, ps *problems, present func(name string) bool) {
	for _, c := range t.columns {
		v, ok := r.values[c.name]
		if !ok || v == "" {
			if c.required && present(c.name) {
				ps.add(t.file, r.line, c.name, "missing")
			}
			continue
		}
		if msg := cellProblem(c.name, v); msg != "" {
			ps.add(t.file, r.line, c.name, "%s", msg)
			delete(r.values, c.name)
		}
	}
}

// cellProblem returns what is wrong with the text v of the column name, or
// "".
func cellProblem(name, v string) string {
	if !listColumns[name] {
		return textProblem(name, v)
	}
	items := strings.Split(v, ";")
	if len(items) > thelist.MaxListItems {
		return fmt.Sprintf("%d items, more than the %d allowed: %s", len(items), thelist.MaxListItems, thelist.Quote(v))
	}
	for _, item := range items {
		if msg := textProblem(name, strings.TrimSpace(item)); msg != "" {
			return msg
		}
	}
	return ""
}

// textProblem is thelist.CheckText's message without the field name, which
// a problem names already.
func textProblem(name, v string) string {
	err := thelist.CheckText(name, v)
	if err == nil {
		return ""
	}
	return strings.TrimPrefix(thelist.ErrorMessage(err), name+": ")
}
