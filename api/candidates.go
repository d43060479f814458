package api

import (
	"context"
	"fmt"

	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// CandidateStore answers the recruiter's filter and shows the rules of the
// credentials it applies.
type CandidateStore interface {
	Candidates(ctx context.Context, filter thelist.CandidateFilter, rules thelist.CredentialRules,
		first int, after string) (thelist.CandidatePage, error)
	CredentialTopLabs(ctx context.Context) ([]thelist.Lab, error)
}

// candidateQueries are people (the recruiter's filter) and credentialRules.
func candidateQueries(store Store, t *types) graphql.Fields {
	filter := t.peopleFilter
	orderValues := graphql.EnumValueConfigMap{
		thelist.CandidateOrderName:        {Value: thelist.CandidateOrderName, Description: "Name, A to Z."},
		thelist.CandidateOrderCitations:   {Value: thelist.CandidateOrderCitations, Description: "Total citations, most first."},
		thelist.CandidateOrderCredentials: {Value: thelist.CandidateOrderCredentials, Description: "Credentials met, most first."},
		thelist.CandidateOrderTenure: {Value: thelist.CandidateOrderTenure,
			Description: "Years at the current lab on asOf, longest first; people with no current lab last."},
	}
	order := graphql.NewEnum(graphql.EnumConfig{Name: "PeopleOrder", Values: orderValues,
		Description: "Orders of the people list; ties are broken by person id."})
	match := t.credentialMatch
	edge := graphql.NewObject(graphql.ObjectConfig{
		Name: "CandidateEdge",
		Fields: graphql.Fields{
			"cursor": {Type: graphql.NewNonNull(graphql.String), Description: "Pass as after to continue after this row."},
			"node":   {Type: graphql.NewNonNull(t.person)},
			"credentials": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(match))),
				Description: "The three credentials, met or not, each with its evidence."},
			"matched": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.String))),
				Description: "Why the person matched, in English words: one line per condition of the filter. " +
					"reasons holds the same as data, for clients that word it themselves."},
			"reasons": {Type: list(t.matchReason),
				Description: "Why the person matched, as data: one per condition of the filter, with the records that meet it."},
			"citations": {Type: graphql.NewNonNull(graphql.Float), Description: "Total citations of their papers."},
			"tenureYears": {Type: graphql.Float,
				Description: "Years at the current lab on asOf; null with no current stint of known start."},
		},
	})
	connection := graphql.NewObject(graphql.ObjectConfig{
		Name:        "CandidateConnection",
		Description: "A page of the people who pass a filter.",
		Fields: graphql.Fields{
			"edges":      {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(edge)))},
			"pageInfo":   {Type: graphql.NewNonNull(t.pageInfo)},
			"totalCount": {Type: graphql.NewNonNull(graphql.Int), Description: "How many people pass the filter in all."},
		},
	})
	return graphql.Fields{
		"people": {
			Type: graphql.NewNonNull(connection),
			Description: "The recruiter's filter: people by credentials, labs, moves, tenure, citations and topics, " +
				"each with the evidence for every credential and why they matched. Without a filter, everyone by name. " +
				"Paging is by keyset: a late page costs what the first does.",
			Args: graphql.FieldConfigArgument{
				"where":   {Type: filter},
				"orderBy": {Type: order, DefaultValue: thelist.CandidateOrderName},
				"first":   {Type: graphql.Int, DefaultValue: 20, Description: "Page size, at most 100."},
				"after":   {Type: graphql.String, Description: "The endCursor of the previous page, with the same filter and order."},
				"asOf": {Type: graphql.String,
					Description: "Read the graph as it stood on this day (YYYY, YYYY-MM or YYYY-MM-DD): stints, degrees, moves and papers after it do not count."},
			},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				f, err := candidateFilter(p.Args)
				if err != nil {
					return nil, clientError(p.Context, err)
				}
				after, _ := p.Args["after"].(string) // absent means the first page
				page, err := store.Candidates(p.Context, f, thelist.Credentials, p.Args["first"].(int), after)
				if err != nil {
					return nil, clientError(p.Context, err)
				}
				return candidatePage{page}, nil
			},
		},
		"credentialRules": {
			Type:        graphql.NewNonNull(credentialRulesType(t)),
			Description: "The rules of the three credentials that people(where) applies, with their version.",
			Resolve: func(p graphql.ResolveParams) (any, error) {
				return credentialRules{rules: thelist.Credentials, store: store}, nil
			},
		},
	}
}

