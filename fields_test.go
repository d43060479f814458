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
