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
	nodeKind := networkEnum("NetworkNodeKind", "The kind of a node of the network view.",
		[]string{thelist.NodePerson, thelist.NodeLab, thelist.NodePaper, thelist.NodeOffer, thelist.NodeMove, thelist.NodeGroup})

	next := graphql.NewObject(graphql.ObjectConfig{
		Name:        "AlumnusNext",
		Description: "Where an alumnus went next: the first stint, or move, to a lab outside the one they left.",
		Fields: networkMerge(graphql.Fields{
			"lab": {Type: graphql.NewNonNull(t.lab)},
			"date": {Type: graphql.String, Description: "When it began, at the precision reported.",
				Resolve: optionalDate(func(v any) thelist.Date { return v.(*thelist.AlumnusNext).Date })},
			"by": {Type: graphql.NewNonNull(graphql.String), Description: "STINT or MOVE: the record that says so."},
			"id": {Type: graphql.NewNonNull(graphql.ID), Description: "The stint's or move's id."},
		}, networkFactFields(t.source, func(v any) thelist.Fact { return v.(*thelist.AlumnusNext).Fact })),
	})
	alumnus := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Alumnus",
		Description: "Someone who left the lab.",
		Fields: graphql.Fields{
			"person": {Type: graphql.NewNonNull(t.person)},
			"left": {Type: graphql.NewNonNull(graphql.String), Description: "When they left, at the precision reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(thelist.Alumnus).Left.String(), nil }},
			"leftBy": {Type: graphql.NewNonNull(graphql.String), Description: "STINT (a stint at the lab ended) or MOVE (a move away from it)."},
			"stint": {Type: t.stint, Description: "Their last stint at the lab.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if s := p.Source.(thelist.Alumnus).Stint; s != nil {
						return *s, nil
					}
					return nil, nil
				}},
			"next": {Type: next, Description: "Where they went next; null when no stint or move says."},
		},
	})
	destination := graphql.NewObject(graphql.ObjectConfig{
		Name:        "AlumniDestination",
		Description: "The alumni who went to one lab next.",
		Fields: graphql.Fields{
			"lab":    {Type: graphql.NewNonNull(t.lab)},
			"count":  {Type: graphql.NewNonNull(graphql.Int)},
			"people": {Type: networkList(t.person), Description: "By name."},
		},
	})
	period := graphql.NewObject(graphql.ObjectConfig{
		Name:        "AlumniPeriod",
		Description: "The alumni who left in one year, by where they went.",
		Fields: graphql.Fields{
			"year":         {Type: graphql.NewNonNull(graphql.Int)},
			"count":        {Type: graphql.NewNonNull(graphql.Int)},
			"unknown":      {Type: graphql.NewNonNull(graphql.Int), Description: "Alumni of the year whose next lab is not known."},
			"destinations": {Type: networkList(destination), Description: "Most alumni first."},
		},
	})
	cluster := graphql.NewObject(graphql.ObjectConfig{
		Name: "AlumniCluster",
		Description: "Alumni who worked together (overlapping stints at a lab) or wrote papers together, and moved to " +
			"the same lab within about a year: a community found by Louvain.",
		Fields: graphql.Fields{
			"members": {Type: networkList(t.person), Description: "By name."},
			"size": {Type: graphql.NewNonNull(graphql.Int),
				Resolve: func(p graphql.ResolveParams) (any, error) { return len(p.Source.(thelist.AlumniCluster).Members), nil }},
			"sharedLabs":   {Type: networkList(t.lab), Description: "Labs where the stints of two members overlapped."},
			"sharedPapers": {Type: networkList(t.paper), Description: "Papers two members wrote together."},
			"destinations": {Type: networkList(destination), Description: "Where the members went, most first."},
			"weight":       {Type: graphql.NewNonNull(graphql.Float), Description: "The ties inside the cluster: years of overlap plus shared papers."},
		},
	})
	nt.labAlumni = graphql.NewObject(graphql.ObjectConfig{
		Name:        "LabAlumni",
		Description: "Who left a lab, where they went, and who left together.",
		Fields: graphql.Fields{
			"lab": {Type: graphql.NewNonNull(t.lab),
				Resolve: func(p graphql.ResolveParams) (any, error) { l := p.Source.(thelist.LabAlumni).Lab; return &l, nil }},
			"count": {Type: graphql.NewNonNull(graphql.Int),
				Resolve: func(p graphql.ResolveParams) (any, error) { return len(p.Source.(thelist.LabAlumni).Alumni), nil }},
			"alumni":       {Type: networkList(alumnus), Description: "Most recent departure first."},
			"destinations": {Type: networkList(destination), Description: "Most alumni first."},
			"periods":      {Type: networkList(period), Description: "By the year they left, oldest first."},
			"clusters":     {Type: networkList(cluster), Description: "Largest first."},
		},
	})

	link := graphql.NewObject(graphql.ObjectConfig{
		Name:        "PathLink",
		Description: "One relationship a step of a path is made of.",
		Fields: networkMerge(graphql.Fields{
			"type": {Type: graphql.NewNonNull(graphql.String), Description: "WORKED_AT, STUDIED_AT, AUTHORED, RECRUITED, ADVISED or MOVE."},
			"id": {Type: graphql.ID, Description: "The stint's, degree's, recruitment's or move's id.",
				Resolve: optionalString(func(v any) string { return v.(thelist.PathLink).ID })},
			"personId": {Type: graphql.NewNonNull(graphql.ID), Description: "Whose relationship it is (the recruiter's, the advisor's)."},
			"role": {Type: graphql.String, Description: "A stint's role or a degree's kind.",
				Resolve: optionalString(func(v any) string { return v.(thelist.PathLink).Role })},
			"start": {Type: graphql.String, Resolve: optionalDate(func(v any) thelist.Date { return v.(thelist.PathLink).Start })},
			"end":   {Type: graphql.String, Resolve: optionalDate(func(v any) thelist.Date { return v.(thelist.PathLink).End })},
		}, networkFactFields(t.source, func(v any) thelist.Fact { return v.(thelist.PathLink).Fact })),
	})
	step := graphql.NewObject(graphql.ObjectConfig{
		Name:        "PathStep",
		Description: "One hop of a path: two people and what links them.",
		Fields: graphql.Fields{
			"from": {Type: graphql.NewNonNull(t.person)},
			"to":   {Type: graphql.NewNonNull(t.person)},
			"kind": {Type: graphql.NewNonNull(nt.linkKind)},
			"inverse": {Type: graphql.NewNonNull(graphql.Boolean),
				Description: "For RECRUITED and ADVISED: true when `to` recruited or advised `from`."},
			"viaLab": {Type: t.lab, Description: "The lab of WORKED_WITH, STUDIED_WITH and MOVED_WITH."},
			"viaPaper": {Type: t.paper, Description: "The paper of COAUTHORED.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if w := p.Source.(thelist.PathStep).ViaPaper; w != nil {
						return *w, nil
					}
					return nil, nil
				}},
			"start": {Type: graphql.String, Description: "When the link began: the later start of two overlapping stints, a recruitment's date, the earlier move.",
				Resolve: optionalDate(func(v any) thelist.Date { return v.(thelist.PathStep).Start })},
			"end": {Type: graphql.String, Description: "When two overlapping stints stopped overlapping, when reported.",
				Resolve: optionalDate(func(v any) thelist.Date { return v.(thelist.PathStep).End })},
			"links": {Type: networkList(link)},
			"sources": {Type: networkList(t.source), Description: "Every source of the step's links.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					seen := map[string]bool{}
					out := []thelist.Source{}
					for _, l := range p.Source.(thelist.PathStep).Links {
						for _, s := range l.Sources {
							if !seen[s.ID] {
								seen[s.ID] = true
								out = append(out, s)
							}
						}
					}
					return out, nil
				}},
		},
	})
	nt.path = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Path",
		Description: "The shortest chain of people between two people.",
		Fields: graphql.Fields{
			"length": {Type: graphql.NewNonNull(graphql.Int), Description: "Hops.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return len(p.Source.(*thelist.Path).Steps), nil }},
			"people": {Type: networkList(t.person), Description: "From first, to last."},
			"steps":  {Type: networkList(step)},
		},
	})

	node := graphql.NewObject(graphql.ObjectConfig{
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
	edge := graphql.NewObject(graphql.ObjectConfig{
		Name:        "NetworkEdge",
		Description: "A relationship of the network view, between node keys.",
		Fields: graphql.Fields{
			"id":     {Type: graphql.NewNonNull(graphql.ID)},
			"source": {Type: graphql.NewNonNull(graphql.ID), Description: "The key of the node it leaves."},
			"target": {Type: graphql.NewNonNull(graphql.ID), Description: "The key of the node it reaches."},
			"type":   {Type: graphql.NewNonNull(nt.edgeType)},
			"start": {Type: graphql.String, Description: "Its start or date, or its move's or offer's date.",
				Resolve: optionalDate(func(v any) thelist.Date { return v.(thelist.NetworkEdge).Start })},
			"end":        {Type: graphql.String, Resolve: optionalDate(func(v any) thelist.Date { return v.(thelist.NetworkEdge).End })},
			"confidence": {Type: graphql.NewNonNull(graphql.String), Description: "reported, inferred or unconfirmed."},
		},
	})
	nt.neighborhood = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Neighborhood",
		Description: "A bounded subgraph around a person, lab or paper, for the network view.",
		Fields: graphql.Fields{
			"center":    {Type: graphql.NewNonNull(node)},
			"nodes":     {Type: networkList(node), Description: "The centre first, then by distance, kind and id."},
			"edges":     {Type: networkList(edge), Description: "Every relationship among the nodes."},
			"truncated": {Type: graphql.NewNonNull(graphql.Boolean), Description: "More nodes were in reach than limit let in; the nearest were kept."},
		},
	})
	return nt
}
