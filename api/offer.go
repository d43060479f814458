package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// offerType is a reported offer, read as a thelist.OfferView.
func offerType(lab, person, source *graphql.Object) *graphql.Object {
	offer := func(v any) thelist.OfferView { return v.(thelist.OfferView) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Offer",
		Description: "Compensation a lab was reported to offer a person.",
		// The declared fields (thelist.OfferFields) and, by hand, the lab
		// and people its references name.
		Fields: withFields(declaredFields(thelist.OfferFields, source), graphql.Fields{
			"lab": {Type: lab, Description: "The lab that made it.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(offer(p.Source).Lab), nil }},
			"person": {Type: person, Description: "The person it was made to.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return personOrNil(offer(p.Source).Person), nil }},
			"extendedBy": {Type: person, Description: "The person who extended it, when reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return personOrNil(offer(p.Source).ExtendedBy), nil }},
		}),
	})
}

// nonNilSources keeps a non-null list non-null when nothing was read.
func nonNilSources(s []thelist.Source) []thelist.Source {
	if s == nil {
		return []thelist.Source{}
	}
	return s
}

// labOrNil gives the Lab type (which reads a *thelist.Lab) a nil interface
// for a missing lab, so the field is null rather than a typed nil.
func labOrNil(l *thelist.Lab) any {
	if l == nil {
		return nil
	}
	return l
}

// personOrNil gives the Person type (which reads a thelist.Person value) a
// person or null.
func personOrNil(p *thelist.Person) any {
	if p == nil {
		return nil
	}
	return *p
}
