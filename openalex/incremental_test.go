package openalex

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist/importer"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// round2 is a newer snapshot's partitions of the fictional sample: authors
// and works only, as OpenAlex's incremental updates deliver them.
//   - A5000000002 again, newer: orcid null with ids.orcid set, affiliations
//     empty, a last known institution;
//   - W1000000003 twice in two files: the newer has a new title, no DOI and
//     concepts scored 0;
//   - W1000000005, new, by A5000000001, an author only the database holds;
//   - W1000000006, new, by A5000000004, which the merged_ids file of the
//     round merges into A5000000001 (only the database holds it); the same
//     file merges A5000000003, whom the database holds, into A5000000002.
var round2 = map[string]string{
	"authors.jsonl": `{"id":"https://openalex.org/A5000000002","orcid":null,"ids":{"orcid":"https://orcid.org/0000-0000-0000-0002"},"display_name":"Bo Placeholder","affiliations":[],"last_known_institutions":[{"id":"https://openalex.org/I1000000003"}],"updated_date":"2024-07-01T00:00:00"}` + "\n",
	"works-a.jsonl": `{"id":"https://openalex.org/W1000000003","title":"Old title","doi":"https://doi.org/10.5555/fict.0003","publication_year":2020,"authorships":[],"updated_date":"2024-06-15T00:00:00"}` + "\n",
	"works-b.jsonl": `{"id":"https://openalex.org/W1000000003","title":"Revised title","doi":null,"publication_year":2020,"concepts":[{"display_name":"Invented Studies","score":0},{"display_name":"Examples","score":0.7}],"authorships":[{"author":{"id":"https://openalex.org/A5000000003"}}],"updated_date":"2024-07-02T00:00:00"}` + "\n" +
		`{"id":"https://openalex.org/W1000000005","title":"A new placeholder","publication_year":2024,"authorships":[{"author":{"id":"https://openalex.org/A5000000001"}}],"updated_date":"2024-07-02T00:00:00"}` + "\n" +
		`{"id":"https://openalex.org/W1000000006","title":"A placeholder by a merged profile","publication_year":2024,"authorships":[{"author":{"id":"https://openalex.org/A5000000004"}}],"updated_date":"2024-07-02T00:00:00"}` + "\n",
	"merged-authors.csv": "merge_date,id,merge_into_id\n2024-07-01,A5000000004,A5000000001\n2024-07-01,A5000000003,A5000000002\n",
}

func TestConvert_NewerVersionsWin(t *testing.T) {
	dir := t.TempDir()
	for name, content := range round2 {
		writeFile(t, dir, name, content)
	}
	// The older works file last: the newest version wins wherever it is.
	out, stats := convert(t, Input{Authors: []string{filepath.Join(dir, "authors.jsonl")},
		Works: []string{filepath.Join(dir, "works-b.jsonl"), filepath.Join(dir, "works-a.jsonl")}, KeepReferences: true})
	papers := rowsByKey(readRows(t, filepath.Join(out, "papers.jsonl")))
	w3 := papers["openalex-w1000000003"]
	if w3["title"] != "Revised title" || w3["doi"] != "10.5555/fict.0003" {
		t.Errorf("W1000000003 = %v, want the revised title and the older version's DOI", w3)
	}
	if got := w3["topics"]; !slices.Equal(anyStrings(got), []string{"Examples"}) {
		t.Errorf("topics = %v, want only the concept scored above 0", got)
	}
	if stats.Skipped[SkipOlderVersion] != 1 || stats.Skipped[SkipZeroConcept] != 1 {
		t.Errorf("skipped = %v, want one older version and one concept scored 0", stats.Skipped)
	}
}

func anyStrings(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, item := range list {
		s, _ := item.(string)
		out = append(out, s)
	}
	return out
}

