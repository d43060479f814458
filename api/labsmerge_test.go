package api

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
)

const mergeLabsQ = `mutation($keep: ID!, $gone: ID!, $source: ID!) {
	mergeLabs(keep: $keep, gone: $gone, source: $source, reason: "one institution") { id who mutation recordId after }
}`

const unmergeLabsQ = `mutation($change: ID!) {
	unmergeLabs(change: $change, reason: "merged by mistake") { id mutation recordId after }
}`

func TestMutations_MergeLabsAndUndo(t *testing.T) {
	ts, db := mutationServer(t)
	vars := map[string]any{"keep": "lab-alpha", "gone": "lab-beta", "source": "src-b"}

	t.Run("refused", func(t *testing.T) {
		if r := gqlAs(t, ts, "reader-key", mergeLabsQ, vars); r.status != 403 {
			t.Errorf("reader's key: status %d, want 403", r.status)
		}
		bad := map[string]any{"keep": "lab-alpha", "gone": "lab-beta", "source": "src-nowhere"}
		if r := gqlAs(t, ts, "editor-key", mergeLabsQ, bad); !slices.Equal(r.codes(), []string{thelist.EINVALID}) ||
			!strings.Contains(r.Errors[0].Message, `"src-nowhere"`) {
			t.Errorf("unknown source: %s", r.body)
		}
	})

	r := gqlAs(t, ts, "editor-key", mergeLabsQ, vars)
	if r.status != 200 || len(r.Errors) > 0 {
		t.Fatalf("mergeLabs: status %d: %s", r.status, r.body)
	}
	var merged struct {
		MergeLabs struct{ ID, Who, Mutation, RecordID, After string }
	}
	if err := json.Unmarshal(r.Data, &merged); err != nil {
		t.Fatal(err)
	}
	if m := merged.MergeLabs; m.Who != "ed" || m.Mutation != "mergeLabs" || m.RecordID != "lab-alpha" ||
		!strings.Contains(m.After, `"Lab Beta"`) {
		t.Errorf("mergeLabs = %+v, want ed's merge into lab-alpha with Lab Beta as an alias", m)
	}
	if n := countLabs(t, db); n != 1 {
		t.Errorf("labs after the merge = %d, want 1", n)
	}
	r = gqlAs(t, ts, "editor-key", historyQ, map[string]any{"kind": "labs", "id": "lab-beta"})
	if !strings.Contains(string(r.Data), `"mergeLabs"`) {
		t.Errorf("history of lab-beta = %s, want the merge", r.Data)
	}

	r = gqlAs(t, ts, "editor-key", unmergeLabsQ, map[string]any{"change": merged.MergeLabs.ID})
	if r.status != 200 || len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"recordId":"lab-beta"`) {
		t.Fatalf("unmergeLabs: status %d: %s", r.status, r.body)
	}
	if n := countLabs(t, db); n != 2 {
		t.Errorf("labs after the undo = %d, want 2", n)
	}
	if r := gqlAs(t, ts, "editor-key", unmergeLabsQ, map[string]any{"change": merged.MergeLabs.ID}); !slices.Equal(r.codes(), []string{thelist.ECONFLICT}) {
		t.Errorf("second undo: %s, want CONFLICT", r.body)
	}
}

func countLabs(t *testing.T, db *graph.DB) int {
	t.Helper()
	keys, err := db.LabKeys(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(keys)
}
