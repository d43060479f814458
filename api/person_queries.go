package api

import (
	"context"

	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// PersonStore reads people for the person page. The people list is the
// recruiter's filter, in candidates.go; search over every kind is in
// flows_queries.go.
type PersonStore interface {
	Person(ctx context.Context, id string) (thelist.Person, error)
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
				found, err := store.Person(p.Context, p.Args["id"].(string))
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
