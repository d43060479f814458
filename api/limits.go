package api

import (
	"fmt"
	"strconv"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"

	"github.com/thelist/thelist"
)

// Codes for documents refused for their shape, before any resolver runs.
const (
	codeTooLarge   = "QUERY_TOO_LARGE" // more tokens than Limits.MaxTokens
	codeTooDeep    = "QUERY_TOO_DEEP"
	codeTooComplex = "QUERY_TOO_COMPLEX"
)

// Limits bound what one request may ask of the server. graphql-go has no
// depth or cost rules of its own, so a client could otherwise send one small
// document whose answer fans out over the whole graph; nor does it bound
// its own parsing and validation, so the document's shape is measured
// before graphql-go sees it (measure.go).
type Limits struct {
	// Measured on the document's text, before it is parsed (measure.go).
	MaxTokens     int // tokens in a document, as graphql-js's maxTokens counts them
	MaxValueDepth int // lists and input objects nested in one value (or one variable's type)
	MaxDirectives int // directives in a document
	MaxFields     int // fields of one operation or fragment once its fragment spreads are replaced by the fragments
	MaxDepth      int // deepest chain of nested fields, fragments followed
	MaxAliases    int // aliased fields in one document
	MaxRootFields int // root fields in one operation, fragments followed

	MaxCost int           // cost of the operation for its variables, see defaultListSize
	Timeout time.Duration // longest a request may execute
	// HeavyReads is how many heavy reads (heavyRootFields) may run at once
	// in this process; more wait their turn (admission.go). 0: no limit.
	HeavyReads int
}

// DefaultLimits are generous for every question the web app and the
// documented queries ask, and small enough that no single request can keep
// Neo4j busy for long. The largest the web app asks is the network view's
// neighbourhood of 5,000 nodes, which costs 95,004 (TestCost_WebAppOperationsPass);
// two of them, or two pages of people with every list below them, are over.
// The limits on a document's shape are a few times what the web app's
// largest documents and GraphiQL's introspection query need
// (TestMeasure_WebAppDocumentsFit), and small enough that graphql-go
// validates any document within them in milliseconds (TestMeasure_WorstCases).
func DefaultLimits() Limits {
	return Limits{
		MaxTokens: 1000, MaxValueDepth: 5, MaxDirectives: 50, MaxFields: 1000,
		MaxDepth: 12, MaxAliases: 30, MaxRootFields: 20,
		MaxCost: 100_000, Timeout: 15 * time.Second, HeavyReads: defaultHeavyReads,
	}
}

// defaultHeavyReads is a few more than the cores of the small Neo4j server
// this was measured on (BENCHMARKS.md): enough to keep its cores busy with
// heavy reads, few enough that light ones still find a core. Set it to
// about the database's cores divided by the API replicas.
const defaultHeavyReads = 4

// The cost model: every field costs 1, and the fields below a list are paid
// once per element. A list's size is what the schema knows of it
// (listBounds): fixed, bounded by a constant, or bounded by an argument of
// the field or of a field above it; failing that, the field's own first or
// limit argument; failing that, defaultListSize. Lists multiply when nested.
// An argument given by a variable counts at the variable's value in the
// request, so the cost belongs to a request, not to its document: it is
// computed for each request (checkCost), after the document's validation,
// which is cached.
const defaultListSize = 10

// sizeArgs are the arguments that bound how many elements a field returns:
// on a list, its own length; on an object (a connection, a neighbourhood),
// the length of its edges or nodes.
var sizeArgs = []string{"first", "limit"}

// listBound is what the schema knows about the length of one list field.
type listBound struct {
	fixed int    // exactly this many
	max   int    // at most this many
	arg   string // at most the value of this argument, of the field or the nearest field above it that takes it
	plus  int    // … plus this many (a path of n hops has n + 1 people)
	cap   int    // the largest value of arg the resolvers accept: what the list costs when arg has no readable value
	// oneWhenGiven: the list has at most one element when the field just
	// above is given every one of these arguments (not null).
	oneWhenGiven []string
}

