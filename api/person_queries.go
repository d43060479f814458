package api

import (
	"context"
	"errors"
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
	// Papers fields under aliases may ask for different pages: the one
	// read spans them all, from the least offset to the furthest end.
	from, end := thelist.MaxPapersOffset+1, 0
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
					off, oe := intArg(p, s, "offset", 0)
					if oe == nil && (off < 0 || off > thelist.MaxPapersOffset) {
						oe = thelist.Errorf(thelist.EINVALID, "papers offset: must be between 0 and %d", thelist.MaxPapersOffset)
					}
					if e = errors.Join(e, oe); e != nil && err == nil {
						err = e
					}
					d.Papers = true
					from, end = min(from, off), max(end, off+n)
				case "paperCount":
					d.Papers = true
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
	if from <= end {
		d.PapersOffset, d.FirstPapers = from, end-from
		if d.FirstPapers > personPapersMax && err == nil {
			err = thelist.Errorf(thelist.EINVALID, "papers: the papers fields of one person span %d papers, more than %d: "+
				"ask for the pages in separate requests", d.FirstPapers, personPapersMax)
		}
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
