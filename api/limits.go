package api

import (
	"fmt"
	"strconv"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/kinds"
	"github.com/graphql-go/graphql/language/visitor"

	"github.com/thelist/thelist"
)

// Codes for documents refused for their shape, before any resolver runs.
const (
	codeTooDeep    = "QUERY_TOO_DEEP"
	codeTooComplex = "QUERY_TOO_COMPLEX"
)

// Limits bound what one request may ask of the server. graphql-go has no
// depth or cost rules of its own, so a client could otherwise send one small
// document whose answer fans out over the whole graph.
type Limits struct {
	MaxDepth      int           // deepest chain of nested fields
	MaxCost       int           // static cost, see documentCost
	MaxAliases    int           // aliased fields in one document
	MaxRootFields int           // root fields in one operation
	Timeout       time.Duration // longest a request may execute
}

// DefaultLimits are generous for every question the web app and the
// documented queries ask, and small enough that no single request can keep
// Neo4j busy for long.
func DefaultLimits() Limits {
	return Limits{MaxDepth: 12, MaxCost: 50_000, MaxAliases: 30, MaxRootFields: 20, Timeout: 15 * time.Second}
}

// The static cost model: every field costs 1; the fields below a list are
// paid once per element, taken as the field's first or limit argument when it
// has one and defaultListSize otherwise; lists multiply when nested.
const defaultListSize = 10

// sizeArgs are the arguments that bound how many elements a field returns.
var sizeArgs = []string{"first", "limit"}

// limitRules are the validation rules that enforce l. They run after
// graphql.SpecifiedRules have passed, so every field they meet exists and no
// fragment spreads in a cycle.
func limitRules(l Limits) []graphql.ValidationRuleFn {
	return []graphql.ValidationRuleFn{func(ctx *graphql.ValidationContext) *graphql.ValidationRuleInstance {
		return &graphql.ValidationRuleInstance{VisitorOpts: &visitor.VisitorOptions{
			KindFuncMap: map[string]visitor.NamedVisitFuncs{
				kinds.Document: {Kind: func(p visitor.VisitFuncParams) (string, any) {
					if doc, ok := p.Node.(*ast.Document); ok {
						checkLimits(ctx, doc, l)
					}
					return visitor.ActionSkip, nil
				}},
			},
		}}
	}}
}

// limitError is a validation error with its own code: the client should be
// told that the document is too big, not that it is wrong.
func limitError(code, msg string, node ast.Node) error {
	var nodes []ast.Node
	if node != nil {
		nodes = []ast.Node{node}
	}
	return gqlerrors.NewError(msg, nodes, "", nil, nil, newGQLError(code, msg))
}

func checkLimits(ctx *graphql.ValidationContext, doc *ast.Document, l Limits) {
	aliases := 0
	visitor.Visit(doc, &visitor.VisitorOptions{KindFuncMap: map[string]visitor.NamedVisitFuncs{
		kinds.Field: {Kind: func(p visitor.VisitFuncParams) (string, any) {
			if f, ok := p.Node.(*ast.Field); ok && f.Alias != nil {
				aliases++
			}
			return visitor.ActionNoChange, nil
		}},
	}}, nil)
	if l.MaxAliases > 0 && aliases > l.MaxAliases {
		ctx.ReportError(limitError(codeTooComplex, fmt.Sprintf("the document has %d aliases; at most %d are allowed", aliases, l.MaxAliases), nil))
	}
	for _, def := range doc.Definitions {
		op, ok := def.(*ast.OperationDefinition)
		if !ok {
			continue
		}
		root := rootType(ctx.Schema(), op.Operation)
		if root == nil {
			continue
		}
		w := &walker{ctx: ctx, op: op}
		if l.MaxRootFields > 0 {
			if n := w.rootFields(op.SelectionSet); n > l.MaxRootFields {
				ctx.ReportError(limitError(codeTooComplex, fmt.Sprintf("%s has %d root fields; at most %d are allowed", opName(op), n, l.MaxRootFields), op))
			}
		}
		if depth := w.depth(op.SelectionSet, root); l.MaxDepth > 0 && depth > l.MaxDepth {
			ctx.ReportError(limitError(codeTooDeep, fmt.Sprintf("%s nests fields %d deep; at most %d levels are allowed", opName(op), depth, l.MaxDepth), op))
		}
		if cost := w.cost(op.SelectionSet, root, false); l.MaxCost > 0 && cost > l.MaxCost {
			ctx.ReportError(limitError(codeTooComplex, fmt.Sprintf("%s has a cost of %d; at most %d is allowed (each field costs 1, and the fields inside a list once per element)", opName(op), cost, l.MaxCost), op))
		}
	}
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

// walker measures one operation, following fragments. The specified rules
// have already refused fragment cycles, so the recursion ends; the depth
// bound below is a second guard should that ever change.
type walker struct {
	ctx *graphql.ValidationContext
	op  *ast.OperationDefinition
}

const maxWalk = 200

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
				if named := w.ctx.Schema().Type(sel.TypeCondition.Name.Value); named != nil {
					t = named
				}
			}
			w.fields(sel.SelectionSet, t, fn)
		case *ast.FragmentSpread:
			frag := w.ctx.Fragment(sel.Name.Value)
			if frag == nil {
				continue
			}
			t := parent
			if frag.TypeCondition != nil {
				if named := w.ctx.Schema().Type(frag.TypeCondition.Name.Value); named != nil {
					t = named
				}
			}
			w.fields(frag.SelectionSet, t, fn)
		}
	}
}

