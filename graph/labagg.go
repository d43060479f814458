package graph

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/cluster"
)

// This file keeps a lab's departures at write time, so that a lab's alumni
// page costs what its answer costs, not what the lab's history costs.
//
// A (:Departure) node says that one person left one lab scope: a lab alone
// (family false) or a lab with every lab that is part of it (family true,
// kept only for labs that have parts). It holds when and how they left and
// where they went next, found by alumnusSteps, the same Cypher that the
// live alumni query runs, with asOf null: the whole known history. It is
// a function of the person's stints and moves and of the labs' PART_OF
// tree, and nothing else (no clock), so it is recomputed, in the write's
// own transaction, for exactly the people whose stints or moves a write
// touched, and for the people of a lab tree whose shape a write changed.
//
// Why a node per person and scope rather than counts per (lab, destination,
// year): counts would be hot nodes that every parallel import writer
// updates (deadlocks and retries on the biggest lab), and a page of alumni
// needs the people anyway. The counts are read from the departure_lab index
// alone (every property the count needs is in it, so Neo4j reads no node):
// PROFILE at 100k people showed the biggest lab's 15k departures counted by
// destination and year from the index in tens of milliseconds (docs/api.md,
// "Alumni at scale").

// labaggSchema are the indexes the kept departures need. departure_lab
// serves the counts and the keyset pages (labId, family and a left range,
// with nextLabId and personId read from the index); departure_next serves
// the latest alumni of one destination; departure_person finds a person's
// departures to replace them. A node is in an index only when it has every
// property, so a departure without a next lab stores nextLabId ”.
var labaggSchema = []string{
	"CREATE INDEX departure_lab IF NOT EXISTS FOR (n:Departure) ON (n.labId, n.family, n.left, n.nextLabId, n.personId)",
	"CREATE INDEX departure_next IF NOT EXISTS FOR (n:Departure) ON (n.labId, n.family, n.nextLabId, n.left, n.personId)",
	"CREATE INDEX departure_person IF NOT EXISTS FOR (n:Departure) ON (n.personId)",
}

func init() { schema = append(schema, labaggSchema...) }

