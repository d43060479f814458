package api_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/thelist/thelist"
)

// TestPeople_NotCurrentlyAtAndRoleKeywords runs the two filters on people's
// current jobs through the API: the people, the English matched lines and
// the reasons as data, and the refusals of bad keywords.
func TestPeople_NotCurrentlyAtAndRoleKeywords(t *testing.T) {
	ts := newServer(t, candidatesBundle(t))
	for _, tt := range []struct {
		name, args string
		want       []string
	}{
		{"notCurrentlyAt keeps who left", `where: {notCurrentlyAt: ["lab-beta"]}`, []string{"ada-2", "ben", "cleo", "dan", "finn", "ivy"}},
		{"notCurrentlyAt as of 2015", `where: {notCurrentlyAt: ["lab-beta"]}, asOf: "2015"`,
			[]string{"ada", "ada-2", "ben", "dan", "eve", "finn", "gia", "ivy"}},
		{"roleKeywords, current title", `where: {roleKeywords: ["Research"]}`, []string{"ben", "dan", "hal", "ivy"}},
		{"roleKeywords, any job", `where: {roleKeywords: ["research"], roleAnyJob: true}`,
			[]string{"ada", "ben", "cleo", "dan", "eve", "hal", "ivy"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := peopleOf(t, ts, tt.args)
			if !slices.Equal(got.ids(), tt.want) || got.TotalCount != len(tt.want) {
				t.Errorf("people(%s) = %v (total %d), want %v", tt.args, got.ids(), got.TotalCount, tt.want)
			}
		})
	}

	t.Run("reasons", func(t *testing.T) {
		var r struct {
			People struct {
				Edges []struct {
					Node    struct{ ID string }
					Matched []string
					Reasons []struct {
						Condition, Asked string
						Values           []string
						Records          []struct {
							Kind, ID, LabName, Label, End string
							Sources                       []struct{ ID string }
						}
					}
				}
			}
		}
		_, _, res := post(t, ts, "", query(`{ people(where: {notCurrentlyAt: ["lab-beta"], roleKeywords: ["researcher"], roleAnyJob: true}) {
			edges { node { id } matched reasons { condition asked values records { kind id labName label end sources { id } } } } } }`, nil))
		if len(res.Errors) > 0 {
			t.Fatalf("errors %+v", res.Errors)
		}
		if err := json.Unmarshal(res.Data, &r); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range r.People.Edges {
			ids = append(ids, e.Node.ID)
		}
		if want := []string{"cleo", "ivy"}; !slices.Equal(ids, want) {
			t.Fatalf("people = %v, want %v", ids, want)
		}
		cleo := r.People.Edges[0]
		wantMatched := []string{"not currently at Lab Beta; was at Lab Beta, researcher (2012–2020)",
			"role held matches researcher: Lab Beta, researcher (2012–2020)"}
		if !slices.Equal(cleo.Matched, wantMatched) {
			t.Errorf("cleo matched %q, want %q", cleo.Matched, wantMatched)
		}
		if len(cleo.Reasons) != 2 {
			t.Fatalf("cleo's reasons = %+v, want two", cleo.Reasons)
		}
		nc, role := cleo.Reasons[0], cleo.Reasons[1]
		if nc.Condition != "notCurrentlyAt" || !slices.Equal(nc.Values, []string{"Lab Beta"}) ||
			len(nc.Records) != 1 || nc.Records[0].ID != "cleo.beta" || nc.Records[0].End != "2020" || len(nc.Records[0].Sources) == 0 {
			t.Errorf("notCurrentlyAt reason = %+v", nc)
		}
		if role.Condition != "roleKeywords" || role.Asked != "anyJob" || !slices.Equal(role.Values, []string{"researcher"}) ||
			len(role.Records) != 1 || role.Records[0].Kind != "stint" || role.Records[0].Label != "researcher" {
			t.Errorf("roleKeywords reason = %+v", role)
		}
	})

	many := make([]string, thelist.MaxFilterRoleKeywords+1)
	for i := range many {
		many[i] = fmt.Sprintf("%q", "k")
	}
	for _, tt := range []struct{ name, args string }{
		{"too many keywords", `where: {roleKeywords: [` + strings.Join(many, ", ") + `]}`},
		{"a blank keyword", `where: {roleKeywords: ["  "]}`},
		{"a keyword too long", `where: {roleKeywords: ["` + strings.Repeat("x", thelist.TextLimit("role")+1) + `"]}`},
		{"a control character", `where: {roleKeywords: ["a\u0007b"]}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, r := post(t, ts, "", query(`{ people(`+tt.args+`) { totalCount } }`, nil))
			if codes := r.codes(); !slices.Equal(codes, []string{"BAD_USER_INPUT"}) {
				t.Errorf("codes = %v (%+v), want [BAD_USER_INPUT]", codes, r.Errors)
			}
		})
	}
}
