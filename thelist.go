// Package thelist holds the domain of The List: the people, labs, papers,
// jobs, degrees, moves, offers and sources of the AI talent graph, and the
// errors every layer shares.
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
	Language  string // BCP 47 tag of the text, e.g. "en", "zh"
	Note      string
	// OriginalID is the source this one translates or relays (the Chinese
	// edition of an English report): the two are versions of one story.
	OriginalID string
}

// Confidence says how a fact is known.
const (
	ConfidenceReported    = "reported"    // a cited report states it (the default)
	ConfidenceInferred    = "inferred"    // derived from the cited evidence; the note says how
	ConfidenceUnconfirmed = "unconfirmed" // one report states it and none corroborates it
)

// Confidences lists the values a fact's confidence may take.
var Confidences = []string{ConfidenceReported, ConfidenceInferred, ConfidenceUnconfirmed}

// Fact is what every relationship-like record carries: when it held, how it
// is known, and who reported it.
type Fact struct {
	Confidence string // one of Confidences; empty means reported
	Note       string
	Sources    []Source
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
	ID       string
	Name     string
	Kind     string
	Country  string // ISO 3166-1 alpha-2, or empty when not reported
	ParentID string // the lab it is part of, if any
	TopLab   bool   // on the top-lab list of The List's credentials
	Aliases  []string
	Founded  Date
	Sources  []Source
	// Staff is the headcount a report gave on StaffDate (0 when none did);
	// StaffApproximate when it gave it as an estimate.
	Staff            int
	StaffDate        Date
	StaffApproximate bool
	// LabIDs are the lab's ids in other registries, which the importer
	// matches new labs by.
	LabIDs
}

// LabIDs are a lab's ids in other registries: ROR ("05a28rw58"), OpenAlex
// ("I35440088") and Wikidata ("Q11942").
type LabIDs struct {
	ROR, OpenAlex, Wikidata string
}

// LabKey is what the importer matches a bundle's new lab by: the stored
// lab's id, names and registry ids.
type LabKey struct {
	ID      string
	Name    string
	Aliases []string
	LabIDs
	// MergedIDs are the ids of the labs merged into this one (thelist labs
	// merge), which a bundle must not bring back as new labs.
	MergedIDs []string
}

// Person is someone in the talent graph.
type Person struct {
	ID         string
	Name       string
	NativeName string // the name in the person's own script, when not Latin
	Aliases    []string
	ExternalIDs
	Sources []Source

	// Stints and Degrees are filled by reads, oldest first; writes ignore them.
	Stints  []Stint
	Degrees []Degree

	// Papers, Moves and Credentials are filled only by a read that asks for
	// them (PersonDetail), which only the person page does: nil means not
	// read, which is not the same as none. Writes ignore them.
	Papers      []PersonPaper     // newest first; those with no year last
	Moves       []FlowMove        // oldest first; those with no date last
	Credentials []CredentialMatch // one per CredentialNames, in that order
	// PaperCount is how many papers they have in all, and PapersOffset how
	// many of them (in Papers' order) come before Papers[0]; both read with
	// Papers.
	PaperCount, PapersOffset int
}

// PersonPaper is one of a person's authorships with the paper: Position 1
// is the first author, 0 not reported; Sources establish the authorship,
// the paper's own are in Paper.
type PersonPaper struct {
	Paper    Paper
	Position int
	Sources  []Source
}

// MaxPapersOffset is the largest offset into a person's papers: far beyond
// the most prolific author's count, it bounds what one read may sort and
// skip.
const MaxPapersOffset = 100000

// PersonDetail says which of a person's lists beyond stints and degrees a
// read fetches. The zero value fetches none of them.
type PersonDetail struct {
	Papers       bool
	FirstPapers  int // with Papers, at most this many, newest first
	PapersOffset int // with Papers, after skipping this many (at most MaxPapersOffset)
	Moves        bool
	// Credentials, when not nil, are the rules under which the read
	// gathers the evidence for each credential.
	Credentials *CredentialRules
}

// ExternalIDs are a person's ids in other catalogues; the importer matches
// people by them before it matches by name.
type ExternalIDs struct {
	ORCID         string
	OpenAlex      string
	DBLP          string
	GoogleScholar string
}

