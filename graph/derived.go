package graph

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// Derived facts: each person's credential verdicts, citations and current
// lab, kept on the Person node so that the recruiter's filter starts from
// an index on them instead of working them out from every person's degrees,
// jobs and papers on each request (issue 16). They are written:
//
//   - by every import and edit, in the same transaction, for the people
//     whose inputs the write changed (derivedInputs, then update): a
//     person's degrees, jobs and authorships, the citations and
//     breakthrough flag of their papers, the top-lab membership of the labs
//     they worked at, and an advisor's own PhD (a CS PhD counts when the
//     advisor's is an AI PhD);
//   - by DeriveAll (thelist derive), for everyone, in batches, when the
//     rules change or on a database written before the facts existed;
//   - by a first load's backfill (firstload.go), which is DeriveAll: the
//     batches of an import into an empty database skip them.
//
// Person properties, all written together:
//
//	credAiPhd, credTopLab, credBreakthrough   booleans, the three verdicts
//	credentialCount                           how many of the three are met
//	aiPhdEvidence, topLabEvidence,            ids of the records that meet each
//	breakthroughEvidence                      (degrees, jobs, papers), at most
//	                                          thelist.CandidateMaxEvidence each
//	citations                                 total citations of their papers
//	currentLabIds                             labs of the jobs that hold today, main job first
//	currentStart                              start of the main job (for tenure), null when unknown
//	currentUntil                              first day on which currentLabIds may change
//	derivedVersion                            the rules they were computed under (derivedVersion())
//
// "Current" expires with time: a job is current only while a source saw the
// person within the recency window (thelist.CurrentRule), so a stored
// current lab turns false on a day no write marks. currentUntil is the
// earliest day on which the set of jobs that hold can change (the end of a
// job that holds, or the start of one that has not begun); a read compares
// it with today and, past it, works the person's current lab out from their
// jobs, as it does for every person when no facts are stored. A read never
// trusts an expired value, and no clock-driven job is needed to keep reads
// right (thelist derive refreshes expired values when run).
//
// Verdicts are stored for the present only. A read as of a past day
// (asOf) computes the credentials from the records at query time, as
// every read did before: see docs/api.md for the choice and its cost.

// derivedProps are the properties of the derived facts, which a record's
// change history leaves out (they are not the record's content).
var derivedProps = []string{
	"credAiPhd", "credTopLab", "credBreakthrough", "credentialCount",
	"aiPhdEvidence", "topLabEvidence", "breakthroughEvidence",
	"citations", "currentLabIds", "currentStart", "currentUntil", "derivedVersion",
}

// dropDerived removes the derived facts from a person's properties.
func dropDerived(props map[string]any) {
	for _, k := range derivedProps {
		delete(props, k)
	}
}

// derivedVersion names the rules the facts are computed with: the
// credential rules and the rule for "current". A new version of either
// makes every stored fact stale until DeriveAll has run.
func derivedVersion() string {
	return thelist.Credentials.Version + "+" + thelist.Current.Version
}

// derivedStateID is the id of the one DerivedState node, which records the
// version the whole graph's facts were computed with and, while DeriveAll
// runs, how far it got.
const derivedStateID = "credentials"

// derivedBatchSize is how many people one statement derives.
const derivedBatchSize = 1000

// stintExpiry is the first day on which the WORKED_AT v no longer holds
// under thelist.CurrentRule (see stintHolds): the end of its end's period,
// or with no end, the end of its latest confirmation's period plus the
// recency window; null when it has neither (it never holds).
func stintExpiry(v string) string {
	confirmedEnd := `CASE WHEN ` + v + `.lastSeen IS NULL THEN ` + periodEnd(v, "start") +
		` WHEN ` + v + `.start IS NULL OR ` + v + `.start <= ` + v + `.lastSeen THEN ` + periodEnd(v, "lastSeen") +
		` ELSE ` + periodEnd(v, "start") + ` END`
	return `CASE WHEN ` + v + `.end IS NOT NULL THEN ` + periodEnd(v, "end") +
		` ELSE ` + confirmedEnd + ` + duration({months: $currentRecencyMonths}) END`
}

