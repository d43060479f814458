package api

import (
	"fmt"
	"slices"
	"strings"

	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/location"
)

// measure.go measures a document before graphql-go parses or validates it,
// and refuses one that is too big, in the manner of graphql-js's maxTokens
// and graphql-armor. graphql-go's parser and validator have no bounds of
// their own: an argument nested a few hundred levels deep takes its
// validation seconds, a document that spreads fragments twice at each of a
// dozen levels minutes, and a fragment that spreads itself overflows the
// stack of its overlapping-fields rule, which kills the process. Every
// measure here is linear in the document's tokens, which are bounded first,
// so a refusal takes microseconds whatever the document holds.

// maxFreeOfTypes is how many ofType fields in a row the depth does not
// count (see walker.depth): the standard introspection query asks for nine,
// and no type of a schema has more than a few wrappers. Past it, each one
// counts, so ofType cannot nest a document without bound.
const maxFreeOfTypes = 10

// shape is what the measures need of a document: its operations and
// fragments as trees of selections, and the counts that need no tree.
type shape struct {
	operations []definitionShape
	fragments  []definitionShape
	aliases    int
	directives int
}

// definitionShape is an operation or a fragment.
type definitionShape struct {
	name       string // "" for an anonymous operation
	on         string // a fragment's type condition
	selections []selectionShape
	at         int // byte offset of its first token
}

// selectionShape is a field (name set), a fragment spread (spread set) or
// an inline fragment (neither), with the selections below it.
type selectionShape struct {
	name       string
	spread     string
	selections []selectionShape
	// Of a field: the name it answers to (its alias, or its name) and its
	// arguments, sorted by name, each with its value's tokens: two fields
	// that answer to one name must have the same name and arguments.
	responseName, arguments string
	on                      string // an inline fragment's type condition, if it has one
	at                      int
}

// shapeError is a document refused by measure: the code and message the
// client sees, and where in the document, when it is one place.
type shapeError struct {
	code    string
	message string
	at      int // byte offset, or -1
}

// measureDocument refuses text, before any parsing of graphql-go's, when it
// is over one of the limits l sets on a document's shape or when it spreads
// a fragment within itself, which graphql-go v0.8.1 cannot survive. It
// returns nil for a document fit to be parsed, and the errors to answer
// otherwise. A document that does not lex is answered here, never handed
// to graphql-go. One that lexes but does not follow the grammar is left to
// graphql-go's parser, whose work the bound on tokens already bounds, for
// its messages: measureDocument returns no errors and unread, and the
// caller must not validate it even if graphql-go parses it.
func measureDocument(text string, l Limits) (errs []gqlerrors.FormattedError, code string, unread bool) {
	p := shapeParser{lexer: lexer{text: text}, maxTokens: l.MaxTokens, maxValueDepth: l.MaxValueDepth}
	sh, perr := p.document()
	if perr == errNotParsed {
		// graphql-go's parser will read the document, perhaps further
		// than ours did: the rest is lexed too, so its tokens are bounded.
		for _, ok := p.current(); ok; _, ok = p.current() {
			p.i++
		}
	}
	if tm, ok := p.err.(*tooManyTokens); ok {
		errs, code := shapeErrors(text, shapeError{code: codeTooLarge, at: -1,
			message: fmt.Sprintf("the document has more than %d tokens, the most allowed; send a smaller one", tm.max)})
		return errs, code, false
	} else if se, ok := p.err.(*syntaxError); ok {
		return []gqlerrors.FormattedError{{
			Message:    se.Error(),
			Locations:  []location.SourceLocation{{Line: se.line, Column: se.column}},
			Extensions: map[string]any{"code": codeParseFailed},
		}}, codeParseFailed, false
	}
	if perr != nil {
		if perr.code == "" {
			return nil, "", true
		}
		errs, code := shapeErrors(text, *perr)
		return errs, code, false
	}
	for _, check := range []func(*shape, Limits) *shapeError{checkCounts, checkFragments, checkOperations, checkOverlaps} {
		if e := check(sh, l); e != nil {
			errs, code := shapeErrors(text, *e)
			return errs, code, false
		}
	}
	return nil, "", false
}

func shapeErrors(text string, e shapeError) ([]gqlerrors.FormattedError, string) {
	fe := gqlerrors.FormattedError{Message: e.message, Extensions: map[string]any{"code": e.code}}
	if e.at >= 0 {
		pos := syntaxErrorAt(text, e.at, "")
		fe.Locations = []location.SourceLocation{{Line: pos.line, Column: pos.column}}
	}
	return []gqlerrors.FormattedError{fe}, e.code
}

