package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

func personType(stint, degree, source *graphql.Object) *graphql.Object {
	person := func(v any) thelist.Person { return v.(thelist.Person) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Person",
		Description: "Someone in the talent graph.",
		Fields: graphql.Fields{
			"id":   {Type: graphql.NewNonNull(graphql.ID)},
			"name": {Type: graphql.NewNonNull(graphql.String), Description: "The name as English-language reports write it."},
			"nativeName": {Type: graphql.String, Description: "The name in the person's own script, when that is not Latin.",
				Resolve: optionalString(func(v any) string { return person(v).NativeName })},
			"stints": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(stint))),
				Description: "Jobs and founding roles, oldest first; those with no known start come last."},
			"degrees": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(degree))),
				Description: "Studies, oldest first; those with no known start come last."},
			"sources": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(source))),
				Description: "The reports that establish this person's identity."},
		},
	})
}
