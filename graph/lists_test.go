package graph_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// The owners are API key names; the people are the fixture's.
const (
	alice = "key-alice"
	bob   = "key-bob"
)

func listsDB(t *testing.T) *graph.DB {
	t.Helper()
	db := neo4jtest.Open(t)
	write(t, db, fixture())
	return db
}

func memberIDsOf(l thelist.Shortlist) []string {
	ids := []string{}
	for _, m := range l.Members {
		ids = append(ids, m.Person.ID)
	}
	return ids
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := thelist.ErrorCode(err); got != code {
		t.Fatalf("%s: error code %q (%v), want %s", what, got, err, code)
	}
}

// oneStatement runs op and fails unless it sent exactly one Cypher statement.
func oneStatement(t *testing.T, db *graph.DB, what string, op func() error) {
	t.Helper()
	before := db.Queries()
	if err := op(); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if n := db.Queries() - before; n != 1 {
		t.Errorf("%s ran %d statements, want 1", what, n)
	}
}

func TestShortlists_Lifecycle(t *testing.T) {
	db := listsDB(t)
	ctx := context.Background()

	var l thelist.Shortlist
	oneStatement(t, db, "CreateShortlist", func() (err error) {
		l, err = db.CreateShortlist(ctx, alice, "  Frontier hires ")
		return err
	})
	if l.Name != "Frontier hires" || l.Owner != alice || l.Size != 0 || l.ID == "" || l.CreatedAt.IsZero() {
		t.Fatalf("created %+v, want an empty list named Frontier hires owned by alice", l)
	}

	note := "call in May"
	oneStatement(t, db, "AddToShortlist", func() (err error) {
		l, err = db.AddToShortlist(ctx, alice, l.ID, []string{"bo", "ada", "bo"}, &note, true)
		return err
	})
	if got, want := memberIDsOf(l), []string{"ada", "bo"}; !slices.Equal(got, want) && !slices.Equal(got, []string{"bo", "ada"}) {
		t.Fatalf("members %v, want ada and bo", got)
	}
	if l.Size != 2 {
		t.Errorf("size %d, want 2", l.Size)
	}
	var ada thelist.ShortlistMember
	for _, m := range l.Members {
		if m.Person.ID == "ada" {
			ada = m
		}
	}
	if ada.Note != note || ada.AddedAt.IsZero() {
		t.Errorf("ada's entry %q added %v, want note %q and a time", ada.Note, ada.AddedAt, note)
	}
	// A member reads as a candidate does: credentials with evidence, and
	// the credentials met as reasons, each with the record that meets it.
	if ada.CredentialCount() != 3 || len(ada.Reasons) != 3 || ada.Reasons[0].Condition != thelist.ReasonAIPhD ||
		len(ada.Reasons[0].Records) == 0 || ada.Reasons[0].Records[0].Kind != thelist.RecordDegree {
		t.Errorf("ada's credentials %d, reasons %+v; want all three, each with its record", ada.CredentialCount(), ada.Reasons)
	}
	if ada.Citations != 1234+0 || len(ada.Person.Stints) == 0 {
		t.Errorf("ada: citations %d, %d stints; want 1234 and her stints", ada.Citations, len(ada.Person.Stints))
	}

	// Adding someone again keeps when they were added, and their note when
	// no note is given.
	again, err := db.AddToShortlist(ctx, alice, l.ID, []string{"ada", "cy"}, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range again.Members {
		if m.Person.ID == "ada" && (m.Note != note || !m.AddedAt.Equal(ada.AddedAt)) {
			t.Errorf("ada re-added: note %q at %v, want %q at %v", m.Note, m.AddedAt, note, ada.AddedAt)
		}
	}
	if again.Size != 3 {
		t.Errorf("size after adding cy: %d, want 3", again.Size)
	}

	oneStatement(t, db, "RemoveFromShortlist", func() (err error) {
		l, err = db.RemoveFromShortlist(ctx, alice, l.ID, []string{"bo", "nobody"}, false)
		return err
	})
	if l.Size != 2 || l.Members != nil {
		t.Errorf("after removing bo: size %d, members %v; want 2 and none read", l.Size, memberIDsOf(l))
	}

	oneStatement(t, db, "RenameShortlist", func() (err error) {
		l, err = db.RenameShortlist(ctx, alice, l.ID, "Q3 hires", false)
		return err
	})
	if l.Name != "Q3 hires" {
		t.Errorf("renamed to %q, want Q3 hires", l.Name)
	}

	var all []thelist.Shortlist
	oneStatement(t, db, "Shortlists", func() (err error) {
		all, err = db.Shortlists(ctx, alice, false)
		return err
	})
	if len(all) != 1 || all[0].Name != "Q3 hires" || all[0].Size != 2 {
		t.Errorf("alice's shortlists %+v, want Q3 hires with 2 people", all)
	}

	oneStatement(t, db, "Shortlist", func() (err error) {
		l, err = db.Shortlist(ctx, alice, l.ID, true)
		return err
	})
	if got := memberIDsOf(l); !slices.Contains(got, "cy") || slices.Contains(got, "bo") {
		t.Errorf("members %v, want cy in and bo out", got)
	}

	oneStatement(t, db, "DeleteShortlist", func() error { return db.DeleteShortlist(ctx, alice, l.ID) })
	_, err = db.Shortlist(ctx, alice, l.ID, false)
	wantCode(t, "the deleted list", err, thelist.ENOTFOUND)
	// The people stay: a list holds links to them, not them.
	if p, err := db.Person(ctx, "ada"); err != nil || p.Name == "" {
		t.Errorf("ada after the list was deleted: %+v, %v", p, err)
	}
}

func TestShortlists_OwnersSeeOnlyTheirOwn(t *testing.T) {
	db := listsDB(t)
	ctx := context.Background()
	l, err := db.CreateShortlist(ctx, alice, "Mine")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddToShortlist(ctx, alice, l.ID, []string{"ada"}, nil, false); err != nil {
		t.Fatal(err)
	}

	// bob may use the same name: names are unique per owner only.
	if _, err := db.CreateShortlist(ctx, bob, "mine"); err != nil {
		t.Errorf("bob's list of the same name: %v", err)
	}
	lists, err := db.Shortlists(ctx, bob, false)
	if err != nil || len(lists) != 1 || lists[0].ID == l.ID {
		t.Errorf("bob's lists %+v (%v), want his one list only", lists, err)
	}

	for what, op := range map[string]func() error{
		"read":   func() error { _, err := db.Shortlist(ctx, bob, l.ID, true); return err },
		"rename": func() error { _, err := db.RenameShortlist(ctx, bob, l.ID, "Taken", false); return err },
		"add":    func() error { _, err := db.AddToShortlist(ctx, bob, l.ID, []string{"bo"}, nil, false); return err },
		"remove": func() error { _, err := db.RemoveFromShortlist(ctx, bob, l.ID, []string{"ada"}, false); return err },
		"delete": func() error { return db.DeleteShortlist(ctx, bob, l.ID) },
	} {
		err := op()
		wantCode(t, "bob's "+what+" of alice's list", err, thelist.ENOTFOUND)
		if !strings.Contains(thelist.ErrorMessage(err), "no shortlist") {
			t.Errorf("bob's %s: message %q, want the same as for a missing list", what, thelist.ErrorMessage(err))
		}
	}
	got, err := db.Shortlist(ctx, alice, l.ID, true)
	if err != nil || got.Name != "Mine" || !slices.Equal(memberIDsOf(got), []string{"ada"}) {
		t.Errorf("alice's list after bob's attempts: %+v, %v; want it unchanged", got, err)
	}
}

func TestShortlists_Validation(t *testing.T) {
	db := listsDB(t)
	ctx := context.Background()
	l, err := db.CreateShortlist(ctx, alice, "Frontier")
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", thelist.MaxListNameLength+1)
	longNote := strings.Repeat("n", thelist.MaxListNoteLength+1)
	cases := []struct {
		name, code, message string
		op                  func() error
	}{
		{"empty name", thelist.EINVALID, "name: must not be empty",
			func() error { _, err := db.CreateShortlist(ctx, alice, "   "); return err }},
		{"long name", thelist.EINVALID, "at most 100 characters",
			func() error { _, err := db.CreateShortlist(ctx, alice, long); return err }},
		{"two lines", thelist.EINVALID, "one line",
			func() error { _, err := db.RenameShortlist(ctx, alice, l.ID, "a\nb", false); return err }},
		{"same name, other case", thelist.ECONFLICT, `already have a shortlist named "FRONTIER"`,
			func() error { _, err := db.CreateShortlist(ctx, alice, "FRONTIER"); return err }},
		{"unknown people", thelist.EINVALID, "no person with id ghost, nobody",
			func() error {
				_, err := db.AddToShortlist(ctx, alice, l.ID, []string{"ada", "ghost", "nobody"}, nil, false)
				return err
			}},
		{"no people", thelist.EINVALID, "at least one person",
			func() error { _, err := db.AddToShortlist(ctx, alice, l.ID, nil, nil, false); return err }},
		{"long note", thelist.EINVALID, "note: at most 500",
			func() error {
				_, err := db.AddToShortlist(ctx, alice, l.ID, []string{"ada"}, &longNote, false)
				return err
			}},
		{"unknown list", thelist.ENOTFOUND, "no shortlist",
			func() error { _, err := db.AddToShortlist(ctx, alice, "nope", []string{"ada"}, nil, false); return err }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.op()
			wantCode(t, c.name, err, c.code)
			if msg := thelist.ErrorMessage(err); !strings.Contains(msg, c.message) {
				t.Errorf("message %q, want it to say %q", msg, c.message)
			}
		})
	}
	// The refused add wrote nothing, not even ada, who exists.
	got, err := db.Shortlist(ctx, alice, l.ID, false)
	if err != nil || got.Size != 0 {
		t.Errorf("after the refused adds: size %d (%v), want 0", got.Size, err)
	}
}

