package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

func paperType(source *graphql.Object) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Paper",
		Description: "A publication.",
		Fields:      declaredFields(thelist.PaperFields, source),
	})
}
