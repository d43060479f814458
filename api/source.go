package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

func sourceType() *graphql.Object {
	src := func(v any) thelist.Source { return v.(thelist.Source) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Source",
		Description: "A published report that states a fact. Every fact in The List cites at least one.",
		// The declared fields (thelist.SourceFields) and, by hand, the
		// original a source names, shown as its id.
		Fields: withFields(declaredFields(thelist.SourceFields, nil), graphql.Fields{
			"originalId": {Type: graphql.ID, Description: "The source this one translates or relays (the Chinese edition of an " +
				"English report): the two are versions of one story.",
				Resolve: optionalString(func(v any) string { return src(v).OriginalID })},
		}),
	})
}
