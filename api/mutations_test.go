package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/importer"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// mutationServer serves the real schema over a test database loaded with
// testdata/mutations, with an editor key "editor-key" (named ed) and a
// reader key "reader-key" (named rd).
func mutationServer(t *testing.T) (*httptest.Server, *graph.DB) {
	t.Helper()
	return mutationServerWith(t, 0)
}

// mutationServerWith is mutationServer over a DB with the write retry
// time given (0: graph's default).
func mutationServerWith(t *testing.T, writeRetryTime time.Duration) (*httptest.Server, *graph.DB) {
	t.Helper()
	db := neo4jtest.Open(t)
	if _, err := importer.Import(context.Background(), db, "testdata/mutations", importer.Options{}); err != nil {
		t.Fatalf("import testdata/mutations: %v", err)
	}
	if writeRetryTime > 0 {
		cfg := neo4jtest.Config()
		cfg.WriteRetryTime = writeRetryTime
		db = neo4jtest.Connect(t, cfg)
	}
	cfg := DefaultConfig()
	cfg.Access.AddKey("ed", "editor-key", RoleEditor)
	cfg.Access.AddKey("rd", "reader-key", RoleReader)
	return tpServer(t, db, cfg), db
}

// gqlAs posts a query with variables, with key as the bearer key ("" for none).
func gqlAs(t *testing.T, ts *httptest.Server, key, q string, vars map[string]any) tpResponse {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": q, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	headers := []string{"Accept", tGQL}
	if key != "" {
		headers = append(headers, "Authorization", "Bearer "+key)
	}
	return tpDo(t, http.MethodPost, ts.URL+"/graphql", string(body), headers...)
}

const upsertPersonQ = `mutation($in: PersonInput!) {
	upsertPerson(input: $in) { who role mutation recordKind recordId reason before after at }
}`

const historyQ = `query($kind: String!, $id: ID!) {
	history(kind: $kind, id: $id) { who mutation reason before after at }
}`

type changeJSON struct {
	Who, Role, Mutation, RecordKind, RecordID, Reason string
	Before                                            *string
	After                                             string
	At                                                string
}

// props decodes a change's before or after JSON.
func props(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("not JSON: %v: %s", err, s)
	}
	return m
}

func TestMutations_CreateCorrectAndHistory(t *testing.T) {
	ts, _ := mutationServer(t)

	t.Run("editor creates a person citing a source", func(t *testing.T) {
		r := gqlAs(t, ts, "editor-key", upsertPersonQ, map[string]any{"in": map[string]any{
			"id": "bea-example", "name": "Bea Example", "aliases": []string{"B. Example"},
			"sources": []string{"src-a"}, "reason": "reported by A",
		}})
		if r.status != 200 || len(r.Errors) > 0 {
			t.Fatalf("status %d, errors %s", r.status, r.body)
		}
		var got struct{ UpsertPerson changeJSON }
		if err := json.Unmarshal(r.Data, &got); err != nil {
			t.Fatal(err)
		}
		c := got.UpsertPerson
		if c.Who != "ed" || c.Role != "editor" || c.Mutation != "upsertPerson" || c.RecordKind != "people" ||
			c.RecordID != "bea-example" || c.Reason != "reported by A" || c.Before != nil || c.At == "" {
			t.Errorf("change = %+v", c)
		}
		after := props(t, c.After)
		if after["name"] != "Bea Example" || !slices.Equal(after["sources"].([]any), []any{"src-a"}) ||
			!slices.Equal(after["aliases"].([]any), []any{"B. Example"}) {
			t.Errorf("after = %v", after)
		}
		// The person reads back like an imported one.
		r = gqlAs(t, ts, "", `{ person(id: "bea-example") { name } }`, nil)
		if want := `{"person":{"name":"Bea Example"}}`; !sameJSON(r.Data, want) {
			t.Errorf("person = %s, want %s", r.Data, want)
		}
	})

	t.Run("a correction has before and after, newest first", func(t *testing.T) {
		r := gqlAs(t, ts, "editor-key", upsertPersonQ, map[string]any{"in": map[string]any{
			"id": "bea-example", "name": "Bea Q. Example", "sources": []string{"src-a", "src-b"}, "reason": "B gives the middle initial",
		}})
		if r.status != 200 || len(r.Errors) > 0 {
			t.Fatalf("status %d, errors %s", r.status, r.body)
		}
		r = gqlAs(t, ts, "", historyQ, map[string]any{"kind": "people", "id": "bea-example"})
		var got struct{ History []changeJSON }
		if err := json.Unmarshal(r.Data, &got); err != nil || len(r.Errors) > 0 {
			t.Fatalf("history: %v %s", err, r.body)
		}
		if len(got.History) != 2 {
			t.Fatalf("history has %d changes, want 2: %s", len(got.History), r.Data)
		}
		newest, oldest := got.History[0], got.History[1]
		if newest.Reason != "B gives the middle initial" || oldest.Reason != "reported by A" {
			t.Errorf("order: reasons %q, %q", newest.Reason, oldest.Reason)
		}
		if newest.At < oldest.At {
			t.Errorf("newest at %s before oldest at %s", newest.At, oldest.At)
		}
		if newest.Before == nil {
			t.Fatal("correction has no before")
		}
		before, after := props(t, *newest.Before), props(t, newest.After)
		if before["name"] != "Bea Example" || after["name"] != "Bea Q. Example" {
			t.Errorf("name before %v, after %v", before["name"], after["name"])
		}
		if _, ok := after["aliases"]; ok {
			t.Errorf("aliases left out of the correction should be cleared, after = %v", after)
		}
		if _, ok := after["hash"]; ok {
			t.Error("after shows the internal hash")
		}
	})

	t.Run("a stint is a relationship record with history", func(t *testing.T) {
		r := gqlAs(t, ts, "editor-key", `mutation($in: StintInput!) { upsertStint(input: $in) { recordKind recordId after } }`,
			map[string]any{"in": map[string]any{
				"id": "st-bea-alpha", "personId": "bea-example", "labId": "lab-alpha", "role": "Researcher",
				"start": "2021-04", "sources": []string{"src-b"},
			}})
		if r.status != 200 || len(r.Errors) > 0 {
			t.Fatalf("status %d, errors %s", r.status, r.body)
		}
		r = gqlAs(t, ts, "", historyQ, map[string]any{"kind": "stints", "id": "st-bea-alpha"})
		var got struct{ History []changeJSON }
		if err := json.Unmarshal(r.Data, &got); err != nil || len(got.History) != 1 {
			t.Fatalf("history: %v %s", err, r.body)
		}
		after := props(t, got.History[0].After)
		if after["from"] != "bea-example" || after["to"] != "lab-alpha" || after["start"] != "2021-04-01" || after["startPrecision"] == nil {
			t.Errorf("after = %v", after)
		}
	})
}

