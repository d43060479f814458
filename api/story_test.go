package api_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"testing"
)

// TestSeedStory asks, through GraphQL on the demo data, every fact of the
// seed article (the NYT report on Matt Deitke's Meta offers, in its Chinese
// edition) that the model can hold, and fails when an answer changes. The
// team's size (about ten) is the one fact the model has no field for.
func TestSeedStory(t *testing.T) {
	db := demo(t)
	ts := newServer(t, db)
	cases := []struct {
		name  string
		query string
		want  string
	}{
		{"Zuckerberg recruited Deitke to Meta's superintelligence lab with the second offer",
			`{ person(id: "matt-deitke") { moves { to { id } from { id } date recruiter { id } } } }`,
			`{"person":{"moves":[{"to":{"id":"meta-superintelligence-labs"},"from":{"id":"vercept"},"date":"2025-07",
				"recruiter":{"id":"mark-zuckerberg"}}]}}`},
		{"how: Zuckerberg wanted him, was turned down, then met him in person (a recruitment on the record, from the NYT)",
			`{ recruitment(personId: "matt-deitke") { recruitedBy { recruiter { id } toLab { id } date confidence note sources { id } } } }`,
			`{"recruitment":{"recruitedBy":[{"recruiter":{"id":"mark-zuckerberg"},"toLab":{"id":"meta-superintelligence-labs"},"date":"2025",
				"confidence":"reported","note":"The NYT: Zuckerberg wanted to recruit him, then met him personally before the revised offer.",
				"sources":[{"id":"nyt-2025-07-31"},{"id":"seed-nyt-zh"},{"id":"thenews-2025-08-02-deitke"}]}]}}`},
		{"both offers: about $125M over four years, declined; about $250M, up to $100M in the first year, accepted",
			`{ offers(where: {person: "matt-deitke"}, orderBy: TOTAL_DESC) { edges { node {
				id totalValue firstYearValue currency years status date extendedBy { id } lab { id } } } } }`,
			`{"offers":{"edges":[
				{"node":{"id":"meta.matt-deitke.2","totalValue":250000000,"firstYearValue":100000000,"currency":"USD","years":4,
					"status":"accepted","date":"2025","extendedBy":{"id":"mark-zuckerberg"},"lab":{"id":"meta"}}},
				{"node":{"id":"meta.matt-deitke.1","totalValue":125000000,"firstYearValue":null,"currency":"USD","years":4,
					"status":"declined","date":"2025","extendedBy":{"id":"mark-zuckerberg"},"lab":{"id":"meta"}}}]}}`},
		{"Vercept: founded in November 2023 by Deitke and AI2 colleagues, $16.5M raised from investors among them Eric Schmidt",
			`{ lab(id: "vercept") { founded founders { person { id } } investors { amount currency investorPerson { id } } } }`,
			`{"lab":{"founded":"2023-11",
				"founders":[{"person":{"id":"matt-deitke"}},{"person":{"id":"kiana-ehsani"}},{"person":{"id":"ross-girshick"}}],
				"investors":[{"amount":16500000,"currency":"USD","investorPerson":{"id":"eric-schmidt"}}]}}`},
		{"Vercept: a team of about 10 when the story ran",
			`{ lab(id: "vercept") { staff staffDate staffApproximate } }`,
			`{"lab":{"staff":10,"staffDate":"2025-07","staffApproximate":true}}`},
		{"his PhD at the University of Washington is unfinished, so he is not on the List; his AI2 job led Molmo",
			`{ person(id: "matt-deitke") { degrees { lab { id } degree completed } stints { lab { id } role concurrent } } }`,
			`{"person":{"degrees":[{"lab":{"id":"uw"},"degree":"phd","completed":false}],"stints":[
				{"lab":{"id":"vercept"},"role":"co-founder","concurrent":false},
				{"lab":{"id":"meta-superintelligence-labs"},"role":"researcher, Meta's superintelligence lab","concurrent":false},
				{"lab":{"id":"ai2"},"role":"researcher (part-time); led the Molmo project","concurrent":true}]}}`},
		{"the 2012 auction: Google bought the three Toronto researchers' company for $44M",
			`{ deals(where: {minAmount: 40000000, maxAmount: 50000000}) { id kind amount currency date buyer { id } target { id } people { id } } }`,
			`{"deals":[{"id":"google.dnnresearch.2012","kind":"acquisition","amount":44000000,"currency":"USD","date":"2012-12",
				"buyer":{"id":"google"},"target":{"id":"dnnresearch"},
				"people":[{"id":"alex-krizhevsky"},{"id":"geoffrey-hinton"},{"id":"ilya-sutskever"}]}]}`},
		{"the people quoted, with their roles",
			`{ hays: person(id: "jordi-hays") { stints { lab { id } role } }
			   lee: person(id: "peter-lee") { stints { lab { id } role } }
			   chen: person(id: "mark-chen") { stints { lab { id } role } }
			   zuck: person(id: "mark-zuckerberg") { stints { lab { id } role } } }`,
			`{"hays":{"stints":[{"lab":{"id":"tbpn"},"role":"co-host"}]},
			  "lee":{"stints":[{"lab":{"id":"microsoft-research"},"role":"head of Microsoft Research (managing director)"}]},
			  "chen":{"stints":[{"lab":{"id":"openai"},"role":"chief research officer"}]},
			  "zuck":{"stints":[{"lab":{"id":"meta"},"role":"chief executive"}]}}`},
		{"the network places Deitke at Meta's superintelligence lab, not at AI2 (an undated job never outranks a dated one)",
			`{ neighborhood(id: "matt-deitke", asOf: "2025-12-01") { center { currentLab { id } } } }`,
			`{"neighborhood":{"center":{"currentLab":{"id":"meta-superintelligence-labs"}}}}`},
		{"the article's Chinese names find the people",
			`{ a: search(query: "扎克伯格", kinds: [PERSON]) { person { id } }
			   b: search(query: "辛顿", kinds: [PERSON]) { person { id } }
			   c: search(query: "德特克", kinds: [PERSON]) { person { id } } }`,
			`{"a":[{"person":{"id":"mark-zuckerberg"}}],"b":[{"person":{"id":"geoffrey-hinton"}}],"c":[{"person":{"id":"matt-deitke"}}]}`},
		{"the Chinese edition is a version of the English report",
			`{ person(id: "matt-deitke") { sources { id language originalId } } }`,
			`{"person":{"sources":[{"id":"geekwire-2025-07-deitke-meta","language":"en","originalId":null},
				{"id":"nyt-2025-07-31","language":"en","originalId":null},{"id":"seed-nyt-zh","language":"zh","originalId":"nyt-2025-07-31"}]}}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got, want any
			gqlData(t, ts, c.query, &got)
			if err := json.Unmarshal([]byte(c.want), &want); err != nil {
				t.Fatalf("want is not JSON: %v", err)
			}
			if !reflect.DeepEqual(got, want) {
				g, _ := json.Marshal(got)
				t.Errorf("got  %s\nwant %s", g, mustCompact(c.want))
			}
		})
	}
}

func mustCompact(s string) string {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// TestDataTruth holds the answers the data-truth issue found wrong: who is
// at a lab now, the List, dated views, money as data, and the rules shown.
func TestDataTruth(t *testing.T) {
	db := demo(t)
	ts := newServer(t, db)
	ids := func(q string) []string {
		var r struct {
			People struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		gqlData(t, ts, q, &r)
		out := []string{}
		for _, e := range r.People.Edges {
			out = append(out, e.Node.ID)
		}
		return out
	}
	has := func(list []string, id string) bool {
		for _, x := range list {
			if x == id {
				return true
			}
		}
		return false
	}

	t.Run("currentlyAt Meta Superintelligence Labs finds the hires whose moves go there", func(t *testing.T) {
		got := ids(`{ people(where: {currentlyAt: ["meta-superintelligence-labs"]}, asOf: "2025-12-01", first: 100) { edges { node { id } } } }`)
		for _, id := range []string{"matt-deitke", "lucas-beyer", "alexander-kolesnikov", "xiaohua-zhai", "jason-wei", "hyung-won-chung"} {
			if !has(got, id) {
				t.Errorf("%s missing from %v", id, got)
			}
		}
	})
	t.Run("an open job reported long ago is not current: Krizhevsky and Polosukhin are not at Google", func(t *testing.T) {
		got := ids(`{ people(where: {currentlyAt: ["google"]}, first: 100) { edges { node { id } } } }`)
		for _, id := range []string{"alex-krizhevsky", "illia-polosukhin", "ashish-vaswani"} {
			if has(got, id) {
				t.Errorf("%s is listed at Google today: %v", id, got)
			}
		}
		var r struct {
			Person struct {
				CurrentStint *struct{ ID string }
				LastReported *struct{ ID, Confirmed string }
			}
		}
		gqlData(t, ts, `{ person(id: "alex-krizhevsky") { currentStint { id } lastReported { id confirmed } } }`, &r)
		if r.Person.CurrentStint != nil || r.Person.LastReported == nil || r.Person.LastReported.ID != "alex-krizhevsky.google" ||
			r.Person.LastReported.Confirmed != "2017-09" {
			t.Errorf("Krizhevsky: current %+v, last reported %+v; want none, and Google to 2017-09", r.Person.CurrentStint, r.Person.LastReported)
		}
	})
	t.Run("the List: Sutskever with evidence for each credential, not Deitke", func(t *testing.T) {
		var r struct {
			People struct {
				Edges []struct {
					Node        struct{ ID string }
					Credentials []struct {
						Credential string
						Met        bool
						Degrees    []struct{ ID string }
						Stints     []struct{ ID string }
						Papers     []struct{ ID string }
					}
					Reasons []struct {
						Condition string
						Count     float64
						Values    []string
					}
				}
			}
		}
		gqlData(t, ts, `{ people(where: {atLeast: 3}, first: 100) { edges { node { id }
			credentials { credential met degrees { id } stints { id } papers { id } }
			reasons { condition count values } } } }`, &r)
		var found bool
		for _, e := range r.People.Edges {
			if e.Node.ID == "matt-deitke" {
				t.Error("Deitke is on the List, though his PhD was not completed")
			}
			if e.Node.ID != "ilya-sutskever" {
				continue
			}
			found = true
			for _, c := range e.Credentials {
				if !c.Met || len(c.Degrees)+len(c.Stints)+len(c.Papers) == 0 {
					t.Errorf("Sutskever's %s: met %v with no evidence", c.Credential, c.Met)
				}
			}
			if len(e.Reasons) != 1 || e.Reasons[0].Condition != "atLeast" || e.Reasons[0].Count != 3 {
				t.Errorf("reasons %+v; want atLeast with 3 credentials met", e.Reasons)
			}
		}
		if !found {
			t.Error("Sutskever (CS PhD with a machine-learning thesis under Hinton, OpenAI, AlexNet) is not on the List")
		}
	})
	t.Run("dated views leave out undated facts and what precedes a lab's founding", func(t *testing.T) {
		var r struct {
			Meta    struct{ Offers []struct{ ID string } }
			Vercept struct {
				CurrentPeople []struct{ Person struct{ ID string } }
				Founders      []struct{ Person struct{ ID string } }
				Investors     []struct{ ID string }
			}
		}
		gqlData(t, ts, `{ meta: lab(id: "meta", asOf: "2023-01-01", includeChildren: true) { offers { id } }
			vercept: lab(id: "vercept", asOf: "2023-01-01") { currentPeople { person { id } } founders { person { id } } investors { id } } }`, &r)
		if len(r.Meta.Offers)+len(r.Vercept.CurrentPeople)+len(r.Vercept.Founders)+len(r.Vercept.Investors) != 0 {
			t.Errorf("as of 2023-01-01: %+v", r)
		}
	})
	t.Run("money is data: amounts filter offers, deals and investments; the rules are shown", func(t *testing.T) {
		type money struct {
			ID     string
			Amount float64
		}
		var r struct {
			Deals           []money
			Investments     []money
			CurrentRule     struct{ RecencyMonths int }
			CredentialRules struct{ Version string }
		}
		gqlData(t, ts, `{ deals(where: {minAmount: 1000000000}) { id amount } investments(where: {minAmount: 10000000000}) { id amount }
			currentRule { recencyMonths } credentialRules { version } }`, &r)
		ids := func(ms []money, min float64) []string {
			var out []string
			for _, m := range ms {
				if m.Amount < min {
					t.Errorf("%s: amount %.0f passes a filter of at least %.0f", m.ID, m.Amount, min)
				}
				out = append(out, m.ID)
			}
			return out
		}
		deals, investments := ids(r.Deals, 1e9), ids(r.Investments, 1e10)
		// Character.AI's licence-and-hire deal with Google was $2.7 billion;
		// Google's 2012 purchase of DNNresearch, $44 million, is under the bar.
		if !slices.Contains(deals, "google.character-ai.2024") || slices.Contains(deals, "google.dnnresearch.2012") {
			t.Errorf("deals of at least $1B: %v", deals)
		}
		if !slices.Contains(investments, "meta.scale-ai.2025") {
			t.Errorf("investments of at least $10B: %v, want Meta's $14.3B stake in Scale AI among them", investments)
		}
		if r.CurrentRule.RecencyMonths != 24 || r.CredentialRules.Version == "" {
			t.Errorf("rules: %+v %+v", r.CurrentRule, r.CredentialRules)
		}
	})
	t.Run("money is data: the personal offers of $200M or more, largest first", func(t *testing.T) {
		var r struct {
			Offers struct {
				Edges []struct {
					Node struct {
						ID         string
						TotalValue float64
					}
				}
			}
		}
		gqlData(t, ts, `{ offers(where: {minTotal: 200000000, currency: "USD"}) { edges { node { id totalValue } } } }`, &r)
		var got []string
		for _, e := range r.Offers.Edges {
			got = append(got, fmt.Sprintf("%s %.0f", e.Node.ID, e.Node.TotalValue))
		}
		// Tulloch's is the WSJ's ceiling, Pang's Bloomberg's lower bound
		// (data/README.md, Offers); the $125M first offer to Deitke is under the bar.
		want := []string{"meta.andrew-tulloch 1500000000", "meta.matt-deitke.2 250000000", "meta.ruoming-pang 200000000"}
		if !slices.Equal(got, want) {
			t.Errorf("offers of at least $200M: %v, want %v", got, want)
		}
	})
}
