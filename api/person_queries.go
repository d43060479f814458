package api

import (
	"context"
	"strconv"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"

	"github.com/thelist/thelist"
)

// PersonStore reads people for the person page. The people list is the
// recruiter's filter, in candidates.go; search over every kind is in
// flows_queries.go.
type PersonStore interface {
	PersonWith(ctx context.Context, id string, d thelist.PersonDetail) (thelist.Person, error)
}

// personQueries is person.
func personQueries(store Store, t *types) graphql.Fields {
	person := t.person
	return graphql.Fields{
		"person": {
			Type:        person,
			Description: "One person by id, or null when there is none.",
			Args:        graphql.FieldConfigArgument{"id": {Type: graphql.NewNonNull(graphql.ID)}},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				d, err := personLookAhead(p)
				if err != nil {
					return nil, clientError(p.Context, err)
				}
				found, err := store.PersonWith(p.Context, p.Args["id"].(string), d)
				if thelist.ErrorCode(err) == thelist.ENOTFOUND {
					return nil, nil // a nullable field: absence is an answer, not an error
				} else if err != nil {
					return nil, clientError(p.Context, err)
				}
				return found, nil
			},
		},
	}
}

// personLookAhead looks ahead at the fields selected directly under the root
// field (through fragments) to say which of the person page's lists the one
// statement must read: a page that shows no papers reads none. A papers
// field several times (under aliases) reads the largest first asked.
func personLookAhead(p graphql.ResolveParams) (thelist.PersonDetail, error) {
	var d thelist.PersonDetail
	var err error
	seen := map[string]bool{}
	var walk func(set *ast.SelectionSet)
	walk = func(set *ast.SelectionSet) {
		if set == nil {
			return
		}
		for _, sel := range set.Selections {
			switch s := sel.(type) {
			case *ast.Field:
				if s.Name == nil {
					continue
				}
				switch s.Name.Value {
				case "papers":
					n, e := intArg(p, s, "first", personPapersDefault)
					if e == nil && (n < 0 || n > personPapersMax) {
						e = thelist.Errorf(thelist.EINVALID, "papers first: must be between 0 and %d", personPapersMax)
					}
					if e != nil && err == nil {
						err = e
					}
					d.Papers, d.FirstPapers = true, max(d.FirstPapers, n)
				case "moves":
					d.Moves = true
				case "credentials":
					rules := thelist.Credentials
					d.Credentials = &rules
				}
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			case *ast.FragmentSpread:
				if name := s.Name.Value; !seen[name] {
					seen[name] = true
					if def, ok := p.Info.Fragments[name].(*ast.FragmentDefinition); ok {
						walk(def.SelectionSet)
					}
				}
			}
		}
	}
	for _, f := range p.Info.FieldASTs {
		walk(f.SelectionSet)
	}
	return d, err
}

// intArg is the value of the integer argument name of the field f as the
// document gives it, literally or as a variable, or def when absent.
func intArg(p graphql.ResolveParams, f *ast.Field, name string, def int) (int, error) {
	for _, a := range f.Arguments {
		if a.Name == nil || a.Name.Value != name {
			continue
		}
		switch v := a.Value.(type) {
		case *ast.IntValue:
			return strconv.Atoi(v.Value)
		case *ast.Variable:
			switch x := p.Info.VariableValues[v.Name.Value].(type) {
			case int:
				return x, nil
			case nil:
				return def, nil
			}
		}
		return 0, thelist.Errorf(thelist.EINVALID, "%s: want an integer", name)
	}
	return def, nil
}
