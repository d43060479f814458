package graph

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// The three ways to find the moves of a flow, one per side given. Each
// seeks in a move index by the lab ids denormalised onto the Move node and
// the date range (flowWindow); the hint makes the planner's choice
// independent of its statistics, which on a fresh or skewed graph may
// favour a label scan. A move without a date is in neither composite index
// (Neo4j indexes a node only when it has every property), which the date
// range excludes anyway; such moves are counted apart as undated.
var (
	flowMovesFromTo = `
		MATCH (m:Move) USING INDEX m:Move(fromLabId, toLabId, date)
		WHERE m.fromLabId IN fromIds AND m.toLabId IN toIds AND ` + flowWindow
	flowMovesFrom = `
		MATCH (m:Move) USING INDEX m:Move(fromLabId, toLabId, date)
		WHERE m.fromLabId IN fromIds AND m.toLabId IS NOT NULL AND ` + flowWindow
	flowMovesTo = `
		MATCH (m:Move) USING INDEX m:Move(toLabId, date)
		WHERE m.toLabId IN toIds AND ` + flowWindow
)

// flowWindow is the date range of a flow's moves. With no window asked
// for, the statements say flowAnyDate instead: the same moves, but in the
// (from, to, date) index a range on the date after "to IS NOT NULL" is a
// filter that reads every move's date (228k db hits for the biggest lab
// at 1M people), where "date IS NOT NULL" is the index's own.
const (
	flowWindow  = `m.date >= $since AND m.date < $until`
	flowAnyDate = `m.date IS NOT NULL`
)

// The first moves of one bucket b (a flow's lab at the open end, b.other,
// and a period from b.lo to b.hi), one seek per side given: the moves of
// the flows shown are read bucket by bucket, a few each, so a lab's page
// reads its moves' index entries to count them and no more than
// $perBucket moves of each bucket it shows. Moves into a lab from no
// reported lab (b.other null) are not in the (from, to, date) index;
// flowSampleUnreported finds them through the (to, date) one.
var (
	flowSampleFromTo = `
		MATCH (m:Move) USING INDEX m:Move(fromLabId, toLabId, date)
		WHERE m.fromLabId IN fromIds AND m.toLabId IN toIds AND m.date >= b.lo AND m.date < b.hi`
	flowSampleFrom = `
		MATCH (m:Move) USING INDEX m:Move(fromLabId, toLabId, date)
		WHERE m.fromLabId IN fromIds AND m.toLabId = b.other AND m.date >= b.lo AND m.date < b.hi`
	flowSampleTo = `
		MATCH (m:Move) USING INDEX m:Move(fromLabId, toLabId, date)
		WHERE m.fromLabId = b.other AND m.toLabId IN toIds AND m.date >= b.lo AND m.date < b.hi`
	flowSampleUnreported = `
		MATCH (m:Move) USING INDEX m:Move(toLabId, date)
		WHERE m.toLabId IN toIds AND m.fromLabId IS NULL AND m.date >= b.lo AND m.date < b.hi`
)

// flowOther is the lab at the open end of move m's flow: null when both
// ends are given (one flow), or when the move came from no reported lab.
const flowOther = `CASE WHEN $to IS NULL THEN m.toLabId WHEN $from IS NULL THEN m.fromLabId END`

// flowPeriod is the period of move m's bucket: its month, or its year when
// flows are by year or the move's date gives only the year.
const flowPeriod = `CASE WHEN $month AND m.datePrecision <> 'year' THEN substring(toString(m.date), 0, 7)
	ELSE toString(m.date.year) END`

// flowBucketRange gives bucket b its date range, its period's within the
// flow's window, as b.lo and b.hi.
const flowBucketRange = `
	WITH *, CASE WHEN size(b.period) = 4 THEN date({year: toInteger(b.period)}) ELSE date(b.period + '-01') END AS start
	WITH *, CASE WHEN size(b.period) = 4 THEN start + duration({years: 1}) ELSE start + duration({months: 1}) END AS end
	WITH *, b { .*, lo: CASE WHEN $since > start THEN $since ELSE start END,
		hi: CASE WHEN $until < end THEN $until ELSE end END } AS b`