// Stint is a person's time at a lab in a job or a founding role. A zero End
// claims nothing: the stint goes on, or no source reports its end; whether
// it holds on a day is CurrentRule's to say.
type Stint struct {
	ID       string
	PersonID string
	LabID    string
	Role     string
	Founder  bool // the person founded or co-founded the lab
	Start    Date
	End      Date
	// LastSeen is the latest date a cited source confirms the person at
	// the lab; zero when no source says more than the start.
	LastSeen Date
	// Concurrent marks a part-time, advisory, visiting or otherwise
	// concurrent job, which may overlap the person's main job.
	Concurrent bool
	Fact

	// Lab is filled by reads; writes use LabID.
	Lab *Lab
}

// Paper is a publication.
type Paper struct {
	ID            string
	Title         string
	Year          int // 0 when not reported
	Venue         string
	DOI           string
	ArXiv         string
	Citations     *int64 // nil when not reported
	CitationsDate Date
	Breakthrough  bool // a cited source calls it a breakthrough
	Topics        []string
	Sources       []Source
}

// Authorship says a person is an author of a paper; Position 1 is the first
// author, 0 means not reported.
type Authorship struct {
	PersonID string
	PaperID  string
	Position int
	Sources  []Source
}

// Degree kinds.
const (
	DegreePhD       = "phd"
	DegreeMasters   = "masters"
	DegreeBachelors = "bachelors"
	DegreeOther     = "other"
)

// DegreeKinds lists the values of Degree.Degree.
var DegreeKinds = []string{DegreePhD, DegreeMasters, DegreeBachelors, DegreeOther}

// Degree is a course of study at a lab.
type Degree struct {
	ID        string
	PersonID  string
	LabID     string
	Degree    string // one of DegreeKinds
	Field     string
	Start     Date
	End       Date
	Completed *bool // nil when not reported; false for someone who left
	AdvisorID string
	Thesis    string // the thesis title, when reported
	// AIThesis says a cited source places the thesis in AI (machine
	// learning, vision, language…), whatever the department is called.
	AIThesis bool
	Sources  []Source

	// Lab and AdvisorName are filled by reads.
	Lab         *Lab
	AdvisorName string
}

// Move is one reported change of lab: a person leaves FromLabID (empty when
// not reported) for ToLabID, perhaps recruited by RecruiterID with OfferID.
type Move struct {
	ID          string
	PersonID    string
	FromLabID   string
	ToLabID     string
	Date        Date
	RecruiterID string
	OfferID     string
	Fact
}

// Recruitment says one person recruited another, to a lab.
type Recruitment struct {
	ID          string
	RecruiterID string
	RecruitID   string
	ToLabID     string
	Date        Date
	Fact
}

// Offer statuses.
const (
	OfferAccepted  = "accepted"
	OfferDeclined  = "declined"
	OfferCountered = "countered"
	OfferUnknown   = "unknown"
)

// OfferStatuses lists the values of Offer.Status.
var OfferStatuses = []string{OfferAccepted, OfferDeclined, OfferCountered, OfferUnknown}

// Offer is compensation a lab offered a person.
type Offer struct {
	ID             string
	LabID          string
	PersonID       string
	ExtendedByID   string // the person who extended it
	TotalValue     *int64 // in Currency units; nil when not reported
	FirstYearValue *int64
	Currency       string // ISO 4217
	Years          int    // 0 when not reported
	Date           Date
	Status         string // one of OfferStatuses; empty means unknown
	Fact
}

// Investment is money a person or a lab put into a lab.
type Investment struct {
	ID               string
	InvestorPersonID string // exactly one of the two investors is set
	InvestorLabID    string
	LabID            string
	Date             Date
	Round            string
	Amount           *int64
	Currency         string
	Sources          []Source
}

// Deal kinds.
const (
	DealAcquisition    = "acquisition"      // the buyer bought the target
	DealLicenceAndHire = "licence-and-hire" // the buyer licensed the target's technology and hired its people
	DealAcquiHire      = "acqui-hire"       // the buyer bought the target for its people
	DealInvestment     = "investment"       // the buyer took a stake in the target
)

// DealKinds lists the values of Deal.Kind.
var DealKinds = []string{DealAcquisition, DealLicenceAndHire, DealAcquiHire, DealInvestment}

