package graph

import (
	"reflect"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// The properties a declaration writes are the ones the row builders wrote
// by hand before it, value for value, so that a record's hash, and with it
// what a re-import counts as unchanged, stays the same.
func TestDeclaredProps_AsWrittenByHand(t *testing.T) {
	total, years := int64(1_000_000), 4
	start := thelist.Date{Time: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), Precision: thelist.PrecisionMonth}
	offer := thelist.Offer{ID: "o1", LabID: "meta", PersonID: "p1", TotalValue: &total, Currency: "USD", Years: years,
		Date: start, Fact: thelist.Fact{Note: "n", Sources: []thelist.Source{{ID: "s1"}}}}
	want := map[string]any{"totalValue": int64(1_000_000), "firstYearValue": nil, "currency": "USD", "years": int64(4),
		"status": nil, "date": neo4j.DateOf(start.Time), "datePrecision": "month",
		"confidence": nil, "note": "n", "sources": []string{"s1"}}
	if got := declaredProps(thelist.OfferFields, offer, map[string]any{}); !reflect.DeepEqual(got, want) {
		t.Errorf("offer props = %#v,\nwant %#v", got, want)
	}

	done := false
	degree := thelist.Degree{ID: "d1", Degree: "phd", Completed: &done, AIThesis: true, Sources: []thelist.Source{{ID: "s1"}}}
	want = map[string]any{"degree": "phd", "field": nil, "start": nil, "startPrecision": nil, "end": nil, "endPrecision": nil,
		"completed": false, "thesis": nil, "aiThesis": true, "sources": []string{"s1"}}
	if got := declaredProps(thelist.DegreeFields, degree, map[string]any{}); !reflect.DeepEqual(got, want) {
		t.Errorf("degree props = %#v,\nwant %#v", got, want)
	}
}

// What a write stores, a read decodes back to the same record (but its
// ends, which are relationships each query reads its own way).
func TestDecodeDeclared_ReadsWhatWasWritten(t *testing.T) {
	citations := int64(120000)
	paper := thelist.Paper{ID: "w1", Title: "Attention", Year: 2017, DOI: "10.1/x", Citations: &citations,
		CitationsDate: thelist.Date{Time: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), Precision: thelist.PrecisionDay},
		Breakthrough:  true, Topics: []string{"nlp"}, Sources: []thelist.Source{{ID: "s1", Publisher: "p", Title: "t"}}}
	stored := declaredProps(thelist.PaperFields, paper, map[string]any{"id": paper.ID})
	// Neo4j returns lists as []any and the sources as the nodes they name.
	stored["topics"] = []any{"nlp"}
	stored["sources"] = []any{map[string]any{"id": "s1", "publisher": "p", "title": "t"}}
	var got thelist.Paper
	if err := decodeDeclared(thelist.PaperFields, stored, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, paper) {
		t.Errorf("decoded %#v,\nwant %#v", got, paper)
	}
}
