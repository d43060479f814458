package api

import (
	"context"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"

	"github.com/thelist/thelist"
)

// FlowStore reads how people move: recruitments, talent flows, offers, the
// lab and paper pages, and search over every kind.
type FlowStore interface {
	Recruitment(ctx context.Context, q thelist.RecruitmentQuery) (thelist.RecruitmentNetwork, error)
	TalentFlows(ctx context.Context, q thelist.FlowQuery) (thelist.TalentFlows, error)
	Offers(ctx context.Context, f thelist.OfferFilter) (thelist.OfferPage, error)
	LabPage(ctx context.Context, q thelist.LabPageQuery) (thelist.LabPage, error)
	PaperPage(ctx context.Context, id string, fullPeople bool) (thelist.PaperPage, error)
	Search(ctx context.Context, text string, kinds []string, first int, fullPeople bool) ([]thelist.SearchHit, error)
}

// flowQueries are recruitment, talentFlows, offers, lab, paper and search.
func flowQueries(store Store, t *types) graphql.Fields {
	ft := newFlowTypes(t)
	return graphql.Fields{
		"recruitment": recruitmentField(store, ft),
		"talentFlows": talentFlowsField(store, ft),
		"offers":      offersField(store, ft),
		"lab":         labField(store, ft),
		"paper":       paperField(store, ft),
		"search":      searchField(store, ft),
	}
}

func recruitmentField(store FlowStore, ft *flowTypes) *graphql.Field {
	return &graphql.Field{
		Type: graphql.NewNonNull(ft.recruitment),
		Description: "Who recruited a person and whom they recruited, with the chains up and down in date order; " +
			"or, for a lab, its top recruiters in a period. Give personId or lab, not both.",
		Args: graphql.FieldConfigArgument{
			"personId":        {Type: graphql.ID},
			"lab":             {Type: graphql.ID},
			"since":           {Type: graphql.String, Description: "Only recruitments dated on or after (YYYY, YYYY-MM or YYYY-MM-DD); undated ones are left out."},
			"until":           {Type: graphql.String, Description: "Only recruitments dated before this; undated ones are left out."},
			"asOf":            {Type: graphql.String, Description: "The graph as it stood that day: recruitments dated after it are left out."},
			"depth":           {Type: graphql.Int, DefaultValue: 3, Description: "Hops of the chains, 1 to 6."},
			"first":           {Type: graphql.Int, DefaultValue: 10, Description: "Top recruiters of a lab, at most 100."},
			"includeChildren": {Type: graphql.Boolean, DefaultValue: true, Description: "A lab's recruitments include those to the labs that are part of it."},
		},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			q := thelist.RecruitmentQuery{Depth: p.Args["depth"].(int), First: p.Args["first"].(int),
				IncludeChildren: p.Args["includeChildren"].(bool), FullPeople: selectsPersonDetail(p)}
			q.PersonID, _ = p.Args["personId"].(string) // absent when a lab is asked about
			q.LabID, _ = p.Args["lab"].(string)
			var err error
			if q.Since, q.Until, q.AsOf, err = periodArgs(p.Args); err != nil {
				return nil, clientError(p.Context, err)
			}
			got, err := store.Recruitment(p.Context, q)
			if err != nil {
				return nil, clientError(p.Context, err)
			}
			return got, nil
		},
	}
}

func talentFlowsField(store FlowStore, ft *flowTypes) *graphql.Field {
	return &graphql.Field{
		Type:        graphql.NewNonNull(ft.talentFlows),
		Description: "How many people moved from one lab to another, by period, with the first moves of each period. Give from, to or both.",
		Args: graphql.FieldConfigArgument{
			"from":            {Type: graphql.ID, Description: "The lab they left; omitted: every lab."},
			"to":              {Type: graphql.ID, Description: "The lab they joined; omitted: every lab."},
			"since":           {Type: graphql.String, Description: "Moves dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)."},
			"until":           {Type: graphql.String, Description: "Moves dated before this."},
			"granularity":     {Type: ft.granularity, DefaultValue: thelist.GranularityYear},
			"includeChildren": {Type: graphql.Boolean, DefaultValue: true, Description: "Moves from or to the labs that are part of from and to count too."},
			"perBucket":       {Type: graphql.Int, DefaultValue: 10, Description: "Moves listed per period, at most 100."},
		},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			q := thelist.FlowQuery{Granularity: p.Args["granularity"].(string), IncludeChildren: p.Args["includeChildren"].(bool),
				PerBucket: p.Args["perBucket"].(int), FullPeople: selectsPersonDetail(p),
				CountUndated: selectsAnyField(p, map[string]bool{"undated": true})}
			q.From, _ = p.Args["from"].(string) // absent means every lab
			q.To, _ = p.Args["to"].(string)
			var err error
			if q.Since, q.Until, _, err = periodArgs(p.Args); err != nil {
				return nil, clientError(p.Context, err)
			}
			got, err := store.TalentFlows(p.Context, q)
			if err != nil {
				return nil, clientError(p.Context, err)
			}
			return got, nil
		},
	}
}

