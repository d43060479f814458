package graph

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// The recruiter's filter is one Cypher statement built from fixed fragments:
// the filter decides which fragments are present, and every value the
// caller gave reaches Neo4j as a parameter. Its shape:
//
//  1. Sets computed once: the top labs and every lab that is part of one;
//     the labs named in workedAt, currentlyAt, neverAt and notCurrentlyAt
//     with their parts
//     (lab ids are seeks in the unique index); when credentials are
//     filtered or sorted on, the distinct PhD fields that are AI fields.
//  2. Two subqueries run the same filter: one counts (totalCount; it
//     returns a number, never rows), the other sorts, seeks past the cursor
//     and keeps one page.
//  3. Each filter starts from the most selective index-backed set it can
//     (the people at the named labs, movers since a date, people at top
//     labs, PhDs, jobs whose role has a keyword, authors of breakthrough
//     papers) and only then applies the
//     remaining conditions as EXISTS subqueries, so on a large graph it
//     does not visit every person unless nothing narrows the question.
//  4. Only the page's rows get the heavy projection: the person with
//     stints and degrees, and the evidence for each credential with its
//     sources.

// candidateCursor is the keyset position after a row: the order it belongs
// to, the row's sort key and its id. A cursor of another order is refused
// rather than misread.
type candidateCursor struct {
	Order string          `json:"o"`
	Key   json.RawMessage `json:"k"`
	ID    string          `json:"i"`
}

func encodeCandidateCursor(order string, key any, id string) string {
	k, err := json.Marshal(key)
	if err != nil {
		panic(err) // a string or an integer always marshals
	}
	b, err := json.Marshal(candidateCursor{Order: order, Key: k, ID: id})
	if err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCandidateCursor returns the sort key and id after which a page of
// the given order starts: a string for NAME, an integer for the others.
func decodeCandidateCursor(s, order string) (any, string, error) {
	bad := thelist.Errorf(thelist.EINVALID, "after: not a cursor returned by this API for orderBy %s", order)
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, "", bad
	}
	var c candidateCursor
	if err := json.Unmarshal(b, &c); err != nil || c.ID == "" || c.Order != order {
		return nil, "", bad
	}
	if order == thelist.CandidateOrderName {
		var k string
		if err := json.Unmarshal(c.Key, &k); err != nil {
			return nil, "", bad
		}
		return k, c.ID, nil
	}
	d := json.NewDecoder(bytes.NewReader(c.Key))
	d.UseNumber()
	var n json.Number
	if err := d.Decode(&n); err != nil {
		return nil, "", bad
	}
	k, err := n.Int64()
	if err != nil {
		return nil, "", bad
	}
	return k, c.ID, nil
}

// Cypher predicates of the credentials, over the graph as of $asOf (null
// for no date restriction). They are the rules of thelist.CredentialRules.

// candidateAIPhD holds for a STUDIED_AT r that is an AI PhD, as
// thelist.CredentialRules.IsAIPhD decides, that had ended by $asOf, in
// statements that filter on credentials: aiFieldValues and csFieldValues
// are the distinct normalised PhD fields of the graph that are AI and CS
// fields (see candidateFieldValues), so the test per degree is a list
// lookup. Fields are compared on the fieldKey each degree is stored with
// (thelist.FieldKey, made in Go when it is written), so the normalisation
// lives once, in Go.
var candidateAIPhD = candidateAIPhDWith(func(field, set string) string { return field + ` IN ` + set + `FieldValues` })

// candidateAIPhDInline is candidateAIPhD with the fields matched in place
// against the rules' keys ($aiFields, $csFields), for the evidence of the
// page's rows: a statement that does not filter on credentials need not
// list the fields of the whole graph for them.
var candidateAIPhDInline = candidateAIPhDWith(candidateFieldIn)

// candidateAIPhDWith is the AI-PhD predicate on r, with in(field, set)
// testing a field key against the "ai" or "cs" fields. A CS PhD counts when
// a source places the thesis in AI or the advisor's own PhD is an AI PhD by
// field or thesis.
func candidateAIPhDWith(in func(field, set string) string) string {
	return `r.degree = 'phd' AND r.completed = true AND r.fieldKey IS NOT NULL
	AND (` + in("r.fieldKey", "ai") + ` OR (` + in("r.fieldKey", "cs") + ` AND (r.aiThesis = true OR EXISTS {
		MATCH (adv:Person)-[:ADVISED {degreeId: r.id}]->(:Person)
		MATCH (adv)-[ar:STUDIED_AT]->() WHERE ar.degree = 'phd' AND ar.completed = true AND ar.fieldKey IS NOT NULL
			AND (` + in("ar.fieldKey", "ai") + ` OR (` + in("ar.fieldKey", "cs") + ` AND ar.aiThesis = true)) })))
	AND ($asOf IS NULL OR ((r.start IS NULL OR r.start <= $asOf) AND (r.end IS NULL OR r.end <= $asOf)))`
}

// candidateFieldIn is a Cypher predicate that the normalised field key
// contains one of the rules' keys of set ("ai" or "cs", the parameters
// $aiFields and $csFields) as a run of whole words, as
// thelist.CredentialRules.IsAIField does.
func candidateFieldIn(field, set string) string {
	return `any(k IN $` + set + `Fields WHERE ' ' + ` + field + ` + ' ' CONTAINS ' ' + k + ' ')`
}

// candidateFieldValues lists, once per statement, the distinct normalised
// fields of PhDs that are AI fields and CS fields. There are far fewer
// distinct fields than degrees, so each is tested once.
var candidateFieldValues = `CALL () {
		MATCH ()-[r:STUDIED_AT]->() WHERE r.degree = 'phd' AND r.fieldKey IS NOT NULL
		WITH DISTINCT r.fieldKey AS field
		RETURN collect(CASE WHEN ` + candidateFieldIn("field", "ai") + ` THEN field END) AS aiFieldValues,
			collect(CASE WHEN ` + candidateFieldIn("field", "cs") + ` THEN field END) AS csFieldValues
	}`