// alumnusSteps is the rule of who left a lab family and where they went
// next, once, for both the live alumni query (alumniQuery, as of a day) and
// the kept departures (asOf null). It continues a query that binds who and
// family (and whatever else carry names; carry must list who and family),
// keeps only the rows where who has left the family (and window holds, a
// predicate on exit, or "" for none), and binds exit, stint (their last
// stint there) and next (null when nothing says).
//
// A person left the family on the latest of their departures from it: the
// end of a stint at one of its labs, or a move from one of its labs to a lab
// outside it. They are not alumni while a stint in the family is still open
// (no end, or an end after asOf) unless a move out dated on or after that
// stint's start says they left it. Moving between the labs of the family is
// not leaving. asOf reads history as it was known that day: a stint whose
// end period is not over by then has not ended, and stints and moves that
// began later do not exist yet.
//
// The next lab is the first stint outside the family, or move to a lab
// outside it, whose date's period is not over before the departure (a stint
// starting "2023" follows a departure in "2023-05"); on the same date a move,
// which reports the change itself, wins over a stint.
func alumnusSteps(carry, asOf, window string) string {
	if window != "" {
		window = "AND " + window
	}
	return `
	WITH ` + carry + `,
		[(who)-[w:WORKED_AT]->(wl:Lab) WHERE wl.id IN family AND ` + startedBy("w", asOf) + ` | w] AS here,
		[(who)-[:MADE_MOVE]->(mv:Move) WHERE mv.fromLabId IN family AND NOT coalesce(mv.toLabId, '') IN family
			AND mv.date IS NOT NULL AND (` + asOf + ` IS NULL OR mv.date <= ` + asOf + `) | mv] AS outs
	WITH ` + carry + `, here, outs,
		[w IN here WHERE w.end IS NOT NULL AND (` + asOf + ` IS NULL OR ` + periodEnd("w", "end") + ` <= ` + asOf + `) |
			{date: w.end, precision: w.endPrecision, by: 'STINT', id: w.id}] +
		[mv IN outs | {date: mv.date, precision: mv.datePrecision, by: 'MOVE', id: mv.id}] AS exits
	WITH ` + carry + `, here, outs, reduce(best = null, e IN exits |
		CASE WHEN best IS NULL OR e.date > best.date OR (e.date = best.date AND (e.by < best.by OR (e.by = best.by AND e.id < best.id)))
		THEN e ELSE best END) AS exit
	WHERE exit IS NOT NULL ` + window + `
		AND NOT any(w IN here WHERE (w.end IS NULL OR (` + asOf + ` IS NOT NULL AND ` + periodEnd("w", "end") + ` > ` + asOf + `))
			AND NOT any(mv IN outs WHERE w.start IS NULL OR mv.date >= w.start))
	WITH ` + carry + `, exit, reduce(last = null, w IN here |
		CASE WHEN last IS NULL OR coalesce(w.end, w.start) > coalesce(last.end, last.start)
			OR (coalesce(w.end, w.start) = coalesce(last.end, last.start) AND w.id > last.id) THEN w ELSE last END) AS stint
	OPTIONAL CALL (who, exit, family) {
		CALL (who, exit, family) {
			MATCH (who)-[w:WORKED_AT]->(nl:Lab)
			WHERE NOT nl.id IN family AND w.start IS NOT NULL AND ` + periodEnd("w", "start") + ` > exit.date
				AND ` + startedBy("w", asOf) + `
			RETURN nl.id AS labId, w.start AS date, w.startPrecision AS precision, 'STINT' AS by, w.id AS id,
				w.confidence AS confidence, w.note AS note, w.sources AS sources
			UNION
			MATCH (who)-[:MADE_MOVE]->(mv:Move)
			WHERE mv.toLabId IS NOT NULL AND NOT mv.toLabId IN family AND mv.date IS NOT NULL
				AND ` + periodEnd("mv", "date") + ` > exit.date AND (` + asOf + ` IS NULL OR mv.date <= ` + asOf + `)
			RETURN mv.toLabId AS labId, mv.date AS date, mv.datePrecision AS precision, 'MOVE' AS by, mv.id AS id,
				mv.confidence AS confidence, mv.note AS note, mv.sources AS sources
		}
		RETURN {labId: labId, date: date, datePrecision: precision, by: by, id: id, confidence: confidence, note: note,
			sources: sources} AS next
		ORDER BY date, by, id LIMIT 1
	}
`
}

// departureScopes binds, for each person who in $ids, every lab scope they
// may have left: each lab they worked at or moved from (family false), and
// each lab with parts above or at it (family true), with its family's ids.
var departureScopes = `
	UNWIND $ids AS pid
	MATCH (who:Person {id: pid})
	CALL (who) {
		MATCH (who)-[:WORKED_AT]->(t:Lab) RETURN t
		UNION
		MATCH (who)-[:MADE_MOVE]->(mv:Move) WHERE mv.fromLabId IS NOT NULL
		MATCH (t:Lab {id: mv.fromLabId}) RETURN t
	}
	CALL (t) {
		RETURN t AS scope, false AS fam
		UNION
		MATCH (t)-[:PART_OF*0..]->(a:Lab) WHERE EXISTS { (:Lab)-[:PART_OF]->(a) } RETURN a AS scope, true AS fam
	}
	WITH DISTINCT who, scope, fam
	WITH who, scope, fam, ` + labFamily("scope", "fam") + ` AS family
	` + alumnusSteps("who, scope, fam, family", "null", "") + `
	WITH who.id AS personId, scope.id AS labId, fam AS family, exit.date AS left, exit.precision AS leftPrecision,
		exit.by AS leftBy, exit.id AS leftId, stint.id AS stintId, coalesce(next.labId, '') AS nextLabId,
		next.date AS nextDate, next.datePrecision AS nextPrecision, next.by AS nextBy, next.id AS nextId`

// departureProps are the properties of a Departure, in departureScopes'
// names, for writing and for comparing.
var departureProps = []string{"personId", "labId", "family", "left", "leftPrecision", "leftBy", "leftId", "stintId",
	"nextLabId", "nextDate", "nextPrecision", "nextBy", "nextId"}

