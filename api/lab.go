package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

func labType(source *graphql.Object) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Lab",
		Description: "An organisation people work or study at: a company, university, institute, startup, investor or media outlet.",
		// Only the declared fields (thelist.LabFields): the lab page and
		// search read a lab's other facts their own way.
		Fields: declaredFields(thelist.LabFields, source),
	})
}