// candidateTopLab holds for a WORKED_AT r to a lab l on the top-lab list (or
// part of a lab on it) that had started by $asOf.
var candidateTopLab = `l.id IN topLabIds AND ` + startedBy("r", "$asOf")

// candidateBreakthrough holds for a paper w that is a breakthrough or has
// reached the citation bar, published by $asOf's year.
const candidateBreakthrough = `(w.breakthrough = true OR w.citations >= $citationBar)
	AND ($asOf IS NULL OR w.year IS NULL OR w.year <= $asOf.year)`

// candidateCurrent holds for a WORKED_AT r that holds on $now under the
// rule for "current" (thelist.CurrentRule).
var candidateCurrent = stintHolds("r", "$now")

// candidateTenure is the number of days, on $now, since the start of the
// person's main job then (thelist.CurrentRule.Main); null when there is
// none or its start is not reported.
var candidateTenure = `COLLECT { MATCH (p)-[r:WORKED_AT]->(:Lab) WHERE ` + candidateCurrent + `
	RETURN CASE WHEN r.start IS NULL THEN null ELSE duration.inDays(r.start, $now).days END
	ORDER BY ` + stintMainOrder("r") + ` LIMIT 1 }[0]`

// candidateCitations is the sum of the citations of the person's papers.
// It adds up a list rather than calling sum() because Cypher refuses an
// aggregate inside the collect() that builds the page.
const candidateCitations = `reduce(n = 0, c IN COLLECT { MATCH (p)-[:AUTHORED]->(w:Paper) RETURN coalesce(w.citations, 0) } | n + c)`

// candidateSortKeys is each order's sort key, ascending: numeric orders
// that show the largest first are negated, so every order pages with the
// same "key > $k OR (key = $k AND id > $id)" seek.
var candidateSortKeys = map[string]string{
	thelist.CandidateOrderName:        `p.name`,
	thelist.CandidateOrderCitations:   `-citations`,
	thelist.CandidateOrderCredentials: `-credentialCount`,
	thelist.CandidateOrderTenure:      `-coalesce(tenureDays, -1)`,
}

// candidateStartProbe bounds the count of people whose stored facts pass,
// which a filter that also names labs compares with the labs' jobs to pick
// its start (labSets): past it, the labs are the smaller start whenever
// they hold fewer jobs.
const candidateStartProbe = 100000

// candidatePlan is the filter turned into the parts of the query it needs.
type candidatePlan struct {
	f                 thelist.CandidateFilter
	order             string
	credentialsFilter bool
	// stored says that the filter reads each person's derived facts
	// (derived.go) instead of computing credentials, citations and tenure:
	// for the present (no asOf), under the rules in force, once every
	// person's facts are stored.
	stored bool
}

// needsCredentials says whether the statement computes the credentials of
// every person passing the other conditions: to filter or to sort on them.
func (pl candidatePlan) needsCredentials() bool {
	return !pl.stored && (pl.credentialsFilter || pl.order == thelist.CandidateOrderCredentials)
}

func newCandidatePlan(f thelist.CandidateFilter) candidatePlan {
	p := candidatePlan{f: f, order: f.OrderBy}
	if p.order == "" {
		p.order = thelist.CandidateOrderName
	}
	p.credentialsFilter = f.PhD || f.TopLab || f.Breakthrough || f.AtLeast > 0
	return p
}