var (
	// lockPeople takes each person's write lock, in id order, so that two
	// writers that touch one person recompute their departures one after
	// the other, each from what the other committed.
	lockPeople = `UNWIND $ids AS pid MATCH (p:Person {id: pid}) SET p._departures = true REMOVE p._departures`
	// deleteDepartures removes the people's kept departures.
	deleteDepartures = `UNWIND $ids AS pid MATCH (d:Departure {personId: pid}) DELETE d`
	// createDepartures writes the people's departures as they are now.
	createDepartures = departureScopes + `
	CREATE (d:Departure {personId: personId, labId: labId, family: family, left: left, leftPrecision: leftPrecision,
		leftBy: leftBy, leftId: leftId, stintId: stintId, nextLabId: nextLabId, nextDate: nextDate,
		nextPrecision: nextPrecision, nextBy: nextBy, nextId: nextId})`
)

// departureBatch is how many people one statement recomputes.
const departureBatch = 2000

// refreshDepartures recomputes the kept departures of the people with the
// given ids, in tx.
func refreshDepartures(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) error {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for chunk := range slices.Chunk(ids, departureBatch) {
		for _, q := range []string{lockPeople, deleteDepartures, createDepartures} {
			res, err := tx.Run(ctx, q, map[string]any{"ids": chunk})
			if err == nil {
				_, err = res.Consume(ctx)
			}
			if err != nil {
				return fmt.Errorf("keep departures: %w", err)
			}
		}
	}
	return nil
}

// labParents reads the parent of each lab that the labs batch of splits
// changes, before the write, for keepDepartures to see which trees
// changed shape.
func labParents(ctx context.Context, tx neo4j.ManagedTransaction, splits []split) (map[string]string, error) {
	var ids []string
	for _, sp := range splits {
		if sp.kind == thelist.KindLabs {
			for _, row := range sp.changed {
				ids = append(ids, str(row, "id"))
			}
		}
	}
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	res, err := tx.Run(ctx, `UNWIND $ids AS id MATCH (l:Lab {id: id})
		RETURN id, COLLECT { MATCH (l)-[:PART_OF]->(p:Lab) RETURN p.id }[0] AS parent`, map[string]any{"ids": ids})
	recs, err := neo4j.CollectWithContext(ctx, res, err)
	if err != nil {
		return nil, fmt.Errorf("keep departures: read lab parents: %w", err)
	}
	for _, r := range recs {
		m := r.AsMap()
		out[str(m, "id")] = str(m, "parent")
	}
	return out, nil
}

// keepDepartures recomputes, in the write's transaction, the departures of
// the people whose stints or moves the write touched, and of every person
// of a lab tree that a new lab joined or a changed lab joined or left
// (parentsBefore, from labParents). It runs after the write, so it reads
// what the transaction wrote.
//
// A stint or move given to another person leaves the departures of the
// person it was taken from as they were: the write does not say who that
// was. `thelist check` reports it and `thelist aggregates rebuild` mends it.
func keepDepartures(ctx context.Context, tx neo4j.ManagedTransaction, splits []split, parentsBefore map[string]string) error {
	var people, trees []string
	for _, sp := range splits {
		for _, rows := range [][]map[string]any{sp.fresh, sp.changed} {
			for _, row := range rows {
				switch sp.kind {
				case thelist.KindStints:
					people = append(people, str(row, "from"))
				case thelist.KindMoves:
					if props, ok := row["props"].(map[string]any); ok {
						people = append(people, str(props, "personId"))
					}
				}
			}
		}
		if sp.kind != thelist.KindLabs {
			continue
		}
		for _, row := range sp.fresh {
			if p := str(row, "parentId"); p != "" {
				trees = append(trees, p)
			}
		}
		for _, row := range sp.changed {
			before, now := parentsBefore[str(row, "id")], str(row, "parentId")
			if before != now {
				trees = append(trees, str(row, "id"))
				if before != "" {
					trees = append(trees, before)
				}
			}
		}
	}
	if len(trees) > 0 {
		res, err := tx.Run(ctx, peopleOfTrees, map[string]any{"ids": trees})
		rec, err := neo4j.SingleWithContext(ctx, res, err)
		if err != nil {
			return fmt.Errorf("keep departures: people of changed lab trees: %w", err)
		}
		ids, _ := rec.Get("ids")
		for _, id := range ids.([]any) {
			people = append(people, id.(string))
		}
	}
	if len(people) == 0 {
		return nil
	}
	return refreshDepartures(ctx, tx, people)
}

