package thelist_test

import (
	"strings"
	"testing"

	"github.com/thelist/thelist"
)

func TestCheckText(t *testing.T) {
	for _, tc := range []struct {
		name, field, value string
		ok                 bool
	}{
		{"plain name", "name", "Matt Deitke", true},
		{"CJK name", "native_name", "扎克伯格", true},
		{"NUL in a name", "name", "Jos\x00e", false},
		{"newline in a name", "name", "a\nb", false},
		{"newline in a note", "note", "line one\nline two", true},
		{"bell in a note", "note", "ding\a", false},
		{"invalid UTF-8", "name", "Jos\xe9 M\xfcller", false},
		{"name at the limit", "name", strings.Repeat("a", thelist.MaxNameLength), true},
		{"name over the limit", "name", strings.Repeat("a", thelist.MaxNameLength+1), false},
		{"3,000-character CJK name", "name", strings.Repeat("名", 3000), false},
		{"20,000-character DOI", "doi", strings.Repeat("1", 20000), false},
		{"a reference is an id", "person_id", strings.Repeat("x", thelist.MaxIDLength+1), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := thelist.CheckText(tc.field, tc.value)
			if got := err == nil; got != tc.ok {
				t.Fatalf("CheckText(%q, %.20q) = %v, want ok=%v", tc.field, tc.value, err, tc.ok)
			}
			if err != nil {
				if code := thelist.ErrorCode(err); code != thelist.EINVALID {
					t.Errorf("code = %s, want %s", code, thelist.EINVALID)
				}
				if msg := thelist.ErrorMessage(err); len(msg) > 400 {
					t.Errorf("message is %d bytes; a bad value must be quoted cut short", len(msg))
				}
			}
		})
	}
}

func TestQuote_CutsLongValues(t *testing.T) {
	if got, want := thelist.Quote("short"), `"short"`; got != want {
		t.Errorf("Quote(short) = %s, want %s", got, want)
	}
	got := thelist.Quote(strings.Repeat("é", 10000))
	if len(got) > 3*thelist.MaxEchoLength || !strings.Contains(got, "(20000 bytes)") {
		t.Errorf("Quote(10,000 runes) = %s, want it cut with the full length named", got)
	}
}