func TestSavedSearches(t *testing.T) {
	db := listsDB(t)
	ctx := context.Background()
	var s thelist.SavedSearch
	oneStatement(t, db, "SaveSearch", func() (err error) {
		s, err = db.SaveSearch(ctx, alice, "PhDs at top labs", `{"phd":true,"topLab":true}`)
		return err
	})
	if s.ID == "" || s.Name != "PhDs at top labs" || s.Filter != `{"phd":true,"topLab":true}` {
		t.Fatalf("saved %+v", s)
	}
	// Saving under the same name replaces the filter and keeps the id.
	again, err := db.SaveSearch(ctx, alice, "phds at top labs", `{"phd":true}`)
	if err != nil || again.ID != s.ID || again.Filter != `{"phd":true}` {
		t.Errorf("saved again: %+v (%v), want the same search with the new filter", again, err)
	}
	if _, err := db.SaveSearch(ctx, bob, "PhDs at top labs", `{}`); err != nil {
		t.Fatal(err)
	}
	var mine []thelist.SavedSearch
	oneStatement(t, db, "SavedSearches", func() (err error) {
		mine, err = db.SavedSearches(ctx, alice)
		return err
	})
	if len(mine) != 1 || mine[0].ID != s.ID {
		t.Errorf("alice's searches %+v, want her one", mine)
	}
	wantCode(t, "bob deletes alice's search", db.DeleteSavedSearch(ctx, bob, s.ID), thelist.ENOTFOUND)
	_, err = db.SaveSearch(ctx, alice, "", `{}`)
	wantCode(t, "a search without a name", err, thelist.EINVALID)
	oneStatement(t, db, "DeleteSavedSearch", func() error { return db.DeleteSavedSearch(ctx, alice, s.ID) })
	if mine, err := db.SavedSearches(ctx, alice); err != nil || len(mine) != 0 {
		t.Errorf("after delete: %+v, %v", mine, err)
	}
}

