package api

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"

	"github.com/thelist/thelist/frontend"
)

// quickBound is the time the tests allow what should take milliseconds:
// generous, for a loaded 2-core machine, and more so under the race
// detector; the logs and BenchmarkMeasureDocument have the real times.
var quickBound = func() time.Duration {
	if raceDetector {
		return 10 * time.Second
	}
	return time.Second
}()

// docMeasures are the measures of a document that the limits bound.
type docMeasures struct {
	tokens, valueDepth, directives, fields, depth, aliases, rootFields int
}

// measuresOf measures text in full, as measureDocument does before it
// compares, for a document that reads and has no fragment cycle.
func measuresOf(t *testing.T, text string) docMeasures {
	t.Helper()
	p := shapeParser{lexer: lexer{text: text}}
	sh, perr := p.document()
	if perr != nil {
		t.Fatalf("parse: %+v, %v\n%s", perr, p.err, text)
	}
	m := docMeasures{tokens: len(p.tokens), valueDepth: p.deepestValue, directives: sh.directives, aliases: sh.aliases}
	byName := map[string]*definitionShape{}
	frags := map[string][]selectionShape{}
	for i := range sh.fragments {
		byName[sh.fragments[i].name] = &sh.fragments[i]
		frags[sh.fragments[i].name] = sh.fragments[i].selections
	}
	if e := findCycle(sh.fragments, byName); e != nil {
		t.Fatalf("cycle: %s", e.message)
	}
	size := fieldCounter(byName)
	for _, d := range append(append([]definitionShape{}, sh.operations...), sh.fragments...) {
		m.fields = max(m.fields, size(d.selections))
	}
	for _, op := range sh.operations {
		m.rootFields = max(m.rootFields, rootFieldCount(op.selections, frags))
		m.depth = max(m.depth, fieldDepth(op.selections, frags, 0))
	}
	return m
}

// Every document the web app sends, and GraphiQL's introspection query,
// is within the default limits on a document's shape with room to spare:
// at most half of each.
func TestMeasure_WebAppDocumentsFit(t *testing.T) {
	names, err := frontend.Operations()
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]string{"introspection": introspectionQuery}
	for _, n := range names {
		docs[n] = webApp(t, n)
	}
	l := DefaultLimits()
	var largest docMeasures
	for name, doc := range docs {
		m := measuresOf(t, doc)
		t.Logf("%s: %+v", name, m)
		for _, c := range []struct {
			what       string
			got, limit int
		}{
			{"tokens", m.tokens, l.MaxTokens}, {"value depth", m.valueDepth, l.MaxValueDepth},
			{"directives", m.directives, l.MaxDirectives}, {"fields", m.fields, l.MaxFields},
			{"depth", m.depth, l.MaxDepth}, {"aliases", m.aliases, l.MaxAliases}, {"root fields", m.rootFields, l.MaxRootFields},
		} {
			if c.got > c.limit/2 {
				t.Errorf("%s: %d %s, more than half the default limit %d", name, c.got, c.what, c.limit)
			}
		}
		if errs, _, unread := measureDocument(doc, l); errs != nil || unread {
			t.Errorf("%s: refused (%v) or not read (%v)", name, errs, unread)
		}
		largest = docMeasures{
			tokens: max(largest.tokens, m.tokens), valueDepth: max(largest.valueDepth, m.valueDepth),
			directives: max(largest.directives, m.directives), fields: max(largest.fields, m.fields),
			depth: max(largest.depth, m.depth), aliases: max(largest.aliases, m.aliases), rootFields: max(largest.rootFields, m.rootFields),
		}
	}
	t.Logf("largest of each: %+v", largest)
}

