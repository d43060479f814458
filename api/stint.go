package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

func stintType(lab, source *graphql.Object) *graphql.Object {
	stint := func(v any) thelist.Stint { return v.(thelist.Stint) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Stint",
		Description: "A person's time at a lab: a job, a course of study, a founding role.",
		Fields: graphql.Fields{
			"id":  {Type: graphql.NewNonNull(graphql.ID)},
			"lab": {Type: graphql.NewNonNull(lab)},
			"role": {Type: graphql.String, Description: "As reported: co-founder, researcher, PhD student…",
				Resolve: optionalString(func(v any) string { return stint(v).Role })},
			"start": {Type: graphql.String, Description: "When it began, at the precision reported (YYYY, YYYY-MM or YYYY-MM-DD).",
				Resolve: optionalDate(func(v any) thelist.Date { return stint(v).Start })},
			"end": {Type: graphql.String, Description: "When it ended; null while it goes on or when no source reports it.",
				Resolve: optionalDate(func(v any) thelist.Date { return stint(v).End })},
			"founder": {Type: graphql.NewNonNull(graphql.Boolean), Description: "The person founded or co-founded the lab."},
			"confidence": {Type: graphql.NewNonNull(graphql.String), Description: "reported, inferred or unconfirmed.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if c := stint(p.Source).Confidence; c != "" {
						return c, nil
					}
					return thelist.ConfidenceReported, nil
				}},
			"note": {Type: graphql.String, Resolve: optionalString(func(v any) string { return stint(v).Note })},
			// Sources is promoted from the embedded Fact, which graphql-go's
			// default resolver does not look into.
			"sources": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(source))),
				Resolve: func(p graphql.ResolveParams) (any, error) { return stint(p.Source).Sources, nil }},
		},
	})
}
