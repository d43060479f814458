package api

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"
)

// costOf is the static cost the limit rules give query, read from the
// error they report when it is over a limit of 1.
func costOf(t *testing.T, query string) int {
	t.Helper()
	schema, err := NewSchema(nil)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(query)})})
	if err != nil {
		t.Fatalf("parse %s: %v", query, err)
	}
	if res := graphql.ValidateDocument(&schema, doc, graphql.SpecifiedRules); !res.IsValid {
		t.Fatalf("%s: %v", query, res.Errors)
	}
	res := graphql.ValidateDocument(&schema, doc, limitRules(Limits{MaxCost: 1}))
	re := regexp.MustCompile(`has a cost of (\d+);`)
	for _, e := range res.Errors {
		if m := re.FindStringSubmatch(e.Message); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n
		}
	}
	return 1
}

func TestCost_ListSizes(t *testing.T) {
	tests := []struct {
		name, query string
		want        int
	}{
		// 1 people + 1 edges + 1 × (1 credentials + 3 × 1 credential).
		{"credentials are always three", `{ people(first: 1) { edges { credentials { credential } } } }`, 6},
		// Evidence is at most 10 a credential: 1 + 3 × (1 + 1 papers + 10 × 1).
		{"evidence is at most candidateMaxEvidence", `{ people(first: 1) { edges { credentials { credential papers { id } } } } }`,
			1 + 1 + 1 + 3*(1+1+candidateMaxEvidence)},
		// A connection's edges are its first, 20 by default, not 10.
		{"a connection's default page", `{ people { edges { node { id } } } }`, 1 + 1 + 20*2},
		{"a connection's page", `{ people(first: 3) { totalCount edges { node { id } } } }`, 1 + 1 + 1 + 3*2},
		{"a variable page costs the most a page may hold", `query($n: Int) { people(first: $n) { edges { node { id } } } }`, 1 + 1 + 100*2},
		// A lab's top recruiters are at most first: the object itself is one.
		{"top recruiters by first", `{ recruitment(lab: "x", first: 5) { topRecruiters { count } } }`, 1 + 1 + 5},
		{"top recruiters by default", `{ recruitment(lab: "x") { topRecruiters { count } } }`, 1 + 1 + 10},
		// Chains: how many is not known (10); their hops are at most depth.
		{"chain hops by depth", `{ recruitment(personId: "x", depth: 2) { chainsUp { hops { id } } } }`, 1 + 1 + 10*(1+2)},
		{"chain hops by a variable depth", `query($d: Int) { recruitment(personId: "x", depth: $d) { chainsUp { hops { id } } } }`,
			1 + 1 + 10*(1+6)},
		// A path of maxHops hops has that many steps and one person more.
		{"path by maxHops", `{ path(from: "a", to: "b", maxHops: 2) { steps { kind } people { id } } }`, 1 + (1 + 2) + (1 + 3)},
		{"path by the default maxHops", `{ path(from: "a", to: "b") { steps { kind } } }`, 1 + 1 + 4},
		{"path by a variable maxHops", `query($h: Int) { path(from: "a", to: "b", maxHops: $h) { steps { kind } } }`, 1 + 1 + 6},
		// Through a fragment the bound still comes from the field above.
		{"bounds through fragments", `{ path(from: "a", to: "b", maxHops: 3) { ...P } } fragment P on Path { steps { kind } }`, 1 + 1 + 3},
		// A talent-flow period's moves are at most perBucket; the flows and
		// periods are not bounded.
		{"moves by perBucket", `{ talentFlows(perBucket: 2) { flows { buckets { moves { id } } } } }`, 1 + 1 + 10*(1+10*(1+2))},
		// A list with no known bound costs its own first, or 10.
		{"search by first", `{ search(query: "x", first: 3) { kind } }`, 1 + 3},
		{"an unbounded list", `{ person(id: "x") { stints { id } } }`, 1 + 1 + 10},
		// A person's papers are at most first, 100 by default; their
		// credentials are three; their moves are not bounded (10).
		{"a person's papers by default", `{ person(id: "x") { papers { position } } }`, 1 + 1 + 100},
		{"a person's papers by first", `{ person(id: "x") { papers(first: 5) { position } } }`, 1 + 1 + 5},
		{"a person's credentials are three", `{ person(id: "x") { credentials { met } } }`, 1 + 1 + 3},
		{"a person's moves", `{ person(id: "x") { moves { id } } }`, 1 + 1 + 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := costOf(t, tt.query); got != tt.want {
				t.Errorf("cost = %d, want %d\n%s", got, tt.want, tt.query)
			}
		})
	}
}