// checkCounts checks what needs no walk: aliases and directives.
func checkCounts(sh *shape, l Limits) *shapeError {
	if l.MaxAliases > 0 && sh.aliases > l.MaxAliases {
		return &shapeError{code: codeTooComplex, at: -1, message: fmt.Sprintf("the document has %d aliases; at most %d are allowed", sh.aliases, l.MaxAliases)}
	}
	if l.MaxDirectives > 0 && sh.directives > l.MaxDirectives {
		return &shapeError{code: codeTooComplex, at: -1, message: fmt.Sprintf("the document has %d directives; at most %d are allowed", sh.directives, l.MaxDirectives)}
	}
	return nil
}

// checkFragments refuses fragments that share a name, a fragment spread
// within itself, directly or through others, and a definition that grows
// past l.MaxFields fields once its spreads are replaced by their
// fragments. graphql-go's validation expands spreads this way, so the
// expanded size, not the length of the text, is what it works through: a
// kilobyte of fragments that each spread the next one twice expands to
// millions of fields.
func checkFragments(sh *shape, l Limits) *shapeError {
	byName := make(map[string]*definitionShape, len(sh.fragments))
	for i := range sh.fragments {
		f := &sh.fragments[i]
		if _, dup := byName[f.name]; dup {
			return &shapeError{code: codeValidationFailed, at: f.at, message: fmt.Sprintf("There can be only one fragment named %q.", f.name)}
		}
		byName[f.name] = f
	}
	if e := findCycle(sh.fragments, byName); e != nil {
		return e
	}
	if l.MaxFields <= 0 {
		return nil
	}
	size := fieldCounter(byName)
	tooMany := func(what string, d definitionShape) *shapeError {
		if n := size(d.selections); n > l.MaxFields {
			return &shapeError{code: codeTooComplex, at: d.at, message: fmt.Sprintf("%s has %s fields once its fragments are spread; at most %d are allowed", what, countText(n), l.MaxFields)}
		}
		return nil
	}
	// Fragments no operation spreads count too: graphql-go validates them
	// all the same.
	for _, op := range sh.operations {
		if e := tooMany(opLabel(op), op); e != nil {
			return e
		}
	}
	for _, f := range sh.fragments {
		if e := tooMany("fragment "+f.name, f); e != nil {
			return e
		}
	}
	return nil
}

// fieldCounter returns a function that counts the fields of selections
// once every fragment spread is replaced by its fragment. The fragments
// must not spread in a cycle; the count of each is worked out once, so the
// counting takes time linear in the document even when the count is huge.
func fieldCounter(byName map[string]*definitionShape) func([]selectionShape) int {
	sizes := make(map[string]int, len(byName))
	var size func([]selectionShape) int
	size = func(sels []selectionShape) int {
		n := 0
		for _, s := range sels {
			switch {
			case s.spread != "":
				v, ok := sizes[s.spread]
				if !ok {
					if f := byName[s.spread]; f != nil {
						v = size(f.selections)
					}
					sizes[s.spread] = v
				}
				n = saturatingAdd(n, v)
			case s.name != "":
				n = saturatingAdd(n, saturatingAdd(1, size(s.selections)))
			default:
				n = saturatingAdd(n, size(s.selections))
			}
		}
		return n
	}
	return size
}

// findCycle finds a fragment that spreads itself, directly or through
// other fragments, with a depth-first search that keeps its own stack, so a
// long chain of fragments cannot exhaust the goroutine's.
func findCycle(fragments []definitionShape, byName map[string]*definitionShape) *shapeError {
	const (
		unseen = iota
		onPath
		done
	)
	state := make(map[string]int, len(fragments))
	spreads := func(f *definitionShape) []string {
		var out []string
		var walk func([]selectionShape)
		walk = func(sels []selectionShape) {
			for _, s := range sels {
				if s.spread != "" {
					if _, ok := byName[s.spread]; ok {
						out = append(out, s.spread)
					}
				}
				walk(s.selections)
			}
		}
		walk(f.selections)
		return out
	}
	type frame struct {
		name string
		next []string
	}
	for i := range fragments {
		if state[fragments[i].name] != unseen {
			continue
		}
		stack := []frame{{name: fragments[i].name, next: spreads(&fragments[i])}}
		state[fragments[i].name] = onPath
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if len(top.next) == 0 {
				state[top.name] = done
				stack = stack[:len(stack)-1]
				continue
			}
			name := top.next[0]
			top.next = top.next[1:]
			switch state[name] {
			case onPath:
				var via []string
				for j := len(stack) - 1; j >= 0 && stack[j].name != name; j-- {
					via = append([]string{fmt.Sprintf("%q", stack[j].name)}, via...)
				}
				msg := fmt.Sprintf("Cannot spread fragment %q within itself.", name)
				if len(via) > 0 {
					msg = fmt.Sprintf("Cannot spread fragment %q within itself via %s.", name, strings.Join(via, ", "))
				}
				return &shapeError{code: codeValidationFailed, at: byName[name].at, message: msg}
			case unseen:
				state[name] = onPath
				stack = append(stack, frame{name: name, next: spreads(byName[name])})
			}
		}
	}
	return nil
}

