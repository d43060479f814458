package graph

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// The three ways to find the moves of a flow, one per side given. Each
// seeks in a move index by the lab ids denormalised onto the Move node and
// the date range; the hint makes the planner's choice independent of its
// statistics, which on a fresh or skewed graph may favour a label scan. A
// move without a date is in neither composite index (Neo4j indexes a node
// only when it has every property), which the date range excludes anyway;
// such moves are counted apart as undated.
var (
	flowMovesFromTo = `
		MATCH (m:Move) USING INDEX m:Move(fromLabId, toLabId, date)
		WHERE m.fromLabId IN fromIds AND m.toLabId IN toIds AND m.date >= $since AND m.date < $until`
	flowMovesFrom = `
		MATCH (m:Move) USING INDEX m:Move(fromLabId, toLabId, date)
		WHERE m.fromLabId IN fromIds AND m.toLabId IS NOT NULL AND m.date >= $since AND m.date < $until`
	flowMovesTo = `
		MATCH (m:Move) USING INDEX m:Move(toLabId, date)
		WHERE m.toLabId IN toIds AND m.date >= $since AND m.date < $until`
)

// flowQuery builds the talent-flow statement around one of the move seeks
// above: moves grouped by the lab at the open end (one group when both ends
// are given) and by period, with the first $perBucket moves of each bucket
// read in full, all in one round trip.
func flowQuery(moves string) string {
	return `
	OPTIONAL MATCH (fl:Lab {id: $from})
	OPTIONAL MATCH (tl:Lab {id: $to})
	WITH fl, tl,
		CASE WHEN fl IS NULL THEN [] ELSE ` + labFamily("fl", "$children") + ` END AS fromIds,
		CASE WHEN tl IS NULL THEN [] ELSE ` + labFamily("tl", "$children") + ` END AS toIds
	CALL (fromIds, toIds) {
		` + moves + `
		WITH m,
			CASE WHEN $to IS NULL THEN m.toLabId WHEN $from IS NULL THEN m.fromLabId END AS other,
			CASE WHEN $month AND m.datePrecision <> 'year' THEN substring(toString(m.date), 0, 7)
				ELSE toString(m.date.year) END AS period
		ORDER BY m.date, m.id
		WITH other, period, count(m) AS n, collect(m.id)[..$perBucket] AS ids
		ORDER BY period
		WITH other, sum(n) AS total, collect({period: period, count: n, moveIds: ids}) AS buckets
		ORDER BY total DESC, other
		RETURN sum(total) AS count, count(*) AS flowCount,
			collect({other: other, count: total, buckets: buckets})[..$topFlows] AS flows
	}
	WITH fl, tl, fromIds, toIds, count, flowCount, flows,
		size(COLLECT {
			MATCH (x:Lab)<-[:FROM|TO]-(m:Move)
			WHERE x.id IN fromIds + toIds AND m.date IS NULL
				AND ($from IS NULL OR m.fromLabId IN fromIds) AND ($to IS NULL OR m.toLabId IN toIds)
			RETURN DISTINCT m.id
		}) AS undated,
		reduce(acc = [], f IN flows | acc + reduce(b = [], k IN f.buckets | b + k.moveIds)) AS moveIds
	WITH fl.id AS fromId, tl.id AS toId, count, flowCount, flows, undated,
		COLLECT {
			MATCH (m:Move) WHERE m.id IN moveIds
			RETURN m { .id, .personId, .fromLabId, .toLabId, .date, .datePrecision, .confidence, .note,
				recruiterId: COLLECT { MATCH (m)-[:RECRUITED_BY]->(rp:Person) RETURN rp.id }[0],
				sources: COLLECT { MATCH (s:Source) WHERE s.id IN m.sources RETURN s { .* } ORDER BY s.id } }
		} AS moves
	WITH fromId, toId, count, flowCount, flows, undated, moves,
		[x IN moves | x.personId] + [x IN moves WHERE x.recruiterId IS NOT NULL | x.recruiterId] AS personIds,
		[fromId, toId] + [f IN flows WHERE f.other IS NOT NULL | f.other] AS labIds
	RETURN fromId, toId, count, flowCount, flows, undated, moves, ` + peopleOf("personIds") + ` AS people, ` + labsByID("labIds") + ` AS labs`
}

var (
	flowQueryFromTo = flowQuery(flowMovesFromTo)
	flowQueryFrom   = flowQuery(flowMovesFrom)
	flowQueryTo     = flowQuery(flowMovesTo)
)

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
	query := flowQueryFromTo
	switch {
	case q.To == "":
		query = flowQueryFrom
	case q.From == "":
		query = flowQueryTo
	}
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
				for _, id := range strs(bm, "moveIds") {
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
