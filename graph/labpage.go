package graph

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// labPageQuery reads a lab's page as of $asOf in one statement: its
// parent and children, the people whose jobs there held that day under the
// rule for "current" (thelist.CurrentRule), how many others had been there
// before, its founders, investors and offers. The lab's jobs are read
// once, for the counts and the page of current people both, ordered so
// that the page is the head of one collect: at 1M people the biggest lab
// has 210,615 jobs, and reading them twice made 3.2M db hits where once
// makes 1.74M (PROFILE; the sort holds 50 MB, the statement 65 MB): the
// sort keys are read only for the jobs that hold. Most jobs of a big lab
// ended long ago: one that ended more than a year before the day (the
// longest period an end can stand for) cannot hold, which one property
// read settles instead of the rule's five. A
// list of the current jobs sorted after the counts is cheaper in db hits
// but Neo4j charged each of its rows with the whole list: 1.1 GB. When the caller asked for a
// day ($dated), founders, investors and offers with no date are left out:
// an undated fact is never placed on a day no source gave it. The
// people and labs these name are read once each at the end.
var labPageQuery = `
	MATCH (lab:Lab {id: $id})
	WITH lab, ` + labFamily("lab", "$children") + ` AS family
	CALL (family) {
		MATCH (who:Person)-[w:WORKED_AT]->(x:Lab)
		WHERE x.id IN family AND coalesce(w.start, w.lastSeen, w.end) <= $asOf
		WITH who, w, x, CASE WHEN w.end < $asOf - duration({years: 1}) THEN false
			ELSE ` + stintHolds("w", "$asOf") + ` END AS holds
		WITH who, w, x, holds, CASE WHEN holds THEN coalesce(w.start, w.lastSeen) END AS since
		ORDER BY since, CASE WHEN holds THEN w.id END
		WITH count(DISTINCT who) AS everyone, count(DISTINCT CASE WHEN holds THEN who END) AS holders,
			sum(CASE WHEN holds THEN 1 ELSE 0 END) AS currentCount,
			collect(CASE WHEN holds AND ($afterSince IS NULL OR since > $afterSince OR (since = $afterSince AND w.id > $afterId))
				THEN {w: w, x: x, who: who} END)[..$first] AS page
		CALL (page) {
			UNWIND page AS h
			WITH h.w AS w, h.x AS x, h.who AS who
			RETURN collect(w { ` + stintProps + `,
				personId: who.id, labId: x.id,
				sources: COLLECT { MATCH (s:Source) WHERE s.id IN w.sources RETURN s { .* } ORDER BY s.id } }) AS current
		}
		RETURN currentCount, everyone - holders AS past, current
	}
	WITH lab, family, current, currentCount, past,
		COLLECT { MATCH (c:Lab)-[:PART_OF]->(lab) RETURN c.id ORDER BY c.name, c.id } AS childIds,
		COLLECT { MATCH (f:Person)-[fd:FOUNDED]->(lab) WHERE (fd.date IS NULL AND NOT $dated) OR fd.date <= $asOf
			RETURN fd { .date, .datePrecision, personId: f.id,
				sources: COLLECT { MATCH (s:Source) WHERE s.id IN fd.sources RETURN s { .* } ORDER BY s.id } }
			ORDER BY fd.date, f.name } AS founders,
		COLLECT { MATCH (inv)-[i:INVESTED_IN]->(lab) WHERE (i.date IS NULL AND NOT $dated) OR i.date <= $asOf
			RETURN i { .id, .date, .datePrecision, .round, .amount, .currency,
				investorPersonId: CASE WHEN inv:Person THEN inv.id END, investorLabId: CASE WHEN inv:Lab THEN inv.id END,
				sources: COLLECT { MATCH (s:Source) WHERE s.id IN i.sources RETURN s { .* } ORDER BY s.id } }
			ORDER BY i.date, i.id } AS investors,
		COLLECT { MATCH (ml:Lab)-[:MADE]->(o:Offer) WHERE ml.id IN family AND ((o.date IS NULL AND NOT $dated) OR o.date <= $asOf)
			RETURN ` + offerProjection + ` ORDER BY o.date IS NULL, o.date DESC, o.id } AS offers
	WITH lab.id AS labId, family, current, currentCount, past, childIds, founders, investors, offers,
		COLLECT { MATCH (lab)-[:PART_OF]->(up:Lab) RETURN up.id }[0] AS parentId
	WITH labId, current, currentCount, past, childIds, founders, investors, offers, parentId,
		[c IN current | c.personId] + [f IN founders | f.personId] + [i IN investors WHERE i.investorPersonId IS NOT NULL | i.investorPersonId]
			+ [o IN offers | o.personId] + [o IN offers WHERE o.extendedById IS NOT NULL | o.extendedById] AS personIds,
		family + childIds + [parentId] + [i IN investors WHERE i.investorLabId IS NOT NULL | i.investorLabId] AS labIds
	RETURN labId, parentId, childIds, current, currentCount, past, founders, investors, offers,
		` + peopleOf("personIds") + ` AS people, ` + labsByID("labIds") + ` AS labs`

