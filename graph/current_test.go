package graph_test

import (
	"context"
	"slices"
	"testing"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// TestCurrentRule_CypherAgreesWithGo feeds the same jobs and days to the Go
// rule (thelist.CurrentRule) and to its Cypher form and demands the same
// jobs, in the same order, on every day.
func TestCurrentRule_CypherAgreesWithGo(t *testing.T) {
	db := neo4jtest.Open(t)
	d := thelist.MustParseDate
	stints := []thelist.Stint{
		// Deitke's case: an undated part-time job never outranks a dated one.
		{ID: "ai2-undated", Concurrent: true},
		{ID: "msl-2025-07", Start: d("2025-07")},
		{ID: "vercept", Start: d("2023-11"), End: d("2025-07")},
		// An open job confirmed long ago lapses; last_seen keeps one current.
		{ID: "google-2013-open", Start: d("2013-03")},
		{ID: "meta-seen-2025", Start: d("2004"), LastSeen: d("2025-07-31")},
		{ID: "seen-only", LastSeen: d("2024-05")},
		{ID: "ended-2023-year", Start: d("2019"), End: d("2023")},
		{ID: "advisor", Start: d("2024-01-15"), Concurrent: true},
		{ID: "last-seen-before-start", Start: d("2025-01"), LastSeen: d("2024-12")},
	}
	days := []string{"2012-01-01", "2013-03-01", "2014-06-30", "2015-04-01", "2015-04-02", "2023-06-01", "2023-12-31",
		"2024-01-01", "2025-07-01", "2025-07-31", "2025-12-01", "2026-05-31", "2026-06-01", "2027-07-31", "2027-08-01", "2030-01-01"}
	rule := thelist.Current
	for _, rule := range []thelist.CurrentRule{rule, {Version: "test", RecencyMonths: 6}} {
		for _, day := range days {
			want := []string{}
			for _, s := range rule.CurrentStints(stints, d(day).Time) {
				want = append(want, s.ID)
			}
			got, err := graph.CurrentInCypher(context.Background(), db, stints, d(day), rule)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("recency %d months, %s: Cypher says %v, Go says %v", rule.RecencyMonths, day, got, want)
			}
		}
	}
	// The cases above must exercise the rule, not agree on nothing.
	if m, ok := thelist.Current.Main(stints, d("2025-12-01").Time); !ok || m.ID != "msl-2025-07" {
		t.Errorf("main job on 2025-12-01 = %q, %v; want msl-2025-07", m.ID, ok)
	}
	if s, ok := thelist.Current.LastReported(stints[3:4], d("2026-12-01").Time); !ok || s.ID != "google-2013-open" ||
		thelist.Current.HoldsOn(s, d("2026-12-01").Time) {
		t.Errorf("an open job from 2013 should be last reported, not current, in 2026")
	}
}
