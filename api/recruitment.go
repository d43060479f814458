package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// This file holds the types of recruitment: who recruited whom, in chains,
// and a lab's top recruiters.

func recruitmentType(t *types, edge *graphql.Object) *graphql.Object {
	chain := graphql.NewObject(graphql.ObjectConfig{
		Name:        "RecruitmentChain",
		Description: "Recruitments in date order, each recruit the next hop's recruiter: A recruited B, who later recruited C.",
		Fields:      graphql.Fields{"hops": {Type: list(edge)}},
	})
	recruiter := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Recruiter",
		Description: "A person who brought people to a lab, with the recruitments, oldest first.",
		Fields: graphql.Fields{
			"person":   {Type: graphql.NewNonNull(t.person)},
			"count":    {Type: graphql.NewNonNull(graphql.Int), Description: "Distinct people recruited."},
			"reported": {Type: graphql.NewNonNull(graphql.Int), Description: "Recruitments a source states."},
			"inferred": {Type: graphql.NewNonNull(graphql.Int), Description: "Recruitments inferred from evidence."},
			"recruits": {Type: list(edge)},
		},
	})
	net := func(v any) thelist.RecruitmentNetwork { return v.(thelist.RecruitmentNetwork) }
	nonNil := func(get func(thelist.RecruitmentNetwork) any) graphql.FieldResolveFn {
		return func(p graphql.ResolveParams) (any, error) { return get(net(p.Source)), nil }
	}
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Recruitment",
		Description: "Recruitments around a person, or the top recruiters of a lab.",
		Fields: graphql.Fields{
			"person": {Type: t.person, Description: "The person asked about.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return personOrNil(net(p.Source).Person), nil }},
			"lab": {Type: t.lab, Description: "The lab asked about.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(net(p.Source).Lab), nil }},
			"recruitedBy": {Type: list(edge), Description: "Who recruited the person, oldest first.",
				Resolve: nonNil(func(n thelist.RecruitmentNetwork) any { return orEmpty(n.RecruitedBy) })},
			"recruited": {Type: list(edge), Description: "Whom the person recruited, oldest first.",
				Resolve: nonNil(func(n thelist.RecruitmentNetwork) any { return orEmpty(n.Recruited) })},
			"chainsUp": {Type: list(chain), Description: "The longest chains that end with a recruitment of the person.",
				Resolve: nonNil(func(n thelist.RecruitmentNetwork) any { return orEmpty(n.ChainsUp) })},
			"chainsDown": {Type: list(chain), Description: "The longest chains that start with a recruitment by the person.",
				Resolve: nonNil(func(n thelist.RecruitmentNetwork) any { return orEmpty(n.ChainsDown) })},
			"topRecruiters": {Type: list(recruiter), Description: "The lab's recruiters, most recruits first.",
				Resolve: nonNil(func(n thelist.RecruitmentNetwork) any { return orEmpty(n.Recruiters) })},
		},
	})
}

func recruitmentEdgeType(t *types) *graphql.Object {
	edge := func(v any) thelist.RecruitmentEdge { return v.(thelist.RecruitmentEdge) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "RecruitmentEdge",
		Description: "One person recruiting another, reported by a source or inferred from evidence.",
		// The declared fields (thelist.RecruitmentFields: id, date and the
		// fact's confidence, note and sources) and, by hand, the people and
		// the lab (references, shown as the records they name) and whether
		// the edge was inferred, which no bundle column holds.
		Fields: withFields(declaredFields(thelist.RecruitmentFields, t.source), graphql.Fields{
			"recruiter": {Type: graphql.NewNonNull(t.person), Resolve: personValue(func(v any) thelist.Person { return edge(v).Recruiter })},
			"recruit":   {Type: graphql.NewNonNull(t.person), Resolve: personValue(func(v any) thelist.Person { return edge(v).Recruit })},
			"toLab": {Type: t.lab, Description: "The lab the recruit was brought to, when reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(edge(p.Source).ToLab), nil }},
			"inferred": {Type: graphql.NewNonNull(graphql.Boolean),
				Description: "No source says 'recruited': the edge was derived from the evidence cited, and note says how."},
			"reported": {Type: graphql.NewNonNull(graphql.Boolean), Description: "The opposite of inferred: a cited source states it.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return !edge(p.Source).Inferred, nil }},
		}),
	})
}