// Documents built to be slow or fatal for graphql-go's parser and
// validator, each refused by the measure with its code before graphql-go
// sees it. The first two overflowed the stack of graphql-go v0.8.1's
// overlapping-fields rule, which kills the process; the others kept a core
// busy for seconds to minutes (issue 11).
var hostileDocuments = []struct {
	name, doc, code string
}{
	{"a fragment that spreads itself", `{ ...A } fragment A on Query { __typename ...A }`, codeValidationFailed},
	{"two fragments that spread each other", `{ ...A } fragment A on Query { __typename ...B } fragment B on Query { __typename ...A }`, codeValidationFailed},
	{"a cycle of three no operation spreads", `{ __typename } fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { __typename ...A }`, codeValidationFailed},
	{"a list argument nested 200 deep", nestedArgument(200, "[", "]"), codeTooDeep},
	{"a list argument nested 400 deep", nestedArgument(400, "[", "]"), codeTooDeep},
	{"a list argument nested 800 deep", nestedArgument(800, "[", "]"), codeTooDeep},
	{"a list argument nested 5,000 deep", nestedArgument(5000, "[", "]"), codeTooDeep},
	{"an object argument nested 500 deep", nestedArgument(500, "{a: ", "}"), codeTooDeep},
	{"a variable's type nested 500 deep", `query($v: ` + strings.Repeat("[", 500) + "Int" + strings.Repeat("]", 500) + `) { __typename }`, codeTooDeep},
	{"a variable's default nested 500 deep", `query($v: Int = ` + strings.Repeat("[", 500) + "1" + strings.Repeat("]", 500) + `) { __typename }`, codeTooDeep},
	{"a fragment-doubling bomb of 1.2 KB", fragmentBomb(24), codeTooComplex},
	{"1,000 root fields with different arguments", manyRootFields(1000), codeTooLarge},
	{"100 root fields with different arguments", manyRootFields(100), codeTooComplex},
	{"1,000 aliases", `{ person(id: "x") {` + strings.Repeat(" a: name", 1000) + ` } }`, codeTooLarge},
	{"40 aliases", `{ person(id: "x") {` + strings.Repeat(" a: name", 40) + ` } }`, codeTooComplex},
	{"60 directives", `{ __typename` + strings.Repeat(" @skip(if: false)", 60) + ` }`, codeTooComplex},
	{"100,000 tokens", "{" + strings.Repeat(" a", 100_000) + " }", codeTooLarge},
	{"selections nested 5,000 deep", strings.Repeat("{ __schema ", 5000) + strings.Repeat("}", 5000), codeTooLarge},
	{"selections nested 100 deep", `{` + strings.Repeat(" person(id: \"x\") {", 100) + " name" + strings.Repeat(" }", 100) + " }", codeTooDeep},
	{"ofType nested 200 deep", `{ __type(name: "Person") {` + strings.Repeat(" ofType {", 200) + " name" + strings.Repeat(" }", 200) + " } }", codeTooDeep},
	{"2,000 fields in one selection", `{ person(id: "x") {` + strings.Repeat(" name", 2000) + ` } }`, codeTooLarge},
	{"a fragment spread 400 times", `{ person(id: "x") {` + strings.Repeat(" ...P", 400) + ` } } fragment P on Person { name id nativeName }`, codeTooComplex},
	{"100 fields that answer to one name with different arguments", `{ person(id: "x") {` + strings.Repeat(" papers(first: 1) { position } papers(first: 2) { position }", 50) + ` } }`, codeValidationFailed},
	{"40 sets whose fields conflict", `{ person(id: "x") {` + strings.Repeat(" stints { lab(x: 1) { id } lab(x: 2) { id } }", 40) + ` } }`, codeValidationFailed},
	{"fields conflicting through fragments", `{ person(id: "x") { ...A ...B } } fragment A on Person { x: name } fragment B on Person { x: id }`, codeValidationFailed},
	{"an unterminated string", `{ person(id: "x`, codeParseFailed},
	{"a control character", "{ \x01 }", codeParseFailed},
}

// nestedArgument is a query whose one argument nests n lists (or objects)
// deep, as an attacker would send.
func nestedArgument(n int, open, close string) string {
	return `{ person(id: ` + strings.Repeat(open, n) + `"x"` + strings.Repeat(close, n) + `) { name } }`
}