// listBounds are the lists whose length is known, by "Type.field". A list
// that is not here costs its first or limit argument, or defaultListSize.
// The tests check that every entry names a list field of the schema.
var listBounds = map[string]listBound{
	// Every candidate has the three credentials, met or not, each with at
	// most candidateMaxEvidence records of evidence (graph/candidates.go).
	"CandidateEdge.credentials": {fixed: len(thelist.CredentialNames)},
	"Person.credentials":        {fixed: len(thelist.CredentialNames)},
	"CredentialMatch.degrees":   {max: candidateMaxEvidence},
	"CredentialMatch.stints":    {max: candidateMaxEvidence},
	"CredentialMatch.papers":    {max: candidateMaxEvidence},
	// A candidate has one reason per condition of the filter, each with at
	// most candidateMaxEvidence records (graph/candidates.go).
	"CandidateEdge.reasons":   {max: matchConditions},
	"ShortlistMember.reasons": {max: len(thelist.CredentialNames)},
	"MatchReason.records":     {max: candidateMaxEvidence},
	// A path has at most maxHops steps and one person more.
	"Path.steps":  {arg: "maxHops", cap: thelist.MaxPathHops},
	"Path.people": {arg: "maxHops", plus: 1, cap: thelist.MaxPathHops},
	// A recruitment chain has at most depth hops; a lab's top recruiters
	// are at most first.
	"RecruitmentChain.hops":     {arg: "depth", cap: thelist.MaxRecruitmentDepth},
	"Recruitment.topRecruiters": {arg: "first", cap: thelist.MaxPageSize},
	// A talent-flow period lists at most perBucket moves; with both ends
	// given there is one flow (the moves between them), which lets the lab
	// page read every move of one of its rows.
	"FlowBucket.moves":  {arg: "perBucket", cap: thelist.MaxPageSize},
	"TalentFlows.flows": {oneWhenGiven: []string{"from", "to"}},
}

// candidateMaxEvidence is how many records of evidence a credential lists at
// most: the graph's LIMIT, one constant of the domain.
const candidateMaxEvidence = thelist.CandidateMaxEvidence

// matchConditions is how many conditions a filter has, so how many reasons
// a candidate can have: aiPhd, topLab, breakthrough, atLeast, workedAt,
// currentlyAt, neverAt, notCurrentlyAt, movedSince, tenure, minCitations,
// topics, roleKeywords.
const matchConditions = 13

// checkCost refuses the operation op of doc, a document that passed
// validation, when its cost for these variables is over l.MaxCost. It walks
// the operation once, fragments followed, so it costs microseconds a
// request; the error has the code QUERY_TOO_COMPLEX.
func (l Limits) checkCost(schema *graphql.Schema, doc *ast.Document, op *ast.OperationDefinition, vars map[string]any) error {
	if l.MaxCost <= 0 {
		return nil
	}
	if cost := operationCost(schema, doc, op, vars); cost > l.MaxCost {
		return newGQLError(codeTooComplex, fmt.Sprintf("%s has a cost of %d for these variables; at most %d is allowed (each field costs 1, and the fields inside a list once per element)", opName(op), cost, l.MaxCost))
	}
	return nil
}

// operationCost is the cost of op for vars (see defaultListSize).
func operationCost(schema *graphql.Schema, doc *ast.Document, op *ast.OperationDefinition, vars map[string]any) int {
	root := rootType(schema, op.Operation)
	if root == nil {
		return 0
	}
	w := newWalker(schema, doc, op)
	w.vars = vars
	return w.cost(op.SelectionSet, root)
}

func opName(op *ast.OperationDefinition) string {
	if op.Name != nil {
		return "operation " + op.Name.Value
	}
	return "the operation"
}

func rootType(s *graphql.Schema, operation string) *graphql.Object {
	switch operation {
	case ast.OperationTypeQuery:
		return s.QueryType()
	case ast.OperationTypeMutation:
		return s.MutationType()
	case ast.OperationTypeSubscription:
		return s.SubscriptionType()
	}
	return nil
}

// walker measures the cost of one operation, following fragments. The
// document was measured before it was parsed (measure.go), which refuses
// fragment cycles, so the recursion ends; the bound below is a second guard
// should that ever change.
type walker struct {
	schema    *graphql.Schema
	fragments map[string]*ast.FragmentDefinition
	op        *ast.OperationDefinition // whose variables' defaults apply; nil when there are no variables to read
	vars      map[string]any           // the request's variables, for the cost
	visits    int                      // fields the cost walk has met (maxCostVisits)
}

func newWalker(schema *graphql.Schema, doc *ast.Document, op *ast.OperationDefinition) *walker {
	w := &walker{schema: schema, fragments: map[string]*ast.FragmentDefinition{}, op: op}
	for _, def := range doc.Definitions {
		if frag, ok := def.(*ast.FragmentDefinition); ok && frag.Name != nil {
			w.fragments[frag.Name.Value] = frag
		}
	}
	return w
}

const maxWalk = 200

// maxCostVisits bounds the fields the cost walk meets. Fragments spread
// several times at every level make a short document whose walk grows
// exponentially; since the cost runs on every request, such a document is
// given the ceiling cost, and refused, rather than walked in full. Every
// field met costs at least one unless a list of size 0 is above it, so a
// document that reaches this bound is far over any sensible MaxCost anyway.
const maxCostVisits = 100_000

