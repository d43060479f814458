package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

func labPageType(t *types) *graphql.Object {
	member, founding, investment := labMemberType(t), foundingType(t), investmentType(t)
	t.investment = investment // moneyQueries lists investments too, and runs after
	page := func(v any) thelist.LabPage { return v.(thelist.LabPage) }
	lab := func(get func(thelist.LabPage) *thelist.Lab) graphql.FieldResolveFn {
		return func(p graphql.ResolveParams) (any, error) { return labOrNil(get(page(p.Source))), nil }
	}
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "LabPage",
		Description: "A lab with its people, founders, investors and offers, as of a day.",
		// The lab's own fields come from its declaration (thelist.LabFields),
		// read from the embedded Lab; the page's parts are written here.
		Fields: withFields(declaredFields(thelist.LabFields, t.source), graphql.Fields{
			"aliases": {Type: list(graphql.String),
				Resolve: func(p graphql.ResolveParams) (any, error) { return orEmpty(page(p.Source).Aliases), nil }},
			"founded": {Type: graphql.String, Resolve: optionalDate(func(v any) thelist.Date { return page(v).Founded })},
			// The registry ids are shown so that an editor, whose upsertLab
			// writes the record whole, sends them back rather than clear them.
			"ror": {Type: graphql.String, Description: "Its ROR id, without https://ror.org/, when known.",
				Resolve: optionalString(func(v any) string { return page(v).ROR })},
			"openalex": {Type: graphql.String, Description: "Its OpenAlex institution id, when known.",
				Resolve: optionalString(func(v any) string { return page(v).OpenAlex })},
			"wikidata": {Type: graphql.String, Description: "Its Wikidata item, when known.",
				Resolve: optionalString(func(v any) string { return page(v).Wikidata })},
			"parent": {Type: t.lab, Description: "The lab it is part of.", Resolve: lab(func(l thelist.LabPage) *thelist.Lab { return l.Parent })},
			"children": {Type: list(t.lab), Description: "The labs that are part of it, by name.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					children := page(p.Source).Children
					out := make([]*thelist.Lab, len(children))
					for i := range children {
						out[i] = &children[i]
					}
					return out, nil
				}},
			"currentPeople": {Type: list(member),
				Description: "One page (first, after) of the people whose stints held on asOf: the earliest known start first, then by stint id."},
			"currentPeopleCount": {Type: graphql.NewNonNull(graphql.Int), Description: "Every stint that held on asOf, not only this page's.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return page(p.Source).CurrentPeopleCount, nil }},
			"currentPeoplePageInfo": {Type: graphql.NewNonNull(t.pageInfo), Description: "Where the page of current people ends.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					l := page(p.Source)
					return pageInfo{hasNextPage: l.PeopleHasMore, endCursor: l.PeopleEndCursor}, nil
				}},
			"pastPeopleCount": {Type: graphql.NewNonNull(graphql.Int),
				Description: "People whose stints had all ended by asOf."},
			"founders":  {Type: list(founding)},
			"investors": {Type: list(investment), Description: "Investments dated on or before asOf, or undated, oldest first."},
			"offers":    {Type: list(t.offer), Description: "Offers it made dated on or before asOf, or undated, newest first."},
			"sources": {Type: list(t.source),
				Resolve: func(p graphql.ResolveParams) (any, error) { return nonNilSources(page(p.Source).Sources), nil }},
		}),
	})
}

func labMemberType(t *types) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "LabMember",
		Description: "A person at the lab and the stint that puts them there.",
		Fields: graphql.Fields{
			"person": {Type: graphql.NewNonNull(t.person)},
			"stint":  {Type: graphql.NewNonNull(t.stint)},
		},
	})
}

func foundingType(t *types) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "Founding",
		Fields: graphql.Fields{
			"person": {Type: graphql.NewNonNull(t.person)},
			"date":   {Type: graphql.String, Resolve: optionalDate(func(v any) thelist.Date { return v.(thelist.Founding).Date })},
			"sources": {Type: list(t.source), Resolve: func(p graphql.ResolveParams) (any, error) {
				return nonNilSources(p.Source.(thelist.Founding).Sources), nil
			}},
		},
	})
}

func investmentType(t *types) *graphql.Object {
	inv := func(v any) thelist.InvestmentView { return v.(thelist.InvestmentView) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Investment",
		Description: "Money a person or a lab put into the lab.",
		// The declared fields (thelist.InvestmentFields) and, by hand, the
		// investor and the lab: references, shown as the records they name.
		Fields: withFields(declaredFields(thelist.InvestmentFields, t.source), graphql.Fields{
			"investorPerson": {Type: t.person,
				Resolve: func(p graphql.ResolveParams) (any, error) { return personOrNil(inv(p.Source).InvestorPerson), nil }},
			"investorLab": {Type: t.lab,
				Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(inv(p.Source).InvestorLab), nil }},
			"lab": {Type: t.lab, Description: "The lab invested in; null under a lab page, which is that lab.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(inv(p.Source).Lab), nil }},
		}),
	})
}
