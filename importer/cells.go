package importer

import (
	"fmt"
	"strings"

	"github.com/thelist/thelist"
)

// listColumns are the columns that hold lists: ";"-separated in CSV, JSON
// arrays of strings in JSON Lines. Each item is held to its column's text
// limit, and a list to thelist.MaxListItems items.
var listColumns = map[string]bool{"sources": true, "aliases": true, "topics": true, "person_ids": true}

// cellRule is what checkCells holds a column's values to.
type cellRule struct {
	name           string
	limit          int // thelist.TextLimit(name), of each item for a list
	list, required bool
}

// cellRules are the rules of the columns cols, worked out once per file.
func cellRules(cols []column) []cellRule {
	rules := make([]cellRule, len(cols))
	for i, c := range cols {
		rules[i] = cellRule{name: c.name, limit: thelist.TextLimit(c.name), list: listColumns[c.name], required: c.required}
	}
	return rules
}

// checkCells checks the text of every value of r that a column of t holds
// (thelist.CheckText: UTF-8, no NUL or other control character outside a
// note, within the field's length limit) and reports a required column that
// the file has (present) but the row leaves empty. A value with a problem is
// dropped from the row, so that the parse reports nothing more about it.
// CSV, JSON Lines and the API's records (ValidateRecord) all pass here, so
// each accepts exactly the same text. rules are cellRules(t.columns).
func checkCells(t table, rules []cellRule, r row, ps *problems, present func(name string) bool) {
	for _, c := range rules {
		v, ok := r.values[c.name]
		if !ok || v == "" {
			if c.required && present(c.name) {
				ps.add(t.file, r.line, c.name, "missing")
			}
			continue
		}
		// The common case, printable ASCII within the limit, needs no walk
		// over runes.
		if plainASCII(v) && (c.list && plainListFits(v, c.limit) || !c.list && len(v) <= c.limit) {
			continue
		}
		if msg := cellProblem(c.name, v); msg != "" {
			ps.add(t.file, r.line, c.name, "%s", msg)
			delete(r.values, c.name)
		}
	}
}

// plainListFits reports whether the list v has at most MaxListItems items
// of at most limit bytes each.
func plainListFits(v string, limit int) bool {
	for n := 1; ; n++ {
		if n > thelist.MaxListItems {
			return false
		}
		i := strings.IndexByte(v, ';')
		if i < 0 {
			return len(v) <= limit
		}
		if i > limit {
			return false
		}
		v = v[i+1:]
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

// plainASCII reports whether s is printable ASCII only: valid UTF-8 with no
// control character, so only its length needs checking.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7E {
			return false
		}
	}
	return true
}
