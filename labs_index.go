package thelist

// The orders of the labs index (LabsQuery.OrderBy). Counts sort largest
// first, founded newest first; ties are broken by lab id.
const (
	LabsOrderName     = "name"
	LabsOrderJobs     = "jobs"
	LabsOrderMovesOut = "moves_out"
	LabsOrderMovesIn  = "moves_in"
	LabsOrderFounded  = "founded"
)

// LabsOrders lists the orders of the labs index.
var LabsOrders = []string{LabsOrderName, LabsOrderJobs, LabsOrderMovesOut, LabsOrderMovesIn, LabsOrderFounded}

// LabsQuery asks for a page of the labs index.
type LabsQuery struct {
	OrderBy string
	Kind    string // one of LabKinds, or empty for every kind
	First   int
	After   string // the EndCursor of the previous page, with the same OrderBy and Kind
}

// LabSummary is one row of the labs index: a lab and how many records
// point at it. The counts are of the lab itself, not of its parts, so that
// a parent and its sub-labs never count one job twice in a column.
type LabSummary struct {
	Lab Lab
	// Jobs counts the jobs recorded at the lab, past and present: a person
	// with two jobs there counts twice.
	Jobs int
	// MovesOut counts the moves that left the lab (its alumni's moves),
	// MovesIn those that came to it, dated or not.
	MovesOut, MovesIn int
	// Parts counts the labs that are directly part of it.
	Parts  int
	Parent *Lab
	Cursor string
}

// LabsPage is a page of the labs index and how many labs there are in all.
type LabsPage struct {
	Labs        []LabSummary
	TotalCount  int
	HasNextPage bool
	EndCursor   string
}
