package openalex

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mergedInput is the sample with its merged_ids files, in the snapshot's
// shape (merge_date,id,merge_into_id; bare ids; one file gzipped):
//   - A5000000004 merged into A5000000001, both in the authors file;
//   - A5000000002 merged into A5000000777, which the input does not hold;
//   - I1000000004 merged into I1000000003;
//   - V4000000001, a venue, which the bundle does not hold.
var mergedInput = Input{
	Authors:      testInput.Authors,
	Institutions: testInput.Institutions,
	Works:        testInput.Works,
	Merged: []string{
		"testdata/merged_ids/authors/2024-06-10.csv",
		"testdata/merged_ids/institutions/2024-06-12.csv.gz",
		"testdata/merged_ids/venues/2022-06-03.csv",
	},
}

func TestConvert_MergedIDs(t *testing.T) {
	out, stats := convert(t, mergedInput)
	people := rowsByKey(readRows(t, filepath.Join(out, "people.jsonl")))
	for _, gone := range []string{"openalex-a5000000004", "openalex-a5000000002"} {
		if _, ok := people[gone]; ok {
			t.Errorf("%s was merged away but is a person of the bundle", gone)
		}
	}
	if _, ok := people["openalex-a5000000001"]; !ok {
		t.Errorf("people = %v, want A5000000001, which A5000000004 was merged into", people)
	}
	if _, ok := rowsByKey(readRows(t, filepath.Join(out, "labs.jsonl")))["openalex-i1000000004"]; ok {
		t.Error("lab I1000000004 was merged away but is in the bundle")
	}

	authored := map[string]float64{}
	for _, r := range readRows(t, filepath.Join(out, "authorships.jsonl")) {
		authored[r["person_id"].(string)+"/"+r["paper_id"].(string)] = r["position"].(float64)
	}
	// W1000000003 lists A5000000003 then A5000000004: the second is now
	// A5000000001, in the same place.
	if got := authored["openalex-a5000000001/openalex-w1000000003"]; got != 2 {
		t.Errorf("authorships = %v, want A5000000001 second on W1000000003 in A5000000004's place", authored)
	}
	for key := range authored {
		if strings.Contains(key, "a5000000004") || strings.Contains(key, "a5000000002") || strings.Contains(key, "a5000000777") {
			t.Errorf("authorship %s names a merged author, or one the input does not hold", key)
		}
	}

	// A5000000003 has no affiliations, so its stints come from its works,
	// one of which lists I1000000004: that is now I1000000003.
	stints := rowsByKey(readRows(t, filepath.Join(out, "stints.jsonl")))
	if _, ok := stints["openalex-a5000000003.i1000000003"]; !ok {
		t.Errorf("stints = %v, want A5000000003 at I1000000003, which I1000000004 was merged into", keys(stints))
	}
	for id, s := range stints {
		if s["lab_id"] == "openalex-i1000000004" || s["person_id"] == "openalex-a5000000004" {
			t.Errorf("stint %s names a merged record", id)
		}
	}
	if stats.Merges != 3 || stats.Skipped[SkipMerged] != 3 || stats.Skipped[SkipOtherMerge] != 1 || stats.Redirected == 0 {
		t.Errorf("stats = merges %d, redirected %d, skipped %v; want 3 merges, 3 merged records left out, 1 venue merge skipped",
			stats.Merges, stats.Redirected, stats.Skipped)
	}
}

// A merged id whose target is in neither the input nor, by
// --keep-references, the database is a reference like any other that does
// not resolve: left out, or kept for the import to resolve.
func TestConvert_MergedIntoUnknownID(t *testing.T) {
	in := mergedInput
	_, stats := convert(t, in)
	if stats.Skipped[SkipForeignAuthor] == 0 {
		t.Errorf("skipped = %v, want W1000000002's authorship of A5000000002 (merged into the absent A5000000777) left out", stats.Skipped)
	}
	in.KeepReferences = true
	out, _ := convert(t, in)
	found := false
	for _, r := range readRows(t, filepath.Join(out, "authorships.jsonl")) {
		if r["person_id"] == "openalex-a5000000777" && r["paper_id"] == "openalex-w1000000002" {
			found = true
		}
	}
	if !found {
		t.Error("with KeepReferences, W1000000002's authorship of A5000000002 should name A5000000777, for the import to resolve")
	}
}

// A chain of merges leads to the id that is left, whatever the order of
// the rows.
func TestConvert_MergeChain(t *testing.T) {
	dir := t.TempDir()
	merged := writeFile(t, dir, "authors.csv", "merge_date,id,merge_into_id\n"+
		"2024-07-01,A5000000001,A5000000004\n2024-06-01,A5000000002,A5000000001\n")
	in := testInput
	in.Merged = []string{merged}
	out, _ := convert(t, in)
	var authors []any
	for _, r := range readRows(t, filepath.Join(out, "authorships.jsonl")) {
		if r["paper_id"] == "openalex-w1000000002" && r["position"] == 1.0 {
			authors = append(authors, r["person_id"])
		}
	}
	// W1000000002's first author is A5000000002, merged into A5000000001,
	// which was merged into A5000000004 later.
	if len(authors) != 1 || authors[0] != "openalex-a5000000004" {
		t.Errorf("W1000000002's first author = %v, want A5000000004", authors)
	}
}

func TestConvert_MalformedMergedIDs(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"no header":   "2024-06-10,A5000000004,A5000000001\n",
		"bad id":      "merge_date,id,merge_into_id\n2024-06-10,A50x,A5000000001\n",
		"two kinds":   "merge_date,id,merge_into_id\n2024-06-10,A5000000004,I1000000001\n",
		"bad date":    "merge_date,id,merge_into_id\nsoon,A5000000004,A5000000001\n",
		"cycle":       "merge_date,id,merge_into_id\n2024-06-10,A5000000004,A5000000001\n2024-06-11,A5000000001,A5000000004\n",
		"missing col": "merge_date,id,merge_into_id\n2024-06-10,A5000000004\n",
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := writeFile(t, dir, strings.ReplaceAll(name, " ", "-")+".csv", content)
			in := testInput
			in.Merged = []string{path}
			out := filepath.Join(t.TempDir(), "bundle")
			_, err := Convert(context.Background(), in, out)
			var ie *InputError
			if !errors.As(err, &ie) || len(ie.Problems) == 0 || ie.Problems[0].File != path || ie.Problems[0].Line == 0 {
				t.Fatalf("Convert = %v, want a problem at a line of %s", err, path)
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s was written despite the problem", out)
			}
		})
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
