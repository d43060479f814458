package api_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
)

// personPage is the person field with the lists that only the person page
// reads, as the tests decode it.
type personPage struct {
	Person *struct {
		ID     string
		Papers []struct {
			Position *int
			Sources  []struct{ ID string }
			Paper    struct {
				ID, Title    string
				Year         *int
				Venue        *string
				Breakthrough bool
				Citations    *float64
				Sources      []struct{ ID string }
			}
		}
		Moves []struct {
			ID         string
			Date       *string
			Confidence string
			From, To   *struct{ ID, Name string }
			Recruiter  *struct{ ID, Name string }
			Person     struct{ ID string }
			Sources    []struct{ ID string }
		}
		Credentials json.RawMessage
	}
}

const personDetailSelection = `id
	papers { position sources { id } paper { id title year venue breakthrough citations sources { id } } }
	moves { id date confidence from { id name } to { id name } recruiter { id name } person { id } sources { id } }
	credentials { credential met degrees { id field lab { id } sources { id } } stints { id lab { id } sources { id } }
		papers { id breakthrough sources { id } } }`

func TestPerson_PapersMovesCredentials(t *testing.T) {
	ts := newServer(t, candidatesBundle(t))
	var got personPage
	gqlData(t, ts, `{ person(id: "ada") { `+personDetailSelection+` } }`, &got)
	p := got.Person
	if p == nil {
		t.Fatal("person ada = null")
	}

	t.Run("papers with position, breakthrough and sources", func(t *testing.T) {
		if len(p.Papers) != 1 {
			t.Fatalf("papers = %+v, want paper-break alone", p.Papers)
		}
		a := p.Papers[0]
		if a.Paper.ID != "paper-break" || !a.Paper.Breakthrough || a.Paper.Year == nil || *a.Paper.Year != 2017 {
			t.Errorf("paper = %+v, want paper-break (2017), a breakthrough", a.Paper)
		}
		if a.Position == nil || *a.Position != 1 {
			t.Errorf("position = %v, want 1", a.Position)
		}
		if ids := personSourceIDs(a.Sources); !slices.Equal(ids, []string{"s-one"}) {
			t.Errorf("authorship sources = %v, want [s-one]", ids)
		}
		if ids := personSourceIDs(a.Paper.Sources); !slices.Equal(ids, []string{"s-one", "s-two"}) {
			t.Errorf("paper sources = %v, want [s-one s-two]", ids)
		}
	})

	t.Run("moves with both labs and sources", func(t *testing.T) {
		if len(p.Moves) != 1 {
			t.Fatalf("moves = %+v, want ada.to.beta alone", p.Moves)
		}
		m := p.Moves[0]
		if m.ID != "ada.to.beta" || m.Date == nil || *m.Date != "2019-06" || m.From == nil || m.From.ID != "lab-alpha" ||
			m.To == nil || m.To.ID != "lab-beta" || m.Recruiter != nil || m.Person.ID != "ada" || m.Confidence != "reported" {
			t.Errorf("move = %+v, want ada.to.beta 2019-06 lab-alpha → lab-beta, no recruiter, person ada, reported", m)
		}
		if ids := personSourceIDs(m.Sources); !slices.Equal(ids, []string{"s-one"}) {
			t.Errorf("move sources = %v, want [s-one]", ids)
		}
	})

	t.Run("credentials are those of the person's row in people()", func(t *testing.T) {
		var row struct {
			People struct {
				Edges []struct {
					Node        struct{ ID string }
					Credentials json.RawMessage
				}
			}
		}
		gqlData(t, ts, `{ people(first: 2) { edges { node { id } credentials { credential met
			degrees { id field lab { id } sources { id } } stints { id lab { id } sources { id } }
			papers { id breakthrough sources { id } } } } } }`, &row)
		var want json.RawMessage
		for _, e := range row.People.Edges {
			if e.Node.ID == "ada" {
				want = e.Credentials
			}
		}
		if want == nil || string(p.Credentials) != string(want) {
			t.Errorf("person credentials =\n%s\nwant the people() row's\n%s", p.Credentials, want)
		}
		// And they are what the fixture says: all three met.
		var creds []struct {
			Credential string
			Met        bool
			Degrees    []struct{ ID string }
			Stints     []struct{ ID string }
			Papers     []struct{ ID string }
		}
		if err := json.Unmarshal(p.Credentials, &creds); err != nil {
			t.Fatal(err)
		}
		var met []string
		for _, c := range creds {
			if c.Met {
				met = append(met, c.Credential)
			}
		}
		if !slices.Equal(met, thelist.CredentialNames) {
			t.Errorf("met = %v, want %v", met, thelist.CredentialNames)
		}
		if len(creds) == 3 && (len(creds[0].Degrees) != 1 || creds[0].Degrees[0].ID != "ada.phd" ||
			len(creds[1].Stints) != 1 || creds[1].Stints[0].ID != "ada.alpha" ||
			len(creds[2].Papers) != 1 || creds[2].Papers[0].ID != "paper-break") {
			t.Errorf("evidence = %+v, want ada.phd, ada.alpha, paper-break", creds)
		}
	})
}