// flowFirstMoves reads, through sample, the first $perBucket moves in date
// order of each bucket in buckets: those whose period is the bucket's (a
// year-precision move of a monthly flow is in its year's bucket, not in
// January's).
func flowFirstMoves(buckets, sample string) string {
	return `COLLECT {
			UNWIND ` + buckets + ` AS b` + flowBucketRange + `
			CALL (b, fromIds, toIds) {
				` + sample + `
				WITH m WHERE ` + flowPeriod + ` = b.period
				WITH m ORDER BY m.date, m.id LIMIT $perBucket
				RETURN collect(m.id) AS ids
			}
			RETURN {other: b.other, period: b.period, ids: ids} AS k
		}`
}

// flowBuckets lists the buckets of the flows shown that hold where (a
// predicate on flow f: whether its open end is reported, say; "true" for
// all), as {other, period}.
func flowBuckets(where string) string {
	return "reduce(acc = [], f IN [f IN flows WHERE " + where + "] | acc + [k IN f.buckets | {other: f.other, period: k.period}])"
}

// flowQuery builds the talent-flow statement around one of the move seeks
// above, in one round trip: the moves counted by the lab at the open end
// (one group when both ends are given) from the index entries alone; the
// $topFlows largest of those flows counted by period, each through
// sample (and sampleUnreported, for moves into a lab from no reported one)
// with the whole window as its bucket; then the first $perBucket moves of
// each of their buckets.
//
// Counting every move by lab and period at once kept a list of every flow
// in every later row, and Neo4j charged each row that a bucket's ORDER BY
// … LIMIT keeps with it: 591 MB for the biggest lab at 1M people
// (PROFILE), so that two lab pages at once crossed the transaction
// memory limit (TOO_BROAD); it also worked out the period of all 114k of
// its moves, where only the shown flows' periods are read now.
func flowQuery(moves, sample, sampleUnreported, undated string) string {
	firstMoves := flowFirstMoves(flowBuckets("true"), sample)
	if sampleUnreported != "" {
		firstMoves = flowFirstMoves(flowBuckets("f.other IS NOT NULL"), sample) + " + " +
			flowFirstMoves(flowBuckets("f.other IS NULL"), sampleUnreported)
	}
	return `
	OPTIONAL MATCH (fl:Lab {id: $from})
	OPTIONAL MATCH (tl:Lab {id: $to})
	WITH fl, tl,
		CASE WHEN fl IS NULL THEN [] ELSE ` + labFamily("fl", "$children") + ` END AS fromIds,
		CASE WHEN tl IS NULL THEN [] ELSE ` + labFamily("tl", "$children") + ` END AS toIds
	CALL (fromIds, toIds) {
		` + moves + `
		WITH ` + flowOther + ` AS other, count(*) AS total
		ORDER BY total DESC, other
		WITH collect({other: other, total: total}) AS all, sum(total) AS count, count(*) AS flowCount
		RETURN count, flowCount, all[..$topFlows] AS top
	}
	CALL (fromIds, toIds, top) {
		UNWIND top AS f
		CALL (fromIds, toIds, f) {
			` + flowMovesOf(sample, sampleUnreported) + `
			WITH ` + flowPeriod + ` AS period, count(*) AS n
			ORDER BY period
			RETURN collect({period: period, count: n}) AS buckets
		}
		RETURN collect({other: f.other, count: f.total, buckets: buckets}) AS flows
	}
	WITH fl, tl, fromIds, toIds, count, flowCount, flows,
		` + undated + ` AS undated
	WITH *, CASE WHEN $perBucket = 0 THEN [] ELSE ` + firstMoves + ` END AS firstMoves
	WITH *, reduce(acc = [], k IN firstMoves | acc + k.ids) AS moveIds
	WITH fl.id AS fromId, tl.id AS toId, count, flowCount, flows, undated, firstMoves,
		COLLECT {
			MATCH (m:Move) WHERE m.id IN moveIds
			RETURN m { .id, .personId, .fromLabId, .toLabId, .date, .datePrecision, .confidence, .note,
				recruiterId: COLLECT { MATCH (m)-[:RECRUITED_BY]->(rp:Person) RETURN rp.id }[0],
				sources: COLLECT { MATCH (s:Source) WHERE s.id IN m.sources RETURN s { .* } ORDER BY s.id } }
		} AS moves
	WITH fromId, toId, count, flowCount, flows, undated, firstMoves, moves,
		[x IN moves | x.personId] + [x IN moves WHERE x.recruiterId IS NOT NULL | x.recruiterId] AS personIds,
		[fromId, toId] + [f IN flows WHERE f.other IS NOT NULL | f.other]
			+ [x IN moves WHERE x.fromLabId IS NOT NULL | x.fromLabId] + [x IN moves | x.toLabId] AS labIds
	RETURN fromId, toId, count, flowCount, flows, undated, firstMoves, moves, ` + peopleOf("personIds") + ` AS people, ` + labsByID("labIds") + ` AS labs`
}