// fields calls fn for every field of set, looking through fragments, with
// the type the field is selected on.
func (w *walker) fields(set *ast.SelectionSet, parent graphql.Type, fn func(f *ast.Field, parent graphql.Type)) {
	if set == nil {
		return
	}
	for _, sel := range set.Selections {
		switch sel := sel.(type) {
		case *ast.Field:
			fn(sel, parent)
		case *ast.InlineFragment:
			t := parent
			if sel.TypeCondition != nil {
				if named := w.schema.Type(sel.TypeCondition.Name.Value); named != nil {
					t = named
				}
			}
			w.fields(sel.SelectionSet, t, fn)
		case *ast.FragmentSpread:
			frag := w.fragments[sel.Name.Value]
			if frag == nil {
				continue
			}
			t := parent
			if frag.TypeCondition != nil {
				if named := w.schema.Type(frag.TypeCondition.Name.Value); named != nil {
					t = named
				}
			}
			w.fields(frag.SelectionSet, t, fn)
		}
	}
}

// fieldDef finds the definition of f on parent; nil for __typename and
// anything the schema does not know.
func (w *walker) fieldDef(f *ast.Field, parent graphql.Type) *graphql.FieldDefinition {
	name := f.Name.Value
	switch name {
	case "__schema":
		return graphql.SchemaMetaFieldDef
	case "__type":
		return graphql.TypeMetaFieldDef
	}
	switch t := parent.(type) {
	case *graphql.Object:
		return t.Fields()[name]
	case *graphql.Interface:
		return t.Fields()[name]
	}
	return nil
}

// cost is the cost of set (see defaultListSize).
func (w *walker) cost(set *ast.SelectionSet, parent graphql.Type) int {
	return w.costAt(set, parent, costScope{}, 0)
}

// costScope is what the fields above tell the lists below about their
// length: the values of the bounding arguments (listBounds) given on the
// nearest field that takes each, and the first or limit of the field just
// above, which bounds its edges or nodes.
type costScope struct {
	args       map[string]int
	parentSize int             // 0: the field above has no first or limit
	given      map[string]bool // the arguments given, not null, on the field above
}

func (w *walker) costAt(set *ast.SelectionSet, parent graphql.Type, sc costScope, level int) int {
	if level > maxWalk {
		return 0
	}
	total := 0
	w.fields(set, parent, func(f *ast.Field, parent graphql.Type) {
		if w.visits++; w.visits > maxCostVisits {
			total = costCeiling
			return
		}
		c := 1
		if f.Name.Value == "ofType" {
			c = 0 // see depth: a bounded chain, not a fan-out
		}
		def := w.fieldDef(f, parent)
		if def == nil || f.SelectionSet == nil {
			total = saturatingAdd(total, c)
			return
		}
		inner := costScope{args: sc.args, given: w.given(f)}
		// The arguments this field takes that bound a list: its value
		// holds below, in place of any from further up.
		for _, a := range def.Args {
			if !boundingArg(a.Name()) {
				continue
			}
			v, ok := w.argValue(f, a, capOf(a.Name()))
			next := make(map[string]int, len(inner.args)+1)
			for k, x := range inner.args {
				next[k] = x
			}
			if ok {
				next[a.Name()] = v
			} else {
				delete(next, a.Name())
			}
			inner.args = next
		}
		size, hasSize := w.size(f, def)
		n := 1
		if isList(def.Type) {
			n = w.listSize(f, parent, sc, inner, size, hasSize)
		} else if hasSize {
			inner.parentSize = size
		}
		below := w.costAt(f.SelectionSet, unwrap(def.Type), inner, level+1)
		total = saturatingAdd(total, saturatingAdd(c, saturatingMul(n, below)))
	})
	return total
}

// listSize is the number of elements a list field f costs; see
// defaultListSize.
func (w *walker) listSize(f *ast.Field, parent graphql.Type, outer, inner costScope, size int, hasSize bool) int {
	if parent != nil {
		if b, ok := listBounds[parent.Name()+"."+f.Name.Value]; ok {
			if len(b.oneWhenGiven) > 0 {
				if allGiven(outer.given, b.oneWhenGiven) {
					return 1
				}
				return defaultListSize
			}
			switch {
			case b.fixed > 0:
				return b.fixed
			case b.max > 0:
				return b.max
			}
			if v, ok := inner.args[b.arg]; ok {
				return v + b.plus
			}
			return b.cap + b.plus
		}
	}
	switch {
	case hasSize:
		return size
	case outer.parentSize > 0 && (f.Name.Value == "edges" || f.Name.Value == "nodes"):
		return outer.parentSize
	}
	return defaultListSize
}