// derivedCompute binds, for each person p, the facts under the rules in the
// parameters (derivedParams), as columns named after the properties. It
// needs topLabIds (candidateTopLabIDs). The credential predicates are the
// ones every read uses (candidateAIPhDInline, candidateTopLab,
// candidateBreakthrough), with $asOf null, and the evidence is ordered as
// candidateEvidence orders it.
// derivedAdvisorAI holds when the advisor of the degree r of person p has
// an AI PhD by field or thesis: candidateAIPhDInline's advisor clause,
// reached from the student rather than through the index on degreeId,
// which inside an import's transaction would also walk every ADVISED the
// transaction has created. derivedCompute
// spells the AI-PhD rule out in steps (the fields first, then thesis or
// advisor) rather than as candidateAIPhDInline's one predicate, which the
// planner takes seconds to normalise; the check and the tests hold the two
// to the same answers.
var derivedAdvisorAI = `MATCH (adv:Person)-[:ADVISED {degreeId: r.id}]->(p)
	MATCH (adv)-[ar:STUDIED_AT]->() WHERE ar.degree = 'phd' AND ar.completed = true AND ar.fieldKey IS NOT NULL
		AND (` + candidateFieldIn("ar.fieldKey", "ai") + ` OR (` + candidateFieldIn("ar.fieldKey", "cs") + ` AND ar.aiThesis = true))`

var derivedCompute = derivedCredentials + derivedCurrent

// derivedCredentials is the credentials' part of derivedCompute. The
// computation is split in two statements (derivedUpdates) because the
// planner's time grows faster than the statement: one statement with both
// parts took three times as long to plan as the two.
var derivedCredentials = `
	WITH p, topLabIds,
		COLLECT { MATCH (p)-[r:STUDIED_AT]->(:Lab) WHERE r.degree = 'phd' AND r.completed = true AND r.fieldKey IS NOT NULL
			WITH r, ` + candidateFieldIn("r.fieldKey", "ai") + ` AS ai, ` + candidateFieldIn("r.fieldKey", "cs") + ` AS cs
			WHERE ai OR cs
			RETURN {id: r.id, ai: ai OR r.aiThesis = true OR EXISTS { ` + derivedAdvisorAI + ` }}
			ORDER BY r.end, r.id } AS phds,
		COLLECT { MATCH (p)-[r:WORKED_AT]->(l:Lab) WHERE ` + candidateTopLab + `
			RETURN r.id ORDER BY r.start, r.id LIMIT $maxEvidence } AS topLabEvidence,
		COLLECT { MATCH (p)-[:AUTHORED]->(w:Paper) WHERE ` + candidateBreakthrough + `
			RETURN w.id ORDER BY w.breakthrough DESC, w.citations DESC, w.id LIMIT $maxEvidence } AS breakthroughEvidence,
		` + candidateCitations + ` AS citations
	WITH p, topLabIds, [d IN phds WHERE d.ai | d.id][..$maxEvidence] AS aiPhdEvidence, topLabEvidence, breakthroughEvidence, citations
	WITH p, topLabIds, aiPhdEvidence, topLabEvidence, breakthroughEvidence, citations,
		size(aiPhdEvidence) > 0 AS credAiPhd, size(topLabEvidence) > 0 AS credTopLab,
		size(breakthroughEvidence) > 0 AS credBreakthrough
	WITH p, topLabIds, aiPhdEvidence, topLabEvidence, breakthroughEvidence, citations, credAiPhd, credTopLab, credBreakthrough,
		CASE WHEN credAiPhd THEN 1 ELSE 0 END + CASE WHEN credTopLab THEN 1 ELSE 0 END
			+ CASE WHEN credBreakthrough THEN 1 ELSE 0 END AS credentialCount`

