package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

func paperType(source *graphql.Object) *graphql.Object {
	paper := func(v any) thelist.Paper { return v.(thelist.Paper) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Paper",
		Description: "A publication.",
		Fields: graphql.Fields{
			"id":    {Type: graphql.NewNonNull(graphql.ID)},
			"title": {Type: graphql.NewNonNull(graphql.String)},
			"year": {Type: graphql.Int, Description: "Year of publication, when reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if y := paper(p.Source).Year; y != 0 {
						return y, nil
					}
					return nil, nil
				}},
			"venue": {Type: graphql.String, Resolve: optionalString(func(v any) string { return paper(v).Venue })},
			"doi":   {Type: graphql.String, Resolve: optionalString(func(v any) string { return paper(v).DOI })},
			"arxiv": {Type: graphql.String, Resolve: optionalString(func(v any) string { return paper(v).ArXiv })},
			// Citation counts pass 2^31 for the most cited papers, above
			// GraphQL's Int, so they are Float (exact up to 2^53).
			"citations": {Type: graphql.Float, Description: "Citation count as reported, with citationsDate; null when not reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if c := paper(p.Source).Citations; c != nil {
						return float64(*c), nil
					}
					return nil, nil
				}},
			"citationsDate": {Type: graphql.String, Description: "When the citation count was read.",
				Resolve: optionalDate(func(v any) thelist.Date { return paper(v).CitationsDate })},
			"breakthrough": {Type: graphql.NewNonNull(graphql.Boolean), Description: "A cited source calls it a breakthrough."},
			"topics": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.String))),
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if t := paper(p.Source).Topics; t != nil {
						return t, nil
					}
					return []string{}, nil
				}},
			"sources": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(source)))},
		},
	})
}
