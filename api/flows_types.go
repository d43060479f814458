package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// flowTypes are the object types of the recruitment, talent-flow, offer,
// lab-page, paper-page and search fields.
type flowTypes struct {
	recruitment, talentFlows, offerConnection, labPage, paperPage, searchHit *graphql.Object
	offerWhere                                                               *graphql.InputObject
	granularity, offerOrder, offerStatus, searchKind                         *graphql.Enum
}

// list is a non-null list of non-null items.
func list(of graphql.Type) *graphql.NonNull {
	return graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(of)))
}

// personValue resolves a field holding a thelist.Person for the Person
// type, which reads values.
func personValue(get func(any) thelist.Person) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) { return get(p.Source), nil }
}

func newFlowTypes(t *types) *flowTypes {
	ft := &flowTypes{}
	ft.granularity = graphql.NewEnum(graphql.EnumConfig{
		Name: "Granularity", Description: "The length of a talent-flow period.",
		Values: graphql.EnumValueConfigMap{
			"YEAR":  {Value: thelist.GranularityYear},
			"MONTH": {Value: thelist.GranularityMonth},
		},
	})
	ft.offerOrder = graphql.NewEnum(graphql.EnumConfig{
		Name: "OfferOrder",
		Values: graphql.EnumValueConfigMap{
			"TOTAL_DESC": {Value: thelist.OfferOrderTotalDesc, Description: "Largest total first; unreported totals last."},
			"DATE_DESC":  {Value: thelist.OfferOrderDateDesc, Description: "Newest first; undated offers last."},
		},
	})
	ft.offerStatus = graphql.NewEnum(graphql.EnumConfig{
		Name: "OfferStatus",
		Values: graphql.EnumValueConfigMap{
			"ACCEPTED":  {Value: thelist.OfferAccepted},
			"DECLINED":  {Value: thelist.OfferDeclined},
			"COUNTERED": {Value: thelist.OfferCountered},
			"UNKNOWN":   {Value: thelist.OfferUnknown, Description: "Not reported."},
		},
	})
	ft.searchKind = graphql.NewEnum(graphql.EnumConfig{
		Name: "SearchKind",
		Values: graphql.EnumValueConfigMap{
			"PERSON": {Value: thelist.SearchPerson},
			"LAB":    {Value: thelist.SearchLab},
			"PAPER":  {Value: thelist.SearchPaper},
		},
	})
	ft.offerWhere = graphql.NewInputObject(graphql.InputObjectConfig{
		Name: "OfferWhere",
		Fields: graphql.InputObjectConfigFieldMap{
			"lab":             {Type: graphql.ID, Description: "Made by this lab."},
			"includeChildren": {Type: graphql.Boolean, DefaultValue: true, Description: "Or by a lab that is part of it."},
			"person":          {Type: graphql.ID, Description: "Made to this person."},
			"status":          {Type: ft.offerStatus},
			"minTotal":        {Type: graphql.Float, Description: "Total value at least this, in the offer's own currency."},
			"currency":        {Type: graphql.String, Description: "ISO 4217 code."},
			"since":           {Type: graphql.String, Description: "Dated on or after (YYYY, YYYY-MM or YYYY-MM-DD); undated offers are left out."},
			"until":           {Type: graphql.String, Description: "Dated before this."},
		},
	})

	edge := recruitmentEdgeType(t)
	ft.recruitment = recruitmentType(t, edge)
	ft.talentFlows = talentFlowsType(t)
	ft.offerConnection = offerConnectionType(t)
	ft.labPage = labPageType(t)
	ft.paperPage = paperPageType(t)
	ft.searchHit = searchHitType(t, ft.searchKind)
	return ft
}

