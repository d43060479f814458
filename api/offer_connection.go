package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// This file holds the types of offers: a page of offers and its filter.

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

func offerWhereInput(status *graphql.Enum) *graphql.InputObject {
	return graphql.NewInputObject(graphql.InputObjectConfig{
		Name: "OfferWhere",
		Fields: graphql.InputObjectConfigFieldMap{
			"lab":             {Type: graphql.ID, Description: "Made by this lab."},
			"includeChildren": {Type: graphql.Boolean, DefaultValue: true, Description: "Or by a lab that is part of it."},
			"person":          {Type: graphql.ID, Description: "Made to this person."},
			"status":          {Type: status},
			"minTotal":        {Type: graphql.Float, Description: "Total value at least this, in the offer's own currency."},
			"currency":        {Type: graphql.String, Description: "ISO 4217 code."},
			"since":           {Type: graphql.String, Description: "Dated on or after (YYYY, YYYY-MM or YYYY-MM-DD); undated offers are left out."},
			"until":           {Type: graphql.String, Description: "Dated before this."},
		},
	})
}

func offerOrderEnum() *graphql.Enum {
	return graphql.NewEnum(graphql.EnumConfig{
		Name: "OfferOrder",
		Values: graphql.EnumValueConfigMap{
			"TOTAL_DESC": {Value: thelist.OfferOrderTotalDesc, Description: "Largest total first; unreported totals last."},
			"DATE_DESC":  {Value: thelist.OfferOrderDateDesc, Description: "Newest first; undated offers last."},
		},
	})
}

func offerStatusEnum() *graphql.Enum {
	return graphql.NewEnum(graphql.EnumConfig{
		Name: "OfferStatus",
		Values: graphql.EnumValueConfigMap{
			"ACCEPTED":  {Value: thelist.OfferAccepted},
			"DECLINED":  {Value: thelist.OfferDeclined},
			"COUNTERED": {Value: thelist.OfferCountered},
			"UNKNOWN":   {Value: thelist.OfferUnknown, Description: "Not reported."},
		},
	})
}
