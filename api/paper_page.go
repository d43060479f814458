package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

func paperPageType(t *types) *graphql.Object {
	author := graphql.NewObject(graphql.ObjectConfig{
		Name: "PaperAuthor",
		Fields: graphql.Fields{
			"person": {Type: graphql.NewNonNull(t.person)},
			"position": {Type: graphql.Int, Description: "1 for the first author; null when not reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if n := p.Source.(thelist.PaperAuthor).Position; n != 0 {
						return n, nil
					}
					return nil, nil
				}},
			"sources": {Type: list(t.source),
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return nonNilSources(p.Source.(thelist.PaperAuthor).Sources), nil
				}},
		},
	})
	page := func(v any) thelist.PaperPage { return v.(thelist.PaperPage) }
	// The Paper type's own fields, read from the page's embedded Paper.
	fields := graphql.Fields{}
	for name, f := range t.paper.Fields() {
		resolve := f.Resolve
		fields[name] = &graphql.Field{Type: f.Type, Description: f.Description,
			Resolve: func(p graphql.ResolveParams) (any, error) {
				p.Source = page(p.Source).Paper
				if resolve == nil {
					return graphql.DefaultResolveFn(p)
				}
				return resolve(p)
			}}
	}
	fields["authors"] = &graphql.Field{Type: list(author), Description: "In position order; authors without a reported position last."}
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "PaperPage",
		Description: "A paper with its authors.",
		Fields:      fields,
	})
}