// fragmentBomb is levels fragments, each spreading the next twice under a
// different alias, so the document doubles at each level: 2^levels fields
// in about 50 bytes a level.
func fragmentBomb(levels int) string {
	var b strings.Builder
	b.WriteString("{ ...F0 }\n")
	for i := 0; i < levels; i++ {
		fmt.Fprintf(&b, "fragment F%d on Query { a: __type(name: \"x\") { name } ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Query { __typename }\n", levels)
	return b.String()
}

// personBomb is fragmentBomb below a person, where the root fields do not
// refuse it first.
func personBomb(levels int) string {
	var b strings.Builder
	b.WriteString(`{ person(id: "x") { ...F0 } }` + "\n")
	for i := 0; i < levels; i++ {
		fmt.Fprintf(&b, "fragment F%d on Person { name ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Person { id }\n", levels)
	return b.String()
}

// manyRootFields asks for n people, each by a different id and without
// aliases, which graphql-go's overlapping-fields rule compares pairwise.
func manyRootFields(n int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, ` person(id: "%d") { name }`, i)
	}
	b.WriteString(" }")
	return b.String()
}

func TestMeasure_RefusesHostileDocuments(t *testing.T) {
	for _, tt := range hostileDocuments {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			errs, code, unread := measureDocument(tt.doc, DefaultLimits())
			elapsed := time.Since(start)
			if code != tt.code || len(errs) != 1 || unread {
				t.Fatalf("code %q, errors %v, unread %v; want one error with code %s", code, errs, unread, tt.code)
			}
			if got := errs[0].Extensions["code"]; got != tt.code {
				t.Errorf("extensions.code = %v, want %s", got, tt.code)
			}
			// Generous for a loaded machine: the measure takes microseconds
			// (BenchmarkMeasureDocument).
			if elapsed > quickBound {
				t.Errorf("refused after %s, want under %s", elapsed, quickBound)
			}
			t.Logf("%d bytes: %s in %s", len(tt.doc), errs[0].Message, elapsed)
		})
	}
}

// The messages of the measure name the limit and, for a cycle, the path.
func TestMeasure_Messages(t *testing.T) {
	tests := []struct{ doc, want string }{
		{`{ ...A } fragment A on Query { __typename ...A }`, `Cannot spread fragment "A" within itself.`},
		{`{ ...A } fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { ...A }`, `Cannot spread fragment "A" within itself via "B", "C".`},
		{nestedArgument(6, "[", "]"), "a value nests lists and input objects more than 5 deep, the most allowed"},
		{`query Q {` + strings.Repeat(" person(id: \"x\") {", 13) + " name" + strings.Repeat(" }", 13) + " }", "operation Q nests fields 14 deep; at most 12 levels are allowed"},
		{fragmentBomb(24), "the operation has 50331646 fields once its fragments are spread; at most 1000 are allowed"},
		{"{" + strings.Repeat(" a", 1001) + " }", "the document has more than 1000 tokens, the most allowed"},
		{`{ a(x: 1) a(x: 2) }`, `Fields "a" conflict because they have differing arguments.`},
		{`{ a: b a: c }`, `Fields "a" conflict because "b" and "c" are different fields.`},
		{`{ a b } fragment A on Query { a } fragment A on Query { b }`, `There can be only one fragment named "A".`},
		{`type Query { a: Int }`, `The "type" definition is not executable`},
	}
	for _, tt := range tests {
		errs, _, _ := measureDocument(tt.doc, DefaultLimits())
		if len(errs) != 1 || !strings.Contains(errs[0].Message, tt.want) {
			t.Errorf("%.60s…: errors %v, want one saying %q", tt.doc, errs, tt.want)
		}
	}
}

