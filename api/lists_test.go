package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/importer"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// listsServer serves the real schema over the candidates bundle, with two
// readers (keys "ann-key" named ann and "ben-key" named ben) and an editor.
func listsServer(t *testing.T) (*httptest.Server, *graph.DB) {
	t.Helper()
	db := neo4jtest.Open(t)
	if _, err := importer.Import(context.Background(), db, "testdata/candidates", importer.Options{}); err != nil {
		t.Fatalf("import testdata/candidates: %v", err)
	}
	cfg := DefaultConfig()
	cfg.Access.AddKey("ann", "ann-key", RoleReader)
	cfg.Access.AddKey("ben", "ben-key", RoleReader)
	cfg.Access.AddKey("ed", "editor-key", RoleEditor)
	return tpServer(t, db, cfg), db
}

const shortlistFields = `id name size createdAt updatedAt
	members { addedAt note matched citations tenureYears node { id name } credentials { credential met } }`

type shortlistJSON struct {
	ID, Name, CreatedAt, UpdatedAt string
	Size                           int
	Members                        []struct {
		AddedAt     string
		Note        *string
		Matched     []string
		Citations   float64
		TenureYears *float64
		Node        struct{ ID, Name string }
		Credentials []struct {
			Credential string
			Met        bool
		}
	}
}

func (l shortlistJSON) memberIDs() []string {
	ids := []string{}
	for _, m := range l.Members {
		ids = append(ids, m.Node.ID)
	}
	return ids
}

// ok fails unless r has no errors, and decodes its data into v.
func ok(t *testing.T, what string, r tpResponse, v any) {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("%s: errors %+v", what, r.Errors)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatalf("%s: %v: %s", what, err, r.Data)
	}
}

