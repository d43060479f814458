package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// This file holds the types of path: the shortest chain between two people.

func pathType(t *types, linkKind *graphql.Enum) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Path",
		Description: "The shortest chain of people between two people.",
		Fields: graphql.Fields{
			"length": {Type: graphql.NewNonNull(graphql.Int), Description: "Hops.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return len(p.Source.(*thelist.Path).Steps), nil }},
			"people": {Type: networkList(t.person), Description: "From first, to last."},
			"steps":  {Type: networkList(pathStepType(t, linkKind))},
		},
	})
}

func pathStepType(t *types, linkKind *graphql.Enum) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "PathStep",
		Description: "One hop of a path: two people and what links them.",
		Fields: graphql.Fields{
			"from": {Type: graphql.NewNonNull(t.person)},
			"to":   {Type: graphql.NewNonNull(t.person)},
			"kind": {Type: graphql.NewNonNull(linkKind)},
			"inverse": {Type: graphql.NewNonNull(graphql.Boolean),
				Description: "For RECRUITED and ADVISED: true when `to` recruited or advised `from`."},
			"viaLab": {Type: t.lab, Description: "The lab of WORKED_WITH, STUDIED_WITH and MOVED_WITH."},
			"viaPaper": {Type: t.paper, Description: "The paper of COAUTHORED.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if w := p.Source.(thelist.PathStep).ViaPaper; w != nil {
						return *w, nil
					}
					return nil, nil
				}},
			"start": {Type: graphql.String, Description: "When the link began: the later start of two overlapping stints, a recruitment's date, the earlier move.",
				Resolve: optionalDate(func(v any) thelist.Date { return v.(thelist.PathStep).Start })},
			"end": {Type: graphql.String, Description: "When two overlapping stints stopped overlapping, when reported.",
				Resolve: optionalDate(func(v any) thelist.Date { return v.(thelist.PathStep).End })},
			"links": {Type: networkList(pathLinkType(t))},
			"sources": {Type: networkList(t.source), Description: "Every source of the step's links.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					seen := map[string]bool{}
					out := []thelist.Source{}
					for _, l := range p.Source.(thelist.PathStep).Links {
						for _, s := range l.Sources {
							if !seen[s.ID] {
								seen[s.ID] = true
								out = append(out, s)
							}
						}
					}
					return out, nil
				}},
		},
	})
}

func pathLinkType(t *types) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "PathLink",
		Description: "One relationship a step of a path is made of.",
		Fields: networkMerge(graphql.Fields{
			"type": {Type: graphql.NewNonNull(graphql.String), Description: "WORKED_AT, STUDIED_AT, AUTHORED, RECRUITED, ADVISED or MOVE."},
			"id": {Type: graphql.ID, Description: "The stint's, degree's, recruitment's or move's id.",
				Resolve: optionalString(func(v any) string { return v.(thelist.PathLink).ID })},
			"personId": {Type: graphql.NewNonNull(graphql.ID), Description: "Whose relationship it is (the recruiter's, the advisor's)."},
			"role": {Type: graphql.String, Description: "A stint's role or a degree's kind.",
				Resolve: optionalString(func(v any) string { return v.(thelist.PathLink).Role })},
			"start": {Type: graphql.String, Resolve: optionalDate(func(v any) thelist.Date { return v.(thelist.PathLink).Start })},
			"end":   {Type: graphql.String, Resolve: optionalDate(func(v any) thelist.Date { return v.(thelist.PathLink).End })},
		}, networkFactFields(t.source, func(v any) thelist.Fact { return v.(thelist.PathLink).Fact })),
	})
}