// derivedCurrent is the current lab's part of derivedCompute: the jobs in
// main-job order (stintMainOrder), those that hold today, and the first
// day on which that can change (see currentUntil at the top of the file).
var derivedCurrent = `
	WITH *, COLLECT { MATCH (p)-[r:WORKED_AT]->(l:Lab)
			RETURN {lab: l.id, start: r.start, from: coalesce(r.start, r.lastSeen), expiry: ` + stintExpiry("r") + `}
			ORDER BY ` + stintMainOrder("r") + ` } AS stints
	WITH *, [s IN stints WHERE s.from <= $today AND s.expiry > $today] AS holding,
		[s IN stints WHERE s.from > $today OR s.expiry > $today | CASE WHEN s.from > $today THEN s.from ELSE s.expiry END] AS changes
	WITH *, reduce(ids = [], h IN holding | CASE WHEN h.lab IN ids THEN ids ELSE ids + h.lab END) AS currentLabIds,
		holding[0].start AS currentStart,
		reduce(m = null, d IN changes | CASE WHEN m IS NULL OR d < m THEN d ELSE m END) AS currentUntil`

// derivedUpdates recompute and store the facts of the people whose ids are
// $ids, the credentials and the current lab each in one statement. Ids
// that name no person are skipped.
var derivedUpdates = []string{candidateTopLabIDs + `
	UNWIND $ids AS id
	MATCH (p:Person {id: id}) USING INDEX p:Person(id)` + derivedCredentials + `
	SET p.credAiPhd = credAiPhd, p.credTopLab = credTopLab, p.credBreakthrough = credBreakthrough,
		p.credentialCount = credentialCount,
		p.aiPhdEvidence = aiPhdEvidence, p.topLabEvidence = topLabEvidence, p.breakthroughEvidence = breakthroughEvidence,
		p.citations = citations, p.derivedVersion = $version
	RETURN count(p) AS derived`, `
	UNWIND $ids AS id
	MATCH (p:Person {id: id}) USING INDEX p:Person(id)` + derivedCurrent + `
	SET p.currentLabIds = currentLabIds, p.currentStart = currentStart, p.currentUntil = currentUntil
	RETURN count(p) AS derived`,
}

// derivedParams are the parameters of derivedCompute on day today.
func derivedParams(today time.Time) map[string]any {
	p := credentialParams(thelist.Credentials, nil)
	p["today"] = neo4j.DateOf(today)
	p["version"] = derivedVersion()
	return p
}