func TestLists_ShortlistThroughGraphQL(t *testing.T) {
	ts, db := listsServer(t)

	var created struct{ CreateShortlist shortlistJSON }
	ok(t, "create", gqlAs(t, ts, "ann-key", `mutation($name: String!) { createShortlist(name: $name) { `+shortlistFields+` } }`,
		map[string]any{"name": "Frontier"}), &created)
	l := created.CreateShortlist
	if l.ID == "" || l.Name != "Frontier" || l.Size != 0 || len(l.Members) != 0 || l.CreatedAt == "" {
		t.Fatalf("created %+v", l)
	}

	before := db.Queries()
	var added struct{ AddToShortlist shortlistJSON }
	ok(t, "add", gqlAs(t, ts, "ann-key", `mutation($id: ID!, $people: [ID!]!, $note: String) {
		addToShortlist(id: $id, personIds: $people, note: $note) { `+shortlistFields+` } }`,
		map[string]any{"id": l.ID, "people": []string{"ada", "ben"}, "note": "first call"}), &added)
	if n := db.Queries() - before; n != 1 {
		t.Errorf("addToShortlist sent %d statements, want 1", n)
	}
	l = added.AddToShortlist
	if got := l.memberIDs(); l.Size != 2 || !slices.Contains(got, "ada") || !slices.Contains(got, "ben") {
		t.Fatalf("members %v (size %d), want ada and ben", got, l.Size)
	}
	for _, m := range l.Members {
		if m.Note == nil || *m.Note != "first call" || m.AddedAt == "" || len(m.Credentials) != 3 {
			t.Errorf("%s: note %v, added %q, %d credentials; want the note, a time and three credentials",
				m.Node.ID, m.Note, m.AddedAt, len(m.Credentials))
		}
	}

	// The list, read back, is what was written; another reader cannot see
	// it, and learns nothing about it from the error.
	readQ := `query($id: ID!) { shortlist(id: $id) { ` + shortlistFields + ` } }`
	before = db.Queries()
	var read struct{ Shortlist shortlistJSON }
	ok(t, "read", gqlAs(t, ts, "ann-key", readQ, map[string]any{"id": l.ID}), &read)
	if n := db.Queries() - before; n != 1 {
		t.Errorf("shortlist sent %d statements, want 1", n)
	}
	if read.Shortlist.Size != 2 || len(read.Shortlist.Members) != 2 {
		t.Errorf("read back %+v", read.Shortlist)
	}
	foreign := gqlAs(t, ts, "ben-key", readQ, map[string]any{"id": l.ID})
	missing := gqlAs(t, ts, "ben-key", readQ, map[string]any{"id": "no-such-list"})
	if !slices.Equal(foreign.codes(), []string{"NOT_FOUND"}) || foreign.Errors[0].Message != strings.ReplaceAll(missing.Errors[0].Message, "no-such-list", l.ID) {
		t.Errorf("ben reads ann's list: %+v; want NOT_FOUND worded as for a missing list (%+v)", foreign.Errors, missing.Errors)
	}
	// Editors have no special access to others' lists.
	if r := gqlAs(t, ts, "editor-key", readQ, map[string]any{"id": l.ID}); !slices.Equal(r.codes(), []string{"NOT_FOUND"}) {
		t.Errorf("an editor reads ann's list: codes %v, want NOT_FOUND", r.codes())
	}
	var bens struct{ Shortlists []shortlistJSON }
	ok(t, "ben's lists", gqlAs(t, ts, "ben-key", `{ shortlists { id } }`, nil), &bens)
	if len(bens.Shortlists) != 0 {
		t.Errorf("ben's shortlists %+v, want none", bens.Shortlists)
	}

	var removed struct{ RemoveFromShortlist shortlistJSON }
	ok(t, "remove", gqlAs(t, ts, "ann-key", `mutation($id: ID!) { removeFromShortlist(id: $id, personIds: ["ben"]) { size members { node { id } } } }`,
		map[string]any{"id": l.ID}), &removed)
	if got := removed.RemoveFromShortlist.memberIDs(); !slices.Equal(got, []string{"ada"}) {
		t.Errorf("after removing ben: %v, want [ada]", got)
	}
	var renamed struct{ RenameShortlist shortlistJSON }
	ok(t, "rename", gqlAs(t, ts, "ann-key", `mutation($id: ID!) { renameShortlist(id: $id, name: "Q3") { name size } }`,
		map[string]any{"id": l.ID}), &renamed)
	if renamed.RenameShortlist.Name != "Q3" || renamed.RenameShortlist.Size != 1 {
		t.Errorf("renamed %+v", renamed.RenameShortlist)
	}
	var all struct{ Shortlists []shortlistJSON }
	ok(t, "ann's lists", gqlAs(t, ts, "ann-key", `{ shortlists { id name size members { node { id } } } }`, nil), &all)
	if len(all.Shortlists) != 1 || !slices.Equal(all.Shortlists[0].memberIDs(), []string{"ada"}) {
		t.Errorf("ann's lists %+v, want Q3 with ada", all.Shortlists)
	}
	var deleted struct{ DeleteShortlist string }
	ok(t, "delete", gqlAs(t, ts, "ann-key", `mutation($id: ID!) { deleteShortlist(id: $id) }`, map[string]any{"id": l.ID}), &deleted)
	if deleted.DeleteShortlist != l.ID {
		t.Errorf("deleted %q, want %q", deleted.DeleteShortlist, l.ID)
	}
	if r := gqlAs(t, ts, "ann-key", readQ, map[string]any{"id": l.ID}); !slices.Equal(r.codes(), []string{"NOT_FOUND"}) {
		t.Errorf("the deleted list: codes %v, want NOT_FOUND", r.codes())
	}
}

