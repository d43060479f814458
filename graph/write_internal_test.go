package graph

import (
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A row's hash must change with any of its values, and with a value's type
// where two types could print alike, and must not change with map order.
func TestHashRow(t *testing.T) {
	base := func() map[string]any {
		return map[string]any{"id": "p1", "from": "a", "props": map[string]any{
			"name": "Ada", "year": int64(2017), "breakthrough": true, "note": nil,
			"sources": []string{"s1", "s2"}, "date": neo4j.DateOf(time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)),
		}}
	}
	h := hashRow(base())
	if again := hashRow(base()); again != h {
		t.Fatalf("same row hashed %d then %d", h, again)
	}
	withHash := base()
	withHash["hash"] = int64(42)
	if got := hashRow(withHash); got != h {
		t.Errorf("the stored hash itself changed the hash: %d, want %d", got, h)
	}
	changes := map[string]func(row map[string]any){
		"id":              func(r map[string]any) { r["id"] = "p2" },
		"end":             func(r map[string]any) { r["from"] = "b" },
		"string property": func(r map[string]any) { r["props"].(map[string]any)["name"] = "Ad" },
		"null to empty":   func(r map[string]any) { r["props"].(map[string]any)["note"] = "" },
		"number":          func(r map[string]any) { r["props"].(map[string]any)["year"] = int64(2018) },
		"bool":            func(r map[string]any) { r["props"].(map[string]any)["breakthrough"] = false },
		"list order":      func(r map[string]any) { r["props"].(map[string]any)["sources"] = []string{"s2", "s1"} },
		"list split":      func(r map[string]any) { r["props"].(map[string]any)["sources"] = []string{"s1s2"} },
		"date": func(r map[string]any) {
			r["props"].(map[string]any)["date"] = neo4j.DateOf(time.Date(2020, 1, 3, 0, 0, 0, 0, time.UTC))
		},
		"date as text": func(r map[string]any) { r["props"].(map[string]any)["date"] = "2020-01-02" },
		"value moved to a key": func(r map[string]any) {
			delete(r["props"].(map[string]any), "note")
			r["props"].(map[string]any)["note2"] = nil
		},
		"property added":         func(r map[string]any) { r["props"].(map[string]any)["venue"] = nil },
		"string across two keys": func(r map[string]any) { r["id"], r["from"] = "p1a", "" },
	}
	for name, change := range changes {
		row := base()
		change(row)
		if got := hashRow(row); got == h {
			t.Errorf("%s: hash unchanged", name)
		}
	}
}

// The create statement names every property key that any row of the chunk
// holds, and writes no property from a map (which would make the planner
// buffer the whole batch).
func TestCreateQuery_NamesProperties(t *testing.T) {
	rows := []map[string]any{
		{"id": "o1", "props": map[string]any{"status": "offered", "totalValue": nil}},
		{"id": "o2", "props": map[string]any{"status": nil, "years": int64(4)}},
	}
	q := createQuery(recordKinds["offers"], rows)
	for _, want := range []string{"`status`: row.props.`status`", "`totalValue`: row.props.`totalValue`",
		"`years`: row.props.`years`", "hash: row.hash", "id: row.id"} {
		if !strings.Contains(q, want) {
			t.Errorf("create statement lacks %q:\n%s", want, q)
		}
	}
	if strings.Contains(q, "+=") {
		t.Errorf("create statement sets properties from a map:\n%s", q)
	}
}
