package api

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/kinds"
	"github.com/graphql-go/graphql/language/visitor"

	"github.com/thelist/thelist"
)

// maxValidationErrors is how many errors validation reports before it
// stops, graphql-js's default. graphql-go has no such bound, and every
// error it reports costs it more than the one before (it works out each
// error's line and column from the start of the document): a thousand
// unknown fields take it half a second, where the first hundred take a few
// milliseconds. No one reads the hundred-and-first error anyway.
const maxValidationErrors = 100

// validationRules are graphql-go's specified rules and intRangeRule, each
// stopped once the validation has found maxValidationErrors errors.
var validationRules = capErrors(append(slices.Clone(graphql.SpecifiedRules), intRangeRule), maxValidationErrors)

// intRangeRule refuses an Int literal outside GraphQL's Int, a signed
// 32-bit integer (spec §3.5.1), where an Int is expected: graphql-go v0.8.1
// checks the range of variables but reads literals as Go ints, so
// minCitations: 99999999999 would pass. The error is BAD_USER_INPUT, as
// for a variable out of range.
func intRangeRule(ctx *graphql.ValidationContext) *graphql.ValidationRuleInstance {
	return &graphql.ValidationRuleInstance{VisitorOpts: &visitor.VisitorOptions{
		KindFuncMap: map[string]visitor.NamedVisitFuncs{
			kinds.IntValue: {Kind: func(p visitor.VisitFuncParams) (string, any) {
				v, ok := p.Node.(*ast.IntValue)
				if !ok || graphql.GetNamed(ctx.InputType()) != graphql.Int {
					return visitor.ActionNoChange, nil
				}
				if _, err := strconv.ParseInt(v.Value, 10, 32); err != nil {
					msg := fmt.Sprintf("%s is not an Int: GraphQL's Int is a signed 32-bit integer, from %d to %d", thelist.Quote(v.Value), math.MinInt32, math.MaxInt32)
					ctx.ReportError(gqlerrors.NewError(msg, []ast.Node{v}, "", nil, nil, newGQLError(thelist.EINVALID, msg)))
				}
				return visitor.ActionNoChange, nil
			}},
		},
	}}
}

// validate validates doc with validationRules; over the bound, the errors
// are cut to it and end with one that says validation stopped, as
// graphql-js says it.
func validate(schema *graphql.Schema, doc *ast.Document) graphql.ValidationResult {
	res := graphql.ValidateDocument(schema, doc, validationRules)
	if len(res.Errors) > maxValidationErrors {
		res.Errors = append(res.Errors[:maxValidationErrors], gqlerrors.FormattedError{
			Message: "Too many validation errors, error limit reached. Validation aborted.",
		})
	}
	return res
}

// capErrors wraps every visit function of every rule so that, once the
// validation has max errors, the rule stops (visitor.ActionBreak) and
// visits nothing more.
func capErrors(rules []graphql.ValidationRuleFn, max int) []graphql.ValidationRuleFn {
	out := make([]graphql.ValidationRuleFn, len(rules))
	for i, rule := range rules {
		out[i] = func(ctx *graphql.ValidationContext) *graphql.ValidationRuleInstance {
			inst := rule(ctx)
			if inst == nil || inst.VisitorOpts == nil {
				return inst
			}
			wrap := func(fn visitor.VisitFunc) visitor.VisitFunc {
				if fn == nil {
					return nil
				}
				return func(p visitor.VisitFuncParams) (string, any) {
					if len(ctx.Errors()) >= max {
						return visitor.ActionBreak, nil
					}
					return fn(p)
				}
			}
			opts := inst.VisitorOpts
			capped := &visitor.VisitorOptions{Enter: wrap(opts.Enter), Leave: wrap(opts.Leave)}
			if opts.KindFuncMap != nil {
				capped.KindFuncMap = make(map[string]visitor.NamedVisitFuncs, len(opts.KindFuncMap))
				for k, f := range opts.KindFuncMap {
					capped.KindFuncMap[k] = visitor.NamedVisitFuncs{Kind: wrap(f.Kind), Enter: wrap(f.Enter), Leave: wrap(f.Leave)}
				}
			}
			for _, m := range []struct{ from, to *map[string]visitor.VisitFunc }{{&opts.EnterKindMap, &capped.EnterKindMap}, {&opts.LeaveKindMap, &capped.LeaveKindMap}} {
				if *m.from != nil {
					*m.to = make(map[string]visitor.VisitFunc, len(*m.from))
					for k, f := range *m.from {
						(*m.to)[k] = wrap(f)
					}
				}
			}
			return &graphql.ValidationRuleInstance{VisitorOpts: capped}
		}
	}
	return out
}
