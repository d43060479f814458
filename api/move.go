package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// moveType is Move, which talent flows list by period and the person page
// lists for its person.
func moveType(t *types) *graphql.Object {
	mv := func(v any) thelist.FlowMove { return v.(thelist.FlowMove) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Move",
		Description: "A person leaving one lab for another.",
		// The declared fields (thelist.MoveFields) and, by hand, the people
		// and labs its references name.
		Fields: withFields(declaredFields(thelist.MoveFields, t.source), graphql.Fields{
			"person": {Type: graphql.NewNonNull(t.person)},
			"from": {Type: t.lab, Description: "The lab left, when reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(mv(p.Source).FromLab), nil }},
			"to": {Type: t.lab, Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(mv(p.Source).ToLab), nil }},
			"recruiter": {Type: t.person, Description: "Who recruited them for this move, when reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return personOrNil(mv(p.Source).Recruiter), nil }},
			// Read on the person page only, so that an editor's correction of
			// the move (upsertMove writes it whole) sends it back.
			"offerId": {Type: graphql.ID, Description: "The offer the move took, when reported. Read by person(id) only; null in talent flows.",
				Resolve: optionalString(func(v any) string { return mv(v).OfferID })},
		}),
	})
}
