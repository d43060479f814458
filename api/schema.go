package api

import (
	"context"

	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// Store is what the API needs from the database. graph.DB implements it;
// the API declares only the methods it calls.
type Store interface {
	Person(ctx context.Context, id string) (thelist.Person, error)
	People(ctx context.Context, first int, after string) (thelist.PersonPage, error)
	SearchPeople(ctx context.Context, text string, first int) ([]thelist.Person, error)
	Ping(ctx context.Context) error
}

// NewSchema builds the GraphQL schema. Each type is built by a function in a
// file of its own, taking the dependencies its resolvers need.
func NewSchema(store Store) (graphql.Schema, error) {
	source := sourceType()
	lab := labType(source)
	stint := stintType(lab, source)
	degree := degreeType(lab, source)
	person := personType(stint, degree, source)
	return graphql.NewSchema(graphql.SchemaConfig{
		Query: queryType(store, person),
	})
}

// optionalString resolves a string field that is null when empty: the
// domain uses "" for "not reported", GraphQL clients expect null.
func optionalString(get func(any) string) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		if s := get(p.Source); s != "" {
			return s, nil
		}
		return nil, nil
	}
}

// optionalDate resolves a thelist.Date field as text at its reported
// precision ("2013", "2023-11"), or null when unknown.
func optionalDate(get func(any) thelist.Date) graphql.FieldResolveFn {
	return optionalString(func(src any) string { return get(src).String() })
}