// maxDivergentPairs bounds the pairs of fields that answer to one name
// with different fields or arguments under different type conditions
// (... on A { x: name } ... on B { x: title }), which GraphQL allows when
// the types exclude each other. graphql-go's overlapping-fields rule
// compares such fields pairwise, and each conflict it finds costs it more
// than the one before: 80 conflicting fields take it a second, 500 six
// minutes. The web app has none; a document with more is QUERY_TOO_COMPLEX.
const maxDivergentPairs = 50

// flatField is a field of a selection set with its fragments spread, and
// the type conditions that lead to it from the set.
type flatField struct {
	sel  *selectionShape
	cond string
}

// checkOverlaps refuses fields that answer to one name in one selection
// set but are different fields or take different arguments, when nothing
// tells them apart (they are under the same type conditions): GraphQL's
// "fields in set can merge" rule, checked here because graphql-go's
// version of it takes time that grows with the cube of the conflicts. Fields
// under different type conditions may be fine (the types may exclude each
// other), which takes the schema to know: there may be maxDivergentPairs of
// them, and graphql-go decides. The fields that answer to one name are
// merged, and their selections checked together, as the rule does. The
// walk goes through each field once per definition, fragments spread, which
// checkFragments has bounded by MaxFields.
func checkOverlaps(sh *shape, l Limits) *shapeError {
	fragments := make(map[string]*definitionShape, len(sh.fragments))
	for i := range sh.fragments {
		fragments[sh.fragments[i].name] = &sh.fragments[i]
	}
	var flatten func(sels []selectionShape, cond string, out []flatField) []flatField
	flatten = func(sels []selectionShape, cond string, out []flatField) []flatField {
		for i := range sels {
			s := &sels[i]
			switch {
			case s.name != "":
				out = append(out, flatField{sel: s, cond: cond})
			case s.spread != "":
				if f := fragments[s.spread]; f != nil {
					out = flatten(f.selections, cond+"|"+f.on, out)
				}
			case s.on != "":
				out = flatten(s.selections, cond+"|"+s.on, out)
			default:
				out = flatten(s.selections, cond, out)
			}
		}
		return out
	}
	divergent := 0
	var checkSet func([]flatField) *shapeError
	checkSet = func(fields []flatField) *shapeError {
		var names []string
		groups := map[string][]flatField{}
		for _, f := range fields {
			if _, ok := groups[f.sel.responseName]; !ok {
				names = append(names, f.sel.responseName)
			}
			groups[f.sel.responseName] = append(groups[f.sel.responseName], f)
		}
		for _, name := range names {
			group := groups[name]
			byCond := map[string]*selectionShape{}
			variants := map[string]int{}
			var children []flatField
			for _, f := range group {
				variant := f.sel.name + "(" + f.sel.arguments + ")"
				if prev, ok := byCond[f.cond]; ok && prev.name+"("+prev.arguments+")" != variant {
					reason := "they have differing arguments"
					if prev.name != f.sel.name {
						reason = fmt.Sprintf("%q and %q are different fields", prev.name, f.sel.name)
					}
					return &shapeError{code: codeValidationFailed, at: f.sel.at,
						message: fmt.Sprintf("Fields %q conflict because %s. Use different aliases on the fields to fetch both if this was intentional.", name, reason)}
				}
				byCond[f.cond] = f.sel
				variants[variant]++
				children = flatten(f.sel.selections, f.cond+">", children)
			}
			same := 0
			for _, n := range variants {
				same += n * n
			}
			if divergent += (len(group)*len(group) - same) / 2; divergent > maxDivergentPairs {
				return &shapeError{code: codeTooComplex, at: group[0].sel.at,
					message: fmt.Sprintf("more than %d pairs of fields answer to one name with different fields or arguments; give them different aliases", maxDivergentPairs)}
			}
			if len(children) > 0 {
				if e := checkSet(children); e != nil {
					return e
				}
			}
		}
		return nil
	}
	for _, defs := range [][]definitionShape{sh.operations, sh.fragments} {
		for _, d := range defs {
			if e := checkSet(flatten(d.selections, "", nil)); e != nil {
				return e
			}
		}
	}
	return nil
}