// Users' lists are not graph data: a database that holds only them is still
// empty, so make run loads the demo data into it.
func TestIsEmpty_IgnoresUsersLists(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	if _, err := db.SaveSearch(ctx, alice, "Anyone", `{}`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateShortlist(ctx, alice, "Nobody yet"); err != nil {
		t.Fatal(err)
	}
	empty, err := db.IsEmpty(ctx)
	if err != nil || !empty {
		t.Errorf("IsEmpty with only lists: %v, %v; want true", empty, err)
	}
	write(t, db, fixture())
	if empty, err := db.IsEmpty(ctx); err != nil || empty {
		t.Errorf("IsEmpty with the fixture: %v, %v; want false", empty, err)
	}
}

func TestShortlists_CapOnListsPerOwner(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	for i := range thelist.MaxShortlists {
		if _, err := db.CreateShortlist(ctx, alice, "list "+strconv.Itoa(i)); err != nil {
			t.Fatalf("list %d: %v", i, err)
		}
	}
	_, err := db.CreateShortlist(ctx, alice, "one too many")
	wantCode(t, "the list past the cap", err, thelist.EINVALID)
	if lists, err := db.Shortlists(ctx, alice, false); err != nil || len(lists) != thelist.MaxShortlists {
		t.Errorf("%d lists (%v), want %d", len(lists), err, thelist.MaxShortlists)
	}
	if _, err := db.CreateShortlist(ctx, bob, "bob's first"); err != nil {
		t.Errorf("the cap is per owner, but bob was refused: %v", err)
	}
}

// A shortlist links to people, but it is not part of the graph the network
// view shows: its node and its LISTS links never appear there.
func TestShortlists_StayOutOfTheNetwork(t *testing.T) {
	db := listsDB(t)
	ctx := context.Background()
	l, err := db.CreateShortlist(ctx, alice, "Watching")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddToShortlist(ctx, alice, l.ID, []string{"ada", "bo", "cy"}, nil, false); err != nil {
		t.Fatal(err)
	}
	n, err := db.Neighborhood(ctx, thelist.NeighborhoodQuery{ID: "ada", Hops: 2, Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Nodes) < 2 {
		t.Fatalf("ada's neighbourhood has %d nodes; the test needs her links", len(n.Nodes))
	}
	for _, node := range n.Nodes {
		if node.ID == l.ID || node.Label == "Watching" {
			t.Errorf("the shortlist is in the network: %+v", node)
		}
	}
	for _, e := range n.Edges {
		if e.Type == "LISTS" {
			t.Errorf("a LISTS link is in the network: %+v", e)
		}
	}
}