func (w *walker) rootFields(set *ast.SelectionSet) int {
	n := 0
	w.fields(set, nil, func(*ast.Field, graphql.Type) { n++ })
	return n
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

// depth is the longest chain of nested fields. ofType does not count: in
// introspection it walks the wrappers of one type ([Person!]! is three
// deep), a chain the schema bounds and that fans out to nothing, and the
// standard introspection query asks for nine levels of it.
func (w *walker) depth(set *ast.SelectionSet, parent graphql.Type) int {
	return w.depthAt(set, parent, 0)
}

func (w *walker) depthAt(set *ast.SelectionSet, parent graphql.Type, level int) int {
	if level > maxWalk {
		return level
	}
	deepest := 0
	w.fields(set, parent, func(f *ast.Field, parent graphql.Type) {
		d := 1
		if f.Name.Value == "ofType" {
			d = 0
		}
		if def := w.fieldDef(f, parent); def != nil && f.SelectionSet != nil {
			d += w.depthAt(f.SelectionSet, unwrap(def.Type), level+1)
		}
		deepest = max(deepest, d)
	})
	return deepest
}

// cost is the static cost of set (see defaultListSize). sized says that the
// parent field carried a first or limit argument: its connection's edges or
// nodes list is then already paid for by that argument.
func (w *walker) cost(set *ast.SelectionSet, parent graphql.Type, sized bool) int {
	return w.costAt(set, parent, sized, 0)
}

func (w *walker) costAt(set *ast.SelectionSet, parent graphql.Type, sized bool, level int) int {
	if level > maxWalk {
		return 0
	}
	total := 0
	w.fields(set, parent, func(f *ast.Field, parent graphql.Type) {
		c := 1
		if f.Name.Value == "ofType" {
			c = 0 // see depth: a bounded chain, not a fan-out
		}
		def := w.fieldDef(f, parent)
		if def == nil || f.SelectionSet == nil {
			total = saturatingAdd(total, c)
			return
		}
		n, hasSize := w.size(f)
		switch {
		case hasSize:
		case isList(def.Type) && sized && (f.Name.Value == "edges" || f.Name.Value == "nodes"):
			n = 1
		case isList(def.Type):
			n = defaultListSize
		default:
			n = 1
		}
		below := w.costAt(f.SelectionSet, unwrap(def.Type), hasSize, level+1)
		total = saturatingAdd(total, saturatingAdd(c, saturatingMul(n, below)))
	})
	return total
}

// size reads the first or limit argument of f. A variable may be anything up
// to thelist.MaxPageSize, the cap the resolvers enforce, whatever its
// default, so that is what it costs: the cost is then a bound that holds for
// every request with this document, and is cached with it.
func (w *walker) size(f *ast.Field) (int, bool) {
	for _, arg := range f.Arguments {
		if arg.Name == nil || !isSizeArg(arg.Name.Value) {
			continue
		}
		switch v := arg.Value.(type) {
		case *ast.IntValue:
			if n, err := strconv.Atoi(v.Value); err == nil {
				return max(n, 0), true
			}
			return thelist.MaxPageSize, true
		case *ast.Variable:
			return thelist.MaxPageSize, true
		}
	}
	return 0, false
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
