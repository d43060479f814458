package api

import (
	"context"
	"encoding/json"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"

	"github.com/thelist/thelist"
)

// ListStore keeps recruiters' shortlists and saved searches. Every method
// takes the owner, the name of the caller's API key; a list of another
// owner is NOT_FOUND, as a missing one is. withMembers says whether to read
// the members of a shortlist (with their credentials), which only a client
// that selects them pays for.
type ListStore interface {
	Shortlists(ctx context.Context, owner string, withMembers bool) ([]thelist.Shortlist, error)
	Shortlist(ctx context.Context, owner, id string, withMembers bool) (thelist.Shortlist, error)
	CreateShortlist(ctx context.Context, owner, name string) (thelist.Shortlist, error)
	RenameShortlist(ctx context.Context, owner, id, name string, withMembers bool) (thelist.Shortlist, error)
	DeleteShortlist(ctx context.Context, owner, id string) error
	AddToShortlist(ctx context.Context, owner, id string, personIDs []string, note *string, withMembers bool) (thelist.Shortlist, error)
	RemoveFromShortlist(ctx context.Context, owner, id string, personIDs []string, withMembers bool) (thelist.Shortlist, error)
	SavedSearches(ctx context.Context, owner string) ([]thelist.SavedSearch, error)
	SaveSearch(ctx context.Context, owner, name, filter string) (thelist.SavedSearch, error)
	DeleteSavedSearch(ctx context.Context, owner, id string) error
}

// readerMutations are the mutations that write only the caller's own lists,
// so a reader's key may send them; every other mutation needs an editor.
var readerMutations = map[string]bool{
	"createShortlist": true, "renameShortlist": true, "deleteShortlist": true,
	"addToShortlist": true, "removeFromShortlist": true,
	"saveSearch": true, "deleteSavedSearch": true,
}

// ownedQueries are the queries that read only the caller's own lists, and
// need a key for it. An anonymous request for one is refused with HTTP 401
// before it runs (serveGraphQL), as an anonymous mutation is: the status
// tells a client that a key is missing, not that the request ran.
var ownedQueries = map[string]bool{"shortlists": true, "shortlist": true, "savedSearches": true}

// selectsOwned says whether op selects one of ownedQueries at its root,
// fragments followed.
func selectsOwned(doc *ast.Document, op *ast.OperationDefinition) bool {
	fragments := map[string]*ast.FragmentDefinition{}
	for _, def := range doc.Definitions {
		if f, ok := def.(*ast.FragmentDefinition); ok && f.Name != nil {
			fragments[f.Name.Value] = f
		}
	}
	seen := map[string]bool{}
	var owned func(set *ast.SelectionSet) bool
	owned = func(set *ast.SelectionSet) bool {
		if set == nil {
			return false
		}
		for _, sel := range set.Selections {
			switch sel := sel.(type) {
			case *ast.Field:
				if sel.Name != nil && ownedQueries[sel.Name.Value] {
					return true
				}
			case *ast.InlineFragment:
				if owned(sel.SelectionSet) {
					return true
				}
			case *ast.FragmentSpread:
				if f := fragments[sel.Name.Value]; f != nil && !seen[sel.Name.Value] {
					seen[sel.Name.Value] = true
					if owned(f.SelectionSet) {
						return true
					}
				}
			}
		}
		return false
	}
	return owned(op.SelectionSet)
}

// listOwner is the owner of the caller's lists: the name of their key,
// which needs the reader role at least. An anonymous caller has no lists.
func listOwner(ctx context.Context) (string, error) {
	if err := requireRole(ctx, RoleReader); err != nil {
		return "", err
	}
	return PrincipalFrom(ctx).Name, nil
}

