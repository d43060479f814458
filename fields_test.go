package thelist_test

import (
	"slices"
	"testing"

	"github.com/thelist/thelist"
)

func TestField_NameAndProps(t *testing.T) {
	tests := []struct {
		f     thelist.Field
		name  string
		props []string
	}{
		{thelist.Field{Column: "person_id", Type: thelist.FieldRef}, "personId", nil},
		{thelist.Field{Column: "citations_date", Type: thelist.FieldDate}, "citationsDate", []string{"citationsDate", "citationsDatePrecision"}},
		{thelist.Field{Column: "role", Type: thelist.FieldText}, "role", []string{"role"}},
		{thelist.Field{Column: "sources", Type: thelist.FieldSources}, "sources", nil},
		{thelist.Field{Column: "google_scholar", Type: thelist.FieldText}, "googleScholar", []string{"googleScholar"}},
	}
	for _, tt := range tests {
		if got := tt.f.Name(); got != tt.name {
			t.Errorf("%s: Name() = %q, want %q", tt.f.Column, got, tt.name)
		}
		if got := tt.f.Props(); !slices.Equal(got, tt.props) {
			t.Errorf("%s: Props() = %q, want %q", tt.f.Column, got, tt.props)
		}
	}
}

// Every declaration names a field of its kind's struct, of the Go type its
// FieldType implies, and no column twice.
func TestDeclared_GoFieldsMatchTheTypes(t *testing.T) {
	records := map[string]any{
		thelist.KindPeople: thelist.Person{}, thelist.KindLabs: thelist.Lab{}, thelist.KindPapers: thelist.Paper{},
		thelist.KindAuthorships: thelist.Authorship{}, thelist.KindDegrees: thelist.Degree{},
		thelist.KindStints: thelist.Stint{}, thelist.KindOffers: thelist.Offer{}, thelist.KindMoves: thelist.Move{},
		thelist.KindDeals: thelist.Deal{}, thelist.KindSources: thelist.Source{},
		thelist.KindRecruitments: thelist.Recruitment{}, thelist.KindInvestments: thelist.Investment{},
		thelist.KindGroups: thelist.Group{}, thelist.KindMemberships: thelist.Membership{},
	}
	goType := map[thelist.FieldType]string{
		thelist.FieldID: "string", thelist.FieldRef: "string", thelist.FieldRefs: "[]string", thelist.FieldText: "string",
		thelist.FieldBool: "bool", thelist.FieldOptBool: "*bool", thelist.FieldDate: "thelist.Date",
		thelist.FieldInt: "int", thelist.FieldCount: "*int64", thelist.FieldMoney: "*int64",
		thelist.FieldList: "[]string", thelist.FieldSources: "[]thelist.Source",
	}
	if len(thelist.Declared) != len(thelist.Kinds) {
		t.Errorf("%d kinds declared, want every one of the %d", len(thelist.Declared), len(thelist.Kinds))
	}
	for kind, fields := range thelist.Declared {
		record, ok := records[kind]
		if !ok {
			t.Errorf("%s: no record to hold the declaration to", kind)
			continue
		}
		seen := map[string]bool{}
		for _, f := range fields {
			if seen[f.Column] {
				t.Errorf("%s: column %s declared twice", kind, f.Column)
			}
			seen[f.Column] = true
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s.%s: %v", kind, f.Column, r)
					}
				}()
				if got := f.Value(record).Type().String(); got != goType[f.Type] {
					t.Errorf("%s.%s: Go field %s is %s, want %s", kind, f.Column, f.Go, got, goType[f.Type])
				}
			}()
			if (f.Check == thelist.CheckEnum) != (len(f.Values) > 0) {
				t.Errorf("%s.%s: an enum needs its values, and only an enum has them", kind, f.Column)
			}
		}
	}
}