// peopleOfTrees is every person who worked at, or moved from, a lab of the
// whole PART_OF tree of any lab in $ids.
var peopleOfTrees = `
	UNWIND $ids AS id
	MATCH (:Lab {id: id})-[:PART_OF*0..]->(root:Lab) WHERE NOT EXISTS { (root)-[:PART_OF]->(:Lab) }
	WITH DISTINCT root
	MATCH (x:Lab)-[:PART_OF*0..]->(root)
	WITH DISTINCT x
	CALL (x) {
		MATCH (p:Person)-[:WORKED_AT]->(x) RETURN p.id AS pid
		UNION
		MATCH (m:Move) WHERE m.fromLabId = x.id RETURN m.personId AS pid
	}
	RETURN collect(DISTINCT pid) AS ids`

// RebuildDepartures recomputes every person's kept departures, in batches
// of people that each commit on their own, and reports progress after each
// batch as (people done, people in all). Writers batches run at once. It
// is for a database written before departures were kept, or one that
// `thelist check` found out of step; reads stay correct for people not yet
// rebuilt only once it ends.
func (db *DB) RebuildDepartures(ctx context.Context, batch, writers int, progress func(done, total int)) error {
	if batch <= 0 {
		batch = departureBatch
	}
	if writers <= 0 {
		writers = 1
	}
	total, err := readTx(ctx, db, func(tx neo4j.ManagedTransaction) (int, error) {
		m, err := singleRow(ctx, tx, `MATCH (p:Person) RETURN count(p) AS n`, nil)
		return intOf(m, "n"), err
	})
	if err != nil {
		return fmt.Errorf("rebuild departures: %w", err)
	}
	// Departures of people that no longer exist (none today: people are
	// never deleted) would otherwise stay forever.
	type job struct{ ids []string }
	jobs := make(chan job)
	errs := make(chan error, writers)
	done := make(chan int)
	for range writers {
		go func() {
			for j := range jobs {
				_, err := writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (struct{}, error) {
					return struct{}{}, refreshDepartures(ctx, tx, j.ids)
				})
				if err != nil {
					errs <- err
					return
				}
				done <- len(j.ids)
			}
			errs <- nil
		}()
	}
	go func() {
		defer close(jobs)
		after := ""
		for {
			ids, err := readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]string, error) {
				m, err := singleRow(ctx, tx, `MATCH (p:Person) WHERE p.id > $after
					WITH p.id AS id ORDER BY id LIMIT $n RETURN collect(id) AS ids`, map[string]any{"after": after, "n": batch})
				return strs(m, "ids"), err
			})
			if err != nil {
				errs <- err
				return
			}
			if len(ids) == 0 {
				return
			}
			select {
			case jobs <- job{ids}:
			case <-ctx.Done():
				return
			}
			after = ids[len(ids)-1]
		}
	}()
	n, finished := 0, 0
	var first error
	for finished < writers {
		select {
		case k := <-done:
			n += k
			if progress != nil {
				progress(n, total)
			}
		case err := <-errs:
			if err != nil && first == nil {
				first = err
			}
			if err != nil {
				// A failed writer stops taking jobs; drain the rest so the
				// feeder ends.
				go func() {
					for range jobs {
					}
				}()
			}
			finished++
		}
	}
	if first != nil {
		return fmt.Errorf("rebuild departures: %w", first)
	}
	return nil
}

// DepartureMismatch is a person whose kept departures differ from those
// recomputed now.
type DepartureMismatch struct {
	PersonID       string
	Kept, Computed int // how many departures each side has
}

