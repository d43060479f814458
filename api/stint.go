package api

import (
	"time"

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
			"lastSeen": {Type: graphql.String, Description: "The latest date a cited source confirms the person there, " +
				"at the precision reported; null when no source says more than the start.",
				Resolve: optionalDate(func(v any) thelist.Date { return stint(v).LastSeen })},
			"concurrent": {Type: graphql.NewNonNull(graphql.Boolean),
				Description: "A part-time, advisory, visiting or otherwise concurrent job, which may overlap the main one."},
			"confirmed": {Type: graphql.String, Description: "The latest date a source placed the person there: the later " +
				"of start and lastSeen, or the end when it is later. Null when the job has no date at all.",
				Resolve: optionalDate(func(v any) thelist.Date { return lastConfirmed(stint(v)) })},
			"current": {Type: graphql.NewNonNull(graphql.Boolean), Description: "Whether the job holds today under the " +
				"rule for current (currentRule): an empty end means 'not reported', so an open job counts only while a " +
				"source confirmed it recently.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return thelist.Current.HoldsOn(stint(p.Source), today()), nil
				}},
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

// today is the day "current" is read on when no asOf is given.
func today() time.Time {
	y, m, d := time.Now().UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// lastConfirmed is the latest date a source placed the person at the job:
// its Confirmed date, or its end when that is later.
func lastConfirmed(s thelist.Stint) thelist.Date {
	c := s.Confirmed()
	if !s.End.IsZero() && (c.IsZero() || s.End.Time.After(c.Time)) {
		return s.End
	}
	return c
}