// filter returns the Cypher that binds p to each person passing the filter,
// with the columns the sort key needs when withKey is set. It starts with
// the most selective index-backed set that the filter allows.
//
// With stored facts (pl.stored) the credentials, citations and tenure are
// properties of the person (derived.go): a filter on them is an index seek
// that the planner picks among, and nothing is computed per person but the
// conditions on jobs, moves and topics.
func (pl candidatePlan) filter(withKey bool, scope string) string {
	f := pl.f
	// Every WITH carries the lab sets (scope), which the later conditions read.
	sc := ", " + scope
	var b strings.Builder
	var where []string
	var facts []string // conditions on stored facts
	if pl.stored {
		facts = pl.storedConditions()
	}
	switch {
	case pl.storedStartLabs() != "":
		// labSets decided at run time which start is smaller.
		b.WriteString(`CALL (` + scope + `) {
				WITH * WHERE labsFirst
				MATCH (l:Lab) WHERE l.id IN ` + pl.storedStartLabs() + ` MATCH (p:Person)-[:WORKED_AT]->(l) RETURN DISTINCT p
				UNION
				WITH * WHERE NOT labsFirst
				MATCH (p:Person) WHERE ` + strings.Join(facts, " AND ") + ` RETURN p
			}
			WITH p` + sc)
	case len(f.WorkedAt) > 0:
		b.WriteString(`MATCH (l:Lab) WHERE l.id IN workedIds MATCH (p:Person)-[:WORKED_AT]->(l) WITH DISTINCT p` + sc)
	case len(f.CurrentlyAt) > 0:
		b.WriteString(`MATCH (l:Lab) WHERE l.id IN currentIds MATCH (p:Person)-[:WORKED_AT]->(l) WITH DISTINCT p` + sc)
	case !f.MovedSince.IsZero():
		b.WriteString(`MATCH (m:Move) WHERE m.date >= $movedSince MATCH (p:Person)-[:MADE_MOVE]->(m) WITH DISTINCT p` + sc)
	case len(facts) > 0:
		// The stored facts' indexes (schema.go): the planner seeks the
		// most selective and filters on the others.
		b.WriteString(`MATCH (p:Person) WHERE ` + strings.Join(facts, " AND ") + ` WITH p` + sc)
		facts = nil
	case f.TopLab && !pl.stored:
		b.WriteString(`MATCH (l:Lab) WHERE l.id IN topLabIds MATCH (p:Person)-[:WORKED_AT]->(l) WITH DISTINCT p` + sc)
	case f.PhD && !pl.stored: // aiFieldValues and csFieldValues are bound: the filter is on credentials
		b.WriteString(`MATCH (p:Person)-[r:STUDIED_AT]->() WHERE r.degree = 'phd'
			AND (r.fieldKey IN aiFieldValues OR r.fieldKey IN csFieldValues)
			WITH DISTINCT p` + sc)
	case len(f.RoleKeywords) > 0 && !f.Breakthrough:
		// The jobs whose role matches: one pass over the jobs rather than
		// one subquery per person.
		b.WriteString(`MATCH (p:Person)-[r:WORKED_AT]->(:Lab) WHERE ` + candidateRoleMatch + ` WITH DISTINCT p` + sc)
	case f.Breakthrough && !pl.stored:
		b.WriteString(`CALL () {
				MATCH (w:Paper) WHERE w.breakthrough = true RETURN w
				UNION
				MATCH (w:Paper) WHERE w.citations >= $citationBar RETURN w
			}
			MATCH (p:Person)-[:AUTHORED]->(w) WITH DISTINCT p` + sc)
	default:
		// Nothing narrows the set: every person with a name, which the
		// planner reads from the name index.
		b.WriteString(`MATCH (p:Person) WITH p` + sc)
		where = append(where, `p.name IS NOT NULL`)
	}
	where = append(where, facts...)
	if len(f.WorkedAt) > 0 {
		where = append(where, `EXISTS { MATCH (p)-[r:WORKED_AT]->(l:Lab) WHERE l.id IN workedIds AND `+startedBy("r", "$asOf")+` }`)
	}
	if len(f.CurrentlyAt) > 0 {
		computed := `EXISTS { MATCH (p)-[r:WORKED_AT]->(l:Lab) WHERE l.id IN currentIds AND ` + candidateCurrent + ` }`
		if pl.stored {
			computed = `CASE WHEN ` + storedCurrentFresh + ` THEN any(x IN p.currentLabIds WHERE x IN currentIds) ELSE ` +
				computed + ` END`
		}
		where = append(where, computed)
	}
	if len(f.NotCurrentlyAt) > 0 {
		// currentlyAt's condition, the same with stored facts or without,
		// negated. A person with no stored current lab has none to match.
		current := `EXISTS { MATCH (p)-[r:WORKED_AT]->(l:Lab) WHERE l.id IN notCurrentIds AND ` + candidateCurrent + ` }`
		if pl.stored {
			current = `CASE WHEN ` + storedCurrentFresh + ` THEN any(x IN coalesce(p.currentLabIds, []) WHERE x IN notCurrentIds) ELSE ` +
				current + ` END`
		}
		where = append(where, `NOT (`+current+`)`)
	}
	if len(f.RoleKeywords) > 0 {
		where = append(where, `EXISTS { MATCH (p)-[r:WORKED_AT]->(:Lab) WHERE `+pl.roleJob()+` AND `+candidateRoleMatch+` }`)
	}
	if len(f.NeverAt) > 0 {
		where = append(where, `NOT EXISTS { MATCH (p)-[r:WORKED_AT]->(l:Lab) WHERE l.id IN neverIds AND `+startedBy("r", "$asOf")+` }`)
	}
	if !f.MovedSince.IsZero() {
		where = append(where, `EXISTS { MATCH (p)-[:MADE_MOVE]->(m:Move) WHERE m.date >= $movedSince AND ($asOf IS NULL OR m.date <= $asOf) }`)
	}
	if len(f.Topics) > 0 {
		where = append(where, `EXISTS { MATCH (p)-[:AUTHORED]->(w:Paper) WHERE any(t IN coalesce(w.topics, []) WHERE toLower(t) IN $topics) }`)
	}
	if len(where) > 0 {
		b.WriteString("\nWHERE " + strings.Join(where, "\n\tAND "))
	}

	cols := "p" + sc
	if pl.stored {
		if withKey && pl.order == thelist.CandidateOrderCredentials {
			b.WriteString("\nWITH " + cols + ", p.credentialCount AS credentialCount")
			cols += ", credentialCount"
		}
		if withKey && pl.order == thelist.CandidateOrderCitations {
			b.WriteString("\nWITH " + cols + ", p.citations AS citations")
			cols += ", citations"
		}
	}
	if !pl.stored && (pl.credentialsFilter || (withKey && pl.order == thelist.CandidateOrderCredentials)) {
		b.WriteString(`
			WITH p` + sc + `,
				EXISTS { MATCH (p)-[r:STUDIED_AT]->() WHERE ` + candidateAIPhD + ` } AS aiPhd,
				EXISTS { MATCH (p)-[r:WORKED_AT]->(l:Lab) WHERE ` + candidateTopLab + ` } AS topLab,
				EXISTS { MATCH (p)-[:AUTHORED]->(w:Paper) WHERE ` + candidateBreakthrough + ` } AS breakthrough
			WITH p` + sc + `, aiPhd, topLab, breakthrough,
				CASE WHEN aiPhd THEN 1 ELSE 0 END + CASE WHEN topLab THEN 1 ELSE 0 END
					+ CASE WHEN breakthrough THEN 1 ELSE 0 END AS credentialCount`)
		var conds []string
		if f.PhD {
			conds = append(conds, "aiPhd")
		}
		if f.TopLab {
			conds = append(conds, "topLab")
		}
		if f.Breakthrough {
			conds = append(conds, "breakthrough")
		}
		if f.AtLeast > 0 {
			conds = append(conds, "credentialCount >= $atLeast")
		}
		if len(conds) > 0 {
			b.WriteString("\nWHERE " + strings.Join(conds, " AND "))
		}
		cols += ", credentialCount"
	}
	if !pl.stored && (f.MinCitations != nil || (withKey && pl.order == thelist.CandidateOrderCitations)) {
		b.WriteString("\nWITH " + cols + ", " + candidateCitations + " AS citations")
		if f.MinCitations != nil {
			b.WriteString("\nWHERE citations >= $minCitations")
		}
		cols += ", citations"
	}
	if f.MinTenureYears != nil || f.MaxTenureYears != nil || (withKey && pl.order == thelist.CandidateOrderTenure) {
		tenure := candidateTenure
		if pl.stored {
			tenure = storedTenure
		}
		b.WriteString("\nWITH " + cols + ", " + tenure + " AS tenureDays")
		var conds []string
		if f.MinTenureYears != nil {
			conds = append(conds, "tenureDays >= $minTenureDays")
		}
		if f.MaxTenureYears != nil {
			conds = append(conds, "tenureDays <= $maxTenureDays")
		}
		if len(conds) > 0 {
			b.WriteString("\nWHERE " + strings.Join(conds, " AND "))
		}
	}
	return b.String()
}