// today is the day derived facts are computed for, in UTC as every read's
// $now is.
func today() time.Time {
	y, m, d := time.Now().UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// deriveIDs stores the facts of the people with ids, in batches, in tx.
// ids are sorted first, so concurrent writers lock people in one order.
func deriveIDs(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (int, error) {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	params := derivedParams(today())
	n := 0
	for chunk := range slices.Chunk(ids, derivedBatchSize) {
		params["ids"] = chunk
		for i, q := range derivedUpdates {
			m, err := singleRow(ctx, tx, q, params)
			if err != nil {
				return n, fmt.Errorf("derive facts: %w", err)
			}
			if i == 0 {
				d, _ := m["derived"].(int64)
				n += int(d)
			}
		}
	}
	return n, nil
}

// derivedTouch is what a write changes among the inputs of the derived
// facts, gathered before its first write: the people whose facts must be
// recomputed after it, and what is needed to find the others.
type derivedTouch struct {
	people    []string // ids of people whose own records change
	advisors  []string // people whose degrees change: their advisees' AI PhD may follow
	papers    []string // papers whose citations or breakthrough flag may change
	labs      bool     // labs change: the top-lab set may, and with it the verdicts of everyone who worked there
	topBefore []string // the top-lab set (candidateTopLabIDs) before the write, when labs change
	fresh     bool     // the database held no person and no state: the write starts a graph whose facts are all derived
}

// derivedBefore reads, before a write, whether the graph is new (its
// facts are then complete once the write's are derived) and the people
// whose changed jobs and degrees the write may take from them.
//
// It and derivedAffected find records by id in lists as long as an
// import's batch, in the transaction that writes the batch, and hint each
// index: planned while a first load's graph was nearly empty, the planner
// chose an index scan filtered by id, and each row then scanned the
// transaction's own uncommitted nodes (20,000 a batch), which held four
// import transactions for minutes (the hints; TestDerived_StatementsSeekByID).
const derivedBefore = `
	OPTIONAL MATCH (s:DerivedState {id: $state})
	RETURN s IS NULL AND NOT EXISTS { MATCH (:Person) } AS fresh,
		COLLECT { UNWIND $moved AS row
			OPTIONAL MATCH (a:Person)-[r:WORKED_AT {id: row.id}]->() USING INDEX r:WORKED_AT(id) WHERE row.type = $stints
			OPTIONAL MATCH (b:Person)-[d:STUDIED_AT {id: row.id}]->() USING INDEX d:STUDIED_AT(id) WHERE row.type = $degrees
			WITH coalesce(a.id, b.id) AS id WHERE id IS NOT NULL
			RETURN id } AS before`

// derivedAffected finds, after a write, the people whose facts it changed
// besides those it names: the advisees of people whose degrees changed,
// the authors of changed papers, and the staff of labs that joined or left
// the top-lab set.
const derivedAffected = `
	RETURN COLLECT { UNWIND $advisors AS id MATCH (adv:Person {id: id})-[:ADVISED]->(s:Person) USING INDEX adv:Person(id)
			RETURN s.id } AS advisees,
		COLLECT { UNWIND $papers AS id MATCH (a:Person)-[:AUTHORED]->(w:Paper {id: id}) USING INDEX w:Paper(id)
			RETURN a.id } AS authors,
		COLLECT { UNWIND $labs AS id MATCH (a:Person)-[:WORKED_AT]->(l:Lab {id: id}) USING INDEX l:Lab(id)
			RETURN DISTINCT a.id } AS staff`

// derivedInputs reads, before a bundle's writes, what they change among
// the inputs of the derived facts (see the comment at the top of this
// file). A record whose content is unchanged is not written (splitBatches)
// and changes nothing. A changed job, degree or authorship may have moved
// to another person: the person it leaves is read here, before the write.
func derivedInputs(ctx context.Context, tx neo4j.ManagedTransaction, splits []split) (*derivedTouch, error) {
	t := &derivedTouch{}
	var moved []map[string]any
	for _, sp := range splits {
		for _, rows := range [][]map[string]any{sp.fresh, sp.changed} {
			for _, row := range rows {
				switch sp.kind {
				case thelist.KindPeople:
					t.people = append(t.people, str(row, "id"))
				case thelist.KindStints, thelist.KindAuthorships:
					t.people = append(t.people, str(row, "from"))
				case thelist.KindDegrees:
					t.people = append(t.people, str(row, "from"))
					t.advisors = append(t.advisors, str(row, "from"))
				case thelist.KindPapers:
					t.papers = append(t.papers, str(row, "id"))
				case thelist.KindLabs:
					t.labs = true
				}
			}
		}
		if sp.kind == thelist.KindStints || sp.kind == thelist.KindDegrees {
			for _, row := range sp.changed {
				moved = append(moved, map[string]any{"id": row["id"], "type": sp.kind})
			}
		}
	}
	m, err := singleRow(ctx, tx, derivedBefore,
		map[string]any{"state": derivedStateID, "moved": moved, "stints": thelist.KindStints, "degrees": thelist.KindDegrees})
	if err != nil {
		return nil, fmt.Errorf("derived facts: read inputs: %w", err)
	}
	t.fresh, _ = m["fresh"].(bool)
	t.people = append(t.people, strs(m, "before")...)
	t.advisors = append(t.advisors, strs(m, "before")...)
	if t.labs {
		if t.topBefore, err = topLabSet(ctx, tx); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// topLabSet reads candidateTopLabIDs: the top labs and their parts.
func topLabSet(ctx context.Context, tx neo4j.ManagedTransaction) ([]string, error) {
	m, err := singleRow(ctx, tx, candidateTopLabIDs+` RETURN topLabIds`, nil)
	if err != nil {
		return nil, fmt.Errorf("derived facts: read top labs: %w", err)
	}
	return strs(m, "topLabIds"), nil
}

// update recomputes, after the write and in its transaction, the facts of
// every person whose inputs it changed: the people it names, the advisees
// of those whose degrees changed, the authors of its papers, and everyone
// who worked at a lab that joined or left the top-lab set. The last can be
// many (a lab added to the list brings its whole staff), which is the size
// of the change, written in batches of derivedBatchSize.
func (t *derivedTouch) update(ctx context.Context, tx neo4j.ManagedTransaction) error {
	var changedLabs []string
	if t.labs {
		after, err := topLabSet(ctx, tx)
		if err != nil {
			return err
		}
		for _, id := range after {
			if !slices.Contains(t.topBefore, id) {
				changedLabs = append(changedLabs, id)
			}
		}
		for _, id := range t.topBefore {
			if !slices.Contains(after, id) {
				changedLabs = append(changedLabs, id)
			}
		}
	}
	people := t.people
	if len(t.advisors) > 0 || len(t.papers) > 0 || len(changedLabs) > 0 {
		m, err := singleRow(ctx, tx, derivedAffected,
			map[string]any{"advisors": t.advisors, "papers": t.papers, "labs": changedLabs})
		if err != nil {
			return fmt.Errorf("derived facts: find affected people: %w", err)
		}
		people = append(people, strs(m, "advisees")...)
		people = append(people, strs(m, "authors")...)
		people = append(people, strs(m, "staff")...)
	}
	if _, err := deriveIDs(ctx, tx, people); err != nil {
		return err
	}
	if t.fresh {
		// Every person of a graph that began with this write has had
		// their facts derived by the writes that made them, so the
		// graph's facts are complete under today's rules.
		res, err := tx.Run(ctx, `MERGE (s:DerivedState {id: $state})
			ON CREATE SET s.version = $version, s.complete = true, s.cursor = null`,
			map[string]any{"state": derivedStateID, "version": derivedVersion()})
		if err != nil {
			return fmt.Errorf("derived facts: record state: %w", err)
		}
		if _, err := res.Consume(ctx); err != nil {
			return fmt.Errorf("derived facts: record state: %w", err)
		}
	}
	return nil
}

// retractedInputs is derivedInputs for a retraction of the fact of kind
// whose key row is row: the person whose job, degree or authorship goes,
// and for a degree the people they advised.
func retractedInputs(ctx context.Context, tx neo4j.ManagedTransaction, kind string, row map[string]any) (*derivedTouch, error) {
	t := &derivedTouch{}
	switch kind {
	case thelist.KindAuthorships:
		t.people = []string{str(row, "from")}
	case thelist.KindStints, thelist.KindDegrees:
		m, err := singleRow(ctx, tx, `
			OPTIONAL MATCH (a:Person)-[r:WORKED_AT {id: $id}]->() WHERE $kind = $stints
			OPTIONAL MATCH (b:Person)-[d:STUDIED_AT {id: $id}]->() WHERE $kind = $degrees
			RETURN coalesce(a.id, b.id) AS id`,
			map[string]any{"id": row["id"], "kind": kind, "stints": thelist.KindStints, "degrees": thelist.KindDegrees})
		if err != nil {
			return nil, fmt.Errorf("derived facts: read inputs: %w", err)
		}
		if id := str(m, "id"); id != "" {
			t.people = []string{id}
			if kind == thelist.KindDegrees {
				t.advisors = t.people
			}
		}
	}
	return t, nil
}

// derivedReady says whether the stored facts of every person are those of
// the rules in force: DerivedState records this version as complete. Until
// then (a database written before the facts existed, or new rules whose
// DeriveAll has not finished) reads compute the credentials at query time.
func derivedReady(ctx context.Context, tx neo4j.ManagedTransaction) (bool, error) {
	m, err := singleRow(ctx, tx, `OPTIONAL MATCH (s:DerivedState {id: $state})
		RETURN coalesce(s.version = $version AND s.complete, false) AS ready`,
		map[string]any{"state": derivedStateID, "version": derivedVersion()})
	if err != nil {
		return false, err
	}
	ready, _ := m["ready"].(bool)
	return ready, nil
}

// DeriveProgress is told how many people DeriveAll will derive, then how
// many each batch did.
type DeriveProgress interface {
	Start(total int)
	Add(n int)
	Finish()
}

// DeriveResult says what DeriveAll did.
type DeriveResult struct {
	Version string // the rules the facts are now computed with
	People  int    // people derived by this run
	Resumed bool   // it went on from where an interrupted run stopped
	Skipped bool   // the facts were already complete under Version; nothing was done
}

// DeriveAll recomputes every person's derived facts under the rules in
// force, in batches of batch people, each batch its own transaction that
// also records in DerivedState how far the run got (the last person id,
// people being taken in id order, which the id index serves). A run that
// stops (killed, a lost connection) resumes from there when run again;
// writes in between keep the facts of the people they touch, so nothing
// done before the stop is lost. With force it starts over even when the
// facts are complete; without, a complete graph is left alone.
//
// It is also the backfill of a database written before derived facts
// existed. Reads compute credentials at query time until it has finished.
func (db *DB) DeriveAll(ctx context.Context, batch int, force bool, progress DeriveProgress) (DeriveResult, error) {
	db.derivedReady.Store(false)
	if batch <= 0 {
		batch = 5000
	}
	version := derivedVersion()
	type state struct {
		cursor   string
		complete bool
		same     bool
		total    int
	}
	st, err := writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (state, error) {
		m, err := singleRow(ctx, tx, `
			MERGE (s:DerivedState {id: $state})
			WITH s, s.version = $version AS same
			SET s.complete = CASE WHEN same AND NOT $force THEN s.complete ELSE false END,
				s.cursor = CASE WHEN same AND NOT $force THEN s.cursor ELSE null END,
				s.version = $version
			RETURN same, s.complete AS complete, s.cursor AS cursor,
				COUNT { MATCH (p:Person) WHERE s.cursor IS NULL OR p.id > s.cursor } AS total`,
			map[string]any{"state": derivedStateID, "version": version, "force": force})
		if err != nil {
			return state{}, err
		}
		same, _ := m["same"].(bool)
		complete, _ := m["complete"].(bool)
		total, _ := m["total"].(int64)
		return state{cursor: str(m, "cursor"), complete: complete, same: same, total: int(total)}, nil
	})
	if err != nil {
		return DeriveResult{}, fmt.Errorf("derive: read state: %w", err)
	}
	res := DeriveResult{Version: version, Resumed: st.cursor != ""}
	if st.complete {
		res.Skipped = true
		return res, nil
	}
	if progress != nil {
		progress.Start(st.total)
		defer progress.Finish()
	}
	cursor := st.cursor
	params := map[string]any{"batch": batch}
	for {
		params["cursor"] = cursor
		type step struct {
			n    int
			last string
		}
		// A batch is one transaction: the next people by id after the
		// cursor (an index range seek in id order), their facts, and the
		// new cursor.
		s, err := writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (step, error) {
			m, err := singleRow(ctx, tx, `MATCH (p:Person) WHERE p.id > $cursor
				WITH p ORDER BY p.id LIMIT $batch RETURN collect(p.id) AS ids`, params)
			if err != nil {
				return step{}, err
			}
			ids := strs(m, "ids")
			if _, err := deriveIDs(ctx, tx, ids); err != nil {
				return step{}, err
			}
			s := step{n: len(ids), last: cursor}
			if len(ids) > 0 {
				s.last = ids[len(ids)-1]
			}
			// A finished run keeps no cursor, as the state a fresh import
			// records, so a derived graph is the same however it was made.
			res, err := tx.Run(ctx, `MATCH (s:DerivedState {id: $state})
				SET s.complete = $complete, s.cursor = CASE WHEN $complete THEN null ELSE $last END`,
				map[string]any{"state": derivedStateID, "last": s.last, "complete": s.n < batch})
			if err == nil {
				_, err = res.Consume(ctx)
			}
			return s, err
		})
		if err != nil {
			return res, fmt.Errorf("derive: batch after %q: %w", cursor, err)
		}
		res.People += s.n
		if progress != nil {
			progress.Add(s.n)
		}
		if s.n < batch {
			return res, nil
		}
		cursor = s.last
	}
}

// derivedDisagreement finds, among the people after $cursor in id order
// (at most $batch of them), those whose stored facts differ from a
// recomputation now. A current lab that has expired (currentUntil on or
// before today) is not a disagreement: reads do not use it (see the top of
// this file).
var derivedDisagreement = candidateTopLabIDs + `
	MATCH (p:Person) WHERE p.id > $cursor
	WITH p, topLabIds ORDER BY p.id LIMIT $batch` + derivedCompute + `
	WITH p, coalesce(p.currentUntil <= $today, false) AS expired, [x IN [
		['derivedVersion', p.derivedVersion = $version],
		['credAiPhd', p.credAiPhd = credAiPhd], ['credTopLab', p.credTopLab = credTopLab],
		['credBreakthrough', p.credBreakthrough = credBreakthrough], ['credentialCount', p.credentialCount = credentialCount],
		['aiPhdEvidence', p.aiPhdEvidence = aiPhdEvidence], ['topLabEvidence', p.topLabEvidence = topLabEvidence],
		['breakthroughEvidence', p.breakthroughEvidence = breakthroughEvidence], ['citations', p.citations = citations],
		['currentLabIds', p.currentLabIds = currentLabIds],
		['currentStart', coalesce(p.currentStart = currentStart, p.currentStart IS NULL AND currentStart IS NULL)]
	] WHERE NOT coalesce(x[1], false) | x[0]] AS differ
	WITH p, CASE WHEN expired THEN [x IN differ WHERE NOT x IN ['currentLabIds', 'currentStart']] ELSE differ END AS differ
	RETURN p.id AS id, differ`

// CheckDerived lists the people whose stored derived facts disagree with a
// recomputation, one finding each, reading the people in batches, each in
// its own transaction so that no one statement holds a million people.
// A graph whose facts are not complete under the rules in force gets one
// finding that says so, instead of one per person.
func (db *DB) CheckDerived(ctx context.Context) ([]thelist.Finding, error) {
	var out []thelist.Finding
	ready, err := readTx(ctx, db, func(tx neo4j.ManagedTransaction) (bool, error) { return derivedReady(ctx, tx) })
	if err != nil {
		return nil, fmt.Errorf("check derived facts: %w", err)
	}
	if !ready {
		return []thelist.Finding{{Kind: thelist.FindingDerivedStale, Message: "derived facts are not complete under rules " +
			derivedVersion() + ": run thelist derive (reads compute credentials at query time until then)"}}, nil
	}
	params := derivedParams(today())
	params["batch"] = 5000
	cursor := ""
	for {
		params["cursor"] = cursor
		type step struct {
			findings []thelist.Finding
			n        int
			last     string
		}
		s, err := readTx(ctx, db, func(tx neo4j.ManagedTransaction) (step, error) {
			res, err := tx.Run(ctx, derivedDisagreement, params)
			if err != nil {
				return step{}, err
			}
			var s step
			for res.Next(ctx) {
				m := res.Record().AsMap()
				s.n++
				s.last = str(m, "id")
				if differ := strs(m, "differ"); len(differ) > 0 {
					s.findings = append(s.findings, thelist.Finding{Kind: thelist.FindingDerivedDisagree,
						RecordIDs: []string{s.last},
						Message: fmt.Sprintf("stored derived facts of %s disagree with a recomputation: %v (run thelist derive --force)",
							s.last, differ)})
				}
			}
			return s, res.Err()
		})
		if err != nil {
			return nil, fmt.Errorf("check derived facts after %q: %w", cursor, err)
		}
		out = append(out, s.findings...)
		if s.n < 5000 {
			return out, nil
		}
		cursor = s.last
	}
}
