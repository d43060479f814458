package api

import (
	"context"

	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// LabsStore reads the labs index.
type LabsStore interface {
	Labs(ctx context.Context, q thelist.LabsQuery) (thelist.LabsPage, error)
}

// labConnectionType is LabConnection and the types only it uses: a page
// of the labs index, each row a lab with its counts.
func labConnectionType(t *types) *graphql.Object {
	s := func(v any) thelist.LabSummary { return v.(thelist.LabSummary) }
	count := func(desc string, get func(thelist.LabSummary) int) *graphql.Field {
		return &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Description: desc,
			Resolve: func(p graphql.ResolveParams) (any, error) { return get(s(p.Source)), nil }}
	}
	summary := graphql.NewObject(graphql.ObjectConfig{
		Name:        "LabSummary",
		Description: "A lab in the labs index, with how many records point at it. The counts are of the lab itself, not of the labs that are part of it.",
		Fields: graphql.Fields{
			"lab": {Type: graphql.NewNonNull(t.lab), Resolve: func(p graphql.ResolveParams) (any, error) {
				l := s(p.Source).Lab
				return &l, nil
			}},
			"founded": {Type: graphql.String, Description: "When it was founded, at its precision, when reported.",
				Resolve: optionalDate(func(v any) thelist.Date { return s(v).Lab.Founded })},
			"parent": {Type: t.lab, Description: "The lab it is part of, if any.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if pl := s(p.Source).Parent; pl != nil {
						return pl, nil
					}
					return nil, nil
				}},
			"jobs":     count("Jobs recorded at the lab, past and present; a person with two jobs there counts twice.", func(r thelist.LabSummary) int { return r.Jobs }),
			"movesOut": count("Moves that left the lab, dated or not: its alumni's departures.", func(r thelist.LabSummary) int { return r.MovesOut }),
			"movesIn":  count("Moves that came to the lab, dated or not.", func(r thelist.LabSummary) int { return r.MovesIn }),
			"parts":    count("Labs that are directly part of it.", func(r thelist.LabSummary) int { return r.Parts }),
		},
	})
	edge := graphql.NewObject(graphql.ObjectConfig{
		Name: "LabEdge",
		Fields: graphql.Fields{
			"cursor": {Type: graphql.NewNonNull(graphql.String), Description: "Pass as after to continue after this row.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return s(p.Source).Cursor, nil }},
			"node": {Type: graphql.NewNonNull(summary), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source, nil }},
		},
	})
	page := func(v any) thelist.LabsPage { return v.(thelist.LabsPage) }
	connection := graphql.NewObject(graphql.ObjectConfig{
		Name:        "LabConnection",
		Description: "A page of the labs index.",
		Fields: graphql.Fields{
			"edges": {Type: list(edge), Resolve: func(p graphql.ResolveParams) (any, error) { return page(p.Source).Labs, nil }},
			"pageInfo": {Type: graphql.NewNonNull(t.pageInfo), Resolve: func(p graphql.ResolveParams) (any, error) {
				r := page(p.Source)
				return pageInfo{hasNextPage: r.HasNextPage, endCursor: r.EndCursor}, nil
			}},
			"totalCount": {Type: graphql.NewNonNull(graphql.Int), Description: "How many labs there are in all (of the kind asked for).",
				Resolve: func(p graphql.ResolveParams) (any, error) { return page(p.Source).TotalCount, nil }},
		},
	})
	return connection
}

// labOrderEnum is LabOrder, the orders of the labs index.
func labOrderEnum() *graphql.Enum {
	return graphql.NewEnum(graphql.EnumConfig{
		Name:        "LabOrder",
		Description: "Orders of the labs index; ties are broken by lab id.",
		Values: graphql.EnumValueConfigMap{
			"NAME":      {Value: thelist.LabsOrderName, Description: "Name, A to Z."},
			"JOBS":      {Value: thelist.LabsOrderJobs, Description: "Jobs recorded, most first."},
			"MOVES_OUT": {Value: thelist.LabsOrderMovesOut, Description: "Moves out (alumni), most first."},
			"MOVES_IN":  {Value: thelist.LabsOrderMovesIn, Description: "Moves in, most first."},
			"FOUNDED":   {Value: thelist.LabsOrderFounded, Description: "Founded, newest first; labs with no reported founding last."},
		},
	})
}

// labsQueries is the labs index: every lab, a page at a time, with the
// counts a reader sorts by.
func labsQueries(store Store, t *types) graphql.Fields {
	connection := labConnectionType(t)
	order := labOrderEnum()
	return graphql.Fields{
		"labs": {
			Type:        graphql.NewNonNull(connection),
			Description: "Every lab, a page at a time (keyset paging), with the counts of jobs and moves that point at it. Costs one step per lab whatever the order, however many people there are.",
			Args: graphql.FieldConfigArgument{
				"orderBy": {Type: order, DefaultValue: thelist.LabsOrderName},
				"kind":    {Type: graphql.String, Description: "Only labs of this kind: company, university, institute, startup, investor or media."},
				"first":   {Type: graphql.Int, DefaultValue: 50, Description: "Page size, at most 100."},
				"after":   {Type: graphql.String, Description: "The endCursor of the previous page, with the same orderBy and kind."},
			},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				q := thelist.LabsQuery{OrderBy: p.Args["orderBy"].(string), First: p.Args["first"].(int)}
				q.Kind, _ = p.Args["kind"].(string) // absent: every kind
				q.After, _ = p.Args["after"].(string)
				got, err := store.Labs(p.Context, q)
				if err != nil {
					return nil, clientError(p.Context, err)
				}
				return got, nil
			},
		},
	}
}