// candidateRoleMatch holds for a WORKED_AT r whose role contains one of
// $roleKeywords, which params lowercases: the comparison ignores case.
const candidateRoleMatch = `r.role IS NOT NULL AND any(k IN $roleKeywords WHERE toLower(r.role) CONTAINS k)`

// roleJob is the condition on the jobs whose role roleKeywords reads: the
// jobs that hold on $now under the rule for current (the title someone has
// now), or with roleAnyJob every job started by $asOf (a title ever held).
// It is worked out from the jobs even with stored facts: they keep the
// current labs, not the jobs, and agree with the jobs while fresh.
func (pl candidatePlan) roleJob() string {
	if pl.f.RoleAnyJob {
		return startedBy("r", "$asOf")
	}
	return candidateCurrent
}

// storedConditions are the filter's conditions on the stored facts: the
// credentials, their number and citations.
func (pl candidatePlan) storedConditions() []string {
	f := pl.f
	var facts []string
	if f.PhD {
		facts = append(facts, "p.credAiPhd = true")
	}
	if f.TopLab {
		facts = append(facts, "p.credTopLab = true")
	}
	if f.Breakthrough {
		facts = append(facts, "p.credBreakthrough = true")
	}
	if f.AtLeast > 0 {
		facts = append(facts, "p.credentialCount >= $atLeast")
	}
	if f.MinCitations != nil {
		facts = append(facts, "p.citations >= $minCitations")
	}
	return facts
}

// storedCurrentFresh holds when person p's stored current lab still holds
// on $now: the set of their jobs that hold cannot have changed since it was
// stored (derived.go). Past it the current lab is worked out from the jobs.
const storedCurrentFresh = `coalesce(p.currentUntil > $now, true)`

// storedTenure is candidateTenure from the stored start of the main job,
// while it is fresh.
var storedTenure = `CASE WHEN ` + storedCurrentFresh + `
	THEN CASE WHEN p.currentStart IS NULL THEN null ELSE duration.inDays(p.currentStart, $now).days END
	ELSE ` + candidateTenure + ` END`

// labSets computes each lab set the filter names once, before the
// subqueries that use it. PART_OF*0.. adds each lab itself and its parts.
func (pl candidatePlan) labSets() (string, []string) {
	sets := []struct {
		name, param string
		used        bool
	}{
		{"workedIds", "$workedAt", len(pl.f.WorkedAt) > 0},
		{"currentIds", "$currentlyAt", len(pl.f.CurrentlyAt) > 0},
		{"neverIds", "$neverAt", len(pl.f.NeverAt) > 0},
		{"notCurrentIds", "$notCurrentlyAt", len(pl.f.NotCurrentlyAt) > 0},
	}
	var b strings.Builder
	vars := []string{"topLabIds"}
	if pl.needsCredentials() {
		b.WriteString(candidateFieldValues + "\n")
		vars = append(vars, "aiFieldValues", "csFieldValues")
	}
	b.WriteString(candidateTopLabIDs)
	for _, s := range sets {
		if !s.used {
			continue
		}
		fmt.Fprintf(&b, `
		CALL () {
			MATCH (root:Lab) WHERE root.id IN %s
			MATCH (l:Lab)-[:PART_OF*0..]->(root)
			RETURN collect(DISTINCT l.id) AS %s, collect(DISTINCT CASE WHEN root = l THEN l.name END) AS %sNames
		}`, s.param, s.name, s.name)
		vars = append(vars, s.name, s.name+"Names")
	}
	if labs := pl.storedStartLabs(); labs != "" {
		// Which start is smaller: the jobs at the named labs, or the people
		// whose stored facts pass (counted up to $startProbe, an index
		// range count). A lab's jobs are its relationship count, which
		// Neo4j keeps per node. Both are known only at run time: a named
		// lab may hold a hundred jobs or two hundred thousand.
		fmt.Fprintf(&b, `
		CALL (%[1]s) {
			UNWIND %[1]s AS id MATCH (l:Lab {id: id})
			WITH sum(COUNT { (l)<-[:WORKED_AT]-() }) AS labJobs
			RETURN labJobs <= COUNT { MATCH (p:Person) WHERE %[2]s RETURN p LIMIT $startProbe } AS labsFirst
		}`, labs, strings.Join(pl.storedConditions(), " AND "))
		vars = append(vars, "labsFirst")
	}
	return b.String(), vars
}

