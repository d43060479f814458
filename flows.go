package thelist

// This file holds the results of the questions about how people move: who
// recruited whom, how many people went from one lab to another, the offers
// that were reported, the lab and paper pages, and search over every kind.

// MaxRecruitmentDepth caps how many hops a recruitment chain may have, so a
// chain query cannot walk the whole graph.
const MaxRecruitmentDepth = 6

// RecruitmentEdge is one recruitment as read: who recruited whom, to which
// lab, when, and how it is known. Inferred is true when no source says
// "recruited" and the edge was derived from evidence (the note says how).
type RecruitmentEdge struct {
	ID        string
	Recruiter Person
	Recruit   Person
	ToLab     *Lab // nil when not reported
	Date      Date
	Inferred  bool
	Fact
}

// RecruitmentChain is a path of recruitments in date order: each hop's
// recruit is the next hop's recruiter, and each hop is not known to precede
// the one before it.
type RecruitmentChain struct {
	Hops []RecruitmentEdge
}

// Recruiter is one person who brought people to a lab in a period, with the
// recruitments that did it, oldest first.
type Recruiter struct {
	Person   Person
	Count    int // distinct recruits
	Reported int // recruitments a source states
	Inferred int // recruitments derived from evidence
	Recruits []RecruitmentEdge
}

// RecruitmentQuery asks about one person's recruiters and recruits, or about
// the recruiters of a lab. Exactly one of PersonID and LabID is set.
type RecruitmentQuery struct {
	PersonID        string
	LabID           string
	IncludeChildren bool // a lab's recruitments include those to the labs that are part of it
	Since, Until    Date // the window [Since, Until) on the recruitment's date; zero means open
	AsOf            Date // only recruitments dated on or before; zero means all
	Depth           int  // chain length, 1..MaxRecruitmentDepth
	First           int  // top recruiters of a lab
	// FullPeople asks for the people's stints and degrees too; without it
	// the people carry their identity and sources only.
	FullPeople bool
}

// RecruitmentNetwork is the answer to a RecruitmentQuery.
type RecruitmentNetwork struct {
	Person      *Person // the person asked about
	Lab         *Lab    // the lab asked about
	RecruitedBy []RecruitmentEdge
	Recruited   []RecruitmentEdge
	ChainsUp    []RecruitmentChain // ending with a recruitment of the person
	ChainsDown  []RecruitmentChain // starting with a recruitment by the person
	Recruiters  []Recruiter        // of the lab, most recruits first
}

// Granularity of talent-flow buckets.
const (
	GranularityYear  = "year"
	GranularityMonth = "month"
)

// FlowQuery asks how many people moved from one lab to another. At least
// one of From and To is set; the other open means every lab.
type FlowQuery struct {
	From, To        string
	IncludeChildren bool // moves from or to labs that are part of From or To count too
	Since, Until    Date // [Since, Until) on the move's date; zero means open
	Granularity     string
	PerBucket       int // moves listed per bucket
	FullPeople      bool
	// CountUndated asks for TalentFlows.Undated; left false, it is 0 and
	// costs nothing (a lab page's row of moves does not show it).
	CountUndated bool
}

// FlowMove is one move in a talent flow.
type FlowMove struct {
	ID        string
	Person    Person
	FromLab   *Lab
	ToLab     *Lab
	Date      Date
	Recruiter *Person
	// OfferID is the offer the move took, when reported; the person page
	// reads it, so that an editor's correction of the move sends it back.
	OfferID string
	Fact
}

// FlowBucket is the moves of one period: "2023" or "2023-04". A move
// reported to a coarser precision than the granularity keeps its own
// period ("2023" in a monthly flow).
type FlowBucket struct {
	Period string
	Count  int
	Moves  []FlowMove // the first PerBucket, oldest first
}

// Flow is the moves between one pair of labs (one end may be every lab of
// the query's side), by period.
type Flow struct {
	From    *Lab // nil when the moves' origin was not reported
	To      *Lab
	Count   int
	Buckets []FlowBucket
}

// TalentFlows is the answer to a FlowQuery.
type TalentFlows struct {
	From, To *Lab
	Count    int // every dated move, in the flows listed or not
	Undated  int // moves between the labs with no reported date, which no period holds
	Flows    []Flow
	// Capped says that more labs than MaxFlows are at the open end, and
	// only the MaxFlows with most moves are listed.
	Capped bool
}

// MaxFlows is how many flows (labs at the open end) a talent-flow answer
// lists: the biggest lab of a million generated people sends people to
// thousands of labs, and each flow carries its periods and first moves.
const MaxFlows = 20

// Offer orderings.
const (
	OfferOrderTotalDesc = "total_desc"
	OfferOrderDateDesc  = "date_desc"
)

// OfferFilter selects reported offers. Empty fields match everything.
type OfferFilter struct {
	LabID           string
	IncludeChildren bool
	PersonID        string
	Status          string
	MinTotal        *int64
	Currency        string
	Since, Until    Date
	OrderBy         string // one of the OfferOrder values
	First           int
	After           string
	FullPeople      bool
}

// OfferView is an offer as read, with the people and lab it names.
type OfferView struct {
	Offer
	Lab        *Lab
	Person     *Person
	ExtendedBy *Person
}

// OfferPage is one page of offers.
type OfferPage struct {
	Offers      []OfferView
	Cursors     []string
	TotalCount  int
	HasNextPage bool
	EndCursor   string
}

// LabMember is a person at a lab and the stint that puts them there.
type LabMember struct {
	Person Person
	Stint  Stint
}

// Founding is a person's founding of a lab.
type Founding struct {
	Person  Person
	Date    Date
	Sources []Source
}

// InvestmentView is an investment with its investor read in full.
type InvestmentView struct {
	Investment
	InvestorPerson *Person
	InvestorLab    *Lab
	Lab            *Lab // the lab invested in, filled by reads that list investments of many labs
}

// LabPageQuery asks for a lab's page as of a day (zero: today), with the
// people of the labs that are part of it when IncludeChildren is set.
type LabPageQuery struct {
	ID              string
	AsOf            Date
	IncludeChildren bool
	FullPeople      bool
	// First and After page the current people: at most First
	// (DefaultLabPeoplePage when zero), after the cursor After of an
	// earlier page.
	First int
	After string
}

// DefaultLabPeoplePage is how many current people a lab page lists when
// not told.
const DefaultLabPeoplePage = 50

// LabPage is a lab with what its page shows, as of a day.
type LabPage struct {
	Lab
	Parent        *Lab
	Children      []Lab
	CurrentPeople []LabMember // one page: the earliest known start first, then by stint id
	// CurrentPeopleCount counts every stint that holds, not only the page's.
	CurrentPeopleCount int
	PeopleEndCursor    string // where the page ends, for After
	PeopleHasMore      bool   // another page follows
	PastPeopleCount    int
	Founders           []Founding
	Investors          []InvestmentView
	Offers             []OfferView
}

// PaperAuthor is an author of a paper in position order.
type PaperAuthor struct {
	Person   Person
	Position int // 0 when not reported
	Sources  []Source
}

// PaperPage is a paper with its authors.
type PaperPage struct {
	Paper
	Authors []PaperAuthor
}

// Search kinds.
const (
	SearchPerson = "person"
	SearchLab    = "lab"
	SearchPaper  = "paper"
)

// SearchHit is one search result: exactly one of Person, Lab and Paper is
// set, as Kind says. Scores compare hits within one search only.
type SearchHit struct {
	Kind   string
	Score  float64
	Person *Person
	Lab    *Lab
	Paper  *Paper
}
