package api

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/thelist/thelist"
)

// BenchmarkServeGraphQL_PersonPage measures what the API itself spends on
// the web app's person page: HTTP handling, GraphQL execution and the JSON
// answer, with the store's answer canned so that Neo4j is not in the
// number (bench/api measures the whole request against Neo4j). It is a
// profiling aid, not a goal: go test ./api -run '^$' -bench ServeGraphQL
// -benchmem -cpuprofile cpu.out.

// cannedStore answers PersonWith with one fixed person; any other call
// panics on the nil Store.
type cannedStore struct {
	Store
	p thelist.Person
}

func (s cannedStore) PersonWith(context.Context, string, thelist.PersonDetail) (thelist.Person, error) {
	return s.p, nil
}

func BenchmarkServeGraphQL_PersonPage(b *testing.B) {
	// The request log line would be most of the output, and its cost is
	// the logger's, not the API's.
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.DiscardHandler))

	d, _ := thelist.ParseDate("2021-03")
	src := []thelist.Source{{ID: "src-1", Publisher: "Wired", Title: "Something reported here", Date: d, URL: "https://example.org/a"},
		{ID: "src-2", Publisher: "The Information", Title: "Another report", Date: d, URL: "https://example.org/b"}}
	lab := &thelist.Lab{ID: "openai", Name: "OpenAI", Kind: "lab", Country: "US"}
	yes := true
	p := thelist.Person{ID: "syn-person-0000001", Name: "Someone Person", Sources: src,
		Stints:  []thelist.Stint{{ID: "st-1", Role: "Researcher", Start: d, Lab: lab, Fact: thelist.Fact{Sources: src}}, {ID: "st-2", Role: "Member of Technical Staff", Start: d, End: d, Lab: lab, Fact: thelist.Fact{Sources: src}}},
		Degrees: []thelist.Degree{{ID: "dg-1", Degree: "PhD", Field: "Machine learning", Start: d, End: d, Completed: &yes, Lab: lab, Sources: src}},
	}
	srv, err := New(cannedStore{p: p}, nil)
	if err != nil {
		b.Fatal(err)
	}
	body := `{"query":"query GetPerson($id: ID!) {\n  person(id: $id) {\n    id name nativeName\n    stints { id lab { id name kind country } role start end confidence note sources { id publisher title date url note } }\n    degrees { id lab { id name kind country } degree field start end completed advisorId advisorName sources { id publisher title date url note } }\n    sources { id publisher title date url note }\n  }\n}","variables":{"id":"syn-person-0000001"}}`
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		if w.Code != 200 || strings.Contains(w.Body.String(), "errors") {
			b.Fatal(w.Code, w.Body.String())
		}
	}
}