// CheckDepartures recomputes the departures of every person, batch by
// batch, without writing, and returns the people whose kept departures
// differ (at most limit of them), how many people it compared and how many
// differ in all.
func (db *DB) CheckDepartures(ctx context.Context, limit int, progress func(done, total int)) ([]DepartureMismatch, int, int, error) {
	var out []DepartureMismatch
	after, n, differ := "", 0, 0
	total, err := readTx(ctx, db, func(tx neo4j.ManagedTransaction) (int, error) {
		m, err := singleRow(ctx, tx, `MATCH (p:Person) RETURN count(p) AS n`, nil)
		return intOf(m, "n"), err
	})
	if err != nil {
		return nil, 0, 0, fmt.Errorf("check departures: %w", err)
	}
	for {
		type batch struct {
			ids []string
			bad []DepartureMismatch
		}
		r, err := readTx(ctx, db, func(tx neo4j.ManagedTransaction) (batch, error) {
			var r batch
			m, err := singleRow(ctx, tx, `MATCH (p:Person) WHERE p.id > $after
				WITH p.id AS id ORDER BY id LIMIT $n RETURN collect(id) AS ids`, map[string]any{"after": after, "n": departureBatch})
			if err != nil {
				return r, err
			}
			r.ids = strs(m, "ids")
			if len(r.ids) == 0 {
				return r, nil
			}
			r.bad, err = compareDepartures(ctx, tx, r.ids)
			return r, err
		})
		ids, bad := r.ids, r.bad
		if err != nil {
			return out, n, differ, fmt.Errorf("check departures: %w", err)
		}
		if len(ids) == 0 {
			return out, n, differ, nil
		}
		n += len(ids)
		differ += len(bad)
		for _, b := range bad {
			if len(out) < limit {
				out = append(out, b)
			}
		}
		if progress != nil {
			progress(n, total)
		}
		after = ids[len(ids)-1]
	}
}

// compareDepartures recomputes the departures of ids and compares them,
// property by property, with the kept ones.
func compareDepartures(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) ([]DepartureMismatch, error) {
	key := func(m map[string]any) string {
		b, err := json.Marshal(jsonable(pick(m, departureProps)))
		if err != nil {
			return fmt.Sprint(m)
		}
		return string(b)
	}
	computed := map[string]map[string]int{}
	kept := map[string]map[string]int{}
	add := func(into map[string]map[string]int, m map[string]any) {
		p := str(m, "personId")
		if into[p] == nil {
			into[p] = map[string]int{}
		}
		into[p][key(m)]++
	}
	res, err := tx.Run(ctx, departureScopes+`
		RETURN personId, labId, family, left, leftPrecision, leftBy, leftId, stintId, nextLabId, nextDate,
			nextPrecision, nextBy, nextId`, map[string]any{"ids": ids})
	recs, err := neo4j.CollectWithContext(ctx, res, err)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		add(computed, r.AsMap())
	}
	res, err = tx.Run(ctx, `UNWIND $ids AS pid MATCH (d:Departure {personId: pid}) RETURN d { .* } AS d`,
		map[string]any{"ids": ids})
	recs, err = neo4j.CollectWithContext(ctx, res, err)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		d, _ := r.Get("d")
		add(kept, d.(map[string]any))
	}
	var out []DepartureMismatch
	for _, id := range ids {
		k, c := kept[id], computed[id]
		same := len(k) == len(c)
		for key, n := range k {
			if c[key] != n {
				same = false
			}
		}
		if !same {
			out = append(out, DepartureMismatch{PersonID: id, Kept: total(k), Computed: total(c)})
		}
	}
	return out, nil
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func pick(m map[string]any, keys []string) map[string]any {
	out := make(map[string]any, len(keys))
	for _, k := range keys {
		out[k] = m[k]
	}
	return out
}