// given lists the arguments of f that are given a value other than null,
// by a literal or by a variable the request sets.
func (w *walker) given(f *ast.Field) map[string]bool {
	var out map[string]bool
	for _, arg := range f.Arguments {
		if arg.Name == nil {
			continue
		}
		switch v := arg.Value.(type) {
		case nil:
			continue
		case *ast.Variable:
			if w.vars[v.Name.Value] == nil {
				continue
			}
		}
		if out == nil {
			out = map[string]bool{}
		}
		out[arg.Name.Value] = true
	}
	return out
}

func allGiven(given map[string]bool, names []string) bool {
	for _, n := range names {
		if !given[n] {
			return false
		}
	}
	return true
}

// size reads the first or limit argument of f (see argValue).
func (w *walker) size(f *ast.Field, def *graphql.FieldDefinition) (int, bool) {
	for _, a := range def.Args {
		if isSizeArg(a.Name()) {
			if v, ok := w.argValue(f, a, thelist.MaxPageSize); ok {
				return v, true
			}
		}
	}
	return 0, false
}

// argValue is the value of the integer argument a of f, as graphql-go
// will hand it to the resolver: as written; for a variable, the request's
// value, else the variable's default; when absent (or null), the argument's
// default. A value graphql-go cannot read as an Int counts as capped, the
// most the resolvers accept; graphql-go refuses such a request anyway.
func (w *walker) argValue(f *ast.Field, a *graphql.Argument, capped int) (int, bool) {
	for _, arg := range f.Arguments {
		if arg.Name == nil || arg.Name.Value != a.Name() {
			continue
		}
		switch v := arg.Value.(type) {
		case *ast.IntValue:
			return intLiteral(v, capped), true
		case *ast.Variable:
			if n, ok := w.variableValue(v.Name.Value, capped); ok {
				return n, true
			}
		default:
			return 0, false
		}
	}
	if d, ok := a.DefaultValue.(int); ok {
		return max(d, 0), true
	}
	return 0, false
}

// variableValue is the value of the variable name for an Int argument:
// the request's, else the variable's default; false when it has neither,
// or is null, and the argument's default applies.
func (w *walker) variableValue(name string, capped int) (int, bool) {
	if v, ok := w.vars[name]; ok && v != nil {
		if n, ok := graphql.Int.ParseValue(v).(int); ok {
			return max(n, 0), true
		}
		return capped, true
	}
	if w.op == nil {
		return 0, false
	}
	for _, def := range w.op.VariableDefinitions {
		if def.Variable == nil || def.Variable.Name == nil || def.Variable.Name.Value != name {
			continue
		}
		if lit, ok := def.DefaultValue.(*ast.IntValue); ok {
			return intLiteral(lit, capped), true
		}
	}
	return 0, false
}

func intLiteral(v *ast.IntValue, capped int) int {
	if n, err := strconv.Atoi(v.Value); err == nil {
		return max(n, 0)
	}
	return capped
}

// boundingArg says whether some list of listBounds is bounded by the
// argument name.
func boundingArg(name string) bool {
	for _, b := range listBounds {
		if b.arg == name {
			return true
		}
	}
	return false
}

// capOf is the most a variable for the bounding argument name costs.
func capOf(name string) int {
	c := 0
	for _, b := range listBounds {
		if b.arg == name {
			c = max(c, b.cap)
		}
	}
	return c
}

func isSizeArg(name string) bool {
	for _, s := range sizeArgs {
		if s == name {
			return true
		}
	}
	return false
}

// unwrap strips the list and non-null wrappers off t.
func unwrap(t graphql.Type) graphql.Type {
	for {
		switch w := t.(type) {
		case *graphql.NonNull:
			t = w.OfType
		case *graphql.List:
			t = w.OfType
		default:
			return t
		}
	}
}

// isList says whether t is a list, under any non-null wrapper.
func isList(t graphql.Type) bool {
	if nn, ok := t.(*graphql.NonNull); ok {
		t = nn.OfType
	}
	_, ok := t.(*graphql.List)
	return ok
}

// The cost of a hostile document can overflow an int; saturating keeps it
// above any limit instead of wrapping around below it.
const costCeiling = 1 << 40

func saturatingAdd(a, b int) int { return min(a+b, costCeiling) }

func saturatingMul(a, b int) int {
	if a != 0 && b > costCeiling/a {
		return costCeiling
	}
	return min(a*b, costCeiling)
}