func TestPerson_NoneIsEmptyNotMissing(t *testing.T) {
	ts := newServer(t, candidatesBundle(t))
	// Ben has an unfinished PhD, no papers and no moves.
	var got personPage
	gqlData(t, ts, `{ person(id: "ben") { `+personDetailSelection+` } }`, &got)
	if got.Person == nil || got.Person.Papers == nil || len(got.Person.Papers) != 0 ||
		got.Person.Moves == nil || len(got.Person.Moves) != 0 {
		t.Fatalf("person ben = %+v, want empty papers and moves", got.Person)
	}
	var creds []struct {
		Credential string
		Met        bool
	}
	if err := json.Unmarshal(got.Person.Credentials, &creds); err != nil {
		t.Fatal(err)
	}
	if len(creds) != 3 || creds[0].Met {
		t.Errorf("credentials = %+v, want three, aiPhd not met (the PhD is unfinished)", creds)
	}
}

func TestPerson_MovesInDateOrderWithRecruiter(t *testing.T) {
	ts := newServer(t, flowsBundle(t))
	var got personPage
	gqlData(t, ts, `{ person(id: "eve-example") { moves { id date from { id } to { id } } } }`, &got)
	var ids []string
	for _, m := range got.Person.Moves {
		ids = append(ids, m.ID)
	}
	if !slices.Equal(ids, []string{"m-eve-1", "m-eve-2"}) {
		t.Errorf("moves = %v, want [m-eve-1 m-eve-2] (2018-02, then 2019-11)", ids)
	}
	gqlData(t, ts, `{ person(id: "ben-example") { moves { id recruiter { id name } } } }`, &got)
	if ms := got.Person.Moves; len(ms) != 1 || ms[0].Recruiter == nil || ms[0].Recruiter.ID != "ada-example" ||
		ms[0].Recruiter.Name == "" {
		t.Errorf("moves = %+v, want m-ben recruited by ada-example, with a name", ms)
	}
}

func TestPerson_PapersFirst(t *testing.T) {
	ts := newServer(t, flowsBundle(t))
	var all personPage
	gqlData(t, ts, `{ person(id: "eve-example") { papers { paper { id } } } }`, &all)
	if len(all.Person.Papers) == 0 {
		t.Fatal("eve-example has no papers; the test needs one")
	}
	// Two papers fields under aliases: the person is read once with the
	// larger first, and each shows its own.
	var got struct {
		Person struct {
			None []struct{ Paper struct{ ID string } }
			All  []struct{ Paper struct{ ID string } }
		}
	}
	gqlData(t, ts, `{ person(id: "eve-example") { none: papers(first: 0) { paper { id } }
		all: papers(first: 100) { paper { id } } } }`, &got)
	if len(got.Person.None) != 0 || len(got.Person.All) != len(all.Person.Papers) {
		t.Errorf("papers(first: 0) = %d, papers(first: 100) = %d, want 0 and %d",
			len(got.Person.None), len(got.Person.All), len(all.Person.Papers))
	}
	for _, q := range []string{`{ person(id: "eve-example") { papers(first: 101) { position } } }`,
		`{ person(id: "eve-example") { papers(first: -1) { position } } }`} {
		if _, _, r := post(t, ts, "", query(q, nil)); !slices.Equal(r.codes(), []string{"BAD_USER_INPUT"}) {
			t.Errorf("%s: codes = %v, want [BAD_USER_INPUT]", q, r.codes())
		}
	}
}

