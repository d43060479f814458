package api

import (
	"strconv"

	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/cluster"
)

// This file holds the types of labAlumni: who left a lab, where they went,
// and the clusters of those who left together.

// labAlumniType is LabAlumni and the types only it uses.
func labAlumniType(t *types) *graphql.Object {
	destination := alumniDestinationType(t)
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "LabAlumni",
		Description: "Who left a lab, where they went, and who left together.",
		Fields: graphql.Fields{
			"lab": {Type: graphql.NewNonNull(t.lab),
				Resolve: func(p graphql.ResolveParams) (any, error) { l := p.Source.(thelist.LabAlumni).Lab; return &l, nil }},
			"count": {Type: graphql.NewNonNull(graphql.Int), Description: "Every alumnus in the window, not only this page's."},
			"alumni": {Type: networkList(alumnusType(t)),
				Description: "One page (first, after): most recent departure first, then by person id."},
			"pageInfo": {Type: graphql.NewNonNull(t.pageInfo), Description: "Where the page of alumni ends.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					a := p.Source.(thelist.LabAlumni)
					return pageInfo{hasNextPage: a.HasMore, endCursor: a.EndCursor}, nil
				}},
			"capped": {Type: graphql.NewNonNull(graphql.Boolean),
				Description: "The lists leave alumni out: destinations (in all and under each period) are the " +
					strconv.Itoa(cluster.TopDestinations) + " with most alumni, the people under each are its latest " +
					strconv.Itoa(cluster.PerDestination) + " alumni, and clusters were looked for among those people only. " +
					"count, and each period's count and unknown, are exact either way. Always false with asOf, which lists all."},
			"destinations": {Type: networkList(destination), Description: "Most alumni first."},
			"periods":      {Type: networkList(alumniPeriodType(destination)), Description: "By the year they left, oldest first."},
			"clusters":     {Type: networkList(alumniClusterType(t, destination)), Description: "Largest first."},
		},
	})
}

func alumnusType(t *types) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Alumnus",
		Description: "Someone who left the lab.",
		Fields: graphql.Fields{
			"person": {Type: graphql.NewNonNull(t.person)},
			"left": {Type: graphql.NewNonNull(graphql.String), Description: "When they left, at the precision reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(thelist.Alumnus).Left.String(), nil }},
			"leftBy": {Type: graphql.NewNonNull(graphql.String), Description: "STINT (a stint at the lab ended) or MOVE (a move away from it)."},
			"stint": {Type: t.stint, Description: "Their last stint at the lab.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if s := p.Source.(thelist.Alumnus).Stint; s != nil {
						return *s, nil
					}
					return nil, nil
				}},
			"next": {Type: alumnusNextType(t), Description: "Where they went next; null when no stint or move says."},
		},
	})
}

func alumnusNextType(t *types) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "AlumnusNext",
		Description: "Where an alumnus went next: the first stint, or move, to a lab outside the one they left.",
		Fields: networkMerge(graphql.Fields{
			"lab": {Type: graphql.NewNonNull(t.lab)},
			"date": {Type: graphql.String, Description: "When it began, at the precision reported.",
				Resolve: optionalDate(func(v any) thelist.Date { return v.(*thelist.AlumnusNext).Date })},
			"by": {Type: graphql.NewNonNull(graphql.String), Description: "STINT or MOVE: the record that says so."},
			"id": {Type: graphql.NewNonNull(graphql.ID), Description: "The stint's or move's id."},
		}, networkFactFields(t.source, func(v any) thelist.Fact { return v.(*thelist.AlumnusNext).Fact })),
	})
}

func alumniDestinationType(t *types) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "AlumniDestination",
		Description: "The alumni who went to one lab next.",
		Fields: graphql.Fields{
			"lab":   {Type: graphql.NewNonNull(t.lab)},
			"count": {Type: graphql.NewNonNull(graphql.Int)},
			"people": {Type: networkList(t.person),
				Description: "By name; when the answer is capped, its latest alumni only."},
		},
	})
}

func alumniPeriodType(destination *graphql.Object) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "AlumniPeriod",
		Description: "The alumni who left in one year, by where they went.",
		Fields: graphql.Fields{
			"year":         {Type: graphql.NewNonNull(graphql.Int)},
			"count":        {Type: graphql.NewNonNull(graphql.Int)},
			"unknown":      {Type: graphql.NewNonNull(graphql.Int), Description: "Alumni of the year whose next lab is not known."},
			"destinations": {Type: networkList(destination), Description: "Most alumni first."},
		},
	})
}

func alumniClusterType(t *types, destination *graphql.Object) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "AlumniCluster",
		Description: "Alumni who worked together (overlapping stints at a lab) or wrote papers together, and moved to " +
			"the same lab within about a year: a community found by Louvain.",
		Fields: graphql.Fields{
			"members": {Type: networkList(t.person), Description: "By name."},
			"size": {Type: graphql.NewNonNull(graphql.Int),
				Resolve: func(p graphql.ResolveParams) (any, error) { return len(p.Source.(thelist.AlumniCluster).Members), nil }},
			"sharedLabs":   {Type: networkList(t.lab), Description: "Labs where the stints of two members overlapped."},
			"sharedPapers": {Type: networkList(t.paper), Description: "Papers two members wrote together."},
			"destinations": {Type: networkList(destination), Description: "Where the members went, most first."},
			"weight":       {Type: graphql.NewNonNull(graphql.Float), Description: "The ties inside the cluster: years of overlap plus shared papers."},
		},
	})
}