// Deal is a company deal: one lab buys, licenses or invests in another,
// often bringing its people with it (Google's 2012 purchase of DNNresearch
// brought its three founders). The amount is what the buyer paid, as
// reported.
type Deal struct {
	ID          string
	Kind        string // one of DealKinds
	BuyerLabID  string
	TargetLabID string
	Date        Date
	Amount      *int64 // in Currency units; nil when not reported
	Currency    string
	PersonIDs   []string // the people the deal brought to the buyer
	Fact

	// Filled by reads.
	Buyer, Target *Lab
	People        []Person
}

// DealFilter selects deals; zero values constrain nothing.
type DealFilter struct {
	Kind      string
	LabID     string // buyer or target
	PersonID  string // among the people the deal brought
	MinAmount *int64
	MaxAmount *int64
	Currency  string
	From, To  Date // the deal's date within [From, To's period end)
	First     int
}

// InvestmentFilter selects investments; zero values constrain nothing.
type InvestmentFilter struct {
	LabID     string // the lab invested in, or the investing lab
	PersonID  string // the investing person
	MinAmount *int64
	MaxAmount *int64
	Currency  string
	First     int
}

// Group is a circle where people talk, such as a chat where researchers
// compare offers.
type Group struct {
	ID       string
	Name     string
	Platform string
	Sources  []Source
}

// Membership says a person belongs to a group.
type Membership struct {
	PersonID string
	GroupID  string
	Start    Date
	End      Date
	Fact
}

// PersonMatch says that a person of a bundle is a person already in the
// database under another id, found by external id or by name and a shared
// lab. The import writes the bundle's references to ID, and adds to the
// existing person what the bundle knows that it lacks (external ids,
// aliases, sources) without overwriting what it has.
type PersonMatch struct {
	ID     string // the person in the database
	By     string // how the match was made: "orcid", "openalex", "dblp", or "name and lab"
	Person Person // the bundle's record, under its own id
}

// Bundle is a set of records to write together. The importer fills one a
// batch at a time, so a Bundle may hold any subset of the kinds.
type Bundle struct {
	Sources      []Source
	Labs         []Lab
	People       []Person
	Papers       []Paper
	Authorships  []Authorship
	Degrees      []Degree
	Stints       []Stint
	Offers       []Offer
	Moves        []Move
	Recruitments []Recruitment
	Investments  []Investment
	Deals        []Deal
	Groups       []Group
	Memberships  []Membership

	// PersonMatches are people of the bundle resolved to people already in
	// the database; they are written as additions, not as records.
	PersonMatches []PersonMatch

	// NewKinds are kinds of which the database held no record when the
	// import began. Their records are all new (a bundle holds each key
	// once), so the writer creates them without first looking up whether
	// they are stored: on a first load that look-up was a fifth of the
	// server's work. The importer sets it; edits leave it empty.
	NewKinds map[string]bool

	// DeferFacts leaves out the facts a write keeps for the people it
	// touches (derived facts and departures): the bundle is part of a first
	// load, whose backfill works them out for everyone at its end
	// (graph.DB.BeginFirstLoad). The write fails unless the database is
	// marked as being first-loaded. The importer sets it; edits never do.
	DeferFacts bool
}

// Len is the number of records in the bundle.
func (b Bundle) Len() int {
	return len(b.Sources) + len(b.Labs) + len(b.People) + len(b.Papers) + len(b.Authorships) +
		len(b.Degrees) + len(b.Stints) + len(b.Offers) + len(b.Moves) + len(b.Recruitments) +
		len(b.Investments) + len(b.Deals) + len(b.Groups) + len(b.Memberships) + len(b.PersonMatches)
}

// PersonKey is what identifies a person beyond the bundle's id: external ids
// and the normalised name (NameKey). The importer resolves each new person
// by it against the people already in the database.
type PersonKey struct {
	ID string
	ExternalIDs
	NameKey string
}

// PersonCandidates are the people in the database that a PersonKey may
// name: none when its id is already there (the record is then an update).
type PersonCandidates struct {
	ID         string
	Exists     bool                // a person with this very id is in the database
	ByExternal map[string][]string // by "orcid", "openalex", "dblp": ids of other people with the same value
	ByName     []NameCandidate     // other people with the same NameKey
}

// NameCandidate is a person with a given NameKey and the labs they worked or
// studied at, which decide whether a bundle's person with that name is them.
type NameCandidate struct {
	ID     string
	LabIDs []string
}

// MaxPageSize caps how many rows one page may ask for.
const MaxPageSize = 100
