package thelist

// This file holds the results of the network questions: where a lab's
// alumni went and which of them moved as a group, the shortest chain between
// two people, and the bounded subgraph the network view draws.

import (
	"slices"
	"time"
)

// Caps on the network questions, so that one request cannot walk the whole
// graph.
const (
	MaxPathHops          = 6    // person-to-person hops of a path
	MaxNeighborhoodHops  = 3    // relationship hops around a neighbourhood's centre
	MaxNeighborhoodNodes = 5000 // nodes of one neighbourhood
)

// CheckPathHops says whether a path may take n hops: 1 to MaxPathHops.
func CheckPathHops(n int) error {
	if n < 1 || n > MaxPathHops {
		return Errorf(EINVALID, "maxHops: must be between 1 and %d", MaxPathHops)
	}
	return nil
}

// CheckNeighborhoodHops says whether a neighbourhood may reach n hops from
// its centre: 1 to MaxNeighborhoodHops.
func CheckNeighborhoodHops(n int) error {
	if n < 1 || n > MaxNeighborhoodHops {
		return Errorf(EINVALID, "hops: must be between 1 and %d", MaxNeighborhoodHops)
	}
	return nil
}

// CheckNeighborhoodLimit says whether a neighbourhood may hold n nodes: 1
// to MaxNeighborhoodNodes.
func CheckNeighborhoodLimit(n int) error {
	if n < 1 || n > MaxNeighborhoodNodes {
		return Errorf(EINVALID, "limit: must be between 1 and %d", MaxNeighborhoodNodes)
	}
	return nil
}

// MovedTogetherMonths is how close two moves to one lab must be to count as
// moving together: the later began before this many months had passed since
// the end of the earlier one's period (MovedTogether). The path search
// receives it as a Cypher parameter, so the two cannot drift.
const MovedTogetherMonths = 12

// MovedTogether reports whether two moves (or next jobs) dated x and y
// began within MovedTogetherMonths of each other, read at their precision:
// "2021" and "2022-03" are together, "2021-10" and "2024-02" are not. Whether
// they went to the same lab is the caller's to check.
func MovedTogether(x, y Date) bool {
	if y.Time.Before(x.Time) {
		x, y = y, x
	}
	return y.Time.Before(addMonths(x.PeriodEnd(), MovedTogetherMonths))
}

// addMonths adds n months to t as Neo4j's date arithmetic does, so that the
// rule reads the same in Go and in Cypher: a day the month lacks becomes its
// last day (2024-02-29 plus 12 months is 2025-02-28), where time.AddDate
// would roll over into March.
func addMonths(t time.Time, n int) time.Time {
	first := time.Date(t.Year(), t.Month()+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(t.Day(), last)-1)
}

// AlumniQuery asks who left a lab in [Since, Until) and where they went.
type AlumniQuery struct {
	LabID           string
	IncludeChildren bool // leaving a lab that is part of LabID counts, moving between its parts does not
	Since, Until    Date // the window on the day they left; zero means open
	// AsOf reads the lab's history as it was known on that day: departures
	// and next jobs after it have not happened yet. Zero means today.
	AsOf Date
	// FullPeople asks for the people's stints and degrees too.
	FullPeople bool
	// First and After page the alumni list (latest departure first): at
	// most First of them (DefaultAlumniPage when zero), after the cursor
	// After of an earlier answer.
	First int
	After string
}

// FindingStaleDepartures is the Finding of thelist check for a person
// whose departures kept for the alumni pages differ from those worked out
// again from their jobs and moves (`thelist aggregates rebuild` mends it).
const FindingStaleDepartures = "stale-departures"

// DefaultAlumniPage is how many alumni an answer lists when not told.
const DefaultAlumniPage = 50

// Alumnus is one person who left the lab: the stint or move by which they
// left, and where they went next, when known.
type Alumnus struct {
	Person Person
	Left   Date   // the day they left, at the precision reported
	LeftBy string // "STINT" (a stint at the lab ended) or "MOVE" (a move away from it)
	Stint  *Stint // their last stint at the lab, when there is one
	Next   *AlumnusNext
}

// AlumnusNext is where an alumnus went after leaving: the first stint or
// move to a lab outside the lab (and its parts) that began when or after
// they left.
type AlumnusNext struct {
	Lab  *Lab
	Date Date
	By   string // "STINT" or "MOVE"
	ID   string // the stint's or move's id
	Fact
}

// AlumniDestination counts the alumni who went to one lab next.
type AlumniDestination struct {
	Lab    *Lab
	Count  int
	People []Person // by name
}

// AlumniPeriod is the alumni who left in one calendar year, by destination.
type AlumniPeriod struct {
	Year         int
	Count        int
	Unknown      int // alumni of the year whose next lab is not known
	Destinations []AlumniDestination
}

// AlumniCluster is a group of alumni who worked together (overlapping
// stints at a lab) or wrote papers together, and who moved to the same lab
// within about a year of each other: a community found by Louvain on the
// graph of those ties.
type AlumniCluster struct {
	Members      []Person // by name
	SharedLabs   []*Lab   // labs where at least two members' stints overlapped
	SharedPapers []Paper  // papers at least two members wrote
	Destinations []AlumniDestination
	Weight       float64 // the sum of the ties' weights inside the cluster (overlap years + shared papers)
}

// LabAlumni is the answer to an AlumniQuery.
type LabAlumni struct {
	Lab          Lab
	Count        int                 // every alumnus in the window, not only this page's
	Alumni       []Alumnus           // one page, most recent departure first
	EndCursor    string              // where the page ends, for After
	HasMore      bool                // another page follows
	Destinations []AlumniDestination // most alumni first
	Periods      []AlumniPeriod      // by year, oldest first
	Clusters     []AlumniCluster     // largest first
	// Capped says that the lists leave alumni out (cluster.TopDestinations,
	// cluster.PerDestination): destinations beyond the top ones are not
	// listed, the people under a destination are its latest alumni only,
	// and clusters were looked for among those people only. Counts are
	// exact either way.
	Capped bool
}