func TestLists_SavedSearchThroughGraphQL(t *testing.T) {
	ts, _ := listsServer(t)
	saveQ := `mutation($name: String!, $where: PeopleFilter!) { saveSearch(name: $name, where: $where) { id name where } }`
	var saved struct {
		SaveSearch struct{ ID, Name, Where string }
	}
	ok(t, "save", gqlAs(t, ts, "ann-key", saveQ, map[string]any{"name": "PhDs since 2024",
		"where": map[string]any{"phd": true, "movedSince": "2024", "workedAt": []string{"lab-a"}}}), &saved)
	var where map[string]any
	if err := json.Unmarshal([]byte(saved.SaveSearch.Where), &where); err != nil {
		t.Fatalf("where is not JSON: %q", saved.SaveSearch.Where)
	}
	if where["phd"] != true || where["movedSince"] != "2024" || len(where["workedAt"].([]any)) != 1 {
		t.Errorf("saved where %v, want the filter sent", where)
	}
	// The saved filter runs as people(where:) unchanged.
	if r := gqlAs(t, ts, "ann-key", `query($w: PeopleFilter) { people(where: $w) { totalCount } }`, map[string]any{"w": where}); len(r.Errors) > 0 {
		t.Errorf("the saved filter does not run: %+v", r.Errors)
	}

	bad := gqlAs(t, ts, "ann-key", saveQ, map[string]any{"name": "Bad date", "where": map[string]any{"movedSince": "last spring"}})
	if !slices.Equal(bad.codes(), []string{"BAD_USER_INPUT"}) || !strings.Contains(bad.Errors[0].Message, "movedSince") {
		t.Errorf("a filter with a bad date: %+v, want BAD_USER_INPUT naming movedSince", bad.Errors)
	}

	var list struct{ SavedSearches []struct{ ID, Name string } }
	ok(t, "list", gqlAs(t, ts, "ann-key", `{ savedSearches { id name } }`, nil), &list)
	if len(list.SavedSearches) != 1 || list.SavedSearches[0].ID != saved.SaveSearch.ID {
		t.Errorf("ann's searches %+v, want the one saved", list.SavedSearches)
	}
	if r := gqlAs(t, ts, "ben-key", `mutation($id: ID!) { deleteSavedSearch(id: $id) }`, map[string]any{"id": saved.SaveSearch.ID}); !slices.Equal(r.codes(), []string{"NOT_FOUND"}) {
		t.Errorf("ben deletes ann's search: codes %v, want NOT_FOUND", r.codes())
	}
	if r := gqlAs(t, ts, "ann-key", `mutation($id: ID!) { deleteSavedSearch(id: $id) }`, map[string]any{"id": saved.SaveSearch.ID}); len(r.Errors) > 0 {
		t.Errorf("ann deletes her search: %+v", r.Errors)
	}
}

