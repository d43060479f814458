package api

import "github.com/graphql-go/graphql"

// pageInfoType is the PageInfo of every connection (Relay's shape), shared
// so that the schema has one type of that name.
func pageInfoType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "PageInfo",
		Fields: graphql.Fields{
			"hasNextPage": {Type: graphql.NewNonNull(graphql.Boolean)},
			"endCursor":   {Type: graphql.String, Description: "The cursor of the last row, or null on an empty page."},
		},
	})
}

// pageInfo is the value a PageInfo field resolves from.
type pageInfo struct {
	hasNextPage bool
	endCursor   string
}

func (r pageInfo) Resolve(p graphql.ResolveParams) (any, error) {
	switch p.Info.FieldName {
	case "hasNextPage":
		return r.hasNextPage, nil
	case "endCursor":
		if r.endCursor == "" {
			return nil, nil
		}
		return r.endCursor, nil
	}
	return nil, nil
}