// flowMovesOf binds m to every move in the window of flow f (its lab at
// the open end, f.other), through the bucket seeks sample and
// sampleUnreported with the window as bucket b.
func flowMovesOf(sample, sampleUnreported string) string {
	window := `WITH fromIds, toIds, f, {other: f.other, lo: $since, hi: $until} AS b`
	if sampleUnreported == "" {
		return window + sample
	}
	return `CALL (fromIds, toIds, f) {
				` + window + ` WHERE f.other IS NOT NULL` + sample + `
				RETURN m
				UNION ALL
				` + window + ` WHERE f.other IS NULL` + sampleUnreported + `
				RETURN m
			}`
}

// The undated moves of a flow are in no date index. With one end given
// they are counted without reading a move: the given labs' degree of the
// one relationship type that leaves there (FROM, or TO), which Neo4j
// keeps per node, less the moves of those labs that the date index holds
// (all of them dated, and every dated move is in it, its other end being
// required or, for moves in, in the (to, date) index). At 1M people
// finding them by expanding the biggest lab's 114k FROM relationships and
// reading each move's date was 228k db hits a direction. With both ends
// given, the undated moves between them are found from the first end's
// labs, as few as any lab has. CountUndated false skips both.
const undatedBetween = `size(COLLECT {
			MATCH (x:Lab)<-[:FROM]-(m:Move) WHERE x.id IN fromIds AND m.date IS NULL AND m.toLabId IN toIds
			RETURN DISTINCT m.id
		})`

// undatedByDegree is the count of undated moves by degree: rel is FROM
// or TO, ids the given end's labs, dated the seek of its dated moves in
// the window (flowMovesFrom or flowMovesTo), count the statement's count
// of them, which is all of them when windowed is false. The labs are
// bound before COUNT, so that Neo4j reads their degree and no
// relationship.
func undatedByDegree(rel, ids, dated string, windowed bool) string {
	all := "count"
	if windowed {
		all = "COUNT { " + strings.Replace(dated, flowWindow, flowAnyDate, 1) + " RETURN m }"
	}
	return `reduce(n = 0, d IN COLLECT { MATCH (x:Lab) WHERE x.id IN ` + ids + ` RETURN COUNT { (x)<-[:` + rel + `]-() } AS d } | n + d)
			- ` + all
}

// flowStatement is a talent-flow statement for the ends a query gives,
// whether it counts undated moves and whether it has a window.
type flowStatement struct {
	ends              string // "fromTo", "from" or "to"
	undated, windowed bool
}

var flowStmts = func() map[flowStatement]string {
	out := map[flowStatement]string{}
	for _, undated := range []bool{false, true} {
		for _, windowed := range []bool{false, true} {
			w := func(moves string) string {
				if windowed {
					return moves
				}
				return strings.Replace(moves, flowWindow, flowAnyDate, 1)
			}
			u := func(count string) string {
				if undated {
					return count
				}
				return "0"
			}
			out[flowStatement{"fromTo", undated, windowed}] = flowQuery(w(flowMovesFromTo), flowSampleFromTo, "", u(undatedBetween))
			out[flowStatement{"from", undated, windowed}] = flowQuery(w(flowMovesFrom), flowSampleFrom, "",
				u(undatedByDegree("FROM", "fromIds", flowMovesFrom, windowed)))
			out[flowStatement{"to", undated, windowed}] = flowQuery(w(flowMovesTo), flowSampleTo, flowSampleUnreported,
				u(undatedByDegree("TO", "toIds", flowMovesTo, windowed)))
		}
	}
	return out
}()

// flowStatementOf is q's statement.
func flowStatementOf(q thelist.FlowQuery) string {
	k := flowStatement{ends: "fromTo", undated: q.CountUndated, windowed: !q.Since.IsZero() || !q.Until.IsZero()}
	switch {
	case q.To == "":
		k.ends = "from"
	case q.From == "":
		k.ends = "to"
	}
	return flowStmts[k]
}

// The open ends of a flow's date range: the index range needs bounds, and
// these hold every date a report can give.
var (
	flowMinDate = neo4j.DateOf(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC))
	flowMaxDate = neo4j.DateOf(time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC))
)