// keptAlumniQuery answers from the kept departures, in one statement: it
// counts a lab scope's departures in a window by next lab (” for unknown)
// and year from the departure_lab index alone (every property it needs is
// in the index), picks the cluster.TopDestinations destinations with most
// alumni, reads one keyset page of alumni (latest departure first) and the
// latest cluster.PerDestination alumni of each top destination, and then,
// for the page only, their last stint there and the record of where they
// went next, and for the top destinations' alumni what package cluster
// needs for their ties. The USING INDEX hints name every property of their
// index, which Neo4j requires of a hint on a composite index; the IS NOT
// NULL predicates that make that so hold for every departure.
//
// The counts by next lab and year come last, and the top destinations
// from an index pass of their own rather than from those counts: Neo4j
// charges every row a sort or a LIMIT keeps with each list in scope, and
// with the 44,102 counts of the biggest lab at 1M people in scope the
// page's 51 rows were charged 1.09 GB (PROFILE), so that two alumni reads
// at once crossed the server's transaction memory limit (TOO_BROAD at 4
// clients, BENCHMARKS.md). The extra pass reads the index entries again
// (121k there, tens of milliseconds).
var keptAlumniQuery = `
	MATCH (lab:Lab {id: $lab})
	WITH lab, $children AND EXISTS { (:Lab)-[:PART_OF]->(lab) } AS fam
	CALL (fam) {
		MATCH (d:Departure) USING INDEX d:Departure(labId, family, left, nextLabId, personId)
		WHERE d.labId = $lab AND d.family = fam AND d.left >= $since AND d.left < $until AND d.left <= $afterLeft
			AND (d.left < $afterLeft OR d.personId > $afterId) AND d.nextLabId IS NOT NULL AND d.personId IS NOT NULL
		WITH d ORDER BY d.left DESC, d.personId LIMIT $first
		RETURN collect(d { .* }) AS page
	}
	CALL (fam) {
		MATCH (d:Departure) USING INDEX d:Departure(labId, family, left, nextLabId, personId)
		WHERE d.labId = $lab AND d.family = fam AND d.left >= $since AND d.left < $until
			AND d.nextLabId > '' AND d.personId IS NOT NULL
		WITH d.nextLabId AS next, count(*) AS n ORDER BY n DESC, next LIMIT $topDestinations
		RETURN collect(next) AS top
	}
	CALL (fam, top) {
		UNWIND top AS dest
		CALL (fam, dest) {
			MATCH (d:Departure) USING INDEX d:Departure(labId, family, nextLabId, left, personId)
			WHERE d.labId = $lab AND d.family = fam AND d.nextLabId = dest AND d.left >= $since AND d.left < $until
				AND d.personId IS NOT NULL
			WITH d ORDER BY d.left DESC, d.personId LIMIT $perDestination
			RETURN d
		}
		RETURN collect(d { .* }) AS candidates
	}
	CALL (fam) {
		MATCH (d:Departure) USING INDEX d:Departure(labId, family, left, nextLabId, personId)
		WHERE d.labId = $lab AND d.family = fam AND d.left >= $since AND d.left < $until
			AND d.nextLabId IS NOT NULL AND d.personId IS NOT NULL
		WITH d.nextLabId AS next, d.left.year AS year, count(*) AS n
		RETURN collect({next: next, year: year, count: n}) AS groups
	}
	CALL (page) {
		UNWIND page AS d
		OPTIONAL MATCH ()-[w:WORKED_AT {id: d.stintId}]->(wl:Lab)
		OPTIONAL MATCH (nm:Move {id: d.nextId}) WHERE d.nextBy = 'MOVE'
		OPTIONAL MATCH ()-[ns:WORKED_AT {id: d.nextId}]->() WHERE d.nextBy = 'STINT'
		WITH d, w, wl, CASE WHEN nm IS NOT NULL THEN nm { .confidence, .note, .sources }
			ELSE ns { .confidence, .note, .sources } END AS nf
		RETURN collect({person: d.personId, left: d.left, leftPrecision: d.leftPrecision, leftBy: d.leftBy,
			stint: CASE WHEN w IS NULL THEN null ELSE w { ` + stintProps + `, labId: wl.id,
				sources: ` + fmt.Sprintf(sourcesOf, "w") + ` } END,
			next: CASE WHEN d.nextLabId = '' THEN null ELSE {labId: d.nextLabId, date: d.nextDate,
				datePrecision: d.nextPrecision, by: d.nextBy, id: d.nextId, confidence: nf.confidence, note: nf.note,
				sources: ` + fmt.Sprintf(sourcesOf, "nf") + `} END}) AS rows
	}
	WITH lab, groups, top, rows, candidates, [c IN candidates | c.personId] AS ids
	` + alumniTies + `
	WITH lab, groups, rows, candidates, ids, labStints, papers, [x IN rows | x.person] + ids AS personIds,
		[lab.id] + [x IN rows WHERE x.next IS NOT NULL | x.next.labId] + [x IN rows WHERE x.stint IS NOT NULL | x.stint.labId]
			+ top + [x IN labStints | x.labId] AS labIds
	RETURN lab.id AS labId, groups, rows, candidates, labStints, papers, ` + peopleOf("personIds") + ` AS people, ` +
	labsByID("labIds") + ` AS labs`

