package thelist

// The conditions of a CandidateFilter that a MatchReason can name.
const (
	ReasonAIPhD        = CredentialAIPhD        // the AI-PhD credential was asked for
	ReasonTopLab       = CredentialTopLab       // the top-lab credential was asked for
	ReasonBreakthrough = CredentialBreakthrough // the breakthrough credential was asked for
	ReasonAtLeast      = "atLeast"              // at least N credentials
	ReasonWorkedAt     = "workedAt"
	ReasonCurrentlyAt  = "currentlyAt"
	ReasonNeverAt      = "neverAt"
	ReasonMovedSince   = "movedSince"
	ReasonTenure       = "tenure" // minTenureYears or maxTenureYears
	ReasonMinCitations = "minCitations"
	ReasonTopics       = "topics"
	// ReasonNotCurrentlyAt names the labs in Values and lists, as Records,
	// the person's past stints there (empty for someone never there).
	ReasonNotCurrentlyAt = "notCurrentlyAt"
	// ReasonRoleKeywords lists the keywords matched in Values and the jobs
	// whose role matched as Records.
	ReasonRoleKeywords = "roleKeywords"
)

// The Asked of a roleKeywords reason: which jobs' roles were read.
const (
	RoleScopeCurrent = "current" // the jobs that hold on the day read (CurrentRule)
	RoleScopeAnyJob  = "anyJob"  // every job started by then
)

// MatchReason says, as data, why a candidate passed one condition of the
// filter: which condition, the records that meet it (each with its
// sources), and the numbers involved. Clients word it in their own
// language; the API's English "matched" lines are one such wording.
type MatchReason struct {
	Condition string         // one of the Reason constants
	Records   []ReasonRecord // the records that meet the condition, best first
	Count     *int64         // the number the condition tests: credentials met, citations, days at the lab
	Asked     string         // the value asked for, as given: "3", "2024-01-01", "5000"
	Values    []string       // topics matched; for neverAt, the names of the labs
	AsOf      Date           // the day the condition was read on; zero for today
}

// Record kinds a ReasonRecord may have.
const (
	RecordDegree = "degree"
	RecordStint  = "stint"
	RecordPaper  = "paper"
	RecordMove   = "move"
)

// ReasonRecord is one record behind a MatchReason.
type ReasonRecord struct {
	Kind    string // one of the Record constants
	ID      string
	LabID   string // the lab of a degree or stint, the destination of a move
	LabName string
	Label   string // a degree's field, a stint's role, a paper's title
	Start   Date   // a stint's or degree's start, a move's date, a paper's year
	End     Date
	Sources []Source

	// A paper's: whether a source calls it a breakthrough, and its
	// citations (nil when not reported).
	Breakthrough bool
	Citations    *int64
}