// checkOperations checks each operation's root fields and depth, with its
// fragments spread. It runs after checkFragments, so there are no cycles
// and the walks, bounded by MaxFields, end quickly.
func checkOperations(sh *shape, l Limits) *shapeError {
	byName := make(map[string][]selectionShape, len(sh.fragments))
	for _, f := range sh.fragments {
		byName[f.name] = f.selections
	}
	for _, op := range sh.operations {
		if l.MaxRootFields > 0 {
			if n := rootFieldCount(op.selections, byName); n > l.MaxRootFields {
				return &shapeError{code: codeTooComplex, at: op.at, message: fmt.Sprintf("%s has %d root fields; at most %d are allowed", opLabel(op), n, l.MaxRootFields)}
			}
		}
		if l.MaxDepth > 0 {
			if d := fieldDepth(op.selections, byName, 0); d > l.MaxDepth {
				return &shapeError{code: codeTooDeep, at: op.at, message: fmt.Sprintf("%s nests fields %d deep; at most %d levels are allowed", opLabel(op), d, l.MaxDepth)}
			}
		}
	}
	return nil
}

func rootFieldCount(sels []selectionShape, fragments map[string][]selectionShape) int {
	n := 0
	for _, s := range sels {
		switch {
		case s.spread != "":
			n += rootFieldCount(fragments[s.spread], fragments)
		case s.name != "":
			n++
		default:
			n += rootFieldCount(s.selections, fragments)
		}
	}
	return n
}

// fieldDepth is the longest chain of nested fields below sels, fragments
// followed; ofTypes is how many ofType fields in a row lead to sels.
func fieldDepth(sels []selectionShape, fragments map[string][]selectionShape, ofTypes int) int {
	deepest := 0
	for _, s := range sels {
		d := 0
		switch {
		case s.spread != "":
			d = fieldDepth(fragments[s.spread], fragments, ofTypes)
		case s.name == "":
			d = fieldDepth(s.selections, fragments, ofTypes)
		case s.name == "ofType" && ofTypes < maxFreeOfTypes:
			d = fieldDepth(s.selections, fragments, ofTypes+1)
		default:
			run := 0
			if s.name == "ofType" {
				run = ofTypes + 1
			}
			d = 1 + fieldDepth(s.selections, fragments, run)
		}
		deepest = max(deepest, d)
	}
	return deepest
}

func opLabel(d definitionShape) string {
	if d.name != "" {
		return "operation " + d.name
	}
	return "the operation"
}

func countText(n int) string {
	if n >= costCeiling {
		return "more than a trillion"
	}
	return fmt.Sprint(n)
}

// shapeParser reads the shape of an executable document from its tokens
// (GraphQL spec §2). Its recursion goes as deep as the document nests, which
// the bound on tokens bounds; values, whose nesting graphql-go's validation
// pays for dearly, are refused past maxValueDepth as soon as they get there.
type shapeParser struct {
	lexer
	tokens        []token // the tokens read so far
	i             int     // the current token
	eof           bool    // every token has been read
	err           error   // why the lexer stopped: a *syntaxError or *tooManyTokens
	maxTokens     int
	maxValueDepth int
	deepestValue  int // the deepest nesting of a value met so far
	shape         shape
}

// current returns the current token, reading it first when needed; false
// at the end of the document or when the lexer stopped (p.err says why).
func (p *shapeParser) current() (token, bool) {
	for p.i >= len(p.tokens) {
		if p.eof || p.err != nil {
			return token{}, false
		}
		t, ok, err := p.next()
		switch {
		case err != nil:
			p.err = err
		case !ok:
			p.eof = true
		case p.maxTokens > 0 && len(p.tokens) == p.maxTokens:
			p.err = &tooManyTokens{max: p.maxTokens}
		default:
			p.tokens = append(p.tokens, t)
		}
	}
	return p.tokens[p.i], true
}