// LabPage returns a lab with its people, founders, investors and offers as
// of a day (today when q.AsOf is zero), in one round trip.
func (db *DB) LabPage(ctx context.Context, q thelist.LabPageQuery) (thelist.LabPage, error) {
	asOf := q.AsOf.Time
	if q.AsOf.IsZero() {
		y, m, d := now().UTC().Date()
		asOf = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	first := q.First
	if first == 0 {
		first = thelist.DefaultLabPeoplePage
	}
	if first < 1 || first > thelist.MaxPageSize {
		return thelist.LabPage{}, thelist.Errorf(thelist.EINVALID, "first: must be between 1 and %d", thelist.MaxPageSize)
	}
	var afterSince any
	afterID := ""
	if q.After != "" {
		t, id, err := decodeMemberCursor(q.After)
		if err != nil {
			return thelist.LabPage{}, err
		}
		afterSince, afterID = neo4j.DateOf(t), id
	}
	params := map[string]any{"id": q.ID, "asOf": neo4j.DateOf(asOf), "children": q.IncludeChildren, "full": q.FullPeople, "dated": !q.AsOf.IsZero(),
		"currentRecencyMonths": thelist.Current.RecencyMonths, "first": first + 1, "afterSince": afterSince, "afterId": afterID}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.LabPage, error) {
		var out thelist.LabPage
		m, err := firstRow(ctx, tx, labPageQuery, params, thelist.Errorf(thelist.ENOTFOUND, "no lab with id %q", q.ID))
		if err != nil {
			return out, err
		}
		people, labs, err := decodePeopleAndLabs(m)
		if err != nil {
			return out, err
		}
		out.Lab = *labOr(labs, str(m, "labId"))
		out.Parent = labs[str(m, "parentId")]
		out.Children = []thelist.Lab{}
		for _, id := range strs(m, "childIds") {
			out.Children = append(out.Children, *labOr(labs, id))
		}
		out.PastPeopleCount = intOf(m, "past")
		out.CurrentPeopleCount = intOf(m, "currentCount")
		out.CurrentPeople = []thelist.LabMember{}
		for _, sm := range maps(m["current"]) {
			s, err := decodeStintMap(sm, str(sm, "personId"), labs)
			if err != nil {
				return out, err
			}
			out.CurrentPeople = append(out.CurrentPeople, thelist.LabMember{Person: personOr(people, s.PersonID), Stint: s})
		}
		if len(out.CurrentPeople) > first {
			out.CurrentPeople, out.PeopleHasMore = out.CurrentPeople[:first], true
		}
		if n := len(out.CurrentPeople); n > 0 {
			out.PeopleEndCursor = encodeMemberCursor(out.CurrentPeople[n-1].Stint)
		}
		out.Founders = []thelist.Founding{}
		for _, fm := range maps(m["founders"]) {
			f := thelist.Founding{Person: personOr(people, str(fm, "personId"))}
			if f.Date, err = dateOf(fm, "date"); err != nil {
				return out, err
			}
			if f.Sources, err = decodeSources(fm["sources"]); err != nil {
				return out, err
			}
			out.Founders = append(out.Founders, f)
		}
		out.Investors = []thelist.InvestmentView{}
		for _, im := range maps(m["investors"]) {
			iv, err := decodeInvestment(im, out.ID, people, labs)
			if err != nil {
				return out, err
			}
			out.Investors = append(out.Investors, iv)
		}
		out.Offers = []thelist.OfferView{}
		for _, om := range maps(m["offers"]) {
			o, err := decodeOffer(om, people, labs)
			if err != nil {
				return out, fmt.Errorf("lab %s: %w", q.ID, err)
			}
			out.Offers = append(out.Offers, o)
		}
		if !q.AsOf.IsZero() && !out.Lab.Founded.IsZero() && out.Lab.Founded.Time.After(asOf) {
			// Nothing of a lab shows before it was founded.
			out.CurrentPeople, out.Founders = []thelist.LabMember{}, []thelist.Founding{}
			out.Investors, out.Offers, out.PastPeopleCount = []thelist.InvestmentView{}, []thelist.OfferView{}, 0
			out.CurrentPeopleCount, out.PeopleHasMore, out.PeopleEndCursor = 0, false, ""
		}
		return out, nil
	})
}

// paperPageQuery reads a paper with its authors in position order (those
// without a reported position last) and its sources.
var paperPageQuery = `
	MATCH (pp:Paper {id: $id})
	WITH pp,
		COLLECT { MATCH (a:Person)-[au:AUTHORED]->(pp)
			RETURN {personId: a.id, position: au.position,
				sources: COLLECT { MATCH (s:Source) WHERE s.id IN au.sources RETURN s { .* } ORDER BY s.id } }
			ORDER BY au.position IS NULL, au.position, a.name, a.id } AS authors
	WITH pp { ` + paperProps + `,
			sources: COLLECT { MATCH (s:Source) WHERE s.id IN pp.sources RETURN s { .* } ORDER BY s.id } } AS paper,
		authors, [x IN authors | x.personId] AS personIds
	RETURN paper, authors, ` + peopleOf("personIds") + ` AS people`

// PaperPage returns a paper with its authors in position order, in one
// round trip.
func (db *DB) PaperPage(ctx context.Context, id string, fullPeople bool) (thelist.PaperPage, error) {
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.PaperPage, error) {
		var out thelist.PaperPage
		m, err := firstRow(ctx, tx, paperPageQuery, map[string]any{"id": id, "full": fullPeople},
			thelist.Errorf(thelist.ENOTFOUND, "no paper with id %q", id))
		if err != nil {
			return out, err
		}
		people, err := decodePeople(m["people"])
		if err != nil {
			return out, err
		}
		pm, _ := m["paper"].(map[string]any) // the query always returns the map
		if out.Paper, err = decodePaper(pm); err != nil {
			return out, err
		}
		out.Authors = []thelist.PaperAuthor{}
		for _, am := range maps(m["authors"]) {
			a := thelist.PaperAuthor{Person: personOr(people, str(am, "personId")), Position: intOf(am, "position")}
			if a.Sources, err = decodeSources(am["sources"]); err != nil {
				return out, err
			}
			out.Authors = append(out.Authors, a)
		}
		return out, nil
	})
}