// storedStartLabs names the lab set (workedIds or currentIds) that a filter
// on stored facts may start from instead of the facts' index, or "" when
// the filter has not both.
func (pl candidatePlan) storedStartLabs() string {
	if !pl.stored || len(pl.storedConditions()) == 0 {
		return ""
	}
	switch {
	case len(pl.f.WorkedAt) > 0:
		return "workedIds"
	case len(pl.f.CurrentlyAt) > 0:
		return "currentIds"
	}
	return ""
}

// candidateStintEvidence and the other evidence projections read the
// records that meet a credential, in the shapes decodePerson reads.
var candidateStintEvidence = "r { " + stintProps + `,
	lab: ` + labProjection + `, sources: ` + fmt.Sprintf(sourcesOf, "r") + ` }`

var candidateDegreeEvidence = `r { ` + propsOf(thelist.DegreeFields) + `,
	lab: ` + labProjection + `, sources: ` + fmt.Sprintf(sourcesOf, "r") + ` }`

var candidatePaperProjection = `w { ` + paperProps + `, sources: ` + fmt.Sprintf(sourcesOf, "w") + ` }`

// candidateEvidence are the map entries aiPhd, topLab and breakthrough: the
// records of person p that meet each credential, which decodeCredentials
// reads. They need topLabIds (candidateTopLabIDs) and the parameters of
// credentialParams. The person page reads them too, so a person's
// credentials there are exactly those of their row in the people list.
var candidateEvidence = `aiPhd: COLLECT { MATCH (p)-[r:STUDIED_AT]->(l:Lab) WHERE ` + candidateAIPhDInline + `
					RETURN ` + candidateDegreeEvidence + ` ORDER BY r.end, r.id LIMIT $maxEvidence },
				topLab: COLLECT { MATCH (p)-[r:WORKED_AT]->(l:Lab) WHERE ` + candidateTopLab + `
					RETURN ` + candidateStintEvidence + ` ORDER BY r.start, r.id LIMIT $maxEvidence },
				breakthrough: COLLECT { MATCH (p)-[:AUTHORED]->(w:Paper) WHERE ` + candidateBreakthrough + `
					RETURN ` + candidatePaperProjection + ` ORDER BY w.breakthrough DESC, w.citations DESC, w.id
					LIMIT $maxEvidence }`

// candidateRow is the projection of one person p as a row of the page: the
// person, the evidence for each credential and the numbers the row shows,
// the fields decodeCandidate reads. It needs topLabIds (candidateTopLabIDs)
// and the parameters of candidatePlan.params. Shortlists project their
// members with it too, so a member reads exactly as a candidate does.
var candidateRow = `person: ` + personProjection + `,
				` + candidateEvidence + `,
				citations: ` + candidateCitations + `,
				current: COLLECT { MATCH (p)-[r:WORKED_AT]->(l:Lab) WHERE ` + candidateCurrent + `
					RETURN {lab: l.name, labId: l.id, id: r.id, role: r.role, start: r.start, startPrecision: r.startPrecision,
						days: CASE WHEN r.start IS NULL THEN null ELSE duration.inDays(r.start, $now).days END,
						sources: ` + fmt.Sprintf(sourcesOf, "r") + `}
					ORDER BY ` + stintMainOrder("r") + ` LIMIT 1 }[0]`

// candidateTopLabIDs binds topLabIds: the labs on the top-lab list and
// every lab that is part of one. PART_OF*0.. adds each lab itself.
const candidateTopLabIDs = `CALL () {
		MATCH (t:Lab) WHERE t.topLab = true
		MATCH (l:Lab)-[:PART_OF*0..]->(t)
		RETURN collect(DISTINCT l.id) AS topLabIds
	}`

// query builds the whole statement.
func (pl candidatePlan) query() string {
	sets, vars := pl.labSets()
	scope := strings.Join(vars, ", ")
	key := candidateSortKeys[pl.order]
	f := pl.f

	// The reasons: what each row needs for "why it matched" beyond the
	// credentials' evidence.
	var why []string
	stintRecord := `{id: r.id, labId: l.id, lab: l.name, role: r.role, start: r.start, startPrecision: r.startPrecision,
				end: r.end, endPrecision: r.endPrecision, sources: ` + fmt.Sprintf(sourcesOf, "r") + `}`
	if len(f.WorkedAt) > 0 {
		why = append(why, `workedAt: COLLECT { MATCH (p)-[r:WORKED_AT]->(l:Lab) WHERE l.id IN workedIds AND `+
			startedBy("r", "$asOf")+` RETURN `+stintRecord+` ORDER BY r.start, l.name, r.id LIMIT $maxEvidence }`)
	}
	if len(f.CurrentlyAt) > 0 {
		why = append(why, `currentlyAt: COLLECT { MATCH (p)-[r:WORKED_AT]->(l:Lab) WHERE l.id IN currentIds AND `+
			candidateCurrent+` RETURN `+stintRecord+` ORDER BY `+stintMainOrder("r")+` LIMIT $maxEvidence }`)
	}
	if len(f.NeverAt) > 0 {
		why = append(why, `neverAt: neverIdsNames`)
	}
	if len(f.NotCurrentlyAt) > 0 {
		// The labs, and the jobs there that the person has left: what
		// tells "not there now" from "never there".
		why = append(why, `notCurrentlyAtLabs: notCurrentIdsNames`,
			`notCurrentlyAt: COLLECT { MATCH (p)-[r:WORKED_AT]->(l:Lab) WHERE l.id IN notCurrentIds AND `+
				startedBy("r", "$asOf")+` AND NOT `+candidateCurrent+` RETURN `+stintRecord+
				` ORDER BY r.end DESC, r.start DESC, r.id LIMIT $maxEvidence }`)
	}
	if len(f.RoleKeywords) > 0 {
		why = append(why, `roleKeywords: COLLECT { MATCH (p)-[r:WORKED_AT]->(l:Lab) WHERE `+pl.roleJob()+` AND `+
			candidateRoleMatch+` RETURN `+stintRecord+` ORDER BY `+stintMainOrder("r")+` LIMIT $maxEvidence }`,
			`roleKeywordsMatched: [k IN $roleKeywords WHERE EXISTS { MATCH (p)-[r:WORKED_AT]->(:Lab) WHERE `+pl.roleJob()+
				` AND r.role IS NOT NULL AND toLower(r.role) CONTAINS k }]`)
	}
	if !f.MovedSince.IsZero() {
		why = append(why, `moves: COLLECT { MATCH (p)-[:MADE_MOVE]->(m:Move)-[:TO]->(l:Lab)
			WHERE m.date >= $movedSince AND ($asOf IS NULL OR m.date <= $asOf)
			RETURN {id: m.id, labId: l.id, lab: l.name, start: m.date, startPrecision: m.datePrecision,
				sources: `+fmt.Sprintf(sourcesOf, "m")+`} ORDER BY m.date DESC, m.id LIMIT $maxEvidence }`)
	}
	if len(f.Topics) > 0 {
		why = append(why, `topics: COLLECT { MATCH (p)-[:AUTHORED]->(w:Paper) UNWIND coalesce(w.topics, []) AS t
			WITH t WHERE toLower(t) IN $topics RETURN DISTINCT toLower(t) AS t ORDER BY t }`)
	}
	whyMap := ""
	if len(why) > 0 {
		whyMap = ",\n\t\t\t\t" + strings.Join(why, ",\n\t\t\t\t")
	}

	return sets + `
		CALL (` + scope + `) {
			` + pl.filter(false, scope) + `
			RETURN count(p) AS total
		}
		CALL (` + scope + `) {
			` + pl.filter(true, scope) + `
			WITH * WHERE $afterId IS NULL OR ` + key + ` > $afterKey OR (` + key + ` = $afterKey AND p.id > $afterId)
			WITH p, ` + scope + `, ` + key + ` AS sortKey ORDER BY sortKey, p.id LIMIT $limit
			RETURN collect({
				sortKey: sortKey,
				` + candidateRow + whyMap + `
			}) AS rows
		}
		RETURN total, rows`
}

