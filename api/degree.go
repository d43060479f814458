package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

func degreeType(lab, source *graphql.Object) *graphql.Object {
	degree := func(v any) thelist.Degree { return v.(thelist.Degree) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Degree",
		Description: "A course of study at a university or institute.",
		Fields: graphql.Fields{
			"id":     {Type: graphql.NewNonNull(graphql.ID)},
			"lab":    {Type: graphql.NewNonNull(lab)},
			"degree": {Type: graphql.NewNonNull(graphql.String), Description: "phd, masters, bachelors or other."},
			"field": {Type: graphql.String, Description: "The field as reported, e.g. computer science.",
				Resolve: optionalString(func(v any) string { return degree(v).Field })},
			"start": {Type: graphql.String, Description: "When it began, at the precision reported.",
				Resolve: optionalDate(func(v any) thelist.Date { return degree(v).Start })},
			"end": {Type: graphql.String, Description: "When it ended; null when no source reports it.",
				Resolve: optionalDate(func(v any) thelist.Date { return degree(v).End })},
			"completed": {Type: graphql.Boolean, Description: "True when finished, false for someone who left, null when not reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if c := degree(p.Source).Completed; c != nil {
						return *c, nil
					}
					return nil, nil
				}},
			"advisorId": {Type: graphql.ID, Description: "The doctoral advisor, when reported.",
				Resolve: optionalString(func(v any) string { return degree(v).AdvisorID })},
			"advisorName": {Type: graphql.String,
				Resolve: optionalString(func(v any) string { return degree(v).AdvisorName })},
			"thesis": {Type: graphql.String, Description: "The thesis title, when reported.",
				Resolve: optionalString(func(v any) string { return degree(v).Thesis })},
			"aiThesis": {Type: graphql.NewNonNull(graphql.Boolean),
				Description: "A cited source places the thesis in AI, whatever the department is called (credentialRules)."},
			"sources": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(source)))},
		},
	})
}
