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
		// The declared fields (thelist.StintFields) and, by hand, the lab
		// (a relationship's end, shown as the lab) and two computed fields.
		Fields: withFields(declaredFields(thelist.StintFields, source), graphql.Fields{
			"lab": {Type: graphql.NewNonNull(lab)},
			"confirmed": {Type: graphql.String, Description: "The latest date a source placed the person there: the later " +
				"of start and lastSeen, or the end when it is later. Null when the job has no date at all.",
				Resolve: optionalDate(func(v any) thelist.Date { return lastConfirmed(stint(v)) })},
			"current": {Type: graphql.NewNonNull(graphql.Boolean), Description: "Whether the job holds today under the " +
				"rule for current (currentRule): an empty end means 'not reported', so an open job counts only while a " +
				"source confirmed it recently.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return thelist.Current.HoldsOn(stint(p.Source), today()), nil
				}},
		}),
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
