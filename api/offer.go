package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// offerType is a reported offer, read as a thelist.OfferView.
func offerType(lab, person, source *graphql.Object) *graphql.Object {
	offer := func(v any) thelist.OfferView { return v.(thelist.OfferView) }
	// Amounts pass 2^31 (offers of a billion dollars were reported), above
	// GraphQL's Int, so they are Float, exact up to 2^53.
	amount := func(get func(thelist.OfferView) *int64) graphql.FieldResolveFn {
		return func(p graphql.ResolveParams) (any, error) {
			if n := get(offer(p.Source)); n != nil {
				return float64(*n), nil
			}
			return nil, nil
		}
	}
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Offer",
		Description: "Compensation a lab was reported to offer a person.",
		Fields: graphql.Fields{
			"id": {Type: graphql.NewNonNull(graphql.ID),
				Resolve: func(p graphql.ResolveParams) (any, error) { return offer(p.Source).ID, nil }},
			"lab": {Type: lab, Description: "The lab that made it.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return labOrNil(offer(p.Source).Lab), nil }},
			"person": {Type: person, Description: "The person it was made to.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return personOrNil(offer(p.Source).Person), nil }},
			"extendedBy": {Type: person, Description: "The person who extended it, when reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return personOrNil(offer(p.Source).ExtendedBy), nil }},
			"totalValue": {Type: graphql.Float, Description: "The whole package in currency units, when reported.",
				Resolve: amount(func(o thelist.OfferView) *int64 { return o.TotalValue })},
			"firstYearValue": {Type: graphql.Float, Description: "What the first year could pay, when reported.",
				Resolve: amount(func(o thelist.OfferView) *int64 { return o.FirstYearValue })},
			"currency": {Type: graphql.String, Description: "ISO 4217 code.",
				Resolve: optionalString(func(v any) string { return offer(v).Currency })},
			"years": {Type: graphql.Int, Description: "How many years the package spans, when reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if y := offer(p.Source).Years; y != 0 {
						return y, nil
					}
					return nil, nil
				}},
			"date": {Type: graphql.String, Description: "When it was made, at the precision reported.",
				Resolve: optionalDate(func(v any) thelist.Date { return offer(v).Date })},
			"status": {Type: graphql.NewNonNull(graphql.String), Description: "accepted, declined, countered or unknown.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if s := offer(p.Source).Status; s != "" {
						return s, nil
					}
					return thelist.OfferUnknown, nil
				}},
			"confidence": {Type: graphql.NewNonNull(graphql.String), Description: "reported, inferred or unconfirmed.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return confidence(offer(p.Source).Fact), nil }},
			"note": {Type: graphql.String, Resolve: optionalString(func(v any) string { return offer(v).Note })},
			"sources": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(source))),
				Resolve: func(p graphql.ResolveParams) (any, error) { return nonNilSources(offer(p.Source).Sources), nil }},
		},
	})
}

// confidence is a fact's confidence as the API shows it: never empty.
func confidence(f thelist.Fact) string {
	if f.Confidence == "" {
		return thelist.ConfidenceReported
	}
	return f.Confidence
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
