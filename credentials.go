package thelist

import (
	"slices"
	"strings"
)

// The three credentials of "The List", as the API names them.
const (
	CredentialAIPhD        = "aiPhd"
	CredentialTopLab       = "topLab"
	CredentialBreakthrough = "breakthrough"
)

// CredentialNames lists the credentials in the order results show them.
var CredentialNames = []string{CredentialAIPhD, CredentialTopLab, CredentialBreakthrough}

// CredentialRules say how the three credentials are computed from the graph.
// They are data, versioned in code: a change of the field list or of the
// citation bar is a new Version, which the API shows, so a saved search can
// tell that its answers were computed under other rules.
//
// The top-lab list itself is data in the graph (labs with top_lab = true in a
// bundle); the rule here is only that a lab inherits the flag from any of its
// ancestors (PART_OF, at any depth), so Meta's superintelligence lab counts
// when Meta is on the list.
type CredentialRules struct {
	Version string

	// AIFields are the fields of study that make a completed PhD an AI PhD.
	// A degree's field matches a listed field when, after both are
	// normalised as FieldKey does (case folded, punctuation turned into
	// spaces), the listed field's words appear in the degree's field as a
	// run of whole words: "Machine Learning and Robotics" matches "machine
	// learning", "computer science (AI)" matches "ai", but "computer
	// science" matches nothing, and "mail" does not match "ai".
	AIFields []string

	// CSFields are the departments whose completed PhD is an AI PhD when
	// the thesis is in AI (a degree with ai_thesis, which a cited source
	// supports) or the advisor is an AI researcher (the advisor's own PhD
	// is an AI PhD by field or thesis). They match as AIFields do.
	CSFields []string

	// CitationBar is the citation count from which a paper counts as a
	// breakthrough even when no source calls it one.
	CitationBar int64
}

// Credentials are the rules in force.
var Credentials = CredentialRules{
	Version: "2026-12-06.1",
	AIFields: []string{
		"artificial intelligence", "ai",
		"machine learning", "deep learning", "reinforcement learning", "statistical learning",
		"computer vision", "natural language processing", "nlp", "computational linguistics",
		"robotics", "neural networks", "pattern recognition", "speech recognition",
		"computer science (ai)",
	},
	CSFields: []string{
		"computer science", "computing science", "computer engineering", "informatics",
		"electrical engineering and computer science", "eecs",
	},
	CitationBar: 10000,
}

// TopLabRule and BreakthroughRule describe, in words, the rules that the
// graph applies, for clients that show them next to the results.
const (
	AIPhDRule = "a completed PhD (completed = true) whose field contains one of the AI fields as whole words, case and punctuation ignored; " +
		"or a completed PhD in one of the computer-science fields whose thesis a cited source places in AI (ai_thesis), or whose advisor's own PhD is an AI PhD by field or thesis"
	TopLabRule       = "a stint at a lab on the top-lab list, or at a lab that is part of one (at any depth)"
	BreakthroughRule = "authorship of a paper that a cited source calls a breakthrough, or that has at least the citation bar of citations"
)

// FieldKey normalises a field of study for matching against AIFields: the
// same normalisation as NameKey (case folded, diacritics dropped,
// punctuation turned into spaces, spaces collapsed).
func FieldKey(field string) string { return NameKey(field) }

// AIFieldKeys returns the AI fields normalised by FieldKey, without
// duplicates, which is what the graph compares degrees' fields against.
func (r CredentialRules) AIFieldKeys() []string { return fieldKeys(r.AIFields) }

// CSFieldKeys returns the CS fields normalised by FieldKey, without
// duplicates.
func (r CredentialRules) CSFieldKeys() []string { return fieldKeys(r.CSFields) }