func TestMutations_Refused(t *testing.T) {
	ts, db := mutationServer(t)
	person := func(sources []string) map[string]any {
		return map[string]any{"in": map[string]any{"id": "cy-example", "name": "Cy Example", "sources": sources}}
	}
	tests := []struct {
		name        string
		key         string
		vars        map[string]any
		wantStatus  int
		wantCode    string
		wantMessage string // a part of the message
	}{
		{"no sources", "editor-key", person([]string{}), 200, thelist.EINVALID, "sources: missing"},
		{"unknown source", "editor-key", person([]string{"src-a", "src-nowhere"}), 200, thelist.EINVALID, `"src-nowhere"`},
		{"bad field", "editor-key", map[string]any{"in": map[string]any{"id": "cy-example", "name": "Cy Example",
			"orcid": "12345", "sources": []string{"src-a"}}}, 200, thelist.EINVALID, "orcid"},
		{"reader's key", "reader-key", person([]string{"src-a"}), 403, codeForbidden, ""},
		{"no key", "", person([]string{"src-a"}), 401, codeUnauthenticated, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := gqlAs(t, ts, tt.key, upsertPersonQ, tt.vars)
			if r.status != tt.wantStatus {
				t.Errorf("status = %d, want %d", r.status, tt.wantStatus)
			}
			if !slices.Equal(r.codes(), []string{tt.wantCode}) {
				t.Fatalf("codes = %v, want [%s]: %s", r.codes(), tt.wantCode, r.body)
			}
			if !strings.Contains(r.Errors[0].Message, tt.wantMessage) {
				t.Errorf("message %q does not contain %q", r.Errors[0].Message, tt.wantMessage)
			}
		})
	}

	t.Run("over GET", func(t *testing.T) {
		u := ts.URL + "/graphql?query=" + url.QueryEscape(`mutation { addSource(input: {id: "s", publisher: "p", title: "t"}) { id } }`)
		r := tpDo(t, http.MethodGet, u, "", "Accept", tGQL, "Authorization", "Bearer editor-key")
		if r.status != http.StatusMethodNotAllowed {
			t.Errorf("status = %d, want 405", r.status)
		}
	})

	t.Run("an import is not a change", func(t *testing.T) {
		if h, err := db.History(context.Background(), thelist.KindPeople, "ada-example", 10, ""); err != nil || len(h) != 0 {
			t.Errorf("history of an imported person = %v, %v; want none", h, err)
		}
	})

	t.Run("unknown history kind", func(t *testing.T) {
		r := gqlAs(t, ts, "", historyQ, map[string]any{"kind": "spaceships", "id": "x"})
		if !slices.Equal(r.codes(), []string{thelist.EINVALID}) {
			t.Errorf("codes = %v, want [%s]", r.codes(), thelist.EINVALID)
		}
	})

	t.Run("nothing was written", func(t *testing.T) {
		if _, err := db.Person(context.Background(), "cy-example"); thelist.ErrorCode(err) != thelist.ENOTFOUND {
			t.Errorf("person cy-example: err = %v, want not found", err)
		}
		if h, err := db.History(context.Background(), thelist.KindPeople, "cy-example", 10, ""); err != nil || len(h) != 0 {
			t.Errorf("history = %v, %v; want none", h, err)
		}
	})
}