// alumniCursor is where a page of alumni ends: the departure date and the
// person's id of its last row.
type alumniCursor struct {
	Left string `json:"l"`
	ID   string `json:"i"`
}

func encodeAlumniCursor(a thelist.Alumnus) string {
	b, err := json.Marshal(alumniCursor{Left: a.Left.Time.Format(time.DateOnly), ID: a.Person.ID})
	if err != nil {
		panic(err) // two strings always marshal
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeAlumniCursor(s string) (time.Time, string, error) {
	bad := thelist.Errorf(thelist.EINVALID, "after: not a cursor returned by this API for labAlumni")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return time.Time{}, "", bad
	}
	var c alumniCursor
	if err := json.Unmarshal(b, &c); err != nil || c.ID == "" {
		return time.Time{}, "", bad
	}
	t, err := time.Parse(time.DateOnly, c.Left)
	if err != nil {
		return time.Time{}, "", bad
	}
	return t, c.ID, nil
}

// keptAlumni answers an alumni query of today's history from the kept
// departures, in one statement (keptAlumniQuery).
func (db *DB) keptAlumni(ctx context.Context, q thelist.AlumniQuery, first int, after string) (thelist.LabAlumni, error) {
	since, until := any(flowMinDate), any(flowMaxDate)
	if !q.Since.IsZero() {
		since = dateParam(q.Since)
	}
	if !q.Until.IsZero() {
		until = dateParam(q.Until)
	}
	afterLeft, afterID := any(flowMaxDate), ""
	if after != "" {
		t, id, err := decodeAlumniCursor(after)
		if err != nil {
			return thelist.LabAlumni{}, err
		}
		afterLeft, afterID = neo4j.DateOf(t), id
	}
	horizon := now().UTC().AddDate(0, 0, 1)
	params := map[string]any{"lab": q.LabID, "children": q.IncludeChildren, "since": since, "until": until,
		"afterLeft": afterLeft, "afterId": afterID, "first": first + 1, "topDestinations": cluster.TopDestinations,
		"perDestination": cluster.PerDestination, "asOf": nil, "horizon": neo4j.DateOf(horizon), "full": q.FullPeople}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.LabAlumni, error) {
		var out thelist.LabAlumni
		m, err := firstRow(ctx, tx, keptAlumniQuery, params, thelist.Errorf(thelist.ENOTFOUND, "no lab with id %q", q.LabID))
		if err != nil {
			return out, err
		}
		var counts []cluster.Count
		for _, g := range maps(m["groups"]) {
			c := cluster.Count{Next: str(g, "next"), Year: intOf(g, "year"), N: intOf(g, "count")}
			out.Count += c.N
			counts = append(counts, c)
		}
		people, labs, err := decodePeopleAndLabs(m)
		if err != nil {
			return out, fmt.Errorf("alumni: %w", err)
		}
		out.Lab = *labOr(labs, q.LabID)
		if out.Alumni, err = decodeAlumniRows(m["rows"], people, labs); err != nil {
			return out, err
		}
		if len(out.Alumni) > first {
			out.Alumni = out.Alumni[:first]
			out.EndCursor, out.HasMore = encodeAlumniCursor(out.Alumni[first-1]), true
		} else if len(out.Alumni) > 0 {
			out.EndCursor = encodeAlumniCursor(out.Alumni[len(out.Alumni)-1])
		}
		var candidates []thelist.Alumnus
		for _, c := range maps(m["candidates"]) {
			a := thelist.Alumnus{Person: personOr(people, str(c, "personId")), LeftBy: str(c, "leftBy")}
			if a.Left, err = dateOf(c, "left"); err != nil {
				return out, fmt.Errorf("alumnus %s: %w", a.Person.ID, err)
			}
			next := thelist.AlumnusNext{Lab: labOr(labs, str(c, "nextLabId")), By: str(c, "nextBy"), ID: str(c, "nextId")}
			if next.Date, err = dateOf(c, "nextDate"); err != nil {
				return out, fmt.Errorf("alumnus %s: next: %w", a.Person.ID, err)
			}
			a.Next = &next
			candidates = append(candidates, a)
		}
		lab := func(id string) *thelist.Lab { return labOr(labs, id) }
		out.Destinations, out.Periods, out.Capped = cluster.FromCounts(counts, candidates, lab)
		if out.Clusters, err = clustersOf(m, candidates, lab); err != nil {
			return out, err
		}
		return out, nil
	})
}