func fieldKeys(fields []string) []string {
	seen := map[string]bool{}
	var keys []string
	for _, f := range fields {
		if k := FieldKey(f); k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}

// IsAIField says whether a degree in field is in an AI field under these
// rules. The graph applies the same rule in Cypher, on the FieldKey it
// stores with each degree and the keys it is passed as parameters; this is
// its reference.
func (r CredentialRules) IsAIField(field string) bool {
	return containsKey(FieldKey(field), r.AIFieldKeys())
}

// IsCSField says whether a degree in field is in a computer-science field.
func (r CredentialRules) IsCSField(field string) bool {
	return containsKey(FieldKey(field), r.CSFieldKeys())
}

// containsKey says whether one of keys is in fieldKey as a run of whole words.
func containsKey(fieldKey string, keys []string) bool {
	f := " " + fieldKey + " "
	for _, k := range keys {
		if strings.Contains(f, " "+k+" ") {
			return true
		}
	}
	return false
}

// IsAIPhD says whether a degree is an AI PhD under these rules, given
// whether its advisor's own PhD is one by field or thesis.
func (r CredentialRules) IsAIPhD(d Degree, advisorAI bool) bool {
	if d.Degree != DegreePhD || d.Completed == nil || !*d.Completed {
		return false
	}
	return r.IsAIField(d.Field) || (r.IsCSField(d.Field) && (d.AIThesis || advisorAI))
}

// CandidateMaxEvidence caps the records shown as evidence for one
// credential of one person (a prolific author has hundreds of papers above
// the bar). The graph passes it to Cypher as a parameter and the API's
// cost limits read it, so the two cannot drift apart.
const CandidateMaxEvidence = 10

// Candidate orders of the recruiter's filter. Every order breaks ties by
// person id, so paging is stable.
const (
	CandidateOrderName        = "NAME"        // name, A to Z
	CandidateOrderCitations   = "CITATIONS"   // total citations of authored papers, most first
	CandidateOrderCredentials = "CREDENTIALS" // number of credentials met, most first
	CandidateOrderTenure      = "TENURE"      // years at the current lab, longest first; no current lab last
)

// CandidateOrders lists the orders, the default first.
var CandidateOrders = []string{CandidateOrderName, CandidateOrderCitations, CandidateOrderCredentials, CandidateOrderTenure}

// Limits on a CandidateFilter, so one request cannot ask for an unbounded
// amount of work.
const (
	MaxFilterLabs   = 100
	MaxFilterTopics = 50
	// MaxFilterRoleKeywords bounds roleKeywords; each keyword is held to
	// the text limit of a role (TextLimit("role")), as a role itself is.
	MaxFilterRoleKeywords = 20
)

// CandidateFilter is the recruiter's question: who has which credentials,
// where they worked, when they moved. Zero values constrain nothing: a
// false credential flag does not require its absence.
type CandidateFilter struct {
	PhD          bool // an AI PhD is required
	TopLab       bool // a top-lab stint is required
	Breakthrough bool // a breakthrough paper is required
	AtLeast      int  // at least this many of the three credentials, 0 to 3

	// WorkedAt keeps people with a stint at any of these labs or at a lab
	// that is part of one; CurrentlyAt the same, among stints that hold on
	// AsOf (today when AsOf is zero) under the rule for current
	// (CurrentRule); NeverAt keeps people with no stint at any of them or
	// their parts.
	WorkedAt    []string
	CurrentlyAt []string
	NeverAt     []string
	// NotCurrentlyAt is CurrentlyAt negated: it drops only the people with
	// a stint at one of these labs or their parts that holds on AsOf under
	// the same rule, and keeps those who left (unlike NeverAt).
	NotCurrentlyAt []string

	// RoleKeywords keeps people with a job whose role contains any of
	// these keywords, case ignored: a job that holds on AsOf (the current
	// title, by the rule for current), or with RoleAnyJob any job started
	// by AsOf (a title ever held).
	RoleKeywords []string
	RoleAnyJob   bool

	MovedSince Date // a reported move dated on or after this day

	// MinTenureYears and MaxTenureYears bound the years since the start of
	// the main job on AsOf (CurrentRule.Main), when its start is known.
	// Either set excludes people with no such job.
	MinTenureYears *float64
	MaxTenureYears *float64

	MinCitations *int64   // total citations of the person's papers, unreported counts as 0
	Topics       []string // any of these paper topics, case ignored

	// AsOf reads the graph as it stood that day: stints and degrees that
	// had not started (or, for degrees, ended) by then do not count, nor do
	// papers published after its year or moves after it. Zero means today,
	// with no date restriction on credentials.
	AsOf Date

	OrderBy string // one of CandidateOrders; empty means NAME
}

// Validate checks the filter's values, returning an EINVALID error that
// names the field.
func (f CandidateFilter) Validate() error {
	switch {
	case f.AtLeast < 0 || f.AtLeast > len(CredentialNames):
		return Errorf(EINVALID, "atLeast: must be between 0 and %d", len(CredentialNames))
	case len(f.WorkedAt) > MaxFilterLabs || len(f.CurrentlyAt) > MaxFilterLabs || len(f.NeverAt) > MaxFilterLabs ||
		len(f.NotCurrentlyAt) > MaxFilterLabs:
		return Errorf(EINVALID, "workedAt, currentlyAt, neverAt, notCurrentlyAt: at most %d labs each", MaxFilterLabs)
	case len(f.RoleKeywords) > MaxFilterRoleKeywords:
		return Errorf(EINVALID, "roleKeywords: at most %d", MaxFilterRoleKeywords)
	case len(f.Topics) > MaxFilterTopics:
		return Errorf(EINVALID, "topics: at most %d", MaxFilterTopics)
	case f.MinTenureYears != nil && (*f.MinTenureYears < 0 || *f.MinTenureYears > 200):
		return Errorf(EINVALID, "minTenureYears: must be between 0 and 200")
	case f.MaxTenureYears != nil && (*f.MaxTenureYears < 0 || *f.MaxTenureYears > 200):
		return Errorf(EINVALID, "maxTenureYears: must be between 0 and 200")
	case f.MinTenureYears != nil && f.MaxTenureYears != nil && *f.MinTenureYears > *f.MaxTenureYears:
		return Errorf(EINVALID, "minTenureYears: must not be above maxTenureYears")
	case f.MinCitations != nil && *f.MinCitations < 0:
		return Errorf(EINVALID, "minCitations: must not be negative")
	}
	if f.OrderBy != "" && !slices.Contains(CandidateOrders, f.OrderBy) {
		return Errorf(EINVALID, "orderBy: must be one of %s", strings.Join(CandidateOrders, ", "))
	}
	for _, t := range f.Topics {
		if strings.TrimSpace(t) == "" || len(t) > 200 {
			return Errorf(EINVALID, "topics: each must be 1 to 200 characters")
		}
	}
	for _, k := range f.RoleKeywords {
		if strings.TrimSpace(k) == "" {
			return Errorf(EINVALID, "roleKeywords: a keyword must not be blank")
		}
		// A keyword is held to what a role may hold: no keyword longer
		// than any role could contain it.
		if err := CheckText("role", k); err != nil {
			return Errorf(EINVALID, "roleKeywords: a keyword is held to a job role's limits: %s", err.(*Error).Message)
		}
	}
	return nil
}

// CredentialMatch is one credential of one person: whether it is met and
// the records that meet it, each with its sources. Only the kind of record
// the credential is about is filled: degrees for aiPhd, stints for topLab,
// papers for breakthrough.
type CredentialMatch struct {
	Credential string // one of CredentialNames
	Met        bool
	Degrees    []Degree
	Stints     []Stint
	Papers     []Paper
}

// Candidate is a person who passes a CandidateFilter, with the evidence for
// each credential and the reasons, one per condition of the filter, that
// they passed, as data.
type Candidate struct {
	Person      Person
	Credentials []CredentialMatch // one per CredentialNames, in that order
	Reasons     []MatchReason     // why the person matched: one per condition of the filter
	Citations   int64             // total citations of their papers
	TenureDays  *int64            // days at the current lab on AsOf, nil with no current stint of known start
}

// CredentialCount is how many of the three credentials the candidate meets.
func (c Candidate) CredentialCount() int {
	n := 0
	for _, m := range c.Credentials {
		if m.Met {
			n++
		}
	}
	return n
}

// CandidatePage is one page of candidates in the filter's order.
type CandidatePage struct {
	Edges       []CandidateEdge
	TotalCount  int // how many people pass the filter, on every page
	HasNextPage bool
	EndCursor   string
}

// CandidateEdge is one row of a CandidatePage.
type CandidateEdge struct {
	Cursor string
	Candidate
}
