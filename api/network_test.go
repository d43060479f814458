package api_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// networkBundle returns the test database loaded with testdata/network:
// two groups of Lab Alpha alumni who worked together and then moved
// together, Ada, Ben and Cai to Lab Beta in 2021 and Dan, Eve and Fay to
// Lab Gamma in 2022; Ned, who worked with the first group but followed them
// only in 2024; Gus, who left alone for Lab Delta; Hal, who stayed; Ivy, who
// advised Ada; Kim, who recruited Ada to Lab Beta; Jon, whose only stint
// (at Lab Delta) ended years before Gus's began. Eve worked at Lab Alpha
// Vision, a part of Lab Alpha.
func networkBundle(t *testing.T) *graph.DB { t.Helper(); return loaded(t, "testdata/network") }

type idName struct{ ID, Name string }

func idsOf(people []idName) string {
	ids := make([]string, len(people))
	for i, p := range people {
		ids[i] = strings.TrimSuffix(p.ID, "-example")
	}
	return strings.Join(ids, ",")
}

type gqlDestination struct {
	Lab    struct{ ID string }
	Count  int
	People []idName
}

func destinationsOf(ds []gqlDestination) string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Lab.ID+"="+idsOf(d.People))
	}
	return strings.Join(out, " ")
}

type gqlAlumni struct {
	LabAlumni struct {
		Lab    struct{ ID string }
		Count  int
		Alumni []struct {
			Person idName
			Left   string
			LeftBy string
			Stint  *struct{ ID string }
			Next   *struct {
				Lab     struct{ ID string }
				Date    string
				By      string
				Sources []struct{ ID string }
			}
		}
		Destinations []gqlDestination
		Periods      []struct {
			Year, Count, Unknown int
			Destinations         []gqlDestination
		}
		Clusters []struct {
			Members      []idName
			Size         int
			SharedLabs   []struct{ ID string }
			SharedPapers []struct{ ID string }
			Destinations []gqlDestination
			Weight       float64
		}
	}
}

const alumniSelection = `lab { id } count
	alumni { person { id name } left leftBy stint { id } next { lab { id } date by sources { id } } }
	destinations { lab { id } count people { id name } }
	periods { year count unknown destinations { lab { id } count people { id name } } }
	clusters { members { id name } size sharedLabs { id } sharedPapers { id } destinations { lab { id } count people { id name } } weight }`

