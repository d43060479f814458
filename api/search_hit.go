package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

func searchHitType(t *types, kind *graphql.Enum) *graphql.Object {
	hit := func(v any) thelist.SearchHit { return v.(thelist.SearchHit) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "SearchHit",
		Description: "One search result: person, lab or paper is set, as kind says.",
		Fields: graphql.Fields{
			"kind":  {Type: graphql.NewNonNull(kind)},
			"score": {Type: graphql.NewNonNull(graphql.Float), Description: "Relevance; compares hits of one search only."},
			"person": {Type: t.person,
				Resolve: func(p graphql.ResolveParams) (any, error) { return personOrNil(hit(p.Source).Person), nil }},
			"lab": {Type: t.lab, Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(hit(p.Source).Lab), nil }},
			"paper": {Type: t.paper, Resolve: func(p graphql.ResolveParams) (any, error) {
				if w := hit(p.Source).Paper; w != nil {
					return *w, nil
				}
				return nil, nil
			}},
		},
	})
}

func searchKindEnum() *graphql.Enum {
	return graphql.NewEnum(graphql.EnumConfig{
		Name: "SearchKind",
		Values: graphql.EnumValueConfigMap{
			"PERSON": {Value: thelist.SearchPerson},
			"LAB":    {Value: thelist.SearchLab},
			"PAPER":  {Value: thelist.SearchPaper},
		},
	})
}