// detailSpy is the real store, remembering what the person page asked it
// to read.
type detailSpy struct {
	*graph.DB
	mu   sync.Mutex
	last thelist.PersonDetail
}

func (s *detailSpy) PersonWith(ctx context.Context, id string, d thelist.PersonDetail) (thelist.Person, error) {
	s.mu.Lock()
	s.last = d
	s.mu.Unlock()
	return s.DB.PersonWith(ctx, id, d)
}

func TestPerson_ReadsOnlyWhatIsSelected(t *testing.T) {
	db := candidatesBundle(t)
	spy := &detailSpy{DB: db}
	ts := newServer(t, spy)
	tests := []struct {
		name, query                string
		papers, moves, credentials bool
		firstPapers                int
	}{
		{"identity and stints", `{ person(id: "ada") { name stints { id } degrees { id } sources { id } } }`,
			false, false, false, 0},
		// Papers under a credential are the evidence, not the person's papers.
		{"papers", `{ person(id: "ada") { papers { position } } }`, true, false, false, 100},
		{"papers with first", `{ person(id: "ada") { papers(first: 3) { position } } }`, true, false, false, 3},
		{"papers with a variable first", `query($n: Int) { person(id: "ada") { papers(first: $n) { position } } }`,
			true, false, false, 100},
		{"moves", `{ person(id: "ada") { moves { id } } }`, false, true, false, 0},
		{"credentials with paper evidence", `{ person(id: "ada") { credentials { met papers { id } } } }`,
			false, false, true, 0},
		{"through fragments", `{ person(id: "ada") { ...P ... on Person { moves { id } } } }
			fragment P on Person { papers(first: 2) { position } credentials { met } }`, true, true, true, 2},
		{"everything", `{ person(id: "ada") { ` + personDetailSelection + ` } }`, true, true, true, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			postInOneStatement(t, db, ts, tt.query)
			spy.mu.Lock()
			d := spy.last
			spy.mu.Unlock()
			if d.Papers != tt.papers || d.Moves != tt.moves || (d.Credentials != nil) != tt.credentials ||
				d.FirstPapers != tt.firstPapers {
				t.Errorf("read %+v, want papers %v (first %d), moves %v, credentials %v",
					d, tt.papers, tt.firstPapers, tt.moves, tt.credentials)
			}
		})
	}
}

func TestPerson_DetailOnlyUnderPerson(t *testing.T) {
	db := candidatesBundle(t)
	ts := newServer(t, db)
	warmUp(t, db) // as serve does: plans, the path index and whether stored facts serve
	// A list of people does not read each person's papers, moves or
	// credentials: asking for them there is refused, not answered empty.
	for _, field := range []string{"papers { position }", "moves { id }", "credentials { met }"} {
		name := strings.Fields(field)[0]
		t.Run(name, func(t *testing.T) {
			for _, q := range []string{
				`{ people(first: 2) { edges { node { id ` + field + ` } } } }`,
				`{ person(id: "ben") { moves { id } } } `, // control: no error
			} {
				before := db.Queries()
				_, _, r := post(t, ts, "", query(q, nil))
				if got := db.Queries() - before; got != 1 {
					t.Errorf("%s: Cypher statements sent = %d, want 1", q, got)
				}
				if strings.HasPrefix(q, "{ people") {
					if codes := r.codes(); len(codes) == 0 || codes[0] != "BAD_USER_INPUT" ||
						!strings.Contains(r.Errors[0].Message, "only person(id)") {
						t.Errorf("%s: errors = %+v, want BAD_USER_INPUT saying only person(id) reads it", q, r.Errors)
					}
				} else if len(r.Errors) > 0 {
					t.Errorf("%s: errors %+v", q, r.Errors)
				}
			}
		})
	}
}

// personSourceIDs are the ids of sources, in order.
func personSourceIDs(sources []struct{ ID string }) []string {
	ids := []string{}
	for _, s := range sources {
		ids = append(ids, s.ID)
	}
	return ids
}