// Kinds of person-to-person links that a path may use.
const (
	LinkWorkedWith  = "WORKED_WITH"  // stints at the same lab that overlapped
	LinkStudiedWith = "STUDIED_WITH" // studies at the same lab that overlapped
	LinkCoauthored  = "COAUTHORED"   // authors of the same paper
	LinkRecruited   = "RECRUITED"    // one recruited the other
	LinkAdvised     = "ADVISED"      // one advised the other's degree
	LinkMovedWith   = "MOVED_WITH"   // moves to the same lab within twelve months
)

// LinkKinds lists the kinds a path may use.
var LinkKinds = []string{LinkWorkedWith, LinkStudiedWith, LinkCoauthored, LinkRecruited, LinkAdvised, LinkMovedWith}

// PathQuery asks for the shortest chain between two people.
type PathQuery struct {
	From, To string
	Kinds    []string // of LinkKinds; empty means all
	MaxHops  int      // 1..MaxPathHops
	AsOf     Date     // only relationships that held on that day; zero means any time
	// FullPeople asks for the people's stints and degrees too.
	FullPeople bool
}

// Check refuses a path query with a number of hops out of range or a kind
// of link that is not one of LinkKinds.
func (q PathQuery) Check() error {
	if err := CheckPathHops(q.MaxHops); err != nil {
		return err
	}
	for _, k := range q.Kinds {
		if !slices.Contains(LinkKinds, k) {
			return Errorf(EINVALID, "kinds: unknown kind %q", k)
		}
	}
	return nil
}

// Path is a shortest chain of people from one to another.
type Path struct {
	People []Person // From first, To last
	Steps  []PathStep
}

// PathStep is one hop of a path: From and To are linked by Kind, through a
// lab or a paper for the kinds that share one. Inverse is true when the
// relationship of a directed kind (RECRUITED, ADVISED) points from To to
// From.
type PathStep struct {
	From, To Person
	Kind     string
	Inverse  bool
	ViaLab   *Lab
	ViaPaper *Paper
	// Start and End bound the time the link held, as far as reported: the
	// overlap of two stints, a recruitment's or move's date.
	Start, End Date
	Links      []PathLink
}

// PathLink is one relationship a step is made of, with its own dates and
// sources: a stint, a degree, an authorship, a recruitment, an advising, a
// move.
type PathLink struct {
	Type     string // the graph relationship: WORKED_AT, STUDIED_AT, AUTHORED, RECRUITED, ADVISED, MOVE
	ID       string // the record's id, when it has one
	PersonID string // whose relationship it is
	Role     string // a stint's role or a degree's kind
	Start    Date
	End      Date
	Fact
}

// Node kinds of a neighbourhood.
const (
	NodePerson = "PERSON"
	NodeLab    = "LAB"
	NodePaper  = "PAPER"
	NodeOffer  = "OFFER"
	NodeMove   = "MOVE"
	NodeGroup  = "GROUP"
)

// EdgeTypes lists the relationship types a neighbourhood may follow.
var EdgeTypes = []string{"WORKED_AT", "STUDIED_AT", "AUTHORED", "ADVISED", "RECRUITED", "FOUNDED", "INVESTED_IN",
	"PART_OF", "MEMBER_OF", "MADE_MOVE", "FROM", "TO", "RECRUITED_BY", "WITH_OFFER", "MADE", "EXTENDED"}

// NeighborhoodQuery asks for the subgraph within Hops relationships of a
// person, lab or paper.
type NeighborhoodQuery struct {
	ID    string
	Hops  int      // 1..MaxNeighborhoodHops
	Limit int      // nodes besides the centre, 1..MaxNeighborhoodNodes
	Types []string // of EdgeTypes; empty means all
	AsOf  Date     // only relationships that held on that day; zero means any time
}

// Check refuses a neighbourhood query with hops or a limit out of range, or
// a relationship type that is not one of EdgeTypes.
func (q NeighborhoodQuery) Check() error {
	if err := CheckNeighborhoodHops(q.Hops); err != nil {
		return err
	}
	if err := CheckNeighborhoodLimit(q.Limit); err != nil {
		return err
	}
	for _, t := range q.Types {
		if !slices.Contains(EdgeTypes, t) {
			return Errorf(EINVALID, "kinds: unknown relationship type %q", t)
		}
	}
	return nil
}

// Neighborhood is a bounded subgraph for the network view. Truncated says
// that more nodes were in reach than the limit let in; the nearest were kept.
type Neighborhood struct {
	Center    NetworkNode
	Nodes     []NetworkNode // the centre first, then by distance and id
	Edges     []NetworkEdge
	Truncated bool
}

// NetworkNode is a node of the network view. Key is unique across kinds
// (ids are unique within a kind only): "PERSON:ada-example".
type NetworkNode struct {
	Key      string
	ID       string
	Kind     string // one of the Node kinds
	Label    string // a name, a title, or a short description of a move or offer
	Distance int    // relationship hops from the centre

	LabKind    string // of a lab
	TopLab     bool   // of a lab
	CurrentLab *Lab   // of a person: the lab of their latest stint that holds on the day asked
	Year       int    // of a paper
	Date       Date   // of a move or offer
}

// NetworkEdge is a relationship of the network view, between node keys.
type NetworkEdge struct {
	ID         string
	Source     string
	Target     string
	Type       string
	Start, End Date
	Confidence string
}
