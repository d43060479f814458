package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// networkTypes are the object types of labAlumni, path and neighborhood.
type networkTypes struct {
	labAlumni, path, neighborhood *graphql.Object
	linkKind, edgeType            *graphql.Enum
}

// networkEnum is an enum whose values are the strings themselves.
func networkEnum(name, description string, values []string) *graphql.Enum {
	vals := graphql.EnumValueConfigMap{}
	for _, v := range values {
		vals[v] = &graphql.EnumValueConfig{Value: v}
	}
	return graphql.NewEnum(graphql.EnumConfig{Name: name, Description: description, Values: vals})
}

// networkFactFields are the confidence, note and sources of a record that embeds
// thelist.Fact, which graphql-go's default resolver does not look into.
func networkFactFields(source *graphql.Object, fact func(any) thelist.Fact) graphql.Fields {
	return graphql.Fields{
		"confidence": {Type: graphql.NewNonNull(graphql.String), Description: "reported, inferred or unconfirmed.",
			Resolve: func(p graphql.ResolveParams) (any, error) {
				if c := fact(p.Source).Confidence; c != "" {
					return c, nil
				}
				return thelist.ConfidenceReported, nil
			}},
		"note": {Type: graphql.String, Resolve: optionalString(func(v any) string { return fact(v).Note })},
		"sources": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(source))),
			Resolve: func(p graphql.ResolveParams) (any, error) {
				if s := fact(p.Source).Sources; s != nil {
					return s, nil
				}
				return []thelist.Source{}, nil
			}},
	}
}

func networkMerge(base graphql.Fields, more graphql.Fields) graphql.Fields {
	for k, v := range more {
		base[k] = v
	}
	return base
}

func networkList(t graphql.Type) *graphql.NonNull {
	return graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t)))
}

func newNetworkTypes(t *types) *networkTypes {
	nt := &networkTypes{
		linkKind: networkEnum("LinkKind", "How two people are linked in a path.", thelist.LinkKinds),
		edgeType: networkEnum("NetworkEdgeType", "A relationship type of the graph, as the network view draws it.", thelist.EdgeTypes),
	}
	nt.labAlumni = labAlumniType(t)
	nt.path = pathType(t, nt.linkKind)
	nt.neighborhood = neighborhoodType(t, nt.edgeType)
	return nt
}