// TalentFlows counts the moves from one lab to another (or to every lab, or
// from every lab) by period, with the first moves of each period, in one
// round trip.
func (db *DB) TalentFlows(ctx context.Context, q thelist.FlowQuery) (thelist.TalentFlows, error) {
	var out thelist.TalentFlows
	if q.From == "" && q.To == "" {
		return out, thelist.Errorf(thelist.EINVALID, "give from, to or both")
	}
	if q.Granularity != thelist.GranularityYear && q.Granularity != thelist.GranularityMonth {
		return out, thelist.Errorf(thelist.EINVALID, "granularity: want year or month")
	}
	if q.PerBucket < 0 || q.PerBucket > thelist.MaxPageSize {
		return out, thelist.Errorf(thelist.EINVALID, "perBucket: must be between 0 and %d", thelist.MaxPageSize)
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && !q.Since.Time.Before(q.Until.Time) {
		return out, thelist.Errorf(thelist.EINVALID, "since: must be before until")
	}
	query := flowStatementOf(q)
	since, until := any(flowMinDate), any(flowMaxDate)
	if !q.Since.IsZero() {
		since = dateParam(q.Since)
	}
	if !q.Until.IsZero() {
		until = dateParam(q.Until)
	}
	params := map[string]any{"from": nullable(q.From), "to": nullable(q.To), "children": q.IncludeChildren,
		"since": since, "until": until, "month": q.Granularity == thelist.GranularityMonth,
		"perBucket": q.PerBucket, "full": q.FullPeople, "topFlows": thelist.MaxFlows}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.TalentFlows, error) {
		m, err := singleRow(ctx, tx, query, params)
		if err != nil {
			return out, err
		}
		if q.From != "" && m["fromId"] == nil {
			return out, thelist.Errorf(thelist.ENOTFOUND, "no lab with id %q", q.From)
		} else if q.To != "" && m["toId"] == nil {
			return out, thelist.Errorf(thelist.ENOTFOUND, "no lab with id %q", q.To)
		}
		people, labs, err := decodePeopleAndLabs(m)
		if err != nil {
			return out, err
		}
		moves := map[string]thelist.FlowMove{}
		for _, mm := range maps(m["moves"]) {
			mv := thelist.FlowMove{ID: str(mm, "id"), Person: personOr(people, str(mm, "personId")),
				FromLab: labs[str(mm, "fromLabId")], ToLab: labs[str(mm, "toLabId")]}
			if id := str(mm, "recruiterId"); id != "" {
				r := personOr(people, id)
				mv.Recruiter = &r
			}
			if mv.Date, err = dateOf(mm, "date"); err != nil {
				return out, err
			}
			if mv.Fact, err = factOf(mm); err != nil {
				return out, err
			}
			moves[mv.ID] = mv
		}
		// The first moves of each bucket shown, by the lab at its open
		// end ("" when none is reported, or both ends are given) and period.
		firstMoves := map[[2]string][]string{}
		for _, k := range maps(m["firstMoves"]) {
			firstMoves[[2]string{str(k, "other"), str(k, "period")}] = strs(k, "ids")
		}
		out.From, out.To, out.Undated = labs[str(m, "fromId")], labs[str(m, "toId")], intOf(m, "undated")
		out.Flows = []thelist.Flow{}
		for _, fm := range maps(m["flows"]) {
			f := thelist.Flow{From: out.From, To: out.To, Count: intOf(fm, "count")}
			other := labs[str(fm, "other")]
			switch {
			case q.To == "":
				f.To = other
			case q.From == "":
				f.From = other
			}
			for _, bm := range maps(fm["buckets"]) {
				b := thelist.FlowBucket{Period: str(bm, "period"), Count: intOf(bm, "count"), Moves: []thelist.FlowMove{}}
				for _, id := range firstMoves[[2]string{str(fm, "other"), b.Period}] {
					b.Moves = append(b.Moves, moves[id])
				}
				f.Buckets = append(f.Buckets, b)
			}
			out.Flows = append(out.Flows, f)
		}
		out.Count = intOf(m, "count")
		out.Capped = intOf(m, "flowCount") > len(out.Flows)
		// Most moves first; ties by the open end's name, moves from an
		// unreported lab last.
		name := func(f thelist.Flow) string {
			l := f.To
			if q.From == "" {
				l = f.From
			}
			if l == nil {
				return "\uffff"
			}
			return l.Name
		}
		slices.SortStableFunc(out.Flows, func(a, b thelist.Flow) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(name(a), name(b)))
		})
		return out, nil
	})
}
