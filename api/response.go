package api

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
)

// The response of an executed request is written by hand rather than by
// encoding/json, for two reasons. graphql-go hands back every object as a Go
// map, which encoding/json writes in key order, while the GraphQL spec
// (§7.2.2, "Serialized Map Ordering") asks for the fields in the order the
// query selected them: a journalist reading a curl or GraphiQL answer sees
// them as they asked. And encoding/json walks those maps by reflection,
// sorting every object's keys: on the person page that was a third of the
// API's own time around the Neo4j round trip (BENCHMARKS.md, "Where ours
// spends a request").

// fieldOrder is the order in which a selection set asks for its response
// keys (alias or field name), and the order of each key's own selection.
// Fragments are flattened into it; a key selected in several places (two
// fragments on different types, say) is ordered by its first appearance and
// its sub-selections merged, which is the spec's field collection without
// the type conditions: a key whose fragment did not apply is simply absent
// from the object and skipped.
type fieldOrder struct {
	keys []string
	sub  map[string]*fieldOrder
}

// selectionOrder is the field order of an operation of a document.
func selectionOrder(doc *ast.Document, op *ast.OperationDefinition) *fieldOrder {
	fragments := map[string]*ast.FragmentDefinition{}
	for _, def := range doc.Definitions {
		if f, ok := def.(*ast.FragmentDefinition); ok && f.Name != nil {
			fragments[f.Name.Value] = f
		}
	}
	o := &fieldOrder{}
	o.collect(op.SelectionSet, fragments)
	return o
}

func (o *fieldOrder) collect(set *ast.SelectionSet, fragments map[string]*ast.FragmentDefinition) {
	if set == nil {
		return
	}
	for _, sel := range set.Selections {
		switch sel := sel.(type) {
		case *ast.Field:
			key := sel.Name.Value
			if sel.Alias != nil {
				key = sel.Alias.Value
			}
			if !slices.Contains(o.keys, key) {
				o.keys = append(o.keys, key)
			}
			if sel.SelectionSet != nil {
				if o.sub == nil {
					o.sub = map[string]*fieldOrder{}
				}
				child := o.sub[key]
				if child == nil {
					child = &fieldOrder{}
					o.sub[key] = child
				}
				child.collect(sel.SelectionSet, fragments)
			}
		case *ast.InlineFragment:
			o.collect(sel.SelectionSet, fragments)
		case *ast.FragmentSpread:
			// Validation (NoFragmentCycles, KnownFragmentNames) has run:
			// the fragment exists and does not spread itself.
			if f := fragments[sel.Name.Value]; f != nil {
				o.collect(f.SelectionSet, fragments)
			}
		}
	}
}

// appendResponse appends the JSON of an executed request's response:
// errors first when there are any, as the spec suggests so that a reader
// sees them, then data in the order of o.
func appendResponse(b []byte, data any, errs []gqlerrors.FormattedError, o *fieldOrder) ([]byte, error) {
	b = append(b, '{')
	if len(errs) > 0 {
		e, err := json.Marshal(errs)
		if err != nil {
			return nil, err
		}
		b = append(b, `"errors":`...)
		b = append(b, e...)
		b = append(b, ',')
	}
	b = append(b, `"data":`...)
	b, err := appendValue(b, data, o)
	if err != nil {
		return nil, err
	}
	return append(b, '}', '\n'), nil
}

// appendValue appends v, a value as graphql-go completes it: maps for
// objects, slices of any for lists, and the scalars' serialized Go values.
func appendValue(b []byte, v any, o *fieldOrder) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case map[string]any:
		return appendObject(b, v, o)
	case []any:
		b = append(b, '[')
		for i, x := range v {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendValue(b, x, o); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	case string:
		return appendString(b, v), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int32:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	case float64:
		return appendFloat(b, v)
	default:
		// Anything else a scalar might serialize to: encoding/json, as
		// before.
		j, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		return append(b, j...), nil
	}
}

func appendObject(b []byte, m map[string]any, o *fieldOrder) ([]byte, error) {
	b = append(b, '{')
	n := 0
	put := func(k string, v any) error {
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = appendString(b, k)
		b = append(b, ':')
		var child *fieldOrder
		if o != nil {
			child = o.sub[k]
		}
		var err error
		b, err = appendValue(b, v, child)
		return err
	}
	if o != nil {
		for _, k := range o.keys {
			if v, ok := m[k]; ok {
				if err := put(k, v); err != nil {
					return nil, err
				}
			}
		}
	}
	if n < len(m) {
		// Keys the selection does not name: none from graphql-go, but a
		// map from anywhere else is still written whole, in key order.
		var rest []string
		for k := range m {
			if o == nil || !slices.Contains(o.keys, k) {
				rest = append(rest, k)
			}
		}
		slices.Sort(rest)
		for _, k := range rest {
			if err := put(k, m[k]); err != nil {
				return nil, err
			}
		}
	}
	return append(b, '}'), nil
}

// appendFloat writes a float as encoding/json does (ES6 number format).
func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, &json.UnsupportedValueError{Str: strconv.FormatFloat(f, 'g', -1, 64)}
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// 1e-07 → 1e-7, as encoding/json writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string the way encoding/json does with
// HTML escaping off: quotes, backslashes and control characters escaped,
// invalid UTF-8 replaced by U+FFFD, and U+2028/U+2029 escaped so the answer
// is also valid JavaScript.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
