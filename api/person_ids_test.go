package api

import "testing"

// TestPerson_ExternalIDsReadBack holds that a person's ids in other
// registries can be read, so that an editor's client, whose upsertPerson
// writes the record whole, can send them back instead of clearing them.
func TestPerson_ExternalIDsReadBack(t *testing.T) {
	ts, _ := mutationServer(t)
	r := gqlAs(t, ts, "editor-key", upsertPersonQ, map[string]any{"in": map[string]any{
		"id": "bea-example", "name": "Bea Example", "orcid": "0000-0002-1825-0097", "openalex": "A5023888391",
		"dblp": "e/BeaExample", "googleScholar": "bea123", "sources": []string{"src-a"}, "reason": "reported by A",
	}})
	if r.status != 200 || len(r.Errors) > 0 {
		t.Fatalf("status %d, errors %s", r.status, r.body)
	}
	r = gqlAs(t, ts, "", `{ person(id: "bea-example") { orcid openalex dblp googleScholar } }`, nil)
	want := `{"person":{"orcid":"0000-0002-1825-0097","openalex":"A5023888391","dblp":"e/BeaExample","googleScholar":"bea123"}}`
	if !sameJSON(r.Data, want) {
		t.Errorf("person = %s, want %s", r.Data, want)
	}
	r = gqlAs(t, ts, "", `{ search(query: "Bea Example", kinds: [PERSON]) { person { orcid } } }`, nil)
	if want := `{"search":[{"person":{"orcid":"0000-0002-1825-0097"}}]}`; !sameJSON(r.Data, want) {
		t.Errorf("search = %s, want %s", r.Data, want)
	}
}
