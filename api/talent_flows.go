package api

import (
	"strconv"

	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// This file holds the types of talentFlows: moves between labs by period.

func granularityEnum() *graphql.Enum {
	return graphql.NewEnum(graphql.EnumConfig{
		Name: "Granularity", Description: "The length of a talent-flow period.",
		Values: graphql.EnumValueConfigMap{
			"YEAR":  {Value: thelist.GranularityYear},
			"MONTH": {Value: thelist.GranularityMonth},
		},
	})
}

func talentFlowsType(t *types) *graphql.Object {
	move := t.move
	bucket := graphql.NewObject(graphql.ObjectConfig{
		Name:        "FlowBucket",
		Description: "The moves of one period.",
		Fields: graphql.Fields{
			"period": {Type: graphql.NewNonNull(graphql.String), Description: "YYYY or YYYY-MM; a move reported only to the year keeps its year in a monthly flow."},
			"count":  {Type: graphql.NewNonNull(graphql.Int)},
			"moves":  {Type: list(move), Description: "The first perBucket moves, oldest first."},
		},
	})
	fl := func(v any) thelist.Flow { return v.(thelist.Flow) }
	flow := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Flow",
		Description: "The moves between one pair of labs, by period.",
		Fields: graphql.Fields{
			"from": {Type: t.lab, Description: "Null when the moves' origin was not reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(fl(p.Source).From), nil }},
			"to":      {Type: t.lab, Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(fl(p.Source).To), nil }},
			"count":   {Type: graphql.NewNonNull(graphql.Int)},
			"buckets": {Type: list(bucket), Description: "Oldest period first."},
		},
	})
	tf := func(v any) thelist.TalentFlows { return v.(thelist.TalentFlows) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "TalentFlows",
		Description: "Moves from one lab to another over time.",
		Fields: graphql.Fields{
			"from":  {Type: t.lab, Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(tf(p.Source).From), nil }},
			"to":    {Type: t.lab, Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(tf(p.Source).To), nil }},
			"count": {Type: graphql.NewNonNull(graphql.Int), Description: "Dated moves in the window."},
			"undated": {Type: graphql.NewNonNull(graphql.Int),
				Description: "Moves between the labs with no reported date, which no period holds."},
			"flows": {Type: list(flow), Description: "One per lab at the open end (one in all when both are given), most moves first: " +
				"the " + strconv.Itoa(thelist.MaxFlows) + " labs with most moves."},
			"capped": {Type: graphql.NewNonNull(graphql.Boolean),
				Description: "More labs than flows lists are at the open end; count still counts every move."},
		},
	})
}
