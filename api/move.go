package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// moveType is Move, which talent flows list by period and the person page
// lists for its person.
func moveType(t *types) *graphql.Object {
	mv := func(v any) thelist.FlowMove { return v.(thelist.FlowMove) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Move",
		Description: "A person leaving one lab for another.",
		Fields: graphql.Fields{
			"id":     {Type: graphql.NewNonNull(graphql.ID)},
			"person": {Type: graphql.NewNonNull(t.person)},
			"from": {Type: t.lab, Description: "The lab left, when reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(mv(p.Source).FromLab), nil }},
			"to":   {Type: t.lab, Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(mv(p.Source).ToLab), nil }},
			"date": {Type: graphql.String, Resolve: optionalDate(func(v any) thelist.Date { return mv(v).Date })},
			"recruiter": {Type: t.person, Description: "Who recruited them for this move, when reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return personOrNil(mv(p.Source).Recruiter), nil }},
			"confidence": {Type: graphql.NewNonNull(graphql.String),
				Resolve: func(p graphql.ResolveParams) (any, error) { return confidence(mv(p.Source).Fact), nil }},
			"note": {Type: graphql.String, Resolve: optionalString(func(v any) string { return mv(v).Note })},
			"sources": {Type: list(t.source),
				Resolve: func(p graphql.ResolveParams) (any, error) { return nonNilSources(mv(p.Source).Sources), nil }},
		},
	})
}