// errNotParsed stops the parse of a document that does not follow the
// grammar: graphql-go's parser reports it.
var errNotParsed = &shapeError{at: -1}

func (p *shapeParser) document() (*shape, *shapeError) {
	if _, ok := p.current(); !ok {
		return nil, errNotParsed
	}
	for {
		if _, ok := p.current(); !ok {
			break
		}
		if err := p.definition(); err != nil {
			return nil, err
		}
	}
	if p.err != nil {
		return nil, errNotParsed
	}
	return &p.shape, nil
}

func (p *shapeParser) definition() *shapeError {
	t, _ := p.current()
	if p.isPunct("{") {
		sels, err := p.selectionSet()
		p.shape.operations = append(p.shape.operations, definitionShape{selections: sels, at: t.start})
		return err
	}
	if t.kind == tokenString {
		return &shapeError{code: codeValidationFailed, at: t.start, message: "The document may hold only operations and fragments."}
	}
	if t.kind != tokenName {
		return errNotParsed
	}
	switch word := p.text[t.start:t.end]; word {
	case "query", "mutation", "subscription":
		p.i++
		d := definitionShape{at: t.start}
		if p.kind(tokenName) {
			d.name = p.word()
			p.i++
		}
		if p.isPunct("(") {
			if err := p.variableDefinitions(); err != nil {
				return err
			}
		}
		if err := p.directives(); err != nil {
			return err
		}
		sels, err := p.selectionSet()
		d.selections = sels
		p.shape.operations = append(p.shape.operations, d)
		return err
	case "fragment":
		p.i++
		if !p.kind(tokenName) || p.word() == "on" {
			return errNotParsed
		}
		d := definitionShape{name: p.word(), at: t.start}
		p.i++
		if !p.kind(tokenName) || p.word() != "on" {
			return errNotParsed
		}
		p.i++
		if !p.kind(tokenName) {
			return errNotParsed
		}
		d.on = p.word()
		p.i++
		if err := p.directives(); err != nil {
			return err
		}
		sels, err := p.selectionSet()
		d.selections = sels
		p.shape.fragments = append(p.shape.fragments, d)
		return err
	case "schema", "scalar", "type", "interface", "union", "enum", "input", "directive", "extend":
		return &shapeError{code: codeValidationFailed, at: t.start, message: fmt.Sprintf("The %q definition is not executable: the document may hold only operations and fragments.", word)}
	}
	return errNotParsed
}

// nameAndColon reads a name and a colon, as in `$first: Int` and
// `{first: 1}`, and says whether they were there.
func (p *shapeParser) nameAndColon() bool {
	if !p.kind(tokenName) {
		return false
	}
	p.i++
	if !p.isPunct(":") {
		return false
	}
	p.i++
	return true
}

func (p *shapeParser) variableDefinitions() *shapeError {
	p.i++ // (
	for !p.isPunct(")") {
		if !p.isPunct("$") {
			return errNotParsed
		}
		p.i++
		if !p.nameAndColon() {
			return errNotParsed
		}
		if err := p.typeRef(0); err != nil {
			return err
		}
		if p.isPunct("=") {
			p.i++
			if err := p.value(0); err != nil {
				return err
			}
		}
		if err := p.directives(); err != nil {
			return err
		}
	}
	p.i++ // )
	return nil
}

// typeRef reads a type: Name, [Type], either with !. Its lists nest like
// values.
func (p *shapeParser) typeRef(depth int) *shapeError {
	switch {
	case p.kind(tokenName):
		p.i++
	case p.isPunct("["):
		if err := p.nest(depth + 1); err != nil {
			return err
		}
		p.i++
		if err := p.typeRef(depth + 1); err != nil {
			return err
		}
		if !p.isPunct("]") {
			return errNotParsed
		}
		p.i++
	default:
		return errNotParsed
	}
	if p.isPunct("!") {
		p.i++
	}
	return nil
}

func (p *shapeParser) directives() *shapeError {
	for p.isPunct("@") {
		p.shape.directives++
		p.i++
		if !p.kind(tokenName) {
			return errNotParsed
		}
		p.i++
		if p.isPunct("(") {
			if _, err := p.arguments(); err != nil {
				return err
			}
		}
	}
	return nil
}