// peopleFilterType is PeopleFilter, the where of people, which saved
// searches keep too.
func peopleFilterType() *graphql.InputObject {
	return graphql.NewInputObject(graphql.InputObjectConfig{
		Name: "PeopleFilter",
		Description: "The recruiter's filter. Every condition given must hold; a credential flag set to false " +
			"constrains nothing (it does not require the credential's absence).",
		Fields: graphql.InputObjectConfigFieldMap{
			"phd":          {Type: graphql.Boolean, Description: "Has an AI PhD (see credentialRules)."},
			"topLab":       {Type: graphql.Boolean, Description: "Worked at a top lab or a part of one."},
			"breakthrough": {Type: graphql.Boolean, Description: "Authored a breakthrough paper, or one above the citation bar."},
			"atLeast":      {Type: graphql.Int, Description: "Meets at least this many of the three credentials (0 to 3)."},
			"workedAt":     {Type: graphql.NewList(graphql.NewNonNull(graphql.ID)), Description: "Worked at any of these labs or their parts."},
			"currentlyAt": {Type: graphql.NewList(graphql.NewNonNull(graphql.ID)),
				Description: "Has a stint at any of these labs or their parts that holds on asOf (today by default): no end, or an end after it."},
			"neverAt": {Type: graphql.NewList(graphql.NewNonNull(graphql.ID)), Description: "Never worked at any of these labs or their parts."},
			"notCurrentlyAt": {Type: graphql.NewList(graphql.NewNonNull(graphql.ID)),
				Description: "Has no stint at any of these labs or their parts that holds on asOf: currentlyAt negated. " +
					"Unlike neverAt, people who have left these labs are kept."},
			"roleKeywords": {Type: graphql.NewList(graphql.NewNonNull(graphql.String)),
				Description: fmt.Sprintf("A job's role (title) contains any of these keywords, case ignored: a job that holds on asOf "+
					"(the current title), or any job started by asOf with roleAnyJob. At most %d keywords of at most %d bytes each.",
					thelist.MaxFilterRoleKeywords, thelist.TextLimit("role"))},
			"roleAnyJob": {Type: graphql.Boolean,
				Description: "roleKeywords match the role of any job held (started by asOf), not only a current one."},
			"movedSince": {Type: graphql.String, Description: "Made a reported move dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."},
			"minTenureYears": {Type: graphql.Float,
				Description: "At least this many years at the current lab (the latest-starting stint that holds on asOf)."},
			"maxTenureYears": {Type: graphql.Float, Description: "At most this many years at the current lab."},
			"minCitations":   {Type: graphql.Int, Description: "At least this many citations over all their papers."},
			"topics":         {Type: graphql.NewList(graphql.NewNonNull(graphql.String)), Description: "Authored a paper on any of these topics (case ignored)."},
		},
	})
}

// candidateFilter reads the people field's arguments into a filter. Dates
// that do not parse are the caller's error.
func candidateFilter(args map[string]any) (thelist.CandidateFilter, error) {
	var f thelist.CandidateFilter
	f.OrderBy, _ = args["orderBy"].(string) // the argument has a default
	if s, ok := args["asOf"].(string); ok {
		d, err := thelist.ParseDate(s)
		if err != nil {
			return f, thelist.Errorf(thelist.EINVALID, "asOf: %v", err)
		}
		f.AsOf = d
	}
	w, _ := args["where"].(map[string]any) // absent means no filter
	f.PhD, _ = w["phd"].(bool)
	f.TopLab, _ = w["topLab"].(bool)
	f.Breakthrough, _ = w["breakthrough"].(bool)
	f.AtLeast, _ = w["atLeast"].(int)
	f.WorkedAt = stringList(w["workedAt"])
	f.CurrentlyAt = stringList(w["currentlyAt"])
	f.NeverAt = stringList(w["neverAt"])
	f.NotCurrentlyAt = stringList(w["notCurrentlyAt"])
	f.RoleKeywords = stringList(w["roleKeywords"])
	f.RoleAnyJob, _ = w["roleAnyJob"].(bool)
	f.Topics = stringList(w["topics"])
	if s, ok := w["movedSince"].(string); ok {
		d, err := thelist.ParseDate(s)
		if err != nil {
			return f, thelist.Errorf(thelist.EINVALID, "movedSince: %v", err)
		}
		f.MovedSince = d
	}
	if v, ok := w["minTenureYears"].(float64); ok {
		f.MinTenureYears = &v
	}
	if v, ok := w["maxTenureYears"].(float64); ok {
		f.MaxTenureYears = &v
	}
	if v, ok := w["minCitations"].(int); ok {
		n := int64(v)
		f.MinCitations = &n
	}
	return f, f.Validate()
}