func recruitmentEdgeType(t *types) *graphql.Object {
	edge := func(v any) thelist.RecruitmentEdge { return v.(thelist.RecruitmentEdge) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "RecruitmentEdge",
		Description: "One person recruiting another, reported by a source or inferred from evidence.",
		Fields: graphql.Fields{
			"id":        {Type: graphql.NewNonNull(graphql.ID)},
			"recruiter": {Type: graphql.NewNonNull(t.person), Resolve: personValue(func(v any) thelist.Person { return edge(v).Recruiter })},
			"recruit":   {Type: graphql.NewNonNull(t.person), Resolve: personValue(func(v any) thelist.Person { return edge(v).Recruit })},
			"toLab": {Type: t.lab, Description: "The lab the recruit was brought to, when reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(edge(p.Source).ToLab), nil }},
			"date": {Type: graphql.String, Resolve: optionalDate(func(v any) thelist.Date { return edge(v).Date })},
			"inferred": {Type: graphql.NewNonNull(graphql.Boolean),
				Description: "No source says 'recruited': the edge was derived from the evidence cited, and note says how."},
			"reported": {Type: graphql.NewNonNull(graphql.Boolean), Description: "The opposite of inferred: a cited source states it.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return !edge(p.Source).Inferred, nil }},
			"confidence": {Type: graphql.NewNonNull(graphql.String), Description: "reported, inferred or unconfirmed.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return confidence(edge(p.Source).Fact), nil }},
			"note": {Type: graphql.String, Resolve: optionalString(func(v any) string { return edge(v).Note })},
			"sources": {Type: list(t.source),
				Resolve: func(p graphql.ResolveParams) (any, error) { return nonNilSources(edge(p.Source).Sources), nil }},
		},
	})
}

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

// orEmpty keeps a non-null list non-null when nothing was found.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// moveType is Move, which talent flows list by period and the person page
// lists for its person.
func moveType(t *types) *graphql.Object {
	mv := func(v any) thelist.FlowMove { return v.(thelist.FlowMove) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Move",
		Description: "A person leaving one lab for another.",
		Fields: graphql.Fields{
			"id":     {Type: graphql.NewNonNull(graphql.ID)},
			"person": {Type: graphql.NewNonNull(t.person)},
			"from": {Type: t.lab, Description: "The lab left, when reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(mv(p.Source).FromLab), nil }},
			"to":   {Type: t.lab, Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(mv(p.Source).ToLab), nil }},
			"date": {Type: graphql.String, Resolve: optionalDate(func(v any) thelist.Date { return mv(v).Date })},
			"recruiter": {Type: t.person, Description: "Who recruited them for this move, when reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return personOrNil(mv(p.Source).Recruiter), nil }},
			"confidence": {Type: graphql.NewNonNull(graphql.String),
				Resolve: func(p graphql.ResolveParams) (any, error) { return confidence(mv(p.Source).Fact), nil }},
			"note": {Type: graphql.String, Resolve: optionalString(func(v any) string { return mv(v).Note })},
			"sources": {Type: list(t.source),
				Resolve: func(p graphql.ResolveParams) (any, error) { return nonNilSources(mv(p.Source).Sources), nil }},
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
			"flows": {Type: list(flow), Description: "One per lab at the open end (one in all when both are given), most moves first."},
		},
	})
}

// offerConnection gives an OfferPage the shape of a GraphQL connection.
type offerConnection struct{ thelist.OfferPage }

type offerEdge struct {
	Cursor string
	Node   thelist.OfferView
}

func (r offerConnection) Resolve(p graphql.ResolveParams) (any, error) {
	switch p.Info.FieldName {
	case "edges":
		edges := make([]offerEdge, len(r.Offers))
		for i, o := range r.Offers {
			edges[i] = offerEdge{Cursor: r.Cursors[i], Node: o}
		}
		return edges, nil
	case "totalCount":
		return r.TotalCount, nil
	case "pageInfo":
		return pageInfo{hasNextPage: r.HasNextPage, endCursor: r.EndCursor}, nil
	}
	return nil, nil
}

func offerConnectionType(t *types) *graphql.Object {
	edge := graphql.NewObject(graphql.ObjectConfig{
		Name: "OfferEdge",
		Fields: graphql.Fields{
			"cursor": {Type: graphql.NewNonNull(graphql.String), Description: "Pass as after to continue after this row."},
			"node":   {Type: graphql.NewNonNull(t.offer)},
		},
	})
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "OfferConnection",
		Description: "A page of offers.",
		Fields: graphql.Fields{
			"edges":      {Type: list(edge), Resolve: offerConnectionField},
			"pageInfo":   {Type: graphql.NewNonNull(t.pageInfo), Resolve: offerConnectionField},
			"totalCount": {Type: graphql.NewNonNull(graphql.Int), Description: "How many offers match in all.", Resolve: offerConnectionField},
		},
	})
}