// Each limit is a setting: a document one over it is refused, and one at
// it passes, for every limit the measure checks.
func TestMeasure_EachLimitIsASetting(t *testing.T) {
	tests := []struct {
		name     string
		set      func(*Limits, int)
		doc      func(n int) string
		code     string
		unlimit  func(*Limits)
		limitsAt int
	}{
		{"MaxTokens", func(l *Limits, n int) { l.MaxTokens = n }, func(n int) string { return "{" + strings.Repeat(" a", n-2) + " }" }, codeTooLarge, nil, 100},
		{"MaxValueDepth", func(l *Limits, n int) { l.MaxValueDepth = n }, func(n int) string { return nestedArgument(n, "[", "]") }, codeTooDeep, nil, 3},
		{"MaxDirectives", func(l *Limits, n int) { l.MaxDirectives = n }, func(n int) string { return "{ a" + strings.Repeat(" @skip(if: false)", n) + " }" }, codeTooComplex, nil, 5},
		{"MaxFields", func(l *Limits, n int) { l.MaxFields = n }, func(n int) string { return "{ a {" + strings.Repeat(" b", n-1) + " } }" }, codeTooComplex, nil, 50},
		{"MaxDepth", func(l *Limits, n int) { l.MaxDepth = n }, func(n int) string { return strings.Repeat("{ a ", n-1) + "{ b }" + strings.Repeat(" }", n-1) }, codeTooDeep, nil, 4},
		{"MaxAliases", func(l *Limits, n int) { l.MaxAliases = n }, func(n int) string { return "{ a {" + strings.Repeat(" x: b", n) + " } }" }, codeTooComplex, nil, 5},
		{"MaxRootFields", func(l *Limits, n int) { l.MaxRootFields = n }, func(n int) string { return "{" + strings.Repeat(" a", n) + " }" }, codeTooComplex, nil, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Limits{}
			tt.set(&l, tt.limitsAt)
			if errs, _, unread := measureDocument(tt.doc(tt.limitsAt), l); errs != nil || unread {
				t.Errorf("at the limit %d: refused with %v", tt.limitsAt, errs)
			}
			errs, code, _ := measureDocument(tt.doc(tt.limitsAt+1), l)
			if code != tt.code {
				t.Errorf("one over the limit %d: code %q (%v), want %s", tt.limitsAt, code, errs, tt.code)
			}
			// 0 turns the limit off.
			if errs, _, _ := measureDocument(tt.doc(tt.limitsAt+1), Limits{}); errs != nil {
				t.Errorf("with no limits: refused with %v", errs)
			}
		})
	}
}

// The lexer and the shape parser read what graphql-go reads: every
// document graphql-go parses is read, and the ones it refuses are refused
// by one or the other. A document graphql-go parses and the measure could
// not read would be refused as unreadable, a bug of ours.
func TestMeasure_ReadsWhatGraphQLGoParses(t *testing.T) {
	valid := []string{
		introspectionQuery,
		`query Q($a: [Int!]! = [1, 2], $b: In = {x: [{y: -1.5e3}]}, $c: String = "\u00e9\n\"") @dir(a: 1) { a(x: $a, z: ENUM, w: true) @include(if: $b) { ...F ... on T { b } ... @skip(if: false) { c } } }`,
		`mutation { a(s: """block "" \""" string""") } subscription S { b }`,
		"\uFEFF# comment\n{ a, b ,c # trailing\n }",
		`fragment F on T @d { x: a } { ...F }`,
		`{ a(v: 0, w: -0, x: 10.25, y: 1E10, z: 0.5e-3) }`,
	}
	for _, doc := range valid {
		if _, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(doc)})}); err != nil {
			t.Errorf("graphql-go does not parse a document this test calls valid: %v\n%s", err, doc)
			continue
		}
		if errs, _, unread := measureDocument(doc, DefaultLimits()); errs != nil || unread {
			t.Errorf("measure: errors %v, unread %v\n%s", errs, unread, doc)
		}
	}
	invalid := []string{`{`, `{ }`, `{ a(b:) }`, `{ a(b: 01) }`, `{ a(b: 1.) }`, `{ a(b: "x\q") }`, `{ a(b: 1x) }`, `query ($a) { b }`,
		`fragment on on T { a }`, `{ ..F }`, `{ a }}`, `{ a(b: [1) }`, `"""`, `{ a(b: {c}) }`, `{ a() }`, `.`}
	for _, doc := range invalid {
		errs, code, unread := measureDocument(doc, DefaultLimits())
		_, perr := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(doc)})})
		switch {
		case errs != nil && code != codeParseFailed:
			t.Errorf("%s: code %s, want %s", doc, code, codeParseFailed)
		case errs == nil && !unread:
			t.Errorf("%s: read as valid", doc)
		case errs == nil && perr == nil:
			t.Errorf("%s: graphql-go parses what the measure could not read", doc)
		}
	}
}