// params are the statement's parameters. Dates are Neo4j dates; tenure
// bounds are turned into days (a year is 365.25 days).
func (pl candidatePlan) params(rules thelist.CredentialRules, now time.Time, limit int) map[string]any {
	f := pl.f
	var asOf any
	if !f.AsOf.IsZero() {
		asOf = neo4j.DateOf(f.AsOf.Time)
		now = f.AsOf.Time
	}
	topics := make([]string, len(f.Topics))
	for i, t := range f.Topics {
		topics[i] = strings.ToLower(strings.TrimSpace(t))
	}
	keywords := make([]string, len(f.RoleKeywords))
	for i, k := range f.RoleKeywords {
		keywords[i] = strings.ToLower(strings.TrimSpace(k))
	}
	p := credentialParams(rules, asOf)
	for k, v := range map[string]any{
		"now": neo4j.DateOf(now), "atLeast": f.AtLeast,
		"workedAt": f.WorkedAt, "currentlyAt": f.CurrentlyAt, "neverAt": f.NeverAt, "notCurrentlyAt": f.NotCurrentlyAt,
		"roleKeywords": keywords,
		"movedSince":   nil, "topics": topics, "minCitations": nil, "minTenureDays": nil, "maxTenureDays": nil,
		"limit": limit, "afterKey": nil, "afterId": nil, "startProbe": candidateStartProbe,
	} {
		p[k] = v
	}
	if !f.MovedSince.IsZero() {
		p["movedSince"] = neo4j.DateOf(f.MovedSince.Time)
	}
	if f.MinCitations != nil {
		p["minCitations"] = *f.MinCitations
	}
	if f.MinTenureYears != nil {
		p["minTenureDays"] = int64(*f.MinTenureYears*365.25 + 0.5)
	}
	if f.MaxTenureYears != nil {
		p["maxTenureDays"] = int64(*f.MaxTenureYears*365.25 + 0.5)
	}
	return p
}

// credentialParams are the parameters that candidateEvidence and the
// credential predicates read: the rules, and the day the graph is read as
// of (nil for no date restriction).
func credentialParams(rules thelist.CredentialRules, asOf any) map[string]any {
	return map[string]any{
		"asOf": asOf, "aiFields": rules.AIFieldKeys(), "csFields": rules.CSFieldKeys(),
		"maxEvidence": thelist.CandidateMaxEvidence,
		"citationBar": rules.CitationBar, "currentRecencyMonths": thelist.Current.RecencyMonths,
	}
}

// Candidates answers the recruiter's filter: the people who pass it, a page
// at a time in the filter's order, each with the evidence for the three
// credentials under rules and the reasons they matched. It is one Cypher
// statement; see the comment at the top of this file for its shape.
func (db *DB) Candidates(ctx context.Context, filter thelist.CandidateFilter, rules thelist.CredentialRules,
	first int, after string) (thelist.CandidatePage, error) {
	if first < 0 || first > thelist.MaxPageSize {
		return thelist.CandidatePage{}, thelist.Errorf(thelist.EINVALID, "first: must be between 0 and %d", thelist.MaxPageSize)
	}
	if err := filter.Validate(); err != nil {
		return thelist.CandidatePage{}, err
	}
	pl := newCandidatePlan(filter)
	params := pl.params(rules, time.Now().UTC(), first+1)
	if after != "" {
		k, id, err := decodeCandidateCursor(after, pl.order)
		if err != nil {
			return thelist.CandidatePage{}, err
		}
		params["afterKey"], params["afterId"] = k, id
	}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.CandidatePage, error) {
		pl := pl
		if filter.AsOf.IsZero() && rules.Version == thelist.Credentials.Version {
			ready := db.derivedReady.Load()
			if !ready {
				var err error
				if ready, err = derivedReady(ctx, tx); err != nil {
					return thelist.CandidatePage{}, err
				}
				db.derivedReady.Store(ready)
			}
			pl.stored = ready
		}
		m, err := singleRow(ctx, tx, pl.query(), params)
		if err != nil {
			return thelist.CandidatePage{}, err
		}
		total, rows := m["total"], m["rows"] // both keys are in the query
		page := thelist.CandidatePage{TotalCount: int(total.(int64))}
		for _, row := range maps(rows) {
			c, err := decodeCandidate(row, pl, rules)
			if err != nil {
				return page, err
			}
			page.Edges = append(page.Edges, thelist.CandidateEdge{
				Cursor: encodeCandidateCursor(pl.order, row["sortKey"], c.Person.ID), Candidate: c})
		}
		if len(page.Edges) > first {
			page.Edges, page.HasNextPage = page.Edges[:first], true
		}
		if n := len(page.Edges); n > 0 {
			page.EndCursor = page.Edges[n-1].Cursor
		}
		return page, nil
	})
}