// The web app's candidate page (frontend/src/api.ts) and its evidence's
// sources: the credentials are priced at three, not ten, so the page costs
// a third as much and more rows' sources fit in one request.
func TestCost_CandidatePage(t *testing.T) {
	page := `query Candidates($where: PeopleFilter, $orderBy: PeopleOrder, $after: String) {
    people(where: $where, orderBy: $orderBy, first: 20, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor citations tenureYears matched
        node { id name nativeName stints { id start end lab { id name } } }
        credentials {
          credential met
          degrees { id degree field end lab { id name } }
          stints { id role start end lab { id name } }
          papers { id title year citations breakthrough }
        }
      }
    }
  }`
	// A row: 4 scalars + node (1 + 3 + stints 1 + 10 × (3 + lab 3)) +
	// credentials (1 + 3 × (2 + 3 lists of 1 + 10 × ~6–7)).
	got := costOf(t, page)
	if got > DefaultLimits().MaxCost {
		t.Fatalf("the candidate page costs %d, over the default limit %d", got, DefaultLimits().MaxCost)
	}
	sources := func(rows int) string {
		return `query { people(first: ` + strconv.Itoa(rows) + `) { edges { node { id } credentials { credential
			degrees { id sources { id publisher title date url note } }
			stints { id sources { id publisher title date url note } }
			papers { id sources { id publisher title date url note } } } } } }`
	}
	fit := 0
	for rows := 1; rows <= 100; rows++ {
		if costOf(t, sources(rows)) > DefaultLimits().MaxCost {
			break
		}
		fit = rows
	}
	// With credentials priced at ten, two rows fitted; at three, seven do,
	// and the frontend asks for seven (candidateSourcesPerRequest).
	if fit < 7 {
		t.Errorf("%d rows of evidence sources fit in one request, want at least 7", fit)
	}
	t.Logf("candidate page: cost %d; evidence sources: %d rows a request", got, fit)
}

// The web app's person page (frontend/src/api.ts, personQuery): the
// person with stints, degrees, papers, moves and credentials, each fact with
// its sources, and their offers, in one request under the default limit.
func TestCost_PersonPage(t *testing.T) {
	page := `
  query GetPerson($id: ID!) {
    person(id: $id) {
      id
      name
      nativeName
      stints {
        id
        lab { id name kind country }
        role
        start
        end
        confidence
        note
        sources { ...SourceFields }
      }
      degrees {
        id
        lab { id name kind country }
        degree
        field
        start
        end
        completed
        advisorId
        advisorName
        sources { ...SourceFields }
      }
      sources { ...SourceFields }
      papers(first: 100) {
        position
        sources { ...SourceFields }
        paper { id title year venue doi arxiv citations breakthrough sources { ...SourceFields } }
      }
      moves {
        id
        date
        from { id name kind country }
        to { id name kind country }
        recruiter { id name nativeName }
        confidence
        note
        sources { ...SourceFields }
      }
      credentials {
        credential
        met
        degrees { id degree field end lab { id name } sources { ...SourceFields } }
        stints { id role start end lab { id name } sources { ...SourceFields } }
        papers { id title year citations breakthrough sources { ...SourceFields } }
      }
    }
    offers(where: { person: $id }, orderBy: DATE_DESC, first: 100) {
      totalCount
      edges { node { ...OfferFields } }
    }
  }
fragment OfferFields on Offer {
    id person { id name nativeName } extendedBy { id name nativeName } lab { id name kind country }
    totalValue firstYearValue currency years date status confidence note sources { ...SourceFields }
  }
  fragment SourceFields on Source { id publisher title date url note }
`
	got := costOf(t, page)
	if got > DefaultLimits().MaxCost {
		t.Fatalf("the person page costs %d, over the default limit %d", got, DefaultLimits().MaxCost)
	}
	t.Logf("person page: cost %d", got)
}

// Every bound names a list field of the schema, and every bounding
// argument exists on some field: a renamed field or argument must not leave
// a bound that silently applies to nothing.
func TestCost_BoundsNameListFields(t *testing.T) {
	schema, err := NewSchema(nil)
	if err != nil {
		t.Fatal(err)
	}
	args := map[string]bool{}
	for _, typ := range schema.TypeMap() {
		if obj, ok := typ.(*graphql.Object); ok {
			for _, f := range obj.Fields() {
				for _, a := range f.Args {
					args[a.Name()] = true
				}
			}
		}
	}
	for key, b := range listBounds {
		typeName, field, _ := strings.Cut(key, ".")
		obj, ok := schema.Type(typeName).(*graphql.Object)
		if !ok {
			t.Errorf("%s: no object type %s", key, typeName)
			continue
		}
		def := obj.Fields()[field]
		if def == nil || !isList(def.Type) {
			t.Errorf("%s: not a list field", key)
		}
		if b.arg != "" && !args[b.arg] {
			t.Errorf("%s: no field takes an argument %s", key, b.arg)
		}
		if b.arg != "" && b.cap < 1 {
			t.Errorf("%s: bounded by %s without a cap for variables", key, b.arg)
		}
	}
}