// selectsMembers says whether the client asked for a shortlist's members.
func selectsMembers(p graphql.ResolveParams) bool {
	return selectsAnyField(p, map[string]bool{"members": true})
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// shortlistType is Shortlist, with ShortlistMember.
func shortlistType(t *types) *graphql.Object {
	m := func(v any) thelist.ShortlistMember { return v.(thelist.ShortlistMember) }
	member := graphql.NewObject(graphql.ObjectConfig{
		Name: "ShortlistMember",
		Description: "A person on a shortlist, with their credentials as people(where) shows a candidate's, " +
			"and what the list's owner wrote about them.",
		Fields: graphql.Fields{
			"node": {Type: graphql.NewNonNull(t.person),
				Resolve: func(p graphql.ResolveParams) (any, error) { return m(p.Source).Person, nil }},
			"addedAt": {Type: graphql.NewNonNull(graphql.String), Description: "When they were put on the list, as RFC 3339 in UTC.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return rfc3339(m(p.Source).AddedAt), nil }},
			"note": {Type: graphql.String, Resolve: optionalString(func(v any) string { return m(v).Note })},
			"credentials": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.credentialMatch))),
				Description: "The three credentials, met or not, each with its evidence.",
				Resolve:     func(p graphql.ResolveParams) (any, error) { return m(p.Source).Credentials, nil }},
			"matched": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.String))),
				Description: "The credentials they meet, in words, one line each, as people(where) says why someone matched.",
				Resolve:     func(p graphql.ResolveParams) (any, error) { return reasonsInWords(m(p.Source).Reasons), nil }},
			"reasons": {Type: list(t.matchReason), Description: "The credentials they meet, as data: one reason each, with its records.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(m(p.Source).Reasons), nil }},
			"citations": {Type: graphql.NewNonNull(graphql.Float), Description: "Total citations of their papers.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return float64(m(p.Source).Citations), nil }},
			"tenureYears": {Type: graphql.Float, Description: "Years at the current lab today; null with no current stint of known start.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if d := m(p.Source).TenureDays; d != nil {
						return float64(*d) / 365.25, nil
					}
					return nil, nil
				}},
		},
	})
	l := func(v any) thelist.Shortlist { return v.(thelist.Shortlist) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Shortlist",
		Description: "A named list of people that the owner of an API key keeps. Only that key sees it.",
		Fields: graphql.Fields{
			"id":   {Type: reqID, Resolve: func(p graphql.ResolveParams) (any, error) { return l(p.Source).ID, nil }},
			"name": {Type: reqString, Resolve: func(p graphql.ResolveParams) (any, error) { return l(p.Source).Name, nil }},
			"createdAt": {Type: reqString, Description: "RFC 3339 in UTC.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return rfc3339(l(p.Source).CreatedAt), nil }},
			"updatedAt": {Type: reqString, Description: "When it was last renamed or its people changed; RFC 3339 in UTC.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return rfc3339(l(p.Source).UpdatedAt), nil }},
			"size": {Type: graphql.NewNonNull(graphql.Int), Description: "How many people are on it.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return l(p.Source).Size, nil }},
			"members": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(member))),
				Description: "The people on it, in the order they were added.",
				Resolve:     func(p graphql.ResolveParams) (any, error) { return nonNil(l(p.Source).Members), nil }},
		},
	})
}

func savedSearchType() *graphql.Object {
	s := func(v any) thelist.SavedSearch { return v.(thelist.SavedSearch) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "SavedSearch",
		Description: "A recruiter's filter kept under a name. Only the API key that saved it sees it.",
		Fields: graphql.Fields{
			"id":   {Type: reqID, Resolve: func(p graphql.ResolveParams) (any, error) { return s(p.Source).ID, nil }},
			"name": {Type: reqString, Resolve: func(p graphql.ResolveParams) (any, error) { return s(p.Source).Name, nil }},
			"where": {Type: reqString,
				Description: "The PeopleFilter as JSON, as it was saved: send it back as people(where:) to run the search again.",
				Resolve:     func(p graphql.ResolveParams) (any, error) { return s(p.Source).Filter, nil }},
			"createdAt": {Type: reqString, Description: "RFC 3339 in UTC.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return rfc3339(s(p.Source).CreatedAt), nil }},
			"updatedAt": {Type: reqString, Description: "When it was last saved; RFC 3339 in UTC.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return rfc3339(s(p.Source).UpdatedAt), nil }},
		},
	})
}

// asOwner resolves a field of the caller's own lists: fn runs with the
// caller as owner, and its errors are made fit for a client.
func asOwner(fn func(p graphql.ResolveParams, owner string) (any, error)) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		owner, err := listOwner(p.Context)
		if err != nil {
			return nil, err
		}
		v, err := fn(p, owner)
		if err != nil {
			return nil, clientError(p.Context, err)
		}
		return v, nil
	}
}

// listQueries are shortlists, shortlist and savedSearches: the caller's own.
func listQueries(store Store, t *types) graphql.Fields {
	return graphql.Fields{
		"shortlists": {
			Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.shortlist))),
			Description: "The caller's shortlists, the most recently changed first. Needs an API key (reader or editor).",
			Resolve: asOwner(func(p graphql.ResolveParams, owner string) (any, error) {
				return store.Shortlists(p.Context, owner, selectsMembers(p))
			}),
		},
		"shortlist": {
			Type:        t.shortlist,
			Description: "One of the caller's shortlists; NOT_FOUND when the caller has none with that id. Needs an API key.",
			Args:        graphql.FieldConfigArgument{"id": {Type: reqID}},
			Resolve: asOwner(func(p graphql.ResolveParams, owner string) (any, error) {
				return store.Shortlist(p.Context, owner, p.Args["id"].(string), selectsMembers(p))
			}),
		},
		"savedSearches": {
			Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.savedSearch))),
			Description: "The caller's saved searches, the most recently saved first. Needs an API key.",
			Resolve: asOwner(func(p graphql.ResolveParams, owner string) (any, error) {
				return store.SavedSearches(p.Context, owner)
			}),
		},
	}
}

