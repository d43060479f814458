package api

import (
	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

func personType(stint, degree, source *graphql.Object) *graphql.Object {
	person := func(v any) thelist.Person { return v.(thelist.Person) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Person",
		Description: "Someone in the talent graph.",
		Fields: graphql.Fields{
			"id":   {Type: graphql.NewNonNull(graphql.ID)},
			"name": {Type: graphql.NewNonNull(graphql.String), Description: "The name as English-language reports write it."},
			"nativeName": {Type: graphql.String, Description: "The name in the person's own script, when that is not Latin.",
				Resolve: optionalString(func(v any) string { return person(v).NativeName })},
			// The ids in other registries are readable so that an editor,
			// whose upsertPerson writes the record whole, can send them back
			// unchanged rather than clear them.
			"orcid": {Type: graphql.String, Description: "ORCID iD, when known.",
				Resolve: optionalString(func(v any) string { return person(v).ORCID })},
			"openalex": {Type: graphql.String, Description: "OpenAlex author id, when known.",
				Resolve: optionalString(func(v any) string { return person(v).OpenAlex })},
			"dblp": {Type: graphql.String, Description: "DBLP person id, when known.",
				Resolve: optionalString(func(v any) string { return person(v).DBLP })},
			"googleScholar": {Type: graphql.String, Description: "Google Scholar user id, when known.",
				Resolve: optionalString(func(v any) string { return person(v).GoogleScholar })},
			"aliases": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.String))),
				Description: "Other names reports use, in any script (search finds the person by each).",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if a := person(p.Source).Aliases; a != nil {
						return a, nil
					}
					return []string{}, nil
				}},
			"stints": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(stint))),
				Description: "Jobs and founding roles, oldest first; those with no known start come last."},
			"currentStint": {Type: stint, Description: "Their main job today under the rule for current (currentRule): " +
				"full-time before concurrent, the latest start first. Null when no job holds today; see lastReported.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if s, ok := thelist.Current.Main(person(p.Source).Stints, today()); ok {
						return s, nil
					}
					return nil, nil
				}},
			"lastReported": {Type: stint, Description: "When no job holds today: the job a source saw them at last " +
				"(its confirmed date says when), for 'last reported at Google, 2013'. Null when a job holds today or they have none.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					stints := person(p.Source).Stints
					if _, ok := thelist.Current.Main(stints, today()); ok {
						return nil, nil
					}
					if s, ok := thelist.Current.LastReported(stints, today()); ok {
						return s, nil
					}
					return nil, nil
				}},
			"degrees": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(degree))),
				Description: "Studies, oldest first; those with no known start come last."},
			"sources": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(source))),
				Description: "The reports that establish this person's identity."},
		},
	})
}

// Default and largest first of Person.papers.
const (
	personPapersDefault = 100
	personPapersMax     = thelist.MaxPageSize
)

// addPersonDetail adds to Person the lists that only the person page reads:
// papers, moves and credentials. They are added once Move and
// CredentialMatch exist, which refer back to Person.
func addPersonDetail(t *types) {
	person := func(v any) thelist.Person { return v.(thelist.Person) }
	pp := func(v any) thelist.PersonPaper { return v.(thelist.PersonPaper) }
	authorship := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Authorship",
		Description: "One of a person's papers: the paper, the person's place among its authors, and the reports of the authorship.",
		Fields: graphql.Fields{
			"paper": {Type: graphql.NewNonNull(t.paper),
				Resolve: func(p graphql.ResolveParams) (any, error) { return pp(p.Source).Paper, nil }},
			"position": {Type: graphql.Int, Description: "1 for the first author; null when not reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if n := pp(p.Source).Position; n != 0 {
						return n, nil
					}
					return nil, nil
				}},
			"sources": {Type: list(t.source), Description: "The reports that establish the authorship.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return nonNilSources(pp(p.Source).Sources), nil }},
		},
	})
	t.person.AddFieldConfig("papers", &graphql.Field{
		Type: list(authorship),
		Description: "Their papers, newest first (those with no year last), at most first after the first offset; " +
			"paperCount says how many there are. Read only on person(id), directly under it; elsewhere a BAD_USER_INPUT error.",
		Args: graphql.FieldConfigArgument{
			"first":  {Type: graphql.Int, DefaultValue: personPapersDefault, Description: "At most this many, at most 100."},
			"offset": {Type: graphql.Int, DefaultValue: 0, Description: "After skipping this many (the next page: offset + first), at most 100000."},
		},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			pr := person(p.Source)
			if pr.Papers == nil {
				return nil, notRead(p, "papers")
			}
			// The person was read with the span of every papers field of
			// the document (personLookAhead); this one shows its own page.
			first, _ := p.Args["first"].(int)
			offset, _ := p.Args["offset"].(int)
			from := min(max(offset-pr.PapersOffset, 0), len(pr.Papers))
			return pr.Papers[from:min(from+max(first, 0), len(pr.Papers))], nil
		},
	})
	t.person.AddFieldConfig("paperCount", &graphql.Field{
		Type: graphql.NewNonNull(graphql.Int),
		Description: "How many papers they have in all, for paging through papers. " +
			"Read only on person(id), directly under it; elsewhere a BAD_USER_INPUT error.",
		Resolve: func(p graphql.ResolveParams) (any, error) {
			if pr := person(p.Source); pr.Papers != nil {
				return pr.PaperCount, nil
			}
			return nil, notRead(p, "paperCount")
		},
	})
	t.person.AddFieldConfig("moves", &graphql.Field{
		Type: list(t.move),
		Description: "Their moves from one lab to another, oldest first (those with no date last). " +
			"Read only on person(id), directly under it; elsewhere a BAD_USER_INPUT error.",
		Resolve: func(p graphql.ResolveParams) (any, error) {
			if m := person(p.Source).Moves; m != nil {
				return m, nil
			}
			return nil, notRead(p, "moves")
		},
	})
	t.person.AddFieldConfig("credentials", &graphql.Field{
		Type: list(t.credentialMatch),
		Description: "The three credentials, met or not, each with its evidence, as a row of people() shows them " +
			"(without asOf: every record in the graph counts). Read only on person(id), directly under it; elsewhere a BAD_USER_INPUT error.",
		Resolve: func(p graphql.ResolveParams) (any, error) {
			if c := person(p.Source).Credentials; c != nil {
				return c, nil
			}
			return nil, notRead(p, "credentials")
		},
	})
}

// notRead is the error of a person-page list asked for where the person was
// not read with it: under a list of people, reading every person's papers
// would multiply the cost of the list, so those fields are refused rather
// than answered with an empty list that would read as "none".
func notRead(p graphql.ResolveParams, field string) error {
	return clientError(p.Context, thelist.Errorf(thelist.EINVALID,
		"%s: only person(id) reads a person's %s; ask for it there", field, field))
}
