package thelist_test

import (
	"testing"

	"github.com/thelist/thelist"
)

func TestNameKey(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Matt Deitke", "matt  deitke"},
		{"Łukasz Kaiser", "Lukasz Kaiser"},
		{"Sébastien Bubeck", "Sebastien Bubeck"},
		{"Fei-Fei Li", "fei fei li"},
		{"Ｌｉ Ｆｅｉｆｅｉ", "Li Feifei"}, // full-width forms
		{"李飞飞", "李飞飞"},
		{"J. Schulman", "j schulman"},
	}
	for _, tt := range tests {
		t.Run(tt.a, func(t *testing.T) {
			if ka, kb := thelist.NameKey(tt.a), thelist.NameKey(tt.b); ka != kb {
				t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q; want equal", tt.a, ka, tt.b, kb)
			}
		})
	}
	different := []struct{ a, b string }{
		{"李飞飞", "李飛飛"}, // simplified and traditional stay distinct: a rule, not a guess, must join them
		{"Mark Chen", "Mark Chan"},
		{"김민준", "김민수"},
	}
	for _, tt := range different {
		if thelist.NameKey(tt.a) == thelist.NameKey(tt.b) {
			t.Errorf("NameKey(%q) == NameKey(%q), want different", tt.a, tt.b)
		}
	}
	if got := thelist.NameKey("  "); got != "" {
		t.Errorf("NameKey of blanks = %q, want empty", got)
	}
	// Hangul decomposes under NFKD into jamo; NameKey must give the
	// composed syllables back.
	if got := thelist.NameKey("김민준"); got != "김민준" {
		t.Errorf("NameKey(김민준) = %q, want it intact", got)
	}
}