// A reference that fails inside the write transaction (here a source that
// validation would have caught, written past it) rolls back the record and
// its Change together.
func TestMutations_OneTransaction(t *testing.T) {
	_, db := mutationServer(t)
	ctx := context.Background()
	b := thelist.Bundle{People: []thelist.Person{{ID: "dee-example", Name: "Dee Example",
		Sources: []thelist.Source{{ID: "src-ghost"}}}}}
	_, err := db.WriteChange(ctx, b, thelist.Change{Who: "ed", Role: "editor", Mutation: "upsertPerson",
		RecordKind: thelist.KindPeople, RecordID: "dee-example"})
	if got := thelist.ErrorCode(err); got != thelist.EINVALID {
		t.Fatalf("error code = %q (%v), want %s", got, err, thelist.EINVALID)
	}
	if _, err := db.Person(ctx, "dee-example"); thelist.ErrorCode(err) != thelist.ENOTFOUND {
		t.Errorf("person written despite the failed reference: err = %v", err)
	}
	if h, err := db.History(ctx, thelist.KindPeople, "dee-example", 10, ""); err != nil || len(h) != 0 {
		t.Errorf("history = %v, %v; want none", h, err)
	}
}

func TestMutations_AddSourceThenCite(t *testing.T) {
	ts, _ := mutationServer(t)
	r := gqlAs(t, ts, "editor-key", `mutation { addSource(input: {id: "src-c", publisher: "Example Daily",
		title: "Placeholder report C", date: "2024-05-02", url: "https://example.org/c"}) { recordKind recordId before } }`, nil)
	if want := `{"addSource":{"recordKind":"sources","recordId":"src-c","before":null}}`; !sameJSON(r.Data, want) || len(r.Errors) > 0 {
		t.Fatalf("addSource = %s, want %s", r.body, want)
	}
	r = gqlAs(t, ts, "editor-key", `mutation($in: LabInput!) { upsertLab(input: $in) { recordId } }`,
		map[string]any{"in": map[string]any{"id": "lab-gamma", "name": "Lab Gamma", "kind": "startup", "parentId": "lab-alpha",
			"sources": []string{"src-c"}}})
	if want := `{"upsertLab":{"recordId":"lab-gamma"}}`; !sameJSON(r.Data, want) || len(r.Errors) > 0 {
		t.Fatalf("upsertLab = %s, want %s", r.body, want)
	}
	// The lab page shows the registry ids, so that an editor's upsertLab,
	// which writes the whole record, can send them back.
	r = gqlAs(t, ts, "editor-key", `mutation($in: LabInput!) { upsertLab(input: $in) { recordId } }`,
		map[string]any{"in": map[string]any{"id": "lab-gamma", "name": "Lab Gamma", "kind": "startup", "parentId": "lab-alpha",
			"ror": "05a28rw58", "openalex": "I35440088", "wikidata": "Q11942", "sources": []string{"src-c"}}})
	if len(r.Errors) > 0 {
		t.Fatalf("upsertLab with registry ids: %s", r.body)
	}
	r = gqlAs(t, ts, "", `{ lab(id: "lab-gamma") { ror openalex wikidata } }`, nil)
	if want := `{"lab":{"ror":"05a28rw58","openalex":"I35440088","wikidata":"Q11942"}}`; !sameJSON(r.Data, want) {
		t.Errorf("lab page registry ids = %s, want %s", r.body, want)
	}
	r = gqlAs(t, ts, "editor-key", `mutation($in: LabInput!) { upsertLab(input: $in) { recordId } }`,
		map[string]any{"in": map[string]any{"id": "lab-delta", "name": "Lab Delta", "kind": "startup", "parentId": "lab-nowhere",
			"sources": []string{"src-c"}}})
	if !slices.Equal(r.codes(), []string{thelist.EINVALID}) || !strings.Contains(r.Errors[0].Message, `"lab-nowhere"`) {
		t.Errorf("unknown parent: %s", r.body)
	}
}