// shortlistWrite is a mutation that returns the shortlist it changed.
func shortlistWrite(t *types, desc string, args graphql.FieldConfigArgument,
	write func(p graphql.ResolveParams, owner string) (any, error)) *graphql.Field {
	return &graphql.Field{
		Type: graphql.NewNonNull(t.shortlist), Description: desc + " Needs an API key (reader or editor).", Args: args,
		Resolve: asOwner(write),
	}
}

// deleteOwnedField is a mutation that deletes one of the caller's things by
// id and returns that id. del is a closure rather than a method value of the
// store, because the schema is also built without a store (for its SDL).
func deleteOwnedField(desc string, del func(ctx context.Context, owner, id string) error) *graphql.Field {
	return &graphql.Field{
		Type: reqID, Description: desc + " Returns its id. Needs an API key (reader or editor).",
		Args: graphql.FieldConfigArgument{"id": {Type: reqID}},
		Resolve: asOwner(func(p graphql.ResolveParams, owner string) (any, error) {
			id := p.Args["id"].(string)
			return id, del(p.Context, owner, id)
		}),
	}
}

// listMutations write the caller's shortlists and saved searches. Unlike
// the other mutations they need only a reader's key: they change nothing
// anyone else sees.
func listMutations(store Store, t *types) graphql.Fields {
	personIDs := &graphql.ArgumentConfig{Type: graphql.NewNonNull(graphql.NewList(reqID)),
		Description: "Person ids, at most 500."}
	return graphql.Fields{
		"createShortlist": shortlistWrite(t, "Makes an empty shortlist. A name the caller already uses (case ignored) is a CONFLICT.",
			graphql.FieldConfigArgument{"name": {Type: reqString, Description: "One line, at most 100 characters."}},
			func(p graphql.ResolveParams, owner string) (any, error) {
				return store.CreateShortlist(p.Context, owner, p.Args["name"].(string))
			}),
		"renameShortlist": shortlistWrite(t, "Renames one of the caller's shortlists.",
			graphql.FieldConfigArgument{"id": {Type: reqID}, "name": {Type: reqString}},
			func(p graphql.ResolveParams, owner string) (any, error) {
				return store.RenameShortlist(p.Context, owner, p.Args["id"].(string), p.Args["name"].(string), selectsMembers(p))
			}),
		"addToShortlist": shortlistWrite(t, "Puts people on one of the caller's shortlists. Someone already on it keeps "+
			"the time they were added. An id that names no person is BAD_USER_INPUT, naming it, and nothing is written.",
			graphql.FieldConfigArgument{"id": {Type: reqID}, "personIds": personIDs,
				"note": {Type: graphql.String, Description: "Becomes the note of every person named (\"\" clears it); " +
					"left out, the notes stay. At most 500 characters."}},
			func(p graphql.ResolveParams, owner string) (any, error) {
				var note *string
				if s, ok := p.Args["note"].(string); ok {
					note = &s
				}
				return store.AddToShortlist(p.Context, owner, p.Args["id"].(string), stringList(p.Args["personIds"]), note, selectsMembers(p))
			}),
		"removeFromShortlist": shortlistWrite(t, "Takes people off one of the caller's shortlists; an id not on it is ignored.",
			graphql.FieldConfigArgument{"id": {Type: reqID}, "personIds": personIDs},
			func(p graphql.ResolveParams, owner string) (any, error) {
				return store.RemoveFromShortlist(p.Context, owner, p.Args["id"].(string), stringList(p.Args["personIds"]), selectsMembers(p))
			}),
		"deleteShortlist": deleteOwnedField("Deletes one of the caller's shortlists (the people stay in the graph).",
			func(ctx context.Context, owner, id string) error { return store.DeleteShortlist(ctx, owner, id) }),
		"saveSearch": {
			Type: graphql.NewNonNull(t.savedSearch),
			Description: "Keeps a people filter under a name. Saving under a name the caller already uses replaces that search. " +
				"Needs an API key (reader or editor).",
			Args: graphql.FieldConfigArgument{
				"name":  {Type: reqString, Description: "One line, at most 100 characters."},
				"where": {Type: graphql.NewNonNull(t.peopleFilter), Description: "The filter, checked as people(where:) checks it."},
			},
			Resolve: asOwner(func(p graphql.ResolveParams, owner string) (any, error) {
				where := p.Args["where"]
				if _, err := candidateFilter(map[string]any{"where": where}); err != nil {
					return nil, err
				}
				filter, err := json.Marshal(where)
				if err != nil {
					return nil, err
				}
				return store.SaveSearch(p.Context, owner, p.Args["name"].(string), string(filter))
			}),
		},
		"deleteSavedSearch": deleteOwnedField("Deletes one of the caller's saved searches.",
			func(ctx context.Context, owner, id string) error { return store.DeleteSavedSearch(ctx, owner, id) }),
	}
}
