package api

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/thelist/thelist"
)

func TestMutations_PapersDegreesAndRetraction(t *testing.T) {
	ts, _ := mutationServer(t)
	run := func(t *testing.T, key, q string, vars map[string]any, want ...string) tpResponse {
		t.Helper()
		r := gqlAs(t, ts, key, q, vars)
		if codes := r.codes(); !slices.Equal(codes, want) {
			t.Fatalf("codes = %v, want %v: %s", codes, want, r.body)
		}
		return r
	}
	history := func(t *testing.T, kind, id string) []changeJSON {
		t.Helper()
		r := run(t, "", historyQ, map[string]any{"kind": kind, "id": id})
		var got struct{ History []changeJSON }
		if err := json.Unmarshal(r.Data, &got); err != nil {
			t.Fatal(err)
		}
		return got.History
	}
	const retractQ = `mutation($kind: String!, $id: ID!, $reason: String!) {
		retract(kind: $kind, id: $id, reason: $reason) { mutation recordKind recordId before after }
	}`

	t.Run("a paper, its authorship and a degree", func(t *testing.T) {
		run(t, "editor-key", `mutation($in: PaperInput!) { upsertPaper(input: $in) { recordId } }`, map[string]any{"in": map[string]any{
			"id": "paper-x", "title": "A Placeholder Paper", "year": 2017, "breakthrough": true, "sources": []string{"src-a"}}})
		r := run(t, "editor-key", `mutation($in: AuthorshipInput!) { upsertAuthorship(input: $in) { recordId after } }`,
			map[string]any{"in": map[string]any{"personId": "ada-example", "paperId": "paper-x", "position": 1, "sources": []string{"src-a"}}})
		var got struct{ UpsertAuthorship changeJSON }
		if err := json.Unmarshal(r.Data, &got); err != nil {
			t.Fatal(err)
		}
		if got.UpsertAuthorship.RecordID != "ada-example/paper-x" {
			t.Errorf("authorship record id = %q, want ada-example/paper-x", got.UpsertAuthorship.RecordID)
		}
		if after := props(t, got.UpsertAuthorship.After); after["position"] != 1.0 || after["from"] != "ada-example" || after["to"] != "paper-x" {
			t.Errorf("authorship after = %v", after)
		}
		run(t, "editor-key", `mutation($in: DegreeInput!) { upsertDegree(input: $in) { recordId } }`, map[string]any{"in": map[string]any{
			"id": "deg-ada", "personId": "ada-example", "labId": "lab-beta", "degree": "phd", "field": "machine learning",
			"end": "2014", "completed": true, "sources": []string{"src-b"}}})
		r = run(t, "", `{ person(id: "ada-example") { degrees { degree lab { id } } } paper(id: "paper-x") { breakthrough authors { person { id } position } } }`, nil)
		want := `{"person":{"degrees":[{"degree":"phd","lab":{"id":"lab-beta"}}]},
			"paper":{"breakthrough":true,"authors":[{"person":{"id":"ada-example"},"position":1}]}}`
		if !sameJSON(r.Data, want) {
			t.Errorf("person and paper = %s, want %s", r.Data, want)
		}
		if h := history(t, "authorships", "ada-example/paper-x"); len(h) != 1 || h[0].Mutation != "upsertAuthorship" {
			t.Errorf("authorship history = %+v", h)
		}
	})

	t.Run("a retracted fact is gone and its history keeps it", func(t *testing.T) {
		r := run(t, "editor-key", retractQ, map[string]any{"kind": "degrees", "id": "deg-ada", "reason": "source B was wrong"})
		var got struct{ Retract changeJSON }
		if err := json.Unmarshal(r.Data, &got); err != nil {
			t.Fatal(err)
		}
		c := got.Retract
		if c.Mutation != "retract" || c.RecordKind != "degrees" || c.Before == nil || c.After != "" {
			t.Fatalf("retract change = %+v", c)
		}
		if before := props(t, *c.Before); before["degree"] != "phd" || before["from"] != "ada-example" {
			t.Errorf("before = %v", before)
		}
		r = run(t, "", `{ person(id: "ada-example") { degrees { degree } } }`, nil)
		if want := `{"person":{"degrees":[]}}`; !sameJSON(r.Data, want) {
			t.Errorf("after retraction person = %s, want %s", r.Data, want)
		}
		h := history(t, "degrees", "deg-ada")
		if len(h) != 2 || h[0].Mutation != "retract" || h[0].Reason != "source B was wrong" || h[1].Mutation != "upsertDegree" {
			t.Errorf("history = %+v, want the retraction then the creation", h)
		}
		// A page of one, then the page after it.
		const pageQ = `query($after: ID) { history(kind: "degrees", id: "deg-ada", first: 1, after: $after) { id mutation } }`
		var page struct {
			History []struct{ ID, Mutation string }
		}
		if err := json.Unmarshal(run(t, "", pageQ, map[string]any{"after": nil}).Data, &page); err != nil || len(page.History) != 1 ||
			page.History[0].Mutation != "retract" {
			t.Fatalf("first page = %+v, %v", page, err)
		}
		if err := json.Unmarshal(run(t, "", pageQ, map[string]any{"after": page.History[0].ID}).Data, &page); err != nil ||
			len(page.History) != 1 || page.History[0].Mutation != "upsertDegree" {
			t.Fatalf("second page = %+v, %v", page, err)
		}
		if err := json.Unmarshal(run(t, "", pageQ, map[string]any{"after": page.History[0].ID}).Data, &page); err != nil ||
			len(page.History) != 0 {
			t.Fatalf("third page = %+v, %v; want none", page, err)
		}
		// Retracting it again finds nothing.
		run(t, "editor-key", retractQ, map[string]any{"kind": "degrees", "id": "deg-ada", "reason": "again"}, thelist.ENOTFOUND)
	})

	t.Run("an authorship is retracted by personId/paperId", func(t *testing.T) {
		run(t, "editor-key", retractQ, map[string]any{"kind": "authorships", "id": "ada-example/paper-x", "reason": "wrong Ada"})
		// The paper itself stays, without its author.
		r := run(t, "", `{ paper(id: "paper-x") { title authors { position } } }`, nil)
		if want := `{"paper":{"title":"A Placeholder Paper","authors":[]}}`; !sameJSON(r.Data, want) {
			t.Errorf("paper = %s, want %s", r.Data, want)
		}
	})

	t.Run("an offer a move cites stays until the move goes", func(t *testing.T) {
		run(t, "editor-key", `mutation($in: OfferInput!) { upsertOffer(input: $in) { recordId } }`, map[string]any{"in": map[string]any{
			"id": "of-ada", "labId": "lab-beta", "personId": "ada-example", "currency": "USD", "totalValue": 1000000.0,
			"status": "accepted", "sources": []string{"src-b"}}})
		run(t, "editor-key", `mutation($in: MoveInput!) { upsertMove(input: $in) { recordId } }`, map[string]any{"in": map[string]any{
			"id": "mv-ada", "personId": "ada-example", "fromLabId": "lab-alpha", "toLabId": "lab-beta", "offerId": "of-ada", "date": "2025-07",
			"sources": []string{"src-b"}}})
		const countsQ = `{ talentFlows(from: "lab-alpha", to: "lab-beta") { count } offers { totalCount } }`
		if r := run(t, "", countsQ, nil); !sameJSON(r.Data, `{"talentFlows":{"count":1},"offers":{"totalCount":1}}`) {
			t.Fatalf("before retraction: %s", r.Data)
		}
		run(t, "editor-key", retractQ, map[string]any{"kind": "offers", "id": "of-ada", "reason": "r"}, thelist.ECONFLICT)
		run(t, "editor-key", retractQ, map[string]any{"kind": "moves", "id": "mv-ada", "reason": "never happened"})
		run(t, "editor-key", retractQ, map[string]any{"kind": "offers", "id": "of-ada", "reason": "never made"})
		if r := run(t, "", countsQ, nil); !sameJSON(r.Data, `{"talentFlows":{"count":0},"offers":{"totalCount":0}}`) {
			t.Errorf("after retraction: %s", r.Data)
		}
	})

	t.Run("refused", func(t *testing.T) {
		vars := map[string]any{"kind": "people", "id": "ada-example", "reason": "r"}
		run(t, "editor-key", retractQ, vars, thelist.EINVALID) // an entity is corrected, not retracted
		run(t, "reader-key", retractQ, vars, codeForbidden)
		run(t, "", retractQ, vars, codeUnauthenticated)
		run(t, "editor-key", retractQ, map[string]any{"kind": "stints", "id": "x", "reason": "  "}, thelist.EINVALID)
		run(t, "editor-key", retractQ, map[string]any{"kind": "authorships", "id": "no-slash", "reason": "r"}, thelist.EINVALID)
		run(t, "editor-key", retractQ, map[string]any{"kind": "spaceships", "id": "x", "reason": "r"}, thelist.EINVALID)
	})
}
