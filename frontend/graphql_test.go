package frontend

import (
	"regexp"
	"strings"
	"testing"
)

func TestOperation_AppendsSharedFragmentsOnce(t *testing.T) {
	doc, err := Operation("GetPerson")
	if err != nil {
		t.Fatal(err)
	}
	got := regexp.MustCompile(`\bfragment (\w+) on`).FindAllStringSubmatch(doc, -1)
	var frags []string
	for _, m := range got {
		frags = append(frags, m[1])
	}
	// In the order first met, as document.ts appends them.
	if want := "SourceFields,PersonPaperFields,OfferFields"; strings.Join(frags, ",") != want {
		t.Errorf("fragments = %v, want %s", frags, want)
	}
	if !strings.HasPrefix(doc, "# The person page.") || !strings.HasSuffix(doc, "}\n") {
		t.Errorf("the document does not start with its file and end with a newline:\n%s", doc)
	}
}

func TestOperation_Missing(t *testing.T) {
	if _, err := Operation("NoSuchOperation"); err == nil {
		t.Error("an unknown operation gave no error")
	}
}

// Every operation file is named after its operation, so that a name given
// to Operation finds the document that carries that name to the server.
func TestOperations_NamedAfterTheirFile(t *testing.T) {
	ops, err := Operations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ops) < 20 {
		t.Fatalf("%d operations, want the web app's 28: %v", len(ops), ops)
	}
	for _, name := range ops {
		doc, err := Operation(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !regexp.MustCompile(`(?m)^(query|mutation) ` + name + `\b`).MatchString(doc) {
			t.Errorf("%s.graphql does not define the operation %s", name, name)
		}
	}
}