// departurePersonOf is the person whose departures a retraction of the
// record changes: the person of a stint or a move; "" for other kinds.
func departurePersonOf(ctx context.Context, tx neo4j.ManagedTransaction, kind, id string) (string, error) {
	var q string
	switch kind {
	case thelist.KindStints:
		q = `MATCH (p:Person)-[w:WORKED_AT {id: $id}]->() RETURN p.id AS id`
	case thelist.KindMoves:
		q = `MATCH (m:Move {id: $id}) RETURN m.personId AS id`
	default:
		return "", nil
	}
	res, err := tx.Run(ctx, q, map[string]any{"id": id})
	recs, err := neo4j.CollectWithContext(ctx, res, err)
	if err != nil || len(recs) == 0 {
		return "", err
	}
	v, _ := recs[0].Get("id")
	s, _ := v.(string)
	return s, nil
}

// maxDepartureFindings bounds the stale-departures findings of one check:
// a database written before departures were kept would otherwise list
// every person.
const maxDepartureFindings = 100

// staleDepartures is thelist check's finding for each person whose kept
// departures differ from those worked out again (at most
// maxDepartureFindings, then one that says how many more).
func (db *DB) staleDepartures(ctx context.Context) ([]thelist.Finding, error) {
	bad, _, n, err := db.CheckDepartures(ctx, maxDepartureFindings, nil)
	if err != nil {
		return nil, err
	}
	var out []thelist.Finding
	for _, b := range bad {
		out = append(out, thelist.Finding{Kind: thelist.FindingStaleDepartures, RecordIDs: []string{b.PersonID},
			Message: fmt.Sprintf("%s has %d kept departures, %d worked out from their jobs and moves: run thelist aggregates rebuild",
				b.PersonID, b.Kept, b.Computed)})
	}
	if n > len(bad) {
		out = append(out, thelist.Finding{Kind: thelist.FindingStaleDepartures, RecordIDs: []string{},
			Message: fmt.Sprintf("and %d more people whose kept departures differ", n-len(bad))})
	}
	return out, nil
}

// memberCursor is where a page of a lab's current people ends: the known
// start (start, or last seen) and the id of its last stint.
type memberCursor struct {
	Since string `json:"s"`
	ID    string `json:"i"`
}

func encodeMemberCursor(s thelist.Stint) string {
	since := s.Start
	if since.IsZero() {
		since = s.LastSeen
	}
	b, err := json.Marshal(memberCursor{Since: since.Time.Format(time.DateOnly), ID: s.ID})
	if err != nil {
		panic(err) // two strings always marshal
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeMemberCursor(s string) (time.Time, string, error) {
	bad := thelist.Errorf(thelist.EINVALID, "after: not a cursor returned by this API for a lab's people")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return time.Time{}, "", bad
	}
	var c memberCursor
	if err := json.Unmarshal(b, &c); err != nil || c.ID == "" {
		return time.Time{}, "", bad
	}
	t, err := time.Parse(time.DateOnly, c.Since)
	if err != nil {
		return time.Time{}, "", bad
	}
	return t, c.ID, nil
}
