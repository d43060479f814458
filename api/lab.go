package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

func labType(source *graphql.Object) *graphql.Object {
	lab := func(v any) thelist.Lab { return *v.(*thelist.Lab) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Lab",
		Description: "An organisation people work or study at: a company, university, institute, startup, investor or media outlet.",
		Fields: graphql.Fields{
			"id":     {Type: graphql.NewNonNull(graphql.ID)},
			"name":   {Type: graphql.NewNonNull(graphql.String)},
			"kind":   {Type: graphql.NewNonNull(graphql.String), Description: "company, university, institute, startup, investor or media."},
			"topLab": {Type: graphql.NewNonNull(graphql.Boolean), Description: "On the top-lab list of The List's credentials."},
			"country": {Type: graphql.String, Description: "ISO 3166-1 alpha-2 code of its headquarters, when reported.",
				Resolve: optionalString(func(v any) string { return lab(v).Country })},
		},
	})
}