// arguments reads an argument list and returns it as a text in which two
// lists that GraphQL takes for the same are the same: the arguments sorted
// by name, each value's tokens joined by one space.
func (p *shapeParser) arguments() (string, *shapeError) {
	p.i++ // (
	if p.isPunct(")") {
		return "", errNotParsed // an empty argument list is not GraphQL
	}
	var args []string
	for !p.isPunct(")") {
		if !p.kind(tokenName) {
			return "", errNotParsed
		}
		arg := []string{p.word(), ":"}
		p.i++
		if !p.isPunct(":") {
			return "", errNotParsed
		}
		p.i++
		from := p.i
		if err := p.value(0); err != nil {
			return "", err
		}
		for _, t := range p.tokens[from:p.i] {
			arg = append(arg, p.text[t.start:t.end])
		}
		args = append(args, strings.Join(arg, " "))
	}
	p.i++ // )
	slices.Sort(args)
	return strings.Join(args, ", "), nil
}

// value reads a value nested depth lists and objects deep.
func (p *shapeParser) value(depth int) *shapeError {
	switch {
	case p.isPunct("$"):
		p.i++
		if !p.kind(tokenName) {
			return errNotParsed
		}
		p.i++
	case p.kind(tokenName), p.kind(tokenInt), p.kind(tokenFloat), p.kind(tokenString):
		p.i++
	case p.isPunct("["), p.isPunct("{"):
		if err := p.nest(depth + 1); err != nil {
			return err
		}
		list := p.isPunct("[")
		p.i++
		for {
			if list && p.isPunct("]") || !list && p.isPunct("}") {
				p.i++
				return nil
			}
			if !list && !p.nameAndColon() {
				return errNotParsed
			}
			if err := p.value(depth + 1); err != nil {
				return err
			}
		}
	default:
		return errNotParsed
	}
	return nil
}

// nest notes a list or an object depth deep, and refuses it past
// maxValueDepth.
func (p *shapeParser) nest(depth int) *shapeError {
	p.deepestValue = max(p.deepestValue, depth)
	if p.maxValueDepth > 0 && depth > p.maxValueDepth {
		t, _ := p.current()
		return &shapeError{code: codeTooDeep, at: t.start,
			message: fmt.Sprintf("a value nests lists and input objects more than %d deep, the most allowed", p.maxValueDepth)}
	}
	return nil
}

func (p *shapeParser) selectionSet() ([]selectionShape, *shapeError) {
	if !p.isPunct("{") {
		return nil, errNotParsed
	}
	p.i++
	var sels []selectionShape
	for !p.isPunct("}") {
		s, err := p.selection()
		if err != nil {
			return nil, err
		}
		sels = append(sels, s)
	}
	if len(sels) == 0 {
		return nil, errNotParsed
	}
	p.i++ // }
	return sels, nil
}

func (p *shapeParser) selection() (selectionShape, *shapeError) {
	t, _ := p.current()
	s := selectionShape{at: t.start}
	if p.isPunct("...") {
		p.i++
		if p.kind(tokenName) && p.word() != "on" {
			s.spread = p.word()
			p.i++
			return s, p.directives()
		}
		if p.kind(tokenName) { // on Type
			p.i++
			if !p.kind(tokenName) {
				return s, errNotParsed
			}
			s.on = p.word()
			p.i++
		}
		if err := p.directives(); err != nil {
			return s, err
		}
		var err *shapeError
		s.selections, err = p.selectionSet()
		return s, err
	}
	if !p.kind(tokenName) {
		return s, errNotParsed
	}
	s.name = p.word()
	s.responseName = s.name
	p.i++
	if p.isPunct(":") {
		p.shape.aliases++
		p.i++
		if !p.kind(tokenName) {
			return s, errNotParsed
		}
		s.name = p.word()
		p.i++
	}
	if p.isPunct("(") {
		var err *shapeError
		if s.arguments, err = p.arguments(); err != nil {
			return s, err
		}
	}
	if err := p.directives(); err != nil {
		return s, err
	}
	if p.isPunct("{") {
		var err *shapeError
		s.selections, err = p.selectionSet()
		return s, err
	}
	return s, nil
}

// isPunct says whether the current token is the punctuator punct; at the
// end of the tokens it is none.
func (p *shapeParser) isPunct(punct string) bool {
	t, ok := p.current()
	return ok && t.kind == tokenPunctuator && p.text[t.start:t.end] == punct
}

func (p *shapeParser) kind(k tokenKind) bool {
	t, ok := p.current()
	return ok && t.kind == k
}

// word is the text of the current token, which the caller has seen.
func (p *shapeParser) word() string { t := p.tokens[p.i]; return p.text[t.start:t.end] }
