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
		// The declared fields (thelist.DegreeFields) and, by hand, the lab
		// and the advisor, whom a degree names by id and name only (the
		// advisor's own page is a person(id) away).
		Fields: withFields(declaredFields(thelist.DegreeFields, source), graphql.Fields{
			"lab": {Type: graphql.NewNonNull(lab)},
			"advisorId": {Type: graphql.ID, Description: "The doctoral advisor, when reported.",
				Resolve: optionalString(func(v any) string { return degree(v).AdvisorID })},
			"advisorName": {Type: graphql.String,
				Resolve: optionalString(func(v any) string { return degree(v).AdvisorName })},
		}),
	})
}
