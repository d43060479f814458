package api

import (
	"context"

	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// NetworkStore reads the network questions: a lab's alumni and their
// clusters, the shortest chain between two people, and the subgraph around
// a node.
type NetworkStore interface {
	LabAlumni(ctx context.Context, q thelist.AlumniQuery) (thelist.LabAlumni, error)
	Path(ctx context.Context, q thelist.PathQuery) (*thelist.Path, error)
	Neighborhood(ctx context.Context, q thelist.NeighborhoodQuery) (thelist.Neighborhood, error)
}

// networkQueries are labAlumni, path and neighborhood.
func networkQueries(store Store, t *types) graphql.Fields {
	nt := newNetworkTypes(t)
	return graphql.Fields{
		"labAlumni":    labAlumniField(store, nt),
		"path":         pathField(store, nt),
		"neighborhood": neighborhoodField(store, nt),
	}
}

func labAlumniField(store NetworkStore, nt *networkTypes) *graphql.Field {
	return &graphql.Field{
		Type: nt.labAlumni,
		Description: "People whose time at a lab (and the labs that are part of it) ended in [since, until), where they " +
			"went next by destination and by year, and clusters of alumni who worked or wrote together and moved " +
			"together. An unknown lab is NOT_FOUND.",
		Args: graphql.FieldConfigArgument{
			"lab":   {Type: graphql.NewNonNull(graphql.ID)},
			"since": {Type: graphql.String, Description: "Departures on or after (YYYY, YYYY-MM or YYYY-MM-DD)."},
			"until": {Type: graphql.String, Description: "Departures before this."},
			"asOf": {Type: graphql.String, Description: "The lab's history as known that day: later departures " +
				"and later jobs have not happened yet."},
			"includeChildren": {Type: graphql.Boolean, DefaultValue: true,
				Description: "Leaving a lab that is part of this one counts; moving between its parts does not."},
			"first": {Type: graphql.Int, DefaultValue: thelist.DefaultAlumniPage,
				Description: "How many alumni to list, latest departure first (counts and destinations cover all of them)."},
			"after": {Type: graphql.String, Description: "The pageInfo.endCursor of the page before."},
		},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			q := thelist.AlumniQuery{LabID: p.Args["lab"].(string), IncludeChildren: p.Args["includeChildren"].(bool),
				FullPeople: selectsPersonDetail(p), First: p.Args["first"].(int)}
			if after, ok := p.Args["after"].(string); ok {
				q.After = after
			}
			var err error
			if q.Since, q.Until, q.AsOf, err = periodArgs(p.Args); err != nil {
				return nil, clientError(p.Context, err)
			}
			got, err := store.LabAlumni(p.Context, q)
			if err != nil {
				return nil, clientError(p.Context, err)
			}
			return got, nil
		},
	}
}

func pathField(store NetworkStore, nt *networkTypes) *graphql.Field {
	return &graphql.Field{
		Type: nt.path,
		Description: "The shortest chain of people from one person to another, by the kinds of links given, " +
			"or null when there is none within maxHops. An unknown person is NOT_FOUND; a search that would expand too many " +
			"people in one hop is TOO_BROAD.",
		Args: graphql.FieldConfigArgument{
			"from": {Type: graphql.NewNonNull(graphql.ID)},
			"to":   {Type: graphql.NewNonNull(graphql.ID)},
			"kinds": {Type: graphql.NewList(graphql.NewNonNull(nt.linkKind)),
				Description: "The links the chain may use; omitted: all of them."},
			"maxHops": {Type: graphql.Int, DefaultValue: 4, Description: "At most this many hops, 1 to 6."},
			"asOf": {Type: graphql.String, Description: "Only links that held that day: both stints going on, " +
				"a recruitment or move that had happened, a paper that was out."},
		},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			q := thelist.PathQuery{From: p.Args["from"].(string), To: p.Args["to"].(string),
				MaxHops: p.Args["maxHops"].(int), FullPeople: selectsPersonDetail(p)}
			if err := thelist.CheckPathHops(q.MaxHops); err != nil {
				return nil, clientError(p.Context, err)
			}
			var err error
			if q.Kinds, err = networkKinds(p.Args, "kinds"); err != nil {
				return nil, clientError(p.Context, err)
			}
			if q.AsOf, err = dateArg(p.Args, "asOf"); err != nil {
				return nil, clientError(p.Context, err)
			}
			got, err := store.Path(p.Context, q)
			if err != nil {
				return nil, clientError(p.Context, err)
			} else if got == nil {
				return nil, nil
			}
			return got, nil
		},
	}
}

func neighborhoodField(store NetworkStore, nt *networkTypes) *graphql.Field {
	return &graphql.Field{
		Type: nt.neighborhood,
		Description: "The nodes within hops relationships of a person, lab or paper (a person first when ids " +
			"collide), nearest first, at most limit of them with the centre, and the relationships among them. " +
			"An unknown id is NOT_FOUND.",
		Args: graphql.FieldConfigArgument{
			"id":    {Type: graphql.NewNonNull(graphql.ID)},
			"hops":  {Type: graphql.Int, DefaultValue: 1, Description: "Relationships from the centre, 1 to 3."},
			"limit": {Type: graphql.Int, DefaultValue: 200, Description: "Nodes, the centre included, 1 to 5000."},
			"kinds": {Type: graphql.NewList(graphql.NewNonNull(nt.edgeType)),
				Description: "The relationship types to follow and show; omitted: all of them."},
			"asOf": {Type: graphql.String, Description: "Only relationships that held that day."},
		},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			q := thelist.NeighborhoodQuery{ID: p.Args["id"].(string), Hops: p.Args["hops"].(int), Limit: p.Args["limit"].(int)}
			if err := thelist.CheckNeighborhoodHops(q.Hops); err != nil {
				return nil, clientError(p.Context, err)
			}
			if err := thelist.CheckNeighborhoodLimit(q.Limit); err != nil {
				return nil, clientError(p.Context, err)
			}
			var err error
			if q.Types, err = networkKinds(p.Args, "kinds"); err != nil {
				return nil, clientError(p.Context, err)
			}
			if q.AsOf, err = dateArg(p.Args, "asOf"); err != nil {
				return nil, clientError(p.Context, err)
			}
			got, err := store.Neighborhood(p.Context, q)
			if err != nil {
				return nil, clientError(p.Context, err)
			}
			return got, nil
		},
	}
}

// networkKinds reads a list-of-enum argument: absent means every value, an
// empty list is a mistake (it would match nothing).
func networkKinds(args map[string]any, name string) ([]string, error) {
	v, ok := args[name].([]any)
	if !ok {
		return nil, nil
	}
	if len(v) == 0 {
		return nil, thelist.Errorf(thelist.EINVALID, "%s: give at least one, or leave it out for all", name)
	}
	out := make([]string, 0, len(v))
	for _, k := range v {
		s, _ := k.(string) // the enum type admits strings only
		out = append(out, s)
	}
	return out, nil
}