func stringList(v any) []string {
	list, _ := v.([]any) // absent is no list
	var out []string
	for _, item := range list {
		if s, ok := item.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// candidatePage gives a CandidatePage the shape of a GraphQL connection.
type candidatePage struct{ thelist.CandidatePage }

func (r candidatePage) Resolve(p graphql.ResolveParams) (any, error) {
	switch p.Info.FieldName {
	case "edges":
		edges := make([]candidateEdge, len(r.Edges))
		for i, e := range r.Edges {
			edges[i] = candidateEdge{e}
		}
		return edges, nil
	case "totalCount":
		return r.TotalCount, nil
	case "pageInfo":
		return pageInfo{hasNextPage: r.HasNextPage, endCursor: r.EndCursor}, nil
	}
	return nil, fmt.Errorf("CandidateConnection has no field %s", p.Info.FieldName)
}

type candidateEdge struct{ thelist.CandidateEdge }

func (r candidateEdge) Resolve(p graphql.ResolveParams) (any, error) {
	switch p.Info.FieldName {
	case "cursor":
		return r.Cursor, nil
	case "node":
		return r.Person, nil
	case "credentials":
		return r.Credentials, nil
	case "matched":
		return reasonsInWords(r.Reasons), nil
	case "reasons":
		return nonNil(r.Reasons), nil
	case "citations":
		return float64(r.Citations), nil
	case "tenureYears":
		if r.TenureDays == nil {
			return nil, nil
		}
		return float64(*r.TenureDays) / 365.25, nil
	}
	return nil, fmt.Errorf("CandidateEdge has no field %s", p.Info.FieldName)
}

func credentialMatchType(t *types) *graphql.Object {
	m := func(v any) thelist.CredentialMatch { return v.(thelist.CredentialMatch) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "CredentialMatch",
		Description: "One credential of one person: whether it is met, and the records that meet it, each with its sources. " +
			"Only the kind of record the credential is about is filled.",
		Fields: graphql.Fields{
			"credential": {Type: graphql.NewNonNull(graphql.String), Description: "aiPhd, topLab or breakthrough."},
			"met":        {Type: graphql.NewNonNull(graphql.Boolean)},
			"degrees": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.degree))),
				Description: "For aiPhd: the completed PhDs in an AI field.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return nonNil(m(p.Source).Degrees), nil
				}},
			"stints": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.stint))),
				Description: "For topLab: the stints at top labs or their parts.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return nonNil(m(p.Source).Stints), nil
				}},
			"papers": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.paper))),
				Description: "For breakthrough: the papers called breakthroughs or above the citation bar, at most 10.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return nonNil(m(p.Source).Papers), nil
				}},
		},
	})
}

// nonNil turns a nil slice into an empty one: the list fields are
// non-null, and an absent list is an empty answer.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// credentialRules resolves the CredentialRules type; the top-lab list is
// read from the graph only when it is selected.
type credentialRules struct {
	rules thelist.CredentialRules
	store CandidateStore
}

func credentialRulesType(t *types) *graphql.Object {
	r := func(v any) credentialRules { return v.(credentialRules) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "CredentialRules",
		Description: "How the three credentials of The List are computed. A change of the rules changes the version.",
		Fields: graphql.Fields{
			"version": {Type: graphql.NewNonNull(graphql.String),
				Resolve: func(p graphql.ResolveParams) (any, error) { return r(p.Source).rules.Version, nil }},
			"aiFields": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.String))),
				Description: "Fields of study that make a completed PhD an AI PhD.",
				Resolve:     func(p graphql.ResolveParams) (any, error) { return r(p.Source).rules.AIFields, nil }},
			"aiPhdRule": {Type: graphql.NewNonNull(graphql.String),
				Resolve: func(p graphql.ResolveParams) (any, error) { return thelist.AIPhDRule, nil }},
			"topLabs": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.lab))),
				Description: "The labs on the top-lab list, by name; labs that are part of them count too.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					labs, err := r(p.Source).store.CredentialTopLabs(p.Context)
					if err != nil {
						return nil, clientError(p.Context, err)
					}
					out := make([]*thelist.Lab, len(labs))
					for i := range labs {
						out[i] = &labs[i]
					}
					return out, nil
				}},
			"topLabRule": {Type: graphql.NewNonNull(graphql.String),
				Resolve: func(p graphql.ResolveParams) (any, error) { return thelist.TopLabRule, nil }},
			"breakthroughRule": {Type: graphql.NewNonNull(graphql.String),
				Resolve: func(p graphql.ResolveParams) (any, error) { return thelist.BreakthroughRule, nil }},
			"citationBar": {Type: graphql.NewNonNull(graphql.Float),
				Description: "Citations from which a paper counts as a breakthrough.",
				Resolve:     func(p graphql.ResolveParams) (any, error) { return float64(r(p.Source).rules.CitationBar), nil }},
		},
	})
}
