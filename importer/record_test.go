package importer

import (
	"strings"
	"testing"

	"github.com/thelist/thelist"
)

func TestValidateRecord_SameRulesAsARow(t *testing.T) {
	store := &fakeStore{known: map[string][]string{"Source": {"src-a"}, "Person": {"ada"}, "Lab": {"lab-a"}}}
	tests := []struct {
		name    string
		kind    string
		values  map[string]string
		wantErr string // a part of the message; "" for valid
	}{
		{"valid stint", thelist.KindStints, map[string]string{"id": "st-1", "person_id": "ada", "lab_id": "lab-a",
			"start": "2020", "end": "2022-03", "sources": "src-a"}, ""},
		{"missing sources", thelist.KindPeople, map[string]string{"id": "bea", "name": "Bea"}, "people: sources: missing"},
		{"unknown source", thelist.KindPeople, map[string]string{"id": "bea", "name": "Bea", "sources": "src-a;src-x"},
			`unknown source "src-x"`},
		{"unknown lab", thelist.KindStints, map[string]string{"id": "st-1", "person_id": "ada", "lab_id": "lab-z",
			"sources": "src-a"}, `unknown lab "lab-z"`},
		{"end before start", thelist.KindStints, map[string]string{"id": "st-1", "person_id": "ada", "lab_id": "lab-a",
			"start": "2022", "end": "2020", "sources": "src-a"}, "end: 2020 is before start 2022"},
		{"bad enum", thelist.KindLabs, map[string]string{"id": "lab-b", "name": "Lab B", "kind": "castle",
			"sources": "src-a"}, `unknown value "castle"`},
		{"unknown column", thelist.KindPeople, map[string]string{"id": "bea", "name": "Bea", "sources": "src-a",
			"shoe_size": "9"}, "shoe_size: unknown column"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := ValidateRecord(testContext(t), store, tt.kind, tt.values)
			if tt.wantErr == "" {
				if err != nil || b.Len() != 1 {
					t.Fatalf("got %d records, err %v; want 1, nil", b.Len(), err)
				}
				return
			}
			if thelist.ErrorCode(err) != thelist.EINVALID || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want %s containing %q", err, thelist.EINVALID, tt.wantErr)
			}
		})
	}
}
