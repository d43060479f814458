package thelist_test

import (
	"testing"

	"github.com/thelist/thelist"
)

func TestMovedTogether(t *testing.T) {
	tests := []struct {
		x, y string
		want bool
	}{
		{"2021", "2022-03", true},
		{"2021-10", "2024-02", false},
		{"2021", "2022", true},    // 2022-01-01 is before 2023-01-01
		{"2021", "2023", false},   // a year after the end of 2021 is 2023-01-01, not before it
		{"2022-03", "2021", true}, // either order
		{"2024-01", "2025-01-31", true},
		{"2024-01", "2025-02", false},
		{"2024-02-28", "2025-02-27", true},
		{"2024-02-28", "2025-02-28", false}, // 2024-02-29 plus 12 months is 2025-02-28, as in Neo4j
		{"2023-05-01", "2023-05-01", true},
	}
	for _, tt := range tests {
		got := thelist.MovedTogether(thelist.MustParseDate(tt.x), thelist.MustParseDate(tt.y))
		if got != tt.want {
			t.Errorf("MovedTogether(%s, %s) = %v, want %v", tt.x, tt.y, got, tt.want)
		}
	}
}

func TestNetworkQueries_Check(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		wantErr string
	}{
		{"path hops 0", thelist.PathQuery{MaxHops: 0}.Check(), "maxHops: must be between 1 and 6"},
		{"path hops 7", thelist.PathQuery{MaxHops: 7}.Check(), "maxHops: must be between 1 and 6"},
		{"path hops 6", thelist.PathQuery{MaxHops: 6}.Check(), ""},
		{"path kind", thelist.PathQuery{MaxHops: 2, Kinds: []string{"FRIENDS"}}.Check(), `kinds: unknown kind "FRIENDS"`},
		{"neighbourhood hops 4", thelist.NeighborhoodQuery{Hops: 4, Limit: 1}.Check(), "hops: must be between 1 and 3"},
		{"neighbourhood limit 0", thelist.NeighborhoodQuery{Hops: 1, Limit: 0}.Check(), "limit: must be between 1 and 5000"},
		{"neighbourhood limit 5001", thelist.NeighborhoodQuery{Hops: 1, Limit: 5001}.Check(), "limit: must be between 1 and 5000"},
		{"neighbourhood type", thelist.NeighborhoodQuery{Hops: 1, Limit: 5, Types: []string{"LIKES"}}.Check(),
			`kinds: unknown relationship type "LIKES"`},
		{"neighbourhood fine", thelist.NeighborhoodQuery{Hops: 3, Limit: 5000, Types: []string{"WORKED_AT"}}.Check(), ""},
	}
	for _, tt := range tests {
		if tt.wantErr == "" {
			if tt.err != nil {
				t.Errorf("%s: %v, want nil", tt.name, tt.err)
			}
			continue
		}
		if thelist.ErrorCode(tt.err) != thelist.EINVALID || thelist.ErrorMessage(tt.err) != tt.wantErr {
			t.Errorf("%s: %v, want %s %q", tt.name, tt.err, thelist.EINVALID, tt.wantErr)
		}
	}
}
