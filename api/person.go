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

func personConnectionType(person *graphql.Object) *graphql.Object {
	edge := graphql.NewObject(graphql.ObjectConfig{
		Name: "PersonEdge",
		Fields: graphql.Fields{
			"cursor": {Type: graphql.NewNonNull(graphql.String), Description: "Pass as after to continue after this row."},
			"node":   {Type: graphql.NewNonNull(person)},
		},
	})
	pageInfo := graphql.NewObject(graphql.ObjectConfig{
		Name: "PageInfo",
		Fields: graphql.Fields{
			"hasNextPage": {Type: graphql.NewNonNull(graphql.Boolean)},
			"endCursor":   {Type: graphql.String, Description: "The cursor of the last row, or null on an empty page."},
		},
	})
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "PersonConnection",
		Description: "A page of people.",
		Fields: graphql.Fields{
			"edges":      {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(edge)))},
			"pageInfo":   {Type: graphql.NewNonNull(pageInfo)},
			"totalCount": {Type: graphql.NewNonNull(graphql.Int), Description: "How many people there are in all."},
		},
	})
}
