package api

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
)

// stdJSON is what encoding/json writes for v with HTML escaping off, which
// is what the API wrote before response.go and what its writer must match.
func stdJSON(t *testing.T, v any) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

func TestAppendString_MatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{
		"", "plain", `quote " and backslash \`, "<b>&amp;</b>",
		"new\nline\ttab\rreturn\bback\fform", "\x00\x01\x1f\x7f",
		"Zhao 赵 Šimon Nguyễn 🧠", "bad utf-8: \xff\xfe end", "truncated \xe4\xb8",
		"line\u2028para\u2029sep", "\u00a0nbsp",
	} {
		if got, want := string(appendString(nil, s)), stdJSON(t, s); got != want {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	}
}

func TestAppendFloat_MatchesEncodingJSON(t *testing.T) {
	for _, f := range []float64{0, 1, -1, 0.5, 12345.678, 1e20, 1e21, 1.5e300, 1e-6, 1e-7, 3.2e-10, -2.5e-8, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		got, err := appendFloat(nil, f)
		if err != nil {
			t.Fatal(err)
		}
		if want := stdJSON(t, f); string(got) != want {
			t.Errorf("appendFloat(%v) = %s, want %s", f, got, want)
		}
	}
	if _, err := appendFloat(nil, math.NaN()); err == nil {
		t.Error("appendFloat(NaN): no error")
	}
}

func parseOp(t *testing.T, q string) (*ast.Document, *ast.OperationDefinition) {
	t.Helper()
	doc, err := parser.Parse(parser.ParseParams{Source: q})
	if err != nil {
		t.Fatal(err)
	}
	return doc, operation(doc, "")
}

func TestAppendResponse_SelectionOrder(t *testing.T) {
	doc, op := parseOp(t, `query {
  zeta: person(id: "x") {
    name
    id
    ... on Person { stints { end lab { name id } } }
    ...More
    stints { start }
  }
  alpha
}
fragment More on Person { aliases name }`)
	data := map[string]any{
		"alpha": 1,
		"zeta": map[string]any{
			"id": "x", "name": "N", "aliases": []any{"a", "b"},
			"stints": []any{
				map[string]any{"start": "2020", "end": nil, "lab": map[string]any{"id": "l", "name": "L"}},
				map[string]any{"start": "2021", "end": "2022", "lab": nil},
			},
		},
	}
	got, err := appendResponse(nil, data, nil, selectionOrder(doc, op))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"data":{"zeta":{"name":"N","id":"x","stints":[{"end":null,"lab":{"name":"L","id":"l"},"start":"2020"},{"end":"2022","lab":null,"start":"2021"}],"aliases":["a","b"]},"alpha":1}}` + "\n"
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// The same values as encoding/json would give them (only the order differs).
	var a, b any
	if err := json.Unmarshal(got, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(stdJSON(t, map[string]any{"data": data})), &b); err != nil {
		t.Fatal(err)
	}
	if stdJSON(t, a) != stdJSON(t, b) {
		t.Errorf("values differ from encoding/json's:\n%s\n%s", stdJSON(t, a), stdJSON(t, b))
	}
}

func TestAppendResponse_ErrorsFirstAndKeysOutsideTheSelection(t *testing.T) {
	doc, op := parseOp(t, `{ a }`)
	errs := []gqlerrors.FormattedError{{Message: "boom", Extensions: map[string]any{"code": "NOT_FOUND"}}}
	got, err := appendResponse(nil, map[string]any{"a": nil, "z": true, "b": 2.5}, errs, selectionOrder(doc, op))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"errors":[{"message":"boom","locations":null,"extensions":{"code":"NOT_FOUND"}}],"data":{"a":null,"b":2.5,"z":true}}` + "\n"
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got, _ := appendResponse(nil, nil, nil, selectionOrder(doc, op)); string(got) != `{"data":null}`+"\n" {
		t.Errorf("null data: %s", got)
	}
}