// decodeCandidate reads one row of the page: the person, the evidence and
// the reasons.
func decodeCandidate(row map[string]any, pl candidatePlan, rules thelist.CredentialRules) (thelist.Candidate, error) {
	person, err := decodePerson(row["person"])
	if err != nil {
		return thelist.Candidate{}, err
	}
	credentials, err := decodeCredentials(person.ID, row)
	if err != nil {
		return thelist.Candidate{}, fmt.Errorf("candidate %s: %w", person.ID, err)
	}
	c := thelist.Candidate{Person: person, Credentials: credentials}
	c.Citations, _ = row["citations"].(int64) // sum() of no papers is 0
	var current map[string]any
	if m, ok := row["current"].(map[string]any); ok {
		current = m
		if d, ok := m["days"].(int64); ok {
			c.TenureDays = &d
		}
	}
	if c.Reasons, err = candidateReasons(c, row, current, pl); err != nil {
		return c, fmt.Errorf("candidate %s: %w", person.ID, err)
	}
	return c, nil
}

// decodeCredentials reads the entries of candidateEvidence in m into the
// three credentials of the person with the given id, met or not.
func decodeCredentials(personID string, m map[string]any) ([]thelist.CredentialMatch, error) {
	// The evidence stints and degrees have the shapes of a person's own, so
	// decodePerson reads them when handed as a person's.
	evidence, err := decodePerson(map[string]any{"id": personID, "stints": m["topLab"], "degrees": m["aiPhd"]})
	if err != nil {
		return nil, err
	}
	var papers []thelist.Paper
	for _, pm := range maps(m["breakthrough"]) {
		w, err := decodePaper(pm)
		if err != nil {
			return nil, err
		}
		papers = append(papers, w)
	}
	return []thelist.CredentialMatch{
		{Credential: thelist.CredentialAIPhD, Met: len(evidence.Degrees) > 0, Degrees: evidence.Degrees},
		{Credential: thelist.CredentialTopLab, Met: len(evidence.Stints) > 0, Stints: evidence.Stints},
		{Credential: thelist.CredentialBreakthrough, Met: len(papers) > 0, Papers: papers},
	}, nil
}

