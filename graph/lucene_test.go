package graph

import (
	"testing"
)

func TestLuceneQuery(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "   ", ""},
		{"short word is a prefix", "Li", "li*"},
		{"long word is a prefix or one edit away", "Deitke", "(deitke* OR deitke~1)"},
		{"every word must match", "Matt Deitke", "(matt* OR matt~1) AND (deitke* OR deitke~1)"},
		{"Lucene operators are not passed through", `C++ AND (AI2) OR "x"`, "c* AND and* AND ai2* AND or* AND x*"},
		{"an apostrophe is escaped", "O'Brien", `(o\'brien* OR o\'brien~1)`},
		{"CJK is a phrase", "李飞飞", `"李飞飞"`},
		{"mixed scripts", "Fei-Fei 李", `fei* AND fei* AND "李"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := luceneQuery(tt.in); got != tt.want {
				t.Errorf("luceneQuery(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