// TestConvert_TwoRoundsIntoNeo4j converts and imports the sample, then a
// newer snapshot's partitions of authors and works alone, and checks the
// graph after each round.
func TestConvert_TwoRoundsIntoNeo4j(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	out, _ := convert(t, testInput)
	if _, err := importer.Import(ctx, db, out, importer.Options{}); err != nil {
		t.Fatalf("round 1: %v", err)
	}
	query := func(cypher string) map[string]any {
		t.Helper()
		cfg := neo4jtest.Config()
		drv, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
		if err != nil {
			t.Fatal(err)
		}
		defer drv.Close(ctx)
		res, err := neo4j.ExecuteQuery(ctx, drv, cypher, nil, neo4j.EagerResultTransformer)
		if err != nil || len(res.Records) != 1 {
			t.Fatalf("%s: %v", cypher, err)
		}
		return res.Records[0].AsMap()
	}
	r1 := query(`MATCH (p:Person {id: 'openalex-a5000000002'}) RETURN p.orcid AS orcid, COUNT { (p)-[:AUTHORED]->() } AS papers`)
	if r1["orcid"] != nil {
		t.Fatalf("round 1: A5000000002's orcid = %v, want none", r1["orcid"])
	}

	dir := t.TempDir()
	for name, content := range round2 {
		writeFile(t, dir, name, content)
	}
	in := Input{Authors: []string{filepath.Join(dir, "authors.jsonl")},
		Works:  []string{filepath.Join(dir, "works-a.jsonl"), filepath.Join(dir, "works-b.jsonl")},
		Merged: []string{filepath.Join(dir, "merged-authors.csv")}}
	t.Run("without --keep-references the new work loses its author", func(t *testing.T) {
		out, stats := convert(t, in)
		if stats.Skipped[SkipForeignAuthor] == 0 {
			t.Errorf("skipped = %v, want foreign authorships left out", stats.Skipped)
		}
		if b, err := os.ReadFile(filepath.Join(out, "authorships.jsonl")); err != nil || strings.Contains(string(b), "a5000000001") {
			t.Errorf("authorships = %s (%v), want none of A5000000001", b, err)
		}
	})
	in.KeepReferences = true
	out2, _ := convert(t, in)
	if _, err := importer.Import(ctx, db, out2, importer.Options{}); err != nil {
		t.Fatalf("round 2: %v", err)
	}
	got := query(`MATCH (p:Person {id: 'openalex-a5000000002'})
		OPTIONAL MATCH (p)-[s:WORKED_AT]->(:Lab {id: 'openalex-i1000000003'})
		RETURN p.orcid AS orcid, s.note AS note, toString(s.lastSeen) AS lastSeen`)
	if got["orcid"] != "0000-0000-0000-0002" || got["note"] != NoteLastKnown || got["lastSeen"] != "2024-07-01" {
		t.Errorf("round 2: A5000000002 = %v, want its ids.orcid and a stint from the last known institution, last seen 2024-07-01", got)
	}
	got = query(`MATCH (w:Paper {id: 'openalex-w1000000005'})<-[:AUTHORED]-(a:Person) RETURN collect(a.id) AS authors`)
	if !slices.Equal(anyStrings(got["authors"]), []string{"openalex-a5000000001"}) {
		t.Errorf("round 2: W1000000005's authors = %v, want the stored A5000000001", got["authors"])
	}
	// The merges of the round: W1000000006's merged author is the stored
	// A5000000001, W1000000003's A5000000003 is now A5000000002, and the
	// stored A5000000003 stays (a bundle deletes nothing; docs/data-format.md).
	got = query(`MATCH (w:Paper {id: 'openalex-w1000000006'})<-[:AUTHORED]-(a:Person) RETURN collect(a.id) AS authors`)
	if !slices.Equal(anyStrings(got["authors"]), []string{"openalex-a5000000001"}) {
		t.Errorf("round 2: W1000000006's authors = %v, want A5000000001, which A5000000004 was merged into", got["authors"])
	}
	got = query(`MATCH (w:Paper {id: 'openalex-w1000000003'})
		RETURN EXISTS { (:Person {id: 'openalex-a5000000002'})-[:AUTHORED]->(w) } AS merged,
		  EXISTS { (:Person {id: 'openalex-a5000000003'}) } AS kept`)
	if got["merged"] != true || got["kept"] != true {
		t.Errorf("round 2: %v, want A5000000002 an author of W1000000003 in place of A5000000003, and the stored A5000000003 kept", got)
	}
	got = query(`MATCH (w:Paper {id: 'openalex-w1000000003'}) RETURN w.title AS title, w.doi AS doi, w.topics AS topics`)
	if got["title"] != "Revised title" || got["doi"] != "10.5555/fict.0003" || !slices.Equal(anyStrings(got["topics"]), []string{"Examples"}) {
		t.Errorf("round 2: W1000000003 = %v", got)
	}
	got = query(`MATCH (l:Lab {id: 'openalex-i1000000001'}) RETURN l.ror AS ror`)
	if got["ror"] == nil {
		t.Errorf("the lab lost its ROR: %v", got)
	}
}