func offersField(store FlowStore, ft *flowTypes) *graphql.Field {
	return &graphql.Field{
		Type:        graphql.NewNonNull(ft.offerConnection),
		Description: "Reported offers, a page at a time (keyset paging), with amounts, status and sources.",
		Args: graphql.FieldConfigArgument{
			"where":   {Type: ft.offerWhere},
			"orderBy": {Type: ft.offerOrder, DefaultValue: thelist.OfferOrderTotalDesc},
			"first":   {Type: graphql.Int, DefaultValue: 20, Description: "Page size, at most 100."},
			"after":   {Type: graphql.String, Description: "The endCursor of the previous page, with the same orderBy."},
		},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			f, err := offerFilter(p.Args)
			if err != nil {
				return nil, clientError(p.Context, err)
			}
			f.FullPeople = selectsPersonDetail(p)
			page, err := store.Offers(p.Context, f)
			if err != nil {
				return nil, clientError(p.Context, err)
			}
			return offerConnection{page}, nil
		},
	}
}

func labField(store FlowStore, ft *flowTypes) *graphql.Field {
	return &graphql.Field{
		Type:        ft.labPage,
		Description: "One lab by id with its people, founders, investors and offers as of a day, or null when there is none.",
		Args: graphql.FieldConfigArgument{
			"id":              {Type: graphql.NewNonNull(graphql.ID)},
			"asOf":            {Type: graphql.String, Description: "The day (YYYY, YYYY-MM or YYYY-MM-DD); today by default."},
			"includeChildren": {Type: graphql.Boolean, DefaultValue: false, Description: "People and offers of the labs that are part of it count too."},
			"first": {Type: graphql.Int, DefaultValue: thelist.DefaultLabPeoplePage,
				Description: "How many of the current people to list (currentPeopleCount counts them all)."},
			"after": {Type: graphql.String, Description: "The currentPeoplePageInfo.endCursor of the page before."},
		},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			asOf, err := dateArg(p.Args, "asOf")
			if err != nil {
				return nil, clientError(p.Context, err)
			}
			q := thelist.LabPageQuery{ID: p.Args["id"].(string), AsOf: asOf,
				IncludeChildren: p.Args["includeChildren"].(bool), FullPeople: selectsPersonDetail(p), First: p.Args["first"].(int)}
			if after, ok := p.Args["after"].(string); ok {
				q.After = after
			}
			got, err := store.LabPage(p.Context, q)
			if thelist.ErrorCode(err) == thelist.ENOTFOUND {
				return nil, nil
			} else if err != nil {
				return nil, clientError(p.Context, err)
			}
			return got, nil
		},
	}
}

func paperField(store FlowStore, ft *flowTypes) *graphql.Field {
	return &graphql.Field{
		Type:        ft.paperPage,
		Description: "One paper by id with its authors in position order, or null when there is none.",
		Args:        graphql.FieldConfigArgument{"id": {Type: graphql.NewNonNull(graphql.ID)}},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			got, err := store.PaperPage(p.Context, p.Args["id"].(string), selectsPersonDetail(p))
			if thelist.ErrorCode(err) == thelist.ENOTFOUND {
				return nil, nil
			} else if err != nil {
				return nil, clientError(p.Context, err)
			}
			return got, nil
		},
	}
}

