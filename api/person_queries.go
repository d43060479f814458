package api

import (
	"context"
	"strings"

	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// PersonStore reads people for the person page and the search box.
type PersonStore interface {
	Person(ctx context.Context, id string) (thelist.Person, error)
	People(ctx context.Context, first int, after string) (thelist.PersonPage, error)
	SearchPeople(ctx context.Context, text string, first int) ([]thelist.Person, error)
}

// personQueries are person, people and search.
func personQueries(store Store, t *types) graphql.Fields {
	person := t.person
	connection := personConnectionType(person)
	return graphql.Fields{
		"person": {
			Type:        person,
			Description: "One person by id, or null when there is none.",
			Args:        graphql.FieldConfigArgument{"id": {Type: graphql.NewNonNull(graphql.ID)}},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				found, err := store.Person(p.Context, p.Args["id"].(string))
				if thelist.ErrorCode(err) == thelist.ENOTFOUND {
					return nil, nil // a nullable field: absence is an answer, not an error
				} else if err != nil {
					return nil, clientError(p.Context, err)
				}
				return found, nil
			},
		},
		"people": {
			Type:        graphql.NewNonNull(connection),
			Description: "Everyone, ordered by name, a page at a time. Paging is by keyset, so a late page costs what the first does.",
			Args: graphql.FieldConfigArgument{
				"first": {Type: graphql.Int, DefaultValue: 20, Description: "Page size, at most 100."},
				"after": {Type: graphql.String, Description: "The endCursor of the previous page."},
			},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				after, _ := p.Args["after"].(string) // absent means the first page
				page, err := store.People(p.Context, p.Args["first"].(int), after)
				if err != nil {
					return nil, clientError(p.Context, err)
				}
				return pageResult{page}, nil
			},
		},
		"search": {
			Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(person))),
			Description: "People whose names match the query, best first. Tolerates a typo per word and matches name prefixes, in any script.",
			Args: graphql.FieldConfigArgument{
				"query": {Type: graphql.NewNonNull(graphql.String)},
				"first": {Type: graphql.Int, DefaultValue: 10, Description: "How many results, at most 100."},
			},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				q := strings.TrimSpace(p.Args["query"].(string))
				if len(q) > 200 {
					return nil, clientError(p.Context, thelist.Errorf(thelist.EINVALID, "query: at most 200 characters"))
				}
				people, err := store.SearchPeople(p.Context, q, p.Args["first"].(int))
				if err != nil {
					return nil, clientError(p.Context, err)
				}
				return people, nil
			},
		},
	}
}

// pageResult gives a PersonPage the shape of a GraphQL connection: the
// pageInfo field resolves to the page itself.
type pageResult struct{ thelist.PersonPage }

func (r pageResult) Resolve(p graphql.ResolveParams) (any, error) {
	switch p.Info.FieldName {
	case "edges":
		return r.Edges, nil
	case "totalCount":
		return r.TotalCount, nil
	case "pageInfo":
		return pageInfo{r.PersonPage}, nil
	}
	return nil, nil
}

type pageInfo struct{ thelist.PersonPage }

func (r pageInfo) Resolve(p graphql.ResolveParams) (any, error) {
	switch p.Info.FieldName {
	case "hasNextPage":
		return r.HasNextPage, nil
	case "endCursor":
		if r.EndCursor == "" {
			return nil, nil
		}
		return r.EndCursor, nil
	}
	return nil, nil
}
