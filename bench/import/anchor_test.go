package main

import (
	"strings"
	"testing"

	"github.com/thelist/thelist"
)

// The anchor loads every kind of a bundle, in the importer's order: a kind
// it lacks (deals, once) leaves the two graphs different and stops the
// benchmark before its --bulk step.
func TestAnchor_EveryKindInOrder(t *testing.T) {
	var kinds []string
	for _, s := range anchorSteps {
		kinds = append(kinds, s.kind)
	}
	if strings.Join(kinds, " ") != strings.Join(thelist.Kinds, " ") {
		t.Errorf("anchor steps = %v, want thelist.Kinds %v", kinds, thelist.Kinds)
	}
}

// Every property the importer stores from a declaration is in the
// anchor's statement for the kind.
func TestAnchor_EveryStoredField(t *testing.T) {
	for _, s := range anchorSteps {
		for _, f := range thelist.Declared[s.kind] {
			if !f.Stored() || f.Type == thelist.FieldID {
				continue
			}
			for _, p := range f.Props() {
				if !strings.Contains(s.query, p+": ") {
					t.Errorf("%s: the anchor does not set %s (column %s)", s.kind, p, f.Column)
				}
			}
		}
	}
}