// Lists belong to a key's name. Two keys of one name in THELIST_API_KEYS,
// the old and the new during a rotation, see and change the same lists; a
// key without a name keeps its own, under the name its hash gives it.
func TestLists_KeysOfOneNameShareThem(t *testing.T) {
	db := neo4jtest.Open(t)
	if _, err := importer.Import(context.Background(), db, "testdata/candidates", importer.Options{}); err != nil {
		t.Fatalf("import testdata/candidates: %v", err)
	}
	cfg := DefaultConfig()
	if err := cfg.Access.ParseKeys("old-key:reader:newsroom,new-key:editor:newsroom,lone-key:reader"); err != nil {
		t.Fatal(err)
	}
	ts := tpServer(t, db, cfg)

	var created struct{ CreateShortlist struct{ ID string } }
	ok(t, "create with the old key", gqlAs(t, ts, "old-key", `mutation { createShortlist(name: "Frontier") { id } }`, nil), &created)
	id := created.CreateShortlist.ID
	var renamed struct{ RenameShortlist struct{ Name string } }
	ok(t, "rename with the new key", gqlAs(t, ts, "new-key", `mutation($id: ID!) { renameShortlist(id: $id, name: "Frontier 2") { name } }`,
		map[string]any{"id": id}), &renamed)
	if renamed.RenameShortlist.Name != "Frontier 2" {
		t.Errorf("renamed = %+v", renamed)
	}
	for _, key := range []string{"old-key", "new-key"} {
		var got struct{ Shortlists []struct{ ID, Name string } }
		ok(t, key+"'s shortlists", gqlAs(t, ts, key, `{ shortlists { id name } }`, nil), &got)
		if len(got.Shortlists) != 1 || got.Shortlists[0].ID != id || got.Shortlists[0].Name != "Frontier 2" {
			t.Errorf("%s sees %+v, want the one list %s, Frontier 2", key, got.Shortlists, id)
		}
	}
	var lone struct{ Shortlists []struct{ ID string } }
	ok(t, "the unnamed key's shortlists", gqlAs(t, ts, "lone-key", `{ shortlists { id } }`, nil), &lone)
	if len(lone.Shortlists) != 0 {
		t.Errorf("the unnamed key sees %+v, want none", lone.Shortlists)
	}
	if r := gqlAs(t, ts, "lone-key", `query($id: ID!) { shortlist(id: $id) { id } }`, map[string]any{"id": id}); !slices.Equal(r.codes(), []string{"NOT_FOUND"}) {
		t.Errorf("the unnamed key asks for newsroom's list: codes %v, want NOT_FOUND", r.codes())
	}
	ok(t, "create with the unnamed key", gqlAs(t, ts, "lone-key", `mutation { createShortlist(name: "Mine") { id } }`, nil), &created)
	// The owners stored are the name, and for the unnamed key, as before
	// names were given, "key-" and the start of its hash.
	for owner, want := range map[string]string{"newsroom": "Frontier 2", "key-" + HashKey("lone-key")[:8]: "Mine"} {
		lists, err := db.Shortlists(context.Background(), owner, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(lists) != 1 || lists[0].Name != want {
			t.Errorf("%s owns %+v, want one list, %s", owner, lists, want)
		}
	}
}

func TestLists_NeedAKey(t *testing.T) {
	ts, _ := listsServer(t)
	for _, q := range []string{
		`{ shortlists { id } }`,
		`{ savedSearches { id } }`,
		`{ shortlist(id: "x") { id } }`,
		`mutation { createShortlist(name: "x") { id } }`,
		`mutation { saveSearch(name: "x", where: {}) { id } }`,
	} {
		r := gqlAs(t, ts, "", q, nil)
		if !slices.Equal(r.codes(), []string{"UNAUTHENTICATED"}) {
			t.Errorf("%s without a key: codes %v, want UNAUTHENTICATED", q, r.codes())
		}
	}
	// A reader may write their own lists, but not the graph, and not both
	// in one operation.
	if r := gqlAs(t, ts, "ann-key", `mutation { createShortlist(name: "mine") { id } }`, nil); len(r.Errors) > 0 {
		t.Errorf("a reader creates a list: %+v", r.Errors)
	}
	mixed := gqlAs(t, ts, "ann-key", `mutation {
		createShortlist(name: "other") { id }
		addSource(input: {id: "s-x", publisher: "P", title: "T"}) { id } }`, nil)
	if !slices.Equal(mixed.codes(), []string{"FORBIDDEN"}) || mixed.status != http.StatusForbidden {
		t.Errorf("a reader's mutation that also writes the graph: status %d, codes %v; want 403 FORBIDDEN", mixed.status, mixed.codes())
	}
}

func TestLists_Validation(t *testing.T) {
	ts, _ := listsServer(t)
	var created struct{ CreateShortlist struct{ ID string } }
	ok(t, "create", gqlAs(t, ts, "ann-key", `mutation { createShortlist(name: "Frontier") { id } }`, nil), &created)
	id := created.CreateShortlist.ID
	cases := []struct{ name, q, code, message string }{
		{"empty name", `mutation { createShortlist(name: " ") { id } }`, "BAD_USER_INPUT", "name: must not be empty"},
		{"long name", `mutation { createShortlist(name: "` + strings.Repeat("n", 101) + `") { id } }`, "BAD_USER_INPUT", "at most 100"},
		{"taken name", `mutation { createShortlist(name: "frontier") { id } }`, "CONFLICT", `already have a shortlist named "frontier"`},
		{"unknown people", `mutation { addToShortlist(id: "` + id + `", personIds: ["ada", "nobody"]) { size } }`,
			"BAD_USER_INPUT", "no person with id nobody"},
		{"no people", `mutation { addToShortlist(id: "` + id + `", personIds: []) { size } }`, "BAD_USER_INPUT", "at least one person"},
		{"unknown list", `mutation { removeFromShortlist(id: "nope", personIds: ["ada"]) { size } }`, "NOT_FOUND", "no shortlist"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := gqlAs(t, ts, "ann-key", c.q, nil)
			if !slices.Equal(r.codes(), []string{c.code}) || !strings.Contains(r.Errors[0].Message, c.message) {
				t.Errorf("errors %+v, want %s saying %q", r.Errors, c.code, c.message)
			}
		})
	}
}
