package graph

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// Money is data: deals and investments are read with amount filters, as
// offers are (Offers). Each read returns at most filter.First records,
// largest amount first (unreported amounts last), then by id.

// dealsQuery reads the deals that pass the filter, with their labs and the
// people they brought, in one statement.
var dealsQuery = `
	MATCH (d:Deal)
	WHERE ($kind IS NULL OR d.kind = $kind)
		AND ($minAmount IS NULL OR d.amount >= $minAmount)
		AND ($maxAmount IS NULL OR d.amount <= $maxAmount)
		AND ($currency IS NULL OR d.currency = $currency)
		AND ($from IS NULL OR d.date >= $from)
		AND ($to IS NULL OR d.date < $to)
		AND ($lab IS NULL OR EXISTS { MATCH (d)-[:TARGET]->(:Lab {id: $lab}) } OR EXISTS { MATCH (d)<-[:MADE_DEAL]-(:Lab {id: $lab}) })
		AND ($person IS NULL OR EXISTS { MATCH (d)-[:BROUGHT]->(:Person {id: $person}) })
	WITH d ORDER BY d.amount IS NULL, d.amount DESC, d.id LIMIT $limit
	WITH collect(d { ` + propsOf(thelist.DealFields) + `,
		buyerId: COLLECT { MATCH (d)<-[:MADE_DEAL]-(x:Lab) RETURN x.id }[0],
		targetId: COLLECT { MATCH (d)-[:TARGET]->(x:Lab) RETURN x.id }[0],
		personIds: COLLECT { MATCH (d)-[:BROUGHT]->(x:Person) RETURN x.id ORDER BY x.name, x.id },
		sources: COLLECT { MATCH (s:Source) WHERE s.id IN d.sources RETURN s { .* } ORDER BY s.id } }) AS deals
	WITH deals, reduce(ids = [], x IN deals | ids + x.personIds) AS personIds,
		[x IN deals | x.buyerId] + [x IN deals | x.targetId] AS labIds
	RETURN deals, ` + peopleOf("personIds") + ` AS people, ` + labsByID("labIds") + ` AS labs`

// Deals returns the company deals that pass the filter.
func (db *DB) Deals(ctx context.Context, f thelist.DealFilter) ([]thelist.Deal, error) {
	if f.First < 1 || f.First > thelist.MaxPageSize {
		return nil, thelist.Errorf(thelist.EINVALID, "first: must be between 1 and %d", thelist.MaxPageSize)
	}
	params := map[string]any{"kind": nullable(f.Kind), "minAmount": nullableInt(f.MinAmount),
		"maxAmount": nullableInt(f.MaxAmount), "currency": nullable(f.Currency), "from": dateParam(f.From),
		"to": nil, "lab": nullable(f.LabID), "person": nullable(f.PersonID), "limit": f.First, "full": false}
	if !f.To.IsZero() {
		params["to"] = neo4j.DateOf(f.To.PeriodEnd())
	}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]thelist.Deal, error) {
		m, err := singleRow(ctx, tx, dealsQuery, params)
		if err != nil {
			return nil, err
		}
		people, labs, err := decodePeopleAndLabs(m)
		if err != nil {
			return nil, err
		}
		out := []thelist.Deal{}
		for _, dm := range maps(m["deals"]) {
			// The ends are the deal's relationships, which the query reads by id.
			d := thelist.Deal{BuyerLabID: str(dm, "buyerId"), TargetLabID: str(dm, "targetId"), PersonIDs: strs(dm, "personIds")}
			if err := decodeDeclared(thelist.DealFields, dm, &d); err != nil {
				return nil, fmt.Errorf("deal %s: %w", d.ID, err)
			}
			d.Buyer, d.Target = labOr(labs, d.BuyerLabID), labOr(labs, d.TargetLabID)
			d.People = []thelist.Person{}
			for _, id := range d.PersonIDs {
				d.People = append(d.People, personOr(people, id))
			}
			out = append(out, d)
		}
		return out, nil
	})
}

// investmentsQuery reads the investments that pass the filter.
var investmentsQuery = `
	MATCH (inv)-[i:INVESTED_IN]->(l:Lab)
	WHERE ($minAmount IS NULL OR i.amount >= $minAmount)
		AND ($maxAmount IS NULL OR i.amount <= $maxAmount)
		AND ($currency IS NULL OR i.currency = $currency)
		AND ($lab IS NULL OR l.id = $lab OR (inv:Lab AND inv.id = $lab))
		AND ($person IS NULL OR (inv:Person AND inv.id = $person))
	WITH inv, i, l ORDER BY i.amount IS NULL, i.amount DESC, i.id LIMIT $limit
	WITH collect(i { .id, .date, .datePrecision, .round, .amount, .currency, labId: l.id,
		investorPersonId: CASE WHEN inv:Person THEN inv.id END, investorLabId: CASE WHEN inv:Lab THEN inv.id END,
		sources: COLLECT { MATCH (s:Source) WHERE s.id IN i.sources RETURN s { .* } ORDER BY s.id } }) AS investments
	WITH investments, [x IN investments WHERE x.investorPersonId IS NOT NULL | x.investorPersonId] AS personIds,
		[x IN investments | x.labId] + [x IN investments WHERE x.investorLabId IS NOT NULL | x.investorLabId] AS labIds
	RETURN investments, ` + peopleOf("personIds") + ` AS people, ` + labsByID("labIds") + ` AS labs`

// Investments returns the investments that pass the filter, with their
// investors and the labs invested in.
func (db *DB) Investments(ctx context.Context, f thelist.InvestmentFilter) ([]thelist.InvestmentView, error) {
	if f.First < 1 || f.First > thelist.MaxPageSize {
		return nil, thelist.Errorf(thelist.EINVALID, "first: must be between 1 and %d", thelist.MaxPageSize)
	}
	params := map[string]any{"minAmount": nullableInt(f.MinAmount), "maxAmount": nullableInt(f.MaxAmount),
		"currency": nullable(f.Currency), "lab": nullable(f.LabID), "person": nullable(f.PersonID), "limit": f.First,
		"full": false}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]thelist.InvestmentView, error) {
		m, err := singleRow(ctx, tx, investmentsQuery, params)
		if err != nil {
			return nil, err
		}
		people, labs, err := decodePeopleAndLabs(m)
		if err != nil {
			return nil, err
		}
		out := []thelist.InvestmentView{}
		for _, im := range maps(m["investments"]) {
			iv, err := decodeInvestment(im, str(im, "labId"), people, labs)
			if err != nil {
				return nil, err
			}
			iv.Lab = labOr(labs, iv.LabID)
			out = append(out, iv)
		}
		return out, nil
	})
}

// decodeInvestment decodes an investment in the lab labID as the
// statements project it: its declared fields (thelist.InvestmentFields),
// its investor's id, and the investor read from people or labs.
func decodeInvestment(m map[string]any, labID string, people map[string]thelist.Person, labs map[string]*thelist.Lab) (thelist.InvestmentView, error) {
	iv := thelist.InvestmentView{Investment: thelist.Investment{LabID: labID,
		InvestorPersonID: str(m, "investorPersonId"), InvestorLabID: str(m, "investorLabId")}}
	if err := decodeDeclared(thelist.InvestmentFields, m, &iv.Investment); err != nil {
		return iv, err
	}
	if iv.InvestorPersonID != "" {
		p := personOr(people, iv.InvestorPersonID)
		iv.InvestorPerson = &p
	}
	if iv.InvestorLabID != "" {
		iv.InvestorLab = labOr(labs, iv.InvestorLabID)
	}
	return iv, nil
}