// candidateReasons says, as data, why the person passed each condition of
// the filter: the records that meet it with their sources, and the numbers
// it tests. Clients word them (api's matched lines, the web app in its
// languages).
func candidateReasons(c thelist.Candidate, row, current map[string]any, pl candidatePlan) ([]thelist.MatchReason, error) {
	f := pl.f
	reasons := []thelist.MatchReason{}
	met := map[string]thelist.CredentialMatch{}
	for _, m := range c.Credentials {
		met[m.Credential] = m
	}
	// The filter and the evidence apply the same predicates in the same
	// statement, so a required credential has evidence; a shortlist's
	// member (memberFactsPlan) shows only the credentials met.
	if f.PhD && met[thelist.CredentialAIPhD].Met {
		r := thelist.MatchReason{Condition: thelist.ReasonAIPhD, AsOf: f.AsOf}
		for _, d := range met[thelist.CredentialAIPhD].Degrees {
			r.Records = append(r.Records, degreeRecord(d))
		}
		reasons = append(reasons, r)
	}
	if f.TopLab && met[thelist.CredentialTopLab].Met {
		r := thelist.MatchReason{Condition: thelist.ReasonTopLab, AsOf: f.AsOf}
		for _, s := range met[thelist.CredentialTopLab].Stints {
			r.Records = append(r.Records, stintRecord(s))
		}
		reasons = append(reasons, r)
	}
	if f.Breakthrough && met[thelist.CredentialBreakthrough].Met {
		r := thelist.MatchReason{Condition: thelist.ReasonBreakthrough, AsOf: f.AsOf}
		for _, w := range met[thelist.CredentialBreakthrough].Papers {
			r.Records = append(r.Records, paperRecord(w))
		}
		reasons = append(reasons, r)
	}
	if f.AtLeast > 0 {
		n := int64(c.CredentialCount())
		r := thelist.MatchReason{Condition: thelist.ReasonAtLeast, Count: &n, Asked: strconv.Itoa(f.AtLeast), AsOf: f.AsOf}
		for _, m := range c.Credentials {
			if m.Met {
				r.Values = append(r.Values, m.Credential)
			}
		}
		reasons = append(reasons, r)
	}
	for _, q := range []struct {
		asked     bool
		condition string
		key       string
	}{
		{len(f.WorkedAt) > 0, thelist.ReasonWorkedAt, "workedAt"},
		{len(f.CurrentlyAt) > 0, thelist.ReasonCurrentlyAt, "currentlyAt"},
		{len(f.NeverAt) > 0, thelist.ReasonNeverAt, "neverAt"},
		{!f.MovedSince.IsZero(), thelist.ReasonMovedSince, "moves"},
	} {
		if !q.asked {
			continue
		}
		if q.condition == thelist.ReasonNeverAt {
			reasons = append(reasons, thelist.MatchReason{Condition: thelist.ReasonNeverAt, Values: strs(row, "neverAt"), AsOf: f.AsOf})
			continue
		}
		r := thelist.MatchReason{Condition: q.condition, AsOf: f.AsOf}
		if q.condition == thelist.ReasonMovedSince {
			r.Asked = f.MovedSince.String()
		}
		kind := thelist.RecordStint
		if q.condition == thelist.ReasonMovedSince {
			kind = thelist.RecordMove
		}
		for _, m := range maps(row[q.key]) {
			rec, err := reasonRecord(kind, m)
			if err != nil {
				return nil, err
			}
			r.Records = append(r.Records, rec)
		}
		reasons = append(reasons, r)
	}
	if len(f.NotCurrentlyAt) > 0 {
		r := thelist.MatchReason{Condition: thelist.ReasonNotCurrentlyAt, Values: strs(row, "notCurrentlyAtLabs"), AsOf: f.AsOf}
		for _, m := range maps(row["notCurrentlyAt"]) {
			rec, err := reasonRecord(thelist.RecordStint, m)
			if err != nil {
				return nil, err
			}
			r.Records = append(r.Records, rec)
		}
		reasons = append(reasons, r)
	}
	if len(f.RoleKeywords) > 0 {
		// Asked says which jobs were read: the current ones or any.
		r := thelist.MatchReason{Condition: thelist.ReasonRoleKeywords, Values: strs(row, "roleKeywordsMatched"),
			Asked: thelist.RoleScopeCurrent, AsOf: f.AsOf}
		if f.RoleAnyJob {
			r.Asked = thelist.RoleScopeAnyJob
		}
		for _, m := range maps(row["roleKeywords"]) {
			rec, err := reasonRecord(thelist.RecordStint, m)
			if err != nil {
				return nil, err
			}
			r.Records = append(r.Records, rec)
		}
		reasons = append(reasons, r)
	}
	if (f.MinTenureYears != nil || f.MaxTenureYears != nil) && current != nil && c.TenureDays != nil {
		r := thelist.MatchReason{Condition: thelist.ReasonTenure, Count: c.TenureDays, AsOf: f.AsOf}
		rec, err := reasonRecord(thelist.RecordStint, current)
		if err != nil {
			return nil, err
		}
		r.Records = []thelist.ReasonRecord{rec}
		reasons = append(reasons, r)
	}
	if f.MinCitations != nil {
		n := c.Citations
		reasons = append(reasons, thelist.MatchReason{Condition: thelist.ReasonMinCitations, Count: &n,
			Asked: strconv.FormatInt(*f.MinCitations, 10), AsOf: f.AsOf})
	}
	if len(f.Topics) > 0 {
		reasons = append(reasons, thelist.MatchReason{Condition: thelist.ReasonTopics, Values: strs(row, "topics"), AsOf: f.AsOf})
	}
	return reasons, nil
}

// reasonRecord reads one record of a reason's COLLECT: {id, labId, lab,
// role, start, end, sources} with the dates' precisions.
func reasonRecord(kind string, m map[string]any) (thelist.ReasonRecord, error) {
	r := thelist.ReasonRecord{Kind: kind, ID: str(m, "id"), LabID: str(m, "labId"), LabName: str(m, "lab"), Label: str(m, "role")}
	var err error
	if r.Start, err = dateOf(m, "start"); err != nil {
		return r, err
	}
	if r.End, err = dateOf(m, "end"); err != nil {
		return r, err
	}
	r.Sources, err = decodeSources(m["sources"])
	return r, err
}

func degreeRecord(d thelist.Degree) thelist.ReasonRecord {
	r := thelist.ReasonRecord{Kind: thelist.RecordDegree, ID: d.ID, LabID: d.LabID, Label: d.Field, Start: d.Start, End: d.End,
		Sources: d.Sources}
	if d.Lab != nil {
		r.LabName = d.Lab.Name
	}
	return r
}

func stintRecord(s thelist.Stint) thelist.ReasonRecord {
	r := thelist.ReasonRecord{Kind: thelist.RecordStint, ID: s.ID, LabID: s.LabID, Label: s.Role, Start: s.Start, End: s.End,
		Sources: s.Sources}
	if s.Lab != nil {
		r.LabName = s.Lab.Name
	}
	return r
}

func paperRecord(w thelist.Paper) thelist.ReasonRecord {
	r := thelist.ReasonRecord{Kind: thelist.RecordPaper, ID: w.ID, Label: w.Title, Sources: w.Sources,
		Breakthrough: w.Breakthrough, Citations: w.Citations}
	if w.Year != 0 {
		r.Start = thelist.MustParseDate(fmt.Sprintf("%04d", w.Year))
	}
	return r
}

// CredentialTopLabs returns the labs on the top-lab list, by name: the labs
// flagged in the data, not their parts (which count too).
func (db *DB) CredentialTopLabs(ctx context.Context) ([]thelist.Lab, error) {
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]thelist.Lab, error) {
		res, err := tx.Run(ctx, `MATCH (l:Lab) WHERE l.topLab = true
			RETURN `+labProjection+` AS lab ORDER BY l.name, l.id`, nil)
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		labs := make([]thelist.Lab, 0, len(recs))
		for _, rec := range recs {
			v, _ := rec.Get("lab") // the key is in the query
			m, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("top lab: want a map, got %T", v)
			}
			l, err := decodeLab(m)
			if err != nil {
				return nil, err
			}
			labs = append(labs, l)
		}
		return labs, nil
	})
}