// sameJSON compares JSON by value: graphql-go writes object keys sorted, not
// in selection order.
func sameJSON(got json.RawMessage, want string) bool {
	var g, w any
	if json.Unmarshal(got, &g) != nil || json.Unmarshal([]byte(want), &w) != nil {
		return false
	}
	gs, _ := json.Marshal(g)
	ws, _ := json.Marshal(w)
	return string(gs) == string(ws)
}

func TestMutations_OfferMoveRecruitment(t *testing.T) {
	ts, _ := mutationServer(t)
	steps := []struct {
		name, query string
		in          map[string]any
		wantCode    string
	}{
		{"recruiter", upsertPersonQ, map[string]any{"id": "cy-example", "name": "Cy Example", "sources": []string{"src-a"}}, ""},
		{"offer", `mutation($in: OfferInput!) { upsertOffer(input: $in) { recordId } }`, map[string]any{
			"id": "of-ada", "labId": "lab-beta", "personId": "ada-example", "extendedById": "cy-example",
			"totalValue": 3000000000.0, "firstYearValue": 500000000.0, "currency": "USD", "years": 4,
			"date": "2025-06", "status": "accepted", "sources": []string{"src-b"}}, ""},
		{"offer with a fraction", `mutation($in: OfferInput!) { upsertOffer(input: $in) { recordId } }`, map[string]any{
			"id": "of-ada-2", "labId": "lab-beta", "personId": "ada-example", "totalValue": 1.5, "currency": "USD",
			"sources": []string{"src-b"}}, thelist.EINVALID},
		{"move", `mutation($in: MoveInput!) { upsertMove(input: $in) { recordId } }`, map[string]any{
			"id": "mv-ada", "personId": "ada-example", "fromLabId": "lab-alpha", "toLabId": "lab-beta",
			"date": "2025-07", "recruiterId": "cy-example", "offerId": "of-ada", "sources": []string{"src-b"}}, ""},
		{"move to where it came from", `mutation($in: MoveInput!) { upsertMove(input: $in) { recordId } }`, map[string]any{
			"id": "mv-ada-2", "personId": "ada-example", "fromLabId": "lab-alpha", "toLabId": "lab-alpha",
			"sources": []string{"src-b"}}, thelist.EINVALID},
		{"recruitment", `mutation($in: RecruitmentInput!) { upsertRecruitment(input: $in) { recordId } }`, map[string]any{
			"id": "rc-cy-ada", "recruiterId": "cy-example", "recruitId": "ada-example", "toLabId": "lab-beta",
			"date": "2025-07", "confidence": "inferred", "note": "from the move", "sources": []string{"src-b"}}, ""},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			r := gqlAs(t, ts, "editor-key", st.query, map[string]any{"in": st.in})
			if st.wantCode == "" && len(r.Errors) > 0 || st.wantCode != "" && !slices.Equal(r.codes(), []string{st.wantCode}) {
				t.Fatalf("codes = %v, want [%s]: %s", r.codes(), st.wantCode, r.body)
			}
		})
	}
	// The person page reads the offer a move took, so that an editor's
	// upsertMove, which writes the whole record, can send it back.
	t.Run("the person page reads the move's offer", func(t *testing.T) {
		r := gqlAs(t, ts, "", `{ person(id: "ada-example") { moves { id offerId } } }`, nil)
		if want := `{"person":{"moves":[{"id":"mv-ada","offerId":"of-ada"}]}}`; !sameJSON(r.Data, want) {
			t.Errorf("moves = %s, want %s", r.body, want)
		}
	})
	t.Run("histories", func(t *testing.T) {
		for _, k := range [][2]string{{"offers", "of-ada"}, {"moves", "mv-ada"}, {"recruitments", "rc-cy-ada"}} {
			r := gqlAs(t, ts, "", historyQ, map[string]any{"kind": k[0], "id": k[1]})
			var got struct{ History []changeJSON }
			if err := json.Unmarshal(r.Data, &got); err != nil || len(got.History) != 1 {
				t.Fatalf("%s %s history: %v %s", k[0], k[1], err, r.body)
			}
			if k[0] == "offers" {
				after := props(t, got.History[0].After)
				if after["totalValue"] != 3e9 || after["status"] != "accepted" {
					t.Errorf("offer after = %v", after)
				}
			}
		}
	})
}
