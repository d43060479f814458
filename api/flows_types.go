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

func newFlowTypes(t *types) *flowTypes {
	ft := &flowTypes{granularity: granularityEnum(), offerOrder: offerOrderEnum(), offerStatus: offerStatusEnum(),
		searchKind: searchKindEnum()}
	ft.offerWhere = offerWhereInput(ft.offerStatus)
	ft.recruitment = recruitmentType(t, recruitmentEdgeType(t))
	ft.talentFlows = talentFlowsType(t)
	ft.offerConnection = offerConnectionType(t)
	ft.labPage = labPageType(t)
	ft.paperPage = paperPageType(t)
	ft.searchHit = searchHitType(t, ft.searchKind)
	return ft
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

// orEmpty keeps a non-null list non-null when nothing was found.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
