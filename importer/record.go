package importer

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/thelist/thelist"
)

// ValidateRecord checks one record given as its bundle columns (the names of
// docs/data-format.md, values as a CSV cell holds them: lists joined by ";")
// with exactly the rules an import applies to a row, references resolved
// against the database, and returns it as a one-record bundle ready for
// WriteBundle. The API's mutations use it, so that an edit and an import
// accept and write the same records.
//
// Unlike an import it does not resolve a new person to one already in the
// database by external id or name: an editor names the record's id, and a
// new id is a new person.
//
// Problems are returned as one thelist.EINVALID error listing them, each
// located at the kind, e.g. `people: sources: unknown source "x": …`.
func ValidateRecord(ctx context.Context, store Store, kind string, values map[string]string) (thelist.Bundle, error) {
	i := slices.IndexFunc(specs, func(s kindSpec) bool { return s.kind == kind })
	if i < 0 {
		return thelist.Bundle{}, fmt.Errorf("validate record: unknown kind %q", kind) // a programming error
	}
	spec := specs[i]
	var ps problems
	known := map[string]bool{}
	for _, c := range spec.columns {
		known[c.name] = true
	}
	// The same checks readTable applies to a cell: a required value is
	// present and not blank, and text is text a field may hold. A bad
	// value is dropped from a copy, not from the caller's map.
	values = maps.Clone(values)
	checkCells(table{file: kind, columns: spec.columns}, cellRules(spec.columns), row{values: values}, &ps,
		func(string) bool { return true })
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if !known[name] {
			ps.add(kind, 0, name, "unknown column (want %s)", columnNames(spec.columns))
		}
	}
	v := newValidator(ctx, store)
	v.ps = &ps
	c := &rowCtx{v: v, kind: kind, file: kind, r: row{values: values}}
	var b thelist.Bundle
	spec.parse(c, &b)
	if kind == thelist.KindLabs {
		v.checkLabParents()
	}
	v.resolvePending()
	if v.err != nil {
		return thelist.Bundle{}, v.err
	}
	if ps.total > 0 {
		// One line a problem, as an import lists them, but as a thelist
		// error so that the API answers BAD_USER_INPUT with the text.
		msgs := make([]string, len(ps.list))
		for i, p := range ps.list {
			msgs[i] = p.String()
		}
		return thelist.Bundle{}, thelist.Errorf(thelist.EINVALID, "%s", strings.Join(msgs, "; "))
	}
	return b, nil
}