func searchField(store FlowStore, ft *flowTypes) *graphql.Field {
	return &graphql.Field{
		Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(ft.searchHit))),
		Description: "People, labs and papers whose names, aliases or titles match the query, best first. " +
			"Tolerates a typo per word, matches prefixes, ignores diacritics, in any script.",
		Args: graphql.FieldConfigArgument{
			"query": {Type: graphql.NewNonNull(graphql.String)},
			"kinds": {Type: graphql.NewList(graphql.NewNonNull(ft.searchKind)), Description: "The kinds to search; all by default."},
			"first": {Type: graphql.Int, DefaultValue: 10, Description: "How many results, at most 100."},
		},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			q := strings.TrimSpace(p.Args["query"].(string))
			if len(q) > 200 {
				return nil, clientError(p.Context, thelist.Errorf(thelist.EINVALID, "query: at most 200 characters"))
			}
			hits, err := store.Search(p.Context, q, stringList(p.Args["kinds"]), p.Args["first"].(int), selectsPersonDetail(p))
			if err != nil {
				return nil, clientError(p.Context, err)
			}
			return hits, nil
		},
	}
}

// dateArg reads an optional date argument; a malformed one is the caller's
// error.
func dateArg(args map[string]any, name string) (thelist.Date, error) {
	s, ok := args[name].(string)
	if !ok {
		return thelist.Date{}, nil
	}
	d, err := thelist.ParseDate(s)
	if err != nil {
		return d, thelist.Errorf(thelist.EINVALID, "%s: %v", name, err)
	}
	return d, nil
}

// periodArgs reads the since, until and asOf arguments that the questions
// about a period share; an absent one is the zero Date.
func periodArgs(args map[string]any) (since, until, asOf thelist.Date, err error) {
	if since, err = dateArg(args, "since"); err != nil {
		return
	}
	if until, err = dateArg(args, "until"); err != nil {
		return
	}
	asOf, err = dateArg(args, "asOf")
	return
}

// offerFilter reads the offers field's arguments.
func offerFilter(args map[string]any) (thelist.OfferFilter, error) {
	f := thelist.OfferFilter{IncludeChildren: true}
	f.OrderBy, _ = args["orderBy"].(string) // the argument has a default
	f.First, _ = args["first"].(int)
	f.After, _ = args["after"].(string)
	w, _ := args["where"].(map[string]any) // absent means every offer
	f.LabID, _ = w["lab"].(string)
	if b, ok := w["includeChildren"].(bool); ok {
		f.IncludeChildren = b
	}
	f.PersonID, _ = w["person"].(string)
	f.Status, _ = w["status"].(string)
	f.Currency, _ = w["currency"].(string)
	if v, ok := w["minTotal"].(float64); ok {
		n := int64(v)
		f.MinTotal = &n
	}
	var err error
	if f.Since, err = dateArg(w, "since"); err == nil {
		f.Until, err = dateArg(w, "until")
	}
	return f, err
}

// personDetail are the Person fields that need more than a person's
// identity: asking for them makes the query read stints and degrees.
var personDetail = map[string]bool{"stints": true, "degrees": true}

// selectsPersonDetail reports whether the selection under the root field
// asks, anywhere, for a field that only a fully read person has. The root
// resolver then asks the store for people in full; otherwise it reads
// people's identity alone, which keeps a list of hundreds of recruits cheap.
// A name in another type's selection can only make the read larger, never
// wrong.
func selectsPersonDetail(p graphql.ResolveParams) bool {
	return selectsAnyField(p, personDetail)
}

// selectsAnyField reports whether the selection under the root field asks,
// anywhere and through any fragment, for a field named in names.
func selectsAnyField(p graphql.ResolveParams, names map[string]bool) bool {
	seen := map[string]bool{}
	var walk func(set *ast.SelectionSet) bool
	walk = func(set *ast.SelectionSet) bool {
		if set == nil {
			return false
		}
		for _, sel := range set.Selections {
			switch s := sel.(type) {
			case *ast.Field:
				if s.Name != nil && names[s.Name.Value] {
					return true
				}
				if walk(s.SelectionSet) {
					return true
				}
			case *ast.InlineFragment:
				if walk(s.SelectionSet) {
					return true
				}
			case *ast.FragmentSpread:
				name := s.Name.Value
				if seen[name] {
					continue
				}
				seen[name] = true
				if def, ok := p.Info.Fragments[name].(*ast.FragmentDefinition); ok && walk(def.SelectionSet) {
					return true
				}
			}
		}
		return false
	}
	for _, f := range p.Info.FieldASTs {
		if walk(f.SelectionSet) {
			return true
		}
	}
	return false
}
