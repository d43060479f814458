package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// This file holds the types of neighborhood: the bounded subgraph the
// network view draws.

func neighborhoodType(t *types, edgeType *graphql.Enum) *graphql.Object {
	node := networkNodeType(t)
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Neighborhood",
		Description: "A bounded subgraph around a person, lab or paper, for the network view.",
		Fields: graphql.Fields{
			"center":    {Type: graphql.NewNonNull(node)},
			"nodes":     {Type: networkList(node), Description: "The centre first, then by distance, kind and id."},
			"edges":     {Type: networkList(networkEdgeType(edgeType)), Description: "Every relationship among the nodes."},
			"truncated": {Type: graphql.NewNonNull(graphql.Boolean), Description: "More nodes were in reach than limit let in; the nearest were kept."},
		},
	})
}

func networkNodeType(t *types) *graphql.Object {
	nodeKind := networkEnum("NetworkNodeKind", "The kind of a node of the network view.",
		[]string{thelist.NodePerson, thelist.NodeLab, thelist.NodePaper, thelist.NodeOffer, thelist.NodeMove, thelist.NodeGroup})
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "NetworkNode",
		Description: "A node of the network view.",
		Fields: graphql.Fields{
			"key":      {Type: graphql.NewNonNull(graphql.ID), Description: "Unique across kinds (KIND:id); edges name nodes by it."},
			"id":       {Type: graphql.NewNonNull(graphql.ID), Description: "The record's id, unique within its kind."},
			"kind":     {Type: graphql.NewNonNull(nodeKind)},
			"label":    {Type: graphql.NewNonNull(graphql.String)},
			"distance": {Type: graphql.NewNonNull(graphql.Int), Description: "Relationships from the centre."},
			"labKind": {Type: graphql.String, Description: "A lab's kind.",
				Resolve: optionalString(func(v any) string { return v.(thelist.NetworkNode).LabKind })},
			"topLab": {Type: graphql.Boolean, Description: "A lab's place on the top-lab list.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if n := p.Source.(thelist.NetworkNode); n.Kind == thelist.NodeLab {
						return n.TopLab, nil
					}
					return nil, nil
				}},
			"currentLab": {Type: t.lab, Description: "A person's lab on the day asked (today without asOf): their latest stint that holds then."},
			"year": {Type: graphql.Int, Description: "A paper's year.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if y := p.Source.(thelist.NetworkNode).Year; y != 0 {
						return y, nil
					}
					return nil, nil
				}},
			"date": {Type: graphql.String, Description: "A move's or offer's date.",
				Resolve: optionalDate(func(v any) thelist.Date { return v.(thelist.NetworkNode).Date })},
		},
	})
}

func networkEdgeType(edgeType *graphql.Enum) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "NetworkEdge",
		Description: "A relationship of the network view, between node keys.",
		Fields: graphql.Fields{
			"id":     {Type: graphql.NewNonNull(graphql.ID)},
			"source": {Type: graphql.NewNonNull(graphql.ID), Description: "The key of the node it leaves."},
			"target": {Type: graphql.NewNonNull(graphql.ID), Description: "The key of the node it reaches."},
			"type":   {Type: graphql.NewNonNull(edgeType)},
			"start": {Type: graphql.String, Description: "Its start or date, or its move's or offer's date.",
				Resolve: optionalDate(func(v any) thelist.Date { return v.(thelist.NetworkEdge).Start })},
			"end":        {Type: graphql.String, Resolve: optionalDate(func(v any) thelist.Date { return v.(thelist.NetworkEdge).End })},
			"confidence": {Type: graphql.NewNonNull(graphql.String), Description: "reported, inferred or unconfirmed."},
		},
	})
}