func offerConnectionField(p graphql.ResolveParams) (any, error) {
	return p.Source.(offerConnection).Resolve(p)
}

func labPageType(t *types) *graphql.Object {
	page := func(v any) thelist.LabPage { return v.(thelist.LabPage) }
	member := graphql.NewObject(graphql.ObjectConfig{
		Name:        "LabMember",
		Description: "A person at the lab and the stint that puts them there.",
		Fields: graphql.Fields{
			"person": {Type: graphql.NewNonNull(t.person)},
			"stint":  {Type: graphql.NewNonNull(t.stint)},
		},
	})
	founding := graphql.NewObject(graphql.ObjectConfig{
		Name: "Founding",
		Fields: graphql.Fields{
			"person": {Type: graphql.NewNonNull(t.person)},
			"date":   {Type: graphql.String, Resolve: optionalDate(func(v any) thelist.Date { return v.(thelist.Founding).Date })},
			"sources": {Type: list(t.source), Resolve: func(p graphql.ResolveParams) (any, error) {
				return nonNilSources(p.Source.(thelist.Founding).Sources), nil
			}},
		},
	})
	inv := func(v any) thelist.InvestmentView { return v.(thelist.InvestmentView) }
	investment := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Investment",
		Description: "Money a person or a lab put into the lab.",
		Fields: graphql.Fields{
			"id": {Type: graphql.NewNonNull(graphql.ID),
				Resolve: func(p graphql.ResolveParams) (any, error) { return inv(p.Source).ID, nil }},
			"investorPerson": {Type: t.person,
				Resolve: func(p graphql.ResolveParams) (any, error) { return personOrNil(inv(p.Source).InvestorPerson), nil }},
			"investorLab": {Type: t.lab,
				Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(inv(p.Source).InvestorLab), nil }},
			"date":  {Type: graphql.String, Resolve: optionalDate(func(v any) thelist.Date { return inv(v).Date })},
			"round": {Type: graphql.String, Resolve: optionalString(func(v any) string { return inv(v).Round })},
			"amount": {Type: graphql.Float, Description: "The round's size, when reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if a := inv(p.Source).Amount; a != nil {
						return float64(*a), nil
					}
					return nil, nil
				}},
			"currency": {Type: graphql.String, Resolve: optionalString(func(v any) string { return inv(v).Currency })},
			"sources": {Type: list(t.source),
				Resolve: func(p graphql.ResolveParams) (any, error) { return nonNilSources(inv(p.Source).Sources), nil }},
			"lab": {Type: t.lab, Description: "The lab invested in; null under a lab page, which is that lab.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(inv(p.Source).Lab), nil }},
		},
	})
	t.investment = investment
	lab := func(get func(thelist.LabPage) *thelist.Lab) graphql.FieldResolveFn {
		return func(p graphql.ResolveParams) (any, error) { return labOrNil(get(page(p.Source))), nil }
	}
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "LabPage",
		Description: "A lab with its people, founders, investors and offers, as of a day.",
		Fields: graphql.Fields{
			// The lab's own fields are promoted from the embedded Lab, which
			// graphql-go's default resolver does not look into.
			"id": {Type: graphql.NewNonNull(graphql.ID),
				Resolve: func(p graphql.ResolveParams) (any, error) { return page(p.Source).ID, nil }},
			"name": {Type: graphql.NewNonNull(graphql.String),
				Resolve: func(p graphql.ResolveParams) (any, error) { return page(p.Source).Name, nil }},
			"kind": {Type: graphql.NewNonNull(graphql.String), Description: "company, university, institute, startup, investor or media.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return page(p.Source).Kind, nil }},
			"topLab": {Type: graphql.NewNonNull(graphql.Boolean), Description: "On the top-lab list of The List's credentials.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return page(p.Source).TopLab, nil }},
			"country": {Type: graphql.String,
				Resolve: optionalString(func(v any) string { return page(v).Country })},
			"aliases": {Type: list(graphql.String),
				Resolve: func(p graphql.ResolveParams) (any, error) { return orEmpty(page(p.Source).Aliases), nil }},
			"founded": {Type: graphql.String, Resolve: optionalDate(func(v any) thelist.Date { return page(v).Founded })},
			"parent":  {Type: t.lab, Description: "The lab it is part of.", Resolve: lab(func(l thelist.LabPage) *thelist.Lab { return l.Parent })},
			"children": {Type: list(t.lab), Description: "The labs that are part of it, by name.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					children := page(p.Source).Children
					out := make([]*thelist.Lab, len(children))
					for i := range children {
						out[i] = &children[i]
					}
					return out, nil
				}},
			"currentPeople": {Type: list(member), Description: "People whose stints held on asOf, earliest start first."},
			"pastPeopleCount": {Type: graphql.NewNonNull(graphql.Int),
				Description: "People whose stints had all ended by asOf."},
			"founders":  {Type: list(founding)},
			"investors": {Type: list(investment), Description: "Investments dated on or before asOf, or undated, oldest first."},
			"offers":    {Type: list(t.offer), Description: "Offers it made dated on or before asOf, or undated, newest first."},
			"sources": {Type: list(t.source),
				Resolve: func(p graphql.ResolveParams) (any, error) { return nonNilSources(page(p.Source).Sources), nil }},
		},
	})
}