// Within the default limits, graphql-go parses and validates the worst
// documents we know of quickly: the limits bound its work, not just ours.
// The bound asserted is generous for a loaded machine; the log has the
// times.
func TestMeasure_WorstCasesWithinLimitsValidateQuickly(t *testing.T) {
	schema, err := NewSchema(nil)
	if err != nil {
		t.Fatal(err)
	}
	l := DefaultLimits()
	fields := func(n int, field string) string {
		return `{ person(id: "x") {` + strings.Repeat(" "+field, n) + ` } }`
	}
	fragments := func(n int) string {
		var b strings.Builder
		b.WriteString(`{ person(id: "x") {`)
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, " ...F%d", i)
		}
		b.WriteString(" } }")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, " fragment F%d on Person { name }", i)
		}
		return b.String()
	}
	distinctUnknown := func(n int) string {
		var b strings.Builder
		b.WriteString(`{ person(id: "x") {`)
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, " z%d", i)
		}
		b.WriteString(" } }")
		return b.String()
	}
	// divergent has pairs fields that answer to x differently, each under
	// a type condition of its own.
	divergent := func(pairs int) string {
		var b strings.Builder
		b.WriteString(`{ search(query: "x") {`)
		n := 1
		for n*(n-1)/2 <= pairs {
			n++
		}
		for i := 0; i < n-1; i++ {
			fmt.Fprintf(&b, " ... on T%d { x: f%d }", i, i)
		}
		b.WriteString(" } }")
		return b.String()
	}
	tests := []struct{ name, doc string }{
		{"the same field as often as allowed", fields(min(l.MaxFields, l.MaxTokens)-10, "name")},
		{"a fragment spread as often as allowed", `{ person(id: "x") {` + strings.Repeat(" ...P", (l.MaxTokens-20)/2) + ` } } fragment P on Person { name id }`},
		{"as many distinct fragments as tokens allow", fragments(l.MaxTokens / 10)},
		{"a bomb just under the field limit", personBomb(8)},
		{"unknown fields as often as allowed", fields(min(l.MaxFields, l.MaxTokens)-10, "zz")},
		{"distinct unknown fields as often as allowed", distinctUnknown(min(l.MaxFields, l.MaxTokens) - 10)},
		{"fields under different types as often as allowed", divergent(maxDivergentPairs)},
		{"values nested as deep as allowed, as often as tokens allow", `{ person(id: "x") { name } search(query: "x", kinds: [` +
			strings.Repeat(strings.Repeat("[", l.MaxValueDepth-1)+"PERSON"+strings.Repeat("]", l.MaxValueDepth-1)+" ", l.MaxTokens/(2*l.MaxValueDepth)-5) + `]) { kind } }`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if errs, _, unread := measureDocument(tt.doc, l); errs != nil || unread {
				t.Fatalf("refused by the measure: %v", errs)
			}
			start := time.Now()
			doc, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(tt.doc)})})
			if err != nil {
				t.Fatal(err)
			}
			res := validate(&schema, doc)
			elapsed := time.Since(start)
			t.Logf("%d bytes, %d validation errors: parsed and validated in %s", len(tt.doc), len(res.Errors), elapsed)
			if elapsed > quickBound {
				t.Errorf("parsed and validated in %s, want under %s", elapsed, quickBound)
			}
		})
	}
}

// BenchmarkMeasureDocument is the measure's time for the web app's largest
// document and for the hostile ones.
func BenchmarkMeasureDocument(b *testing.B) {
	docs := []struct{ name, doc string }{{"GetPerson", frontend.MustOperation("GetPerson")}}
	for _, h := range hostileDocuments {
		if slices.Contains([]string{"a fragment that spreads itself", "a list argument nested 5,000 deep", "a fragment-doubling bomb of 1.2 KB", "1,000 root fields with different arguments", "100,000 tokens"}, h.name) {
			docs = append(docs, struct{ name, doc string }{h.name, h.doc})
		}
	}
	for _, d := range docs {
		b.Run(d.name, func(b *testing.B) {
			for b.Loop() {
				measureDocument(d.doc, DefaultLimits())
			}
		})
	}
}
