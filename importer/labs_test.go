package importer

import (
	"slices"
	"strings"
	"testing"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// TestImportNeo4j_LabsMatchedToStoredOnes: a new lab with the registry id
// of a stored lab is refused, naming the stored lab; a new lab named like a
// stored one (or like one of its aliases) is imported with a warning, never
// merged silently.
func TestImportNeo4j_LabsMatchedToStoredOnes(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := testContext(t)
	const sources = "id,publisher,title\nsrc,Example Times,A report\n"
	const header = "id,name,kind,country,aliases,ror,openalex,wikidata,sources\n"
	bundle := func(labs string) string {
		return writeBundle(t, map[string]string{"sources.csv": sources, "labs.csv": header + labs})
	}
	base := mustImport(t, ctx, db, bundle(
		"eth-zurich,ETH Zurich,university,CH,Swiss Federal Institute of Technology in Zurich,05a28rw58,I35440088,Q11942,src\n"), Options{})
	if len(base.Warnings) != 0 {
		t.Errorf("warnings on a first import: %v", base.Warnings)
	}

	t.Run("the same registry id under another id is refused", func(t *testing.T) {
		_, err := Import(ctx, db, bundle("eth,ETH,university,CH,,05a28rw58,,Q11942,src\n"), Options{})
		assertProblems(t, validationProblems(t, err), []string{
			`labs.csv:2: ror: "05a28rw58" is the ROR of the stored lab "eth-zurich": give this row that lab's id, or merge the two labs first`,
			`labs.csv:2: wikidata: "Q11942" is the Wikidata item of the stored lab "eth-zurich": give this row that lab's id, or merge the two labs first`,
		})
	})
	t.Run("the same registry id twice in a bundle is refused", func(t *testing.T) {
		_, err := Import(ctx, db, bundle("a,Lab A,institute,,,,I1,,src\nb,Lab B,institute,,,,I1,,src\n"), Options{})
		assertProblems(t, validationProblems(t, err), []string{
			`labs.csv:3: openalex: "I1" is the OpenAlex id of lab "a" on line 2: give this row that lab's id, or merge the two labs first`,
		})
	})
	t.Run("a spelling variant is imported with a warning", func(t *testing.T) {
		rep := mustImport(t, ctx, db, bundle("eth-zuerich,ETH Zürich,university,CH,,,,,src\n"+
			"sfit,Swiss Federal Institute of Technology in Zurich,university,CH,,,,,src\n"), Options{})
		var got []string
		for _, w := range rep.Warnings {
			got = append(got, w.String())
		}
		want := []string{
			`labs.csv:2: name: "ETH Zürich" is likely the same as the stored lab "eth-zurich" ("ETH Zurich"): if so, give this row that lab's id`,
			`labs.csv:3: name: "Swiss Federal Institute of Technology in Zurich" is likely the same as the stored lab "eth-zurich" ("ETH Zurich"): if so, give this row that lab's id`,
		}
		if !slices.Equal(got, want) || rep.WarningTotal != 2 {
			t.Errorf("warnings (%d):\n got %s\nwant %s", rep.WarningTotal, strings.Join(got, "\n     "), strings.Join(want, "\n     "))
		}
		if c := rep.Counts[thelist.KindLabs]; c.Created != 2 {
			t.Errorf("labs: %+v, want both created", c)
		}
	})
	t.Run("an update of the stored lab warns of nothing and clears a registry id", func(t *testing.T) {
		rep := mustImport(t, ctx, db, bundle(
			"eth-zurich,ETH Zurich,university,CH,Swiss Federal Institute of Technology in Zurich,05a28rw58,,Q11942,src\n"), Options{})
		if len(rep.Warnings) != 0 {
			t.Errorf("warnings: %v", rep.Warnings)
		}
		keys, err := db.LabKeys(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			if k.ID == "eth-zurich" && (k.ROR != "05a28rw58" || k.OpenAlex != "" || k.Wikidata != "Q11942") {
				t.Errorf("eth-zurich: %+v, want its OpenAlex id cleared and the others kept", k.LabIDs)
			}
		}
	})
	t.Run("a malformed registry id", func(t *testing.T) {
		_, err := Import(ctx, db, bundle("x,Lab X,institute,,,https://ror.org/05a28rw58,35440088,11942,src\n"), Options{})
		assertProblems(t, validationProblems(t, err), []string{
			`labs.csv:2: ror: want a ROR id such as 05a28rw58, without https://ror.org/, got "https://ror.org/05a28rw58"`,
			`labs.csv:2: openalex: want an OpenAlex institution id such as I35440088, got "35440088"`,
			`labs.csv:2: wikidata: want a Wikidata item such as Q11942, got "11942"`,
		})
	})
	t.Run("a lab merged away is not brought back", func(t *testing.T) {
		if _, err := db.MergeLabs(ctx, "eth-zurich", "eth-zuerich", "src", thelist.Change{Who: "test", Role: "editor", Reason: "one university"}); err != nil {
			t.Fatalf("MergeLabs: %v", err)
		}
		_, err := Import(ctx, db, bundle("eth-zuerich,ETH Zürich,university,CH,,,,,src\n"), Options{})
		assertProblems(t, validationProblems(t, err), []string{
			`labs.csv:2: id: lab "eth-zuerich" was merged into the stored lab "eth-zurich": give this row's records that lab's id, or undo the merge (thelist labs unmerge)`,
		})
	})
}
