// Package thelist holds the domain of The List: the people, labs, stints and
// sources of the AI talent graph, and the errors every layer shares.
//
// It imports none of the packages that speak to the outside world: graph
// speaks Cypher to Neo4j, importer reads bundles, api speaks GraphQL and HTTP.
package thelist

// Source is a published report that states a fact. Every node and
// relationship in the graph cites at least one. A record being written cites
// its sources by ID alone; a record that was read carries them in full.
type Source struct {
	ID        string
	Publisher string
	Title     string
	Date      Date
	URL       string
	Note      string
}

// Lab kinds. A lab is any organisation a person can work at, study at,
// found, invest in or report for.
const (
	LabCompany    = "company"
	LabUniversity = "university"
	LabInstitute  = "institute"
	LabStartup    = "startup"
	LabInvestor   = "investor"
	LabMedia      = "media"
)

// LabKinds lists the kinds a Lab may have, in the order documentation shows them.
var LabKinds = []string{LabCompany, LabUniversity, LabInstitute, LabStartup, LabInvestor, LabMedia}

// Lab is an organisation: a company, a university, an institute, a startup,
// an investor or a media outlet.
type Lab struct {
	ID      string
	Name    string
	Kind    string
	Country string // ISO 3166-1 alpha-2, or empty when not reported
	Sources []Source
}

// Person is someone in the talent graph.
type Person struct {
	ID         string
	Name       string
	NativeName string // the name in the person's own script, when not Latin
	Sources    []Source

	// Stints is filled by reads, oldest first; writes ignore it.
	Stints []Stint
}

// Stint is a person's time at a lab: a job, a course of study, a founding role.
// A zero End means the stint goes on, or that no source reports its end.
type Stint struct {
	ID       string
	PersonID string
	LabID    string
	Role     string
	Start    Date
	End      Date
	Sources  []Source

	// Lab is filled by reads; writes use LabID.
	Lab *Lab
}

// Bundle is a complete, validated set of records to write in one import.
type Bundle struct {
	Sources []Source
	Labs    []Lab
	People  []Person
	Stints  []Stint
}

// PersonPage is one page of people in a stable order. Each row carries the
// cursor that continues after it.
type PersonPage struct {
	Edges       []PersonEdge
	TotalCount  int
	HasNextPage bool
	EndCursor   string // the last row's cursor; empty when the page is empty
}

// PersonEdge is one row of a PersonPage.
type PersonEdge struct {
	Cursor string
	Node   Person
}

// MaxPageSize caps how many rows one page may ask for.
const MaxPageSize = 100
