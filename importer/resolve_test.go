package importer

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// resolveBase is the first bundle of the resolution tests: placeholder
// people, one with an ORCID, two namesakes at the same lab.
var resolveBase = map[string]string{
	"sources.csv": "id,publisher,title\ns1,Example Times,A report\ns2,Example Daily,Another report\n",
	"labs.csv":    "id,name,kind,sources\nalpha,Lab Alpha,institute,s1\nbeta,Beta Startup,startup,s1\n",
	"people.csv": "id,name,orcid,sources\n" +
		"ada,Ada Example,0000-0001-0000-0001,s1\n" +
		"bo,Bo Example,,s1\n" +
		"cy1,Cy Namesake,,s1\n" +
		"cy2,Cy Namesake,,s1\n" +
		"dee,Dée Other,,s1\n",
	"stints.csv": "id,person_id,lab_id,sources\n" +
		"cy1.alpha,cy1,alpha,s1\ncy2.alpha,cy2,alpha,s1\ndee.beta,dee,beta,s1\n",
}

func importInto(t *testing.T, db *graph.DB, files map[string]string) (Report, error) {
	t.Helper()
	return Import(context.Background(), db, writeBundle(t, files), Options{})
}

func personIDs(t *testing.T, db *graph.DB, ids ...string) []string {
	t.Helper()
	var found []string
	for _, id := range ids {
		if _, err := db.Person(context.Background(), id); err == nil {
			found = append(found, id)
		}
	}
	return found
}

func TestImport_ResolvesPeopleAgainstTheDatabase(t *testing.T) {
	db := neo4jtest.Open(t)
	if _, err := importInto(t, db, resolveBase); err != nil {
		t.Fatalf("base bundle: %v", err)
	}

	second := map[string]string{
		"sources.csv": "id,publisher,title\ns3,Example Weekly,A third report\n",
		"people.csv": "id,name,orcid,sources\n" +
			"ada-2,A. Example,0000-0001-0000-0001,s3\n" + // the same ORCID: Ada
			"bo-2,Bo Example,,s3\n" + // same name, no lab in common: a namesake
			"dee-2,Dee Other,,s3\n", // same name once diacritics fold, and a lab in common: Dée
		"stints.csv": "id,person_id,lab_id,role,sources\n" +
			"ada-2.beta,ada-2,beta,adviser,s3\nbo-2.alpha,bo-2,alpha,,s3\ndee-2.beta,dee-2,beta,founder,s3\n",
	}
	rep, err := importInto(t, db, second)
	if err != nil {
		t.Fatalf("second bundle: %v", err)
	}
	if got := rep.Counts["people"]; got.Matched != 2 || got.Created != 1 {
		t.Errorf("people counts = %+v, want 2 matched (ada, dee) and 1 created (bo-2)", got)
	}
	if got := personIDs(t, db, "ada-2", "dee-2", "bo-2"); !slices.Equal(got, []string{"bo-2"}) {
		t.Errorf("people created from the second bundle = %v, want only bo-2", got)
	}

	ada, err := db.Person(context.Background(), "ada")
	if err != nil {
		t.Fatal(err)
	}
	if ada.Name != "Ada Example" {
		t.Errorf("ada's name = %q: a match must not overwrite the record", ada.Name)
	}
	if !slices.Contains(ada.Aliases, "A. Example") {
		t.Errorf("ada's aliases = %v, want the bundle's name among them", ada.Aliases)
	}
	var srcs []string
	for _, s := range ada.Sources {
		srcs = append(srcs, s.ID)
	}
	if !slices.Equal(srcs, []string{"s1", "s3"}) {
		t.Errorf("ada's sources = %v, want the old and the new: [s1 s3]", srcs)
	}
	if len(ada.Stints) != 1 || ada.Stints[0].ID != "ada-2.beta" {
		t.Errorf("ada's stints = %+v, want the second bundle's stint attached to her", ada.Stints)
	}
	dee, err := db.Person(context.Background(), "dee")
	if err != nil {
		t.Fatal(err)
	}
	if len(dee.Stints) != 2 {
		t.Errorf("dee has %d stints, want 2 (hers and the matched row's)", len(dee.Stints))
	}

	t.Run("a second import of the same bundle changes nothing more", func(t *testing.T) {
		rep, err := importInto(t, db, second)
		if err != nil {
			t.Fatal(err)
		}
		for kind, c := range rep.Counts {
			if c.Created != 0 || c.Updated != 0 {
				t.Errorf("%s: %+v, want nothing created or updated", kind, c)
			}
		}
	})
}

func TestImport_ReportsAmbiguousPeople(t *testing.T) {
	db := neo4jtest.Open(t)
	if _, err := importInto(t, db, resolveBase); err != nil {
		t.Fatalf("base bundle: %v", err)
	}
	ambiguous := map[string]string{
		"people.csv": "id,name,sources\ncy3,Cy Namesake,s1\n",
		"stints.csv": "id,person_id,lab_id,sources\ncy3.alpha,cy3,alpha,s1\n",
	}
	_, err := importInto(t, db, ambiguous)
	got := validationProblems(t, err)
	if len(got) != 1 || !strings.HasPrefix(got[0], "people.csv:2: name: matches several people") ||
		!strings.Contains(got[0], "cy1") || !strings.Contains(got[0], "cy2") {
		t.Errorf("problems = %q, want one naming cy1 and cy2", got)
	}
	if found := personIDs(t, db, "cy3"); len(found) != 0 {
		t.Errorf("an ambiguous bundle wrote %v", found)
	}
}