func TestLabAlumni_DestinationsAndPeriods(t *testing.T) {
	ts := newServer(t, networkBundle(t))
	var got gqlAlumni
	gqlData(t, ts, `{ labAlumni(lab: "lab-alpha", since: "2019", until: "2025") { `+alumniSelection+` } }`, &got)
	a := got.LabAlumni

	t.Run("alumni, most recent departure first", func(t *testing.T) {
		var rows []string
		for _, x := range a.Alumni {
			row := strings.TrimSuffix(x.Person.ID, "-example") + " " + x.Left + " " + x.LeftBy
			if x.Next != nil {
				row += " > " + x.Next.Lab.ID + " " + x.Next.Date + " " + x.Next.By
			}
			rows = append(rows, row)
		}
		want := []string{
			"ned 2023-12 STINT > lab-beta 2024-02 STINT",
			"eve 2022-05 STINT > lab-gamma 2022-06 STINT",
			"dan 2022-02 STINT > lab-gamma 2022-03 STINT",
			"fay 2022 STINT > lab-gamma 2022-09 STINT",
			"cai 2021-10 MOVE > lab-beta 2021-10 MOVE",
			"ben 2021-06 MOVE > lab-beta 2021-06 MOVE",
			"ada 2021-03 STINT > lab-beta 2021-04 STINT",
			"gus 2019-06 STINT > lab-delta 2019-08 STINT",
		}
		if !reflect.DeepEqual(rows, want) {
			t.Errorf("alumni =\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
		}
		if a.Count != 8 {
			t.Errorf("count = %d, want 8", a.Count)
		}
		if s := a.Alumni[6].Stint; s == nil || s.ID != "ada-example.alpha" {
			t.Errorf("Ada's last stint = %+v, want ada-example.alpha", s)
		}
		if src := a.Alumni[5].Next.Sources; len(src) != 1 || src[0].ID != "src-b" {
			t.Errorf("Ben's move sources = %+v, want src-b", src)
		}
	})
	t.Run("by destination", func(t *testing.T) {
		want := "lab-beta=ada,ben,cai,ned lab-gamma=dan,eve,fay lab-delta=gus"
		if got := destinationsOf(a.Destinations); got != want {
			t.Errorf("destinations = %s, want %s", got, want)
		}
	})
	t.Run("by year", func(t *testing.T) {
		var got []string
		for _, p := range a.Periods {
			got = append(got, itoa(p.Year)+":"+itoa(p.Count)+" "+destinationsOf(p.Destinations))
		}
		want := []string{"2019:1 lab-delta=gus", "2021:3 lab-beta=ada,ben,cai", "2022:3 lab-gamma=dan,eve,fay", "2023:1 lab-beta=ned"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("periods = %v, want %v", got, want)
		}
	})
	t.Run("clusters are the two groups that moved together", func(t *testing.T) {
		var got []string
		for _, c := range a.Clusters {
			var labs, papers []string
			for _, l := range c.SharedLabs {
				labs = append(labs, l.ID)
			}
			for _, p := range c.SharedPapers {
				papers = append(papers, p.ID)
			}
			got = append(got, idsOf(c.Members)+" labs "+strings.Join(labs, ",")+" papers "+strings.Join(papers, ",")+
				" > "+destinationsOf(c.Destinations))
			if c.Size != len(c.Members) || c.Weight <= 0 {
				t.Errorf("cluster %s: size %d, weight %v", idsOf(c.Members), c.Size, c.Weight)
			}
		}
		// Ned worked with Ada, Ben and Cai but followed them to Lab Beta more
		// than a year later; Cai and Dan wrote a paper together but went to
		// different labs.
		want := []string{
			"ada,ben,cai labs lab-alpha,lab-beta papers paper-one > lab-beta=ada,ben,cai",
			"dan,eve,fay labs lab-alpha,lab-gamma papers paper-two > lab-gamma=dan,eve,fay",
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("clusters =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("clusters are deterministic", func(t *testing.T) {
		for range 3 {
			var again gqlAlumni
			gqlData(t, ts, `{ labAlumni(lab: "lab-alpha", since: "2019", until: "2025") { `+alumniSelection+` } }`, &again)
			if !reflect.DeepEqual(again.LabAlumni.Clusters, a.Clusters) {
				t.Fatalf("clusters changed between runs:\n%+v\n%+v", again.LabAlumni.Clusters, a.Clusters)
			}
		}
	})
}

func TestLabAlumni_WindowChildrenAndAsOf(t *testing.T) {
	ts := newServer(t, networkBundle(t))
	tests := []struct{ name, args, want string }{
		{"a window of one year", `since: "2022", until: "2023"`, "eve,dan,fay"},
		// Eve's stint was at Lab Alpha Vision, a part of Lab Alpha.
		{"without the labs that are part of it", `since: "2019", until: "2025", includeChildren: false`, "ned,dan,fay,cai,ben,ada,gus"},
		// On 2021-12-01 Dan, Eve, Fay and Ned were still at Lab Alpha.
		{"as of a day", `asOf: "2021-12"`, "cai,ben,ada,gus"},
		{"as of a day before anyone left", `asOf: "2018"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got gqlAlumni
			gqlData(t, ts, `{ labAlumni(lab: "lab-alpha", `+tt.args+`) { alumni { person { id name } } } }`, &got)
			var people []idName
			for _, a := range got.LabAlumni.Alumni {
				people = append(people, a.Person)
			}
			if ids := idsOf(people); ids != tt.want {
				t.Errorf("alumni = %s, want %s", ids, tt.want)
			}
		})
	}
	t.Run("as of a day, clusters only hold what had happened", func(t *testing.T) {
		var got gqlAlumni
		gqlData(t, ts, `{ labAlumni(lab: "lab-alpha", asOf: "2021-12") { clusters { members { id name } } } }`, &got)
		if n := len(got.LabAlumni.Clusters); n != 1 || idsOf(got.LabAlumni.Clusters[0].Members) != "ada,ben,cai" {
			t.Errorf("clusters = %+v, want ada,ben,cai alone", got.LabAlumni.Clusters)
		}
	})
}

type gqlPath struct {
	Path *struct {
		Length int
		People []idName
		Steps  []struct {
			From     idName
			To       idName
			Kind     string
			Inverse  bool
			ViaLab   *struct{ ID string }
			ViaPaper *struct{ ID string }
			Start    *string
			End      *string
			Links    []struct {
				Type     string
				ID       *string
				PersonID string
				Start    *string
				Sources  []struct{ ID string }
			}
			Sources []struct{ ID string }
		}
	}
}

const pathSelection = `length people { id name } steps { from { id name } to { id name } kind inverse viaLab { id } viaPaper { id }
	start end links { type id personId start sources { id } } sources { id } }`

// describe writes a path as "a -KIND(via)-> b", with "<-" for an inverse step.
func (p gqlPath) describe() string {
	if p.Path == nil {
		return "none"
	}
	var b strings.Builder
	for i, s := range p.Path.Steps {
		if i == 0 {
			b.WriteString(strings.TrimSuffix(s.From.ID, "-example"))
		}
		via := ""
		if s.ViaLab != nil {
			via = "@" + s.ViaLab.ID
		}
		if s.ViaPaper != nil {
			via = "@" + s.ViaPaper.ID
		}
		arrow := " -" + s.Kind + via + "-> "
		if s.Inverse {
			arrow = " <-" + s.Kind + via + "- "
		}
		b.WriteString(arrow + strings.TrimSuffix(s.To.ID, "-example"))
	}
	return b.String()
}

func TestPath_ShortestChain(t *testing.T) {
	ts := newServer(t, networkBundle(t))
	tests := []struct{ name, args, want string }{
		{"recruited and advised", `from: "ivy-example", to: "kim-example", kinds: [ADVISED, RECRUITED]`,
			"ivy -ADVISED-> ada <-RECRUITED- kim"},
		{"the fewest people, smallest ids first on a tie", `from: "gus-example", to: "kim-example"`,
			"gus -WORKED_WITH@lab-alpha-> ada <-RECRUITED- kim"},
		{"moved together", `from: "ben-example", to: "cai-example", kinds: [MOVED_WITH]`, "ben -MOVED_WITH@lab-beta-> cai"},
		{"co-authored", `from: "dan-example", to: "cai-example", kinds: [COAUTHORED]`, "dan -COAUTHORED@paper-three-> cai"},
		{"studied together", `from: "ada-example", to: "eve-example", kinds: [STUDIED_WITH]`, "ada -STUDIED_WITH@uni-omega-> eve"},
		// Jon and Gus both worked at Lab Delta, but years apart.
		{"stints that did not overlap", `from: "jon-example", to: "gus-example"`, "none"},
		{"only the kinds asked for", `from: "ivy-example", to: "kim-example", kinds: [WORKED_WITH]`, "none"},
		{"within maxHops", `from: "ivy-example", to: "kim-example", kinds: [ADVISED, RECRUITED], maxHops: 1`, "none"},
		// Kim recruited Ada in March 2021: before that, no chain.
		{"as of a day before the recruitment", `from: "ivy-example", to: "kim-example", kinds: [ADVISED, RECRUITED], asOf: "2021-02"`, "none"},
		{"as of the day of the recruitment", `from: "ivy-example", to: "kim-example", kinds: [ADVISED, RECRUITED], asOf: "2021-03"`,
			"ivy -ADVISED-> ada <-RECRUITED- kim"},
		// In 2018 Gus and Hal were both at Lab Alpha; in 2020 Gus was at Lab Delta.
		{"colleagues that day", `from: "gus-example", to: "hal-example", asOf: "2018"`, "gus -WORKED_WITH@lab-alpha-> hal"},
		{"no longer colleagues", `from: "gus-example", to: "hal-example", asOf: "2020"`, "none"},
		{"from a person to themselves", `from: "ada-example", to: "ada-example"`, ""},
		// The search runs from both ends and meets in the middle; chains of
		// odd and even length, either way round, are still the shortest.
		// Ada and Ben both co-authored and were recruiter and recruit: the
		// smaller kind wins.
		{"three hops", `from: "ivy-example", to: "cai-example", kinds: [ADVISED, RECRUITED, COAUTHORED, MOVED_WITH]`,
			"ivy -ADVISED-> ada -COAUTHORED@paper-one-> ben -MOVED_WITH@lab-beta-> cai"},
		{"three hops the other way", `from: "cai-example", to: "ivy-example", kinds: [ADVISED, RECRUITED, COAUTHORED, MOVED_WITH]`,
			"cai -MOVED_WITH@lab-beta-> ben -COAUTHORED@paper-one-> ada <-ADVISED- ivy"},
		{"four hops", `from: "ivy-example", to: "dan-example", kinds: [ADVISED, RECRUITED, COAUTHORED, MOVED_WITH]`,
			"ivy -ADVISED-> ada -COAUTHORED@paper-one-> ben -MOVED_WITH@lab-beta-> cai -COAUTHORED@paper-three-> dan"},
		{"five hops", `from: "ivy-example", to: "fay-example", kinds: [ADVISED, RECRUITED, COAUTHORED, MOVED_WITH], maxHops: 5`,
			"ivy -ADVISED-> ada -COAUTHORED@paper-one-> ben -MOVED_WITH@lab-beta-> cai -COAUTHORED@paper-three-> dan -COAUTHORED@paper-two-> fay"},
		{"five hops, beyond maxHops", `from: "ivy-example", to: "fay-example", kinds: [ADVISED, RECRUITED, COAUTHORED, MOVED_WITH], maxHops: 4`,
			"none"},
		// Cai moved to Lab Beta in October 2021, Ben in June.
		{"as of a month before the second move", `from: "ivy-example", to: "cai-example", kinds: [ADVISED, RECRUITED, COAUTHORED, MOVED_WITH], asOf: "2021-09"`,
			"none"},
		{"as of the month of the second move", `from: "ivy-example", to: "cai-example", kinds: [ADVISED, RECRUITED, COAUTHORED, MOVED_WITH], asOf: "2021-10"`,
			"ivy -ADVISED-> ada -COAUTHORED@paper-one-> ben -MOVED_WITH@lab-beta-> cai"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got gqlPath
			gqlData(t, ts, `{ path(`+tt.args+`) { `+pathSelection+` } }`, &got)
			if d := got.describe(); d != tt.want {
				t.Errorf("path = %q, want %q", d, tt.want)
			}
		})
	}

	t.Run("steps carry dates and sources", func(t *testing.T) {
		var got gqlPath
		gqlData(t, ts, `{ path(from: "gus-example", to: "kim-example") { `+pathSelection+` } }`, &got)
		p := got.Path
		if p == nil || p.Length != 2 || idsOf(p.People) != "gus,ada,kim" {
			t.Fatalf("path = %+v, want gus, ada, kim", p)
		}
		worked, recruited := p.Steps[0], p.Steps[1]
		if worked.Start == nil || *worked.Start != "2016-01" || worked.End == nil || *worked.End != "2019-06" {
			t.Errorf("WORKED_WITH overlap = %v..%v, want 2016-01..2019-06", worked.Start, worked.End)
		}
		if len(worked.Links) != 2 || *worked.Links[0].ID != "gus-example.alpha" || *worked.Links[1].ID != "ada-example.alpha" {
			t.Errorf("WORKED_WITH links = %+v, want Gus's and Ada's stints", worked.Links)
		}
		if len(worked.Sources) != 1 || worked.Sources[0].ID != "src-a" {
			t.Errorf("WORKED_WITH sources = %+v, want src-a", worked.Sources)
		}
		if recruited.Start == nil || *recruited.Start != "2021-03" || len(recruited.Links) != 1 ||
			recruited.Links[0].PersonID != "kim-example" || recruited.Sources[0].ID != "src-b" {
			t.Errorf("RECRUITED step = %+v, want Kim's recruitment of 2021-03 from src-b", recruited)
		}
	})
	t.Run("moves are the links of MOVED_WITH", func(t *testing.T) {
		var got gqlPath
		gqlData(t, ts, `{ path(from: "ben-example", to: "cai-example", kinds: [MOVED_WITH]) { `+pathSelection+` } }`, &got)
		links := got.Path.Steps[0].Links
		if len(links) != 2 || *links[0].ID != "ben-example.to.beta" || *links[1].ID != "cai-example.to.beta" ||
			*links[0].Start != "2021-06" || links[0].Type != "MOVE" {
			t.Errorf("links = %+v, want Ben's and Cai's moves", links)
		}
	})
}

type gqlNeighborhood struct {
	Neighborhood struct {
		Center struct{ Key string }
		Nodes  []struct {
			Key, ID, Kind, Label string
			Distance             int
			LabKind              *string
			TopLab               *bool
			CurrentLab           *struct{ ID string }
		}
		Edges []struct {
			ID, Source, Target, Type, Confidence string
			Start, End                           *string
		}
		Truncated bool
	}
}

const neighborhoodSelection = `center { key } nodes { key id kind label distance labKind topLab currentLab { id } }
	edges { id source target type start end confidence } truncated`

func (n gqlNeighborhood) keys() string {
	var keys []string
	for _, x := range n.Neighborhood.Nodes {
		keys = append(keys, x.Key)
	}
	return strings.Join(keys, " ")
}

func (n gqlNeighborhood) edges() string {
	var out []string
	for _, e := range n.Neighborhood.Edges {
		out = append(out, e.Type+" "+e.Source+">"+e.Target)
	}
	return strings.Join(out, " | ")
}

func TestNeighborhood(t *testing.T) {
	ts := newServer(t, networkBundle(t))
	get := func(t *testing.T, args string) gqlNeighborhood {
		t.Helper()
		var got gqlNeighborhood
		gqlData(t, ts, `{ neighborhood(`+args+`) { `+neighborhoodSelection+` } }`, &got)
		return got
	}

	t.Run("a lab's people", func(t *testing.T) {
		got := get(t, `id: "lab-gamma"`)
		if want := "LAB:lab-gamma PERSON:dan-example PERSON:eve-example PERSON:fay-example"; got.keys() != want {
			t.Errorf("nodes = %s, want %s", got.keys(), want)
		}
		want := "FOUNDED PERSON:dan-example>LAB:lab-gamma | WORKED_AT PERSON:dan-example>LAB:lab-gamma | " +
			"WORKED_AT PERSON:eve-example>LAB:lab-gamma | WORKED_AT PERSON:fay-example>LAB:lab-gamma"
		if got.edges() != want {
			t.Errorf("edges = %s, want %s", got.edges(), want)
		}
		n := got.Neighborhood
		if n.Truncated || n.Center.Key != "LAB:lab-gamma" {
			t.Errorf("truncated %v, center %s", n.Truncated, n.Center.Key)
		}
		if lab := n.Nodes[0]; lab.Kind != "LAB" || lab.Label != "Lab Gamma" || *lab.LabKind != "startup" || *lab.TopLab {
			t.Errorf("lab node = %+v", lab)
		}
		if dan := n.Nodes[1]; dan.Label != "Dan Example" || dan.CurrentLab == nil || dan.CurrentLab.ID != "lab-gamma" || dan.Distance != 1 {
			t.Errorf("Dan's node = %+v, want current lab lab-gamma at distance 1", dan)
		}
		if e := n.Edges[1]; e.ID != "WORKED_AT:dan-example.gamma" || e.Start == nil || *e.Start != "2022-03" || e.End != nil || e.Confidence != "reported" {
			t.Errorf("Dan's stint edge = %+v", e)
		}
	})
	t.Run("a person's relationships", func(t *testing.T) {
		got := get(t, `id: "ada-example"`)
		want := "PERSON:ada-example LAB:lab-alpha LAB:lab-beta LAB:uni-omega MOVE:ben-example.to.beta PAPER:paper-one " +
			"PERSON:ben-example PERSON:ivy-example PERSON:kim-example"
		if got.keys() != want {
			t.Errorf("nodes = %s, want %s", got.keys(), want)
		}
		if n := len(got.Neighborhood.Edges); n != 16 {
			t.Errorf("%d edges, want 16 (every relationship among the nodes):\n%s", n, got.edges())
		}
	})
	t.Run("truncated at the limit, nearest first", func(t *testing.T) {
		got := get(t, `id: "lab-alpha", limit: 4`)
		if want := "LAB:lab-alpha LAB:lab-alpha-vision MOVE:ben-example.to.beta MOVE:cai-example.to.beta"; got.keys() != want {
			t.Errorf("nodes = %s, want %s", got.keys(), want)
		}
		if !got.Neighborhood.Truncated {
			t.Error("truncated = false, want true")
		}
		// The lab, its part, two moves and eight people: twelve in all.
		if all := get(t, `id: "lab-alpha", limit: 12`); all.Neighborhood.Truncated || len(all.Neighborhood.Nodes) != 12 {
			t.Errorf("limit 12: %d nodes, truncated %v; want 12, false", len(all.Neighborhood.Nodes), all.Neighborhood.Truncated)
		}
		if cut := get(t, `id: "lab-alpha", limit: 11`); !cut.Neighborhood.Truncated || len(cut.Neighborhood.Nodes) != 11 {
			t.Errorf("limit 11: %d nodes, truncated %v; want 11, true", len(cut.Neighborhood.Nodes), cut.Neighborhood.Truncated)
		}
	})
	t.Run("only the kinds asked for", func(t *testing.T) {
		got := get(t, `id: "ada-example", kinds: [RECRUITED]`)
		if want := "PERSON:ada-example PERSON:ben-example PERSON:kim-example"; got.keys() != want {
			t.Errorf("nodes = %s, want %s", got.keys(), want)
		}
		if want := "RECRUITED PERSON:ada-example>PERSON:ben-example | RECRUITED PERSON:kim-example>PERSON:ada-example"; got.edges() != want {
			t.Errorf("edges = %s, want %s", got.edges(), want)
		}
	})
	t.Run("two hops", func(t *testing.T) {
		got := get(t, `id: "ivy-example", hops: 2, kinds: [ADVISED, RECRUITED, STUDIED_AT]`)
		want := "PERSON:ivy-example PERSON:ada-example LAB:uni-omega PERSON:ben-example PERSON:kim-example"
		if got.keys() != want {
			t.Errorf("nodes = %s, want %s", got.keys(), want)
		}
	})
	t.Run("as of a day", func(t *testing.T) {
		// Eve and Fay joined Lab Gamma after April 2022.
		got := get(t, `id: "lab-gamma", asOf: "2022-04"`)
		if want := "LAB:lab-gamma PERSON:dan-example"; got.keys() != want {
			t.Errorf("nodes = %s, want %s", got.keys(), want)
		}
	})
}

func TestNetwork_OneRoundTripPerRootField(t *testing.T) {
	db := networkBundle(t)
	ts := newServer(t, db)
	warmUp(t, db) // as serve does: plans, the path index and whether stored facts serve
	person := `id name stints { id lab { id } } degrees { id }`
	tests := map[string]string{
		"labAlumni": `{ labAlumni(lab: "lab-alpha") { count alumni { person { ` + person + ` } next { lab { id } } }
			destinations { count } periods { year } clusters { members { id } sharedLabs { id } sharedPapers { id } } } }`,
		"path":         `{ path(from: "gus-example", to: "kim-example") { people { ` + person + ` } ` + pathSelection + ` } }`,
		"neighborhood": `{ neighborhood(id: "lab-alpha", hops: 2) { ` + neighborhoodSelection + ` } }`,
		"no path":      `{ path(from: "jon-example", to: "gus-example") { length } }`,
	}
	for name, q := range tests {
		t.Run(name, func(t *testing.T) {
			if name != "no path" {
				postInOneStatement(t, db, ts, q)
				return
			}
			// The warm path index answers a search it finds no chain for
			// without a statement; it may still read, never more than once.
			before := db.Queries()
			if _, _, r := post(t, ts, "", query(q, nil)); len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			if got := db.Queries() - before; got > 1 {
				t.Errorf("Cypher statements sent = %d, want at most 1", got)
			}
		})
	}
}

func TestNetwork_BadInput(t *testing.T) {
	ts := newServer(t, networkBundle(t))
	tests := []struct{ name, query, want string }{
		{"alumni of an unknown lab", `{ labAlumni(lab: "nowhere") { count } }`, "NOT_FOUND"},
		{"alumni with a bad date", `{ labAlumni(lab: "lab-alpha", since: "2021-13") { count } }`, "BAD_USER_INPUT"},
		{"alumni with an empty window", `{ labAlumni(lab: "lab-alpha", since: "2023", until: "2022") { count } }`, "BAD_USER_INPUT"},
		{"alumni with a bad asOf", `{ labAlumni(lab: "lab-alpha", asOf: "soon") { count } }`, "BAD_USER_INPUT"},
		{"path above the hop cap", `{ path(from: "ada-example", to: "kim-example", maxHops: 7) { length } }`, "BAD_USER_INPUT"},
		{"path of no hops", `{ path(from: "ada-example", to: "kim-example", maxHops: 0) { length } }`, "BAD_USER_INPUT"},
		{"path with no kinds", `{ path(from: "ada-example", to: "kim-example", kinds: []) { length } }`, "BAD_USER_INPUT"},
		{"path with an unknown kind", `{ path(from: "ada-example", to: "kim-example", kinds: [MARRIED]) { length } }`, "GRAPHQL_VALIDATION_FAILED"},
		{"path with a bad asOf", `{ path(from: "ada-example", to: "kim-example", asOf: "2021-02-30") { length } }`, "BAD_USER_INPUT"},
		{"path from nobody", `{ path(from: "nobody", to: "kim-example") { length } }`, "NOT_FOUND"},
		{"path to nobody", `{ path(from: "ada-example", to: "nobody") { length } }`, "NOT_FOUND"},
		{"neighborhood above the hop cap", `{ neighborhood(id: "ada-example", hops: 4) { truncated } }`, "BAD_USER_INPUT"},
		{"neighborhood of no hops", `{ neighborhood(id: "ada-example", hops: 0) { truncated } }`, "BAD_USER_INPUT"},
		{"neighborhood above the node cap", `{ neighborhood(id: "ada-example", limit: 5001) { truncated } }`, "BAD_USER_INPUT"},
		{"neighborhood of no nodes", `{ neighborhood(id: "ada-example", limit: 0) { truncated } }`, "BAD_USER_INPUT"},
		{"neighborhood with no kinds", `{ neighborhood(id: "ada-example", kinds: []) { truncated } }`, "BAD_USER_INPUT"},
		{"neighborhood with a bad asOf", `{ neighborhood(id: "ada-example", asOf: "20210") { truncated } }`, "BAD_USER_INPUT"},
		{"neighborhood of nothing", `{ neighborhood(id: "nothing") { truncated } }`, "NOT_FOUND"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, r := post(t, ts, "", query(tt.query, nil))
			if codes := r.codes(); len(codes) == 0 || codes[0] != tt.want {
				t.Errorf("codes = %v, want %s", codes, tt.want)
			}
			for _, e := range r.Errors {
				if strings.Contains(e.Message, "MATCH") || strings.Contains(e.Message, "Neo") {
					t.Errorf("message %q leaks internals", e.Message)
				}
			}
		})
	}
}

// A path search that would expand more people in one level than the
// server's bound (graph.Config.MaxPathFrontier, THELIST_MAX_PATH_FRONTIER)
// is a TOO_BROAD error on the path field: a message that says how to narrow
// the search, the field's path and location, and nothing of the Cypher or
// the Go code behind it.
func TestPath_TooBroad(t *testing.T) {
	networkBundle(t)
	cfg := neo4jtest.Config()
	cfg.MaxPathFrontier = 1 // Ivy to Dan expands two people in its last level (graph.TestNetwork)
	ts := newServer(t, neo4jtest.Connect(t, cfg))

	status, _, r := post(t, ts, "", query(`query Chain($from: ID!, $to: ID!) {
  path(from: $from, to: $to, kinds: [ADVISED, RECRUITED, COAUTHORED, MOVED_WITH]) { length }
}`, map[string]any{"from": "ivy-example", "to": "dan-example"}))
	if status != http.StatusOK {
		t.Fatalf("status = %d, want 200 (a resolver's error is part of a GraphQL answer)", status)
	}
	if len(r.Errors) != 1 {
		t.Fatalf("errors = %+v, want one", r.Errors)
	}
	e := r.Errors[0]
	if !reflect.DeepEqual(e.Extensions, map[string]any{"code": "TOO_BROAD"}) {
		t.Errorf("extensions = %v, want only code TOO_BROAD", e.Extensions)
	}
	for _, advice := range []string{"than the 1 it may", "fewer kinds of links", "fewer hops", "asOf"} {
		if !strings.Contains(e.Message, advice) {
			t.Errorf("message %q does not say %q", e.Message, advice)
		}
	}
	if !reflect.DeepEqual(e.Path, []any{"path"}) {
		t.Errorf("path = %v, want [path]", e.Path)
	}
	if want := []location{{2, 3}}; !reflect.DeepEqual(e.Locations, want) {
		t.Errorf("locations = %v, want %v", e.Locations, want)
	}
	if got := string(r.Data); got != `{"path":null}` {
		t.Errorf("data = %s, want path: null", got)
	}
	for _, internal := range []string{"MATCH", "$maxFrontier", "Neo", "neo4j", "goroutine", ".go:", "thelist error"} {
		if strings.Contains(e.Message, internal) {
			t.Errorf("message %q shows %q", e.Message, internal)
		}
	}
}