func paperPageType(t *types) *graphql.Object {
	author := graphql.NewObject(graphql.ObjectConfig{
		Name: "PaperAuthor",
		Fields: graphql.Fields{
			"person": {Type: graphql.NewNonNull(t.person)},
			"position": {Type: graphql.Int, Description: "1 for the first author; null when not reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if n := p.Source.(thelist.PaperAuthor).Position; n != 0 {
						return n, nil
					}
					return nil, nil
				}},
			"sources": {Type: list(t.source),
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return nonNilSources(p.Source.(thelist.PaperAuthor).Sources), nil
				}},
		},
	})
	page := func(v any) thelist.PaperPage { return v.(thelist.PaperPage) }
	// The Paper type's own fields, read from the page's embedded Paper.
	fields := graphql.Fields{}
	for name, f := range t.paper.Fields() {
		resolve := f.Resolve
		fields[name] = &graphql.Field{Type: f.Type, Description: f.Description,
			Resolve: func(p graphql.ResolveParams) (any, error) {
				p.Source = page(p.Source).Paper
				if resolve == nil {
					return graphql.DefaultResolveFn(p)
				}
				return resolve(p)
			}}
	}
	fields["authors"] = &graphql.Field{Type: list(author), Description: "In position order; authors without a reported position last."}
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "PaperPage",
		Description: "A paper with its authors.",
		Fields:      fields,
	})
}

func searchHitType(t *types, kind *graphql.Enum) *graphql.Object {
	hit := func(v any) thelist.SearchHit { return v.(thelist.SearchHit) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "SearchHit",
		Description: "One search result: person, lab or paper is set, as kind says.",
		Fields: graphql.Fields{
			"kind":  {Type: graphql.NewNonNull(kind)},
			"score": {Type: graphql.NewNonNull(graphql.Float), Description: "Relevance; compares hits of one search only."},
			"person": {Type: t.person,
				Resolve: func(p graphql.ResolveParams) (any, error) { return personOrNil(hit(p.Source).Person), nil }},
			"lab": {Type: t.lab, Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(hit(p.Source).Lab), nil }},
			"paper": {Type: t.paper, Resolve: func(p graphql.ResolveParams) (any, error) {
				if w := hit(p.Source).Paper; w != nil {
					return *w, nil
				}
				return nil, nil
			}},
		},
	})
}
