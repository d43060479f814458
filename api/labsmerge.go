package api

import (
	"context"
	"strings"

	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// LabMergeStore merges labs and undoes merges (graph.DB.MergeLabs and
// UnmergeLabs).
type LabMergeStore interface {
	MergeLabs(ctx context.Context, keepID, goneID, sourceID string, c thelist.Change) (thelist.Change, error)
	UnmergeLabs(ctx context.Context, changeID string, c thelist.Change) (thelist.Change, error)
}

// labMergeMutations are mergeLabs and unmergeLabs, for editors.
func labMergeMutations(store Store, t *types) graphql.Fields {
	// edit runs one of the two for the editor the request's key names,
	// with a reason that must say why.
	edit := func(p graphql.ResolveParams, do func(ctx context.Context, c thelist.Change) (thelist.Change, error)) (any, error) {
		ctx := p.Context
		if err := requireRole(ctx, RoleEditor); err != nil {
			return nil, err
		}
		reason := strings.TrimSpace(p.Args["reason"].(string))
		if reason == "" {
			return nil, newGQLError(thelist.EINVALID, "reason: say why")
		}
		who := PrincipalFrom(ctx)
		change, err := do(ctx, thelist.Change{Who: who.Name, Role: who.Role.String(), Reason: reason})
		if err != nil {
			return nil, clientError(ctx, err)
		}
		return change, nil
	}
	return graphql.Fields{
		"mergeLabs": {
			Type: graphql.NewNonNull(t.change),
			Description: "Merges the lab gone into the lab keep, two names of one institution: every relationship of gone " +
				"moves to keep, gone's names become keep's aliases, its registry ids (ROR, OpenAlex, Wikidata) and sources " +
				"are kept, and gone is deleted. Both labs' histories log the merge; unmergeLabs undoes it. Two labs with " +
				"different ids in one registry are BAD_USER_INPUT. Needs an editor's key; returns the kept lab's Change.",
			Args: graphql.FieldConfigArgument{
				"keep":   {Type: reqID, Description: "The lab that stays."},
				"gone":   {Type: reqID, Description: "The lab merged into it."},
				"source": {Type: reqID, Description: "The id of a source that shows the two are one institution, added before (addSource)."},
				"reason": {Type: reqString, Description: "Why, for the labs' history."},
			},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				return edit(p, func(ctx context.Context, c thelist.Change) (thelist.Change, error) {
					return store.MergeLabs(ctx, p.Args["keep"].(string), p.Args["gone"].(string), p.Args["source"].(string), c)
				})
			},
		},
		"unmergeLabs": {
			Type: graphql.NewNonNull(t.change),
			Description: "Undoes a lab merge, given the id of either Change it logged: the merged lab comes back with its " +
				"relationships and the kept lab is as it was before. CONFLICT when the merge was undone already or the " +
				"kept lab changed since. Needs an editor's key; returns the restored lab's Change.",
			Args: graphql.FieldConfigArgument{
				"change": {Type: reqID, Description: "The merge's Change id (mergeLabs's answer, or the labs' history)."},
				"reason": {Type: reqString, Description: "Why, for the labs' history."},
			},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				return edit(p, func(ctx context.Context, c thelist.Change) (thelist.Change, error) {
					return store.UnmergeLabs(ctx, p.Args["change"].(string), c)
				})
			},
		},
	}
}
