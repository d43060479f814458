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
		Fields: graphql.Fields{
			"id":        {Type: graphql.NewNonNull(graphql.ID)},
			"publisher": {Type: graphql.NewNonNull(graphql.String), Description: "Who published it."},
			"title":     {Type: graphql.NewNonNull(graphql.String), Description: "The headline or title, in its own language."},
			"date": {Type: graphql.String, Description: "Publication date at the precision known: YYYY, YYYY-MM or YYYY-MM-DD.",
				Resolve: optionalDate(func(v any) thelist.Date { return src(v).Date })},
			"url": {Type: graphql.String, Description: "Where it can be read, when known.",
				Resolve: optionalString(func(v any) string { return src(v).URL })},
			"language": {Type: graphql.String, Description: "BCP 47 tag of the text, e.g. en or zh.",
				Resolve: optionalString(func(v any) string { return src(v).Language })},
			"note": {Type: graphql.String, Description: "What a reader of the source should know (a translation, a paywall).",
				Resolve: optionalString(func(v any) string { return src(v).Note })},
			"originalId": {Type: graphql.ID, Description: "The source this one translates or relays (the Chinese edition of an " +
				"English report): the two are versions of one story.",
				Resolve: optionalString(func(v any) string { return src(v).OriginalID })},
		},
	})
}
