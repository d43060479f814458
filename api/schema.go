package api

import (
	"context"
	"fmt"

	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// Store is what the API needs from the database: the small interfaces that
// each group of queries declares in its own file, beside its resolvers.
// graph.DB implements all of them.
type Store interface {
	Pinger
	PersonStore
	CandidateStore
	FlowStore
	NetworkStore
	MutationStore
	ListStore
	MoneyStore
	LabMergeStore
	LabsStore
}

// Pinger says whether the database answers; /readyz asks it.
type Pinger interface {
	Ping(ctx context.Context) error
}

// types are the object types that several groups of queries share. Each is
// built by a function in a file of its own.
type types struct {
	source, lab, stint, degree, person *graphql.Object
	paper, pageInfo                    *graphql.Object
	offer, move                        *graphql.Object
	change                             *graphql.Object
	credentialMatch                    *graphql.Object
	matchReason                        *graphql.Object
	investment                         *graphql.Object // set by flowQueries, which builds it; moneyQueries runs after
	peopleFilter                       *graphql.InputObject
	shortlist, savedSearch             *graphql.Object
}

func newTypes() *types {
	t := &types{}
	t.source = sourceType()
	t.lab = labType(t.source)
	t.stint = stintType(t.lab, t.source)
	t.degree = degreeType(t.lab, t.source)
	t.person = personType(t.stint, t.degree, t.source)
	t.paper = paperType(t.source)
	t.pageInfo = pageInfoType()
	t.offer = offerType(t.lab, t.person, t.source)
	t.change = changeType()
	t.credentialMatch = credentialMatchType(t)
	t.matchReason = matchReasonType(t.source)
	t.move = moveType(t)
	addPersonDetail(t)
	t.peopleFilter = peopleFilterType()
	t.shortlist = shortlistType(t)
	t.savedSearch = savedSearchType()
	return t
}

// queryGroups are the functions that add root query fields, one per group of
// related questions, each in the file of its group.
var queryGroups = []func(store Store, t *types) graphql.Fields{
	personQueries,
	candidateQueries,
	flowQueries,
	moneyQueries,
	networkQueries,
	historyQueries,
	listQueries,
	labsQueries,
}

// mutationGroups are the functions that add root mutation fields, like
// queryGroups.
var mutationGroups = []func(store Store, t *types) graphql.Fields{
	mutationGroup,
	listMutations,
	labMergeMutations,
}

// NewSchema builds the GraphQL schema.
func NewSchema(store Store) (graphql.Schema, error) {
	t := newTypes()
	fields := graphql.Fields{}
	for _, group := range queryGroups {
		for name, f := range group(store, t) {
			if _, dup := fields[name]; dup {
				return graphql.Schema{}, fmt.Errorf("query field %q is defined twice", name)
			}
			fields[name] = f
		}
	}
	mutations := graphql.Fields{}
	for _, group := range mutationGroups {
		for name, f := range group(store, t) {
			if _, dup := mutations[name]; dup {
				return graphql.Schema{}, fmt.Errorf("mutation field %q is defined twice", name)
			}
			mutations[name] = checkingText(f)
		}
	}
	cfg := graphql.SchemaConfig{
		Query: graphql.NewObject(graphql.ObjectConfig{Name: "Query", Fields: fields}),
	}
	// A Mutation type with no fields is not valid GraphQL.
	if len(mutations) > 0 {
		cfg.Mutation = graphql.NewObject(graphql.ObjectConfig{Name: "Mutation", Fields: mutations})
	}
	return graphql.NewSchema(cfg)
}

// optionalString resolves a string field that is null when empty: the
// domain uses "" for "not reported", GraphQL clients expect null.
func optionalString(get func(any) string) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		if s := get(p.Source); s != "" {
			return s, nil
		}
		return nil, nil
	}
}

// optionalDate resolves a thelist.Date field as text at its reported
// precision ("2013", "2023-11"), or null when unknown.
func optionalDate(get func(any) thelist.Date) graphql.FieldResolveFn {
	return optionalString(func(src any) string { return get(src).String() })
}
