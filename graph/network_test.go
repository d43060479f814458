package graph_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/importer"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// networkDB returns the test database loaded with the network bundle of
// api/testdata/network (described in api/network_test.go).
func networkDB(t *testing.T) *graph.DB {
	t.Helper()
	db := neo4jtest.Open(t)
	if _, err := importer.Import(context.Background(), db, "../api/testdata/network", importer.Options{}); err != nil {
		t.Fatalf("import network bundle: %v", err)
	}
	return db
}

// withMaxPathFrontier opens a second connection to the test database, over
// the data already loaded, whose path search expands at most n people a
// level.
func withMaxPathFrontier(t *testing.T, n int) *graph.DB {
	t.Helper()
	cfg := neo4jtest.Config()
	cfg.MaxPathFrontier = n
	return neo4jtest.Connect(t, cfg)
}

func TestNetwork(t *testing.T) {
	db := networkDB(t)
	ctx := context.Background()

	t.Run("LabAlumni clusters are the same on every run", func(t *testing.T) {
		var first [][]string
		for i := range 5 {
			got, err := db.LabAlumni(ctx, thelist.AlumniQuery{LabID: "lab-alpha", IncludeChildren: true})
			if err != nil {
				t.Fatal(err)
			}
			var clusters [][]string
			for _, c := range got.Clusters {
				var ids []string
				for _, m := range c.Members {
					ids = append(ids, m.ID)
				}
				clusters = append(clusters, ids)
			}
			if i == 0 {
				first = clusters
			} else if !slices.EqualFunc(first, clusters, slices.Equal) {
				t.Fatalf("run %d: clusters %v, first run %v", i, clusters, first)
			}
		}
		want := [][]string{{"ada-example", "ben-example", "cai-example"}, {"dan-example", "eve-example", "fay-example"}}
		if !slices.EqualFunc(first, want, slices.Equal) {
			t.Errorf("clusters = %v, want %v", first, want)
		}
	})
	t.Run("Path needs overlapping stints", func(t *testing.T) {
		// Jon and Gus both worked at Lab Delta, years apart.
		got, err := db.Path(ctx, thelist.PathQuery{From: "jon-example", To: "gus-example", MaxHops: thelist.MaxPathHops})
		if err != nil || got != nil {
			t.Errorf("path = %+v, %v; want none", got, err)
		}
		got, err = db.Path(ctx, thelist.PathQuery{From: "gus-example", To: "hal-example", MaxHops: 1})
		if err != nil || got == nil || len(got.Steps) != 1 || got.Steps[0].Kind != thelist.LinkWorkedWith {
			t.Errorf("path = %+v, %v; want one WORKED_WITH step", got, err)
		}
	})
	t.Run("Path too broad", func(t *testing.T) {
		// Ivy to Dan by these kinds is four hops. Ivy's side reaches Ada,
		// then Ben and Kim; Dan's side reaches Cai, Eve and Fay; the last
		// level, from Ben and Kim, meets Cai. A bound of one person stops
		// the search before that level, a bound of two lets it run.
		q := thelist.PathQuery{From: "ivy-example", To: "dan-example", MaxHops: 4,
			Kinds: []string{thelist.LinkAdvised, thelist.LinkRecruited, thelist.LinkCoauthored, thelist.LinkMovedWith}}
		got, err := withMaxPathFrontier(t, 1).Path(ctx, q)
		if code := thelist.ErrorCode(err); code != thelist.ETOOBROAD {
			t.Errorf("path with a bound of 1 = %+v, %v; want %s", got, err, thelist.ETOOBROAD)
		}
		got, err = withMaxPathFrontier(t, 2).Path(ctx, q)
		if err != nil || got == nil || len(got.Steps) != 4 {
			t.Errorf("path with a bound of 2 = %+v, %v; want four steps", got, err)
		}
	})
	t.Run("caps", func(t *testing.T) {
		_, err := db.Path(ctx, thelist.PathQuery{From: "ada-example", To: "kim-example", MaxHops: thelist.MaxPathHops + 1})
		if code := thelist.ErrorCode(err); code != thelist.EINVALID {
			t.Errorf("path above the hop cap: code %q, want %q", code, thelist.EINVALID)
		}
		_, err = db.Neighborhood(ctx, thelist.NeighborhoodQuery{ID: "ada-example", Hops: 1, Limit: thelist.MaxNeighborhoodNodes + 1})
		if code := thelist.ErrorCode(err); code != thelist.EINVALID {
			t.Errorf("neighborhood above the node cap: code %q, want %q", code, thelist.EINVALID)
		}
	})
}

// A negative bound is a mistake in the configuration, refused before any
// connection is tried rather than read as "no path is ever searched".
func TestOpen_RefusesANegativeMaxPathFrontier(t *testing.T) {
	cfg := neo4jtest.Config()
	cfg.MaxPathFrontier = -1
	db, err := graph.Open(context.Background(), cfg)
	if err == nil {
		t.Cleanup(func() {
			if err := db.Close(context.Background()); err != nil {
				t.Error(err)
			}
		})
		t.Fatal("Open with a bound of -1 = nil error, want one")
	}
	if !strings.Contains(err.Error(), "max path frontier -1") {
		t.Errorf("Open with a bound of -1: %v, want it to name the setting", err)
	}
}

// "Moved together" is decided in Go for the alumni's clusters
// (thelist.MovedTogether) and in Cypher for the path search's MOVED_WITH
// links: the same pairs of dates, at every precision and across month ends,
// must get the same answer from both.
func TestMovedTogether_CypherAgreesWithGo(t *testing.T) {
	db := neo4jtest.Open(t)
	dates := []string{"2021", "2022", "2023", "2021-10", "2022-03", "2022-10", "2022-11", "2024-01", "2025-01-31",
		"2025-02", "2024-02-28", "2024-02-29", "2025-02-27", "2025-02-28", "2025-03-01", "2023-05-01", "2024-04-30"}
	for _, xs := range dates {
		for _, ys := range dates {
			x, y := thelist.MustParseDate(xs), thelist.MustParseDate(ys)
			inCypher, err := graph.MovedTogetherInCypher(context.Background(), db, x, y)
			if err != nil {
				t.Fatal(err)
			}
			if inGo := thelist.MovedTogether(x, y); inGo != inCypher {
				t.Errorf("moved together %s and %s: Go says %v, Cypher %v", xs, ys, inGo, inCypher)
			}
		}
	}
}
