package graph

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// offerProjection is the Offer node o as a map, with the ids of the lab
// that made it, the person it was made to and the one who extended it.
// The scope must not bind x or s.
var offerProjection = `o { ` + propsOf(thelist.OfferFields) + `,
	labId: COLLECT { MATCH (o)<-[:MADE]-(x:Lab) RETURN x.id }[0],
	personId: COLLECT { MATCH (o)-[:TO]->(x:Person) RETURN x.id }[0],
	extendedById: COLLECT { MATCH (o)<-[:EXTENDED]-(x:Person) RETURN x.id }[0],
	sources: COLLECT { MATCH (s:Source) WHERE s.id IN o.sources RETURN s { .* } ORDER BY s.id } }`

// offerSortKeys are the properties an offer page may be ordered by, keyed
// by thelist's order names: the only text ever placed into the query.
var offerSortKeys = map[string]string{
	thelist.OfferOrderTotalDesc: "o.totalValue",
	thelist.OfferOrderDateDesc:  "o.date",
}

// offersQuery pages through the offers that match a filter, ordered by key
// descending with unreported values last and the id breaking ties. Paging
// is by keyset on (key is null, key, id): the cursor's row is found by
// comparison, never by skipping rows.
func offersQuery(key string) string {
	filter := `
		MATCH (o:Offer)
		WHERE (labIds IS NULL OR EXISTS { MATCH (o)<-[:MADE]-(ml:Lab) WHERE ml.id IN labIds })
			AND ($person IS NULL OR EXISTS { MATCH (o)-[:TO]->(:Person {id: $person}) })
			AND ($status IS NULL OR coalesce(o.status, 'unknown') = $status)
			AND ($minTotal IS NULL OR o.totalValue >= $minTotal)
			AND ($currency IS NULL OR o.currency = $currency)
			AND ` + inWindow("o", "date")
	return `
	OPTIONAL MATCH (lab:Lab {id: $lab})
	WITH CASE WHEN $lab IS NULL THEN null WHEN lab IS NULL THEN [] ELSE ` + labFamily("lab", "$children") + ` END AS labIds
	CALL (labIds) {` + filter + `
		RETURN count(o) AS total
	}
	CALL (labIds) {` + filter + `
			AND ($afterId IS NULL
				OR ($afterNull AND ` + key + ` IS NULL AND o.id > $afterId)
				OR (NOT $afterNull AND (` + key + ` IS NULL OR ` + key + ` < $afterKey OR (` + key + ` = $afterKey AND o.id > $afterId))))
		WITH o ORDER BY ` + key + ` IS NULL, ` + key + ` DESC, o.id LIMIT $limit
		RETURN collect(` + offerProjection + `) AS offers
	}
	WITH total, offers,
		[x IN offers | x.personId] + [x IN offers WHERE x.extendedById IS NOT NULL | x.extendedById] AS personIds,
		[x IN offers WHERE x.labId IS NOT NULL | x.labId] AS labIds
	RETURN total, offers, ` + peopleOf("personIds") + ` AS people, ` + labsByID("labIds") + ` AS labs`
}

var offersQueries = map[string]string{
	thelist.OfferOrderTotalDesc: offersQuery(offerSortKeys[thelist.OfferOrderTotalDesc]),
	thelist.OfferOrderDateDesc:  offersQuery(offerSortKeys[thelist.OfferOrderDateDesc]),
}

// offerCursor is the keyset position after an offer: the order it belongs
// to, whether the sort key was unreported, the key as text, and the id.
type offerCursor struct {
	Order string `json:"o"`
	Null  bool   `json:"n,omitempty"`
	Key   string `json:"k,omitempty"`
	ID    string `json:"i"`
}

func encodeOfferCursor(order string, o thelist.Offer) string {
	c := offerCursor{Order: order, ID: o.ID}
	switch order {
	case thelist.OfferOrderTotalDesc:
		if o.TotalValue == nil {
			c.Null = true
		} else {
			c.Key = strconv.FormatInt(*o.TotalValue, 10)
		}
	case thelist.OfferOrderDateDesc:
		if o.Date.IsZero() {
			c.Null = true
		} else {
			c.Key = o.Date.Time.Format(time.DateOnly)
		}
	}
	b, err := json.Marshal(c)
	if err != nil {
		panic(err) // strings and a bool always marshal
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeOfferCursor reads a cursor and returns its key as a query value.
func decodeOfferCursor(s, order string) (offerCursor, any, error) {
	bad := thelist.Errorf(thelist.EINVALID, "after: not a cursor of this ordering returned by this API")
	var c offerCursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == "" || c.Order != order {
		return c, nil, bad
	}
	if c.Null {
		return c, nil, nil
	}
	switch order {
	case thelist.OfferOrderTotalDesc:
		n, err := strconv.ParseInt(c.Key, 10, 64)
		if err != nil {
			return c, nil, bad
		}
		return c, n, nil
	default:
		t, err := time.Parse(time.DateOnly, c.Key)
		if err != nil {
			return c, nil, bad
		}
		return c, neo4j.DateOf(t), nil
	}
}

// Offers returns a page of the reported offers that match the filter, with
// the total count of matches, in one round trip.
func (db *DB) Offers(ctx context.Context, f thelist.OfferFilter) (thelist.OfferPage, error) {
	var page thelist.OfferPage
	query, ok := offersQueries[f.OrderBy]
	if !ok {
		return page, thelist.Errorf(thelist.EINVALID, "orderBy: want total_desc or date_desc")
	}
	if f.First < 0 || f.First > thelist.MaxPageSize {
		return page, thelist.Errorf(thelist.EINVALID, "first: must be between 0 and %d", thelist.MaxPageSize)
	}
	if f.Status != "" && !contains(thelist.OfferStatuses, f.Status) {
		return page, thelist.Errorf(thelist.EINVALID, "status: want accepted, declined, countered or unknown")
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Since.Time.Before(f.Until.Time) {
		return page, thelist.Errorf(thelist.EINVALID, "since: must be before until")
	}
	params := map[string]any{"lab": nullable(f.LabID), "children": f.IncludeChildren, "person": nullable(f.PersonID),
		"status": nullable(f.Status), "minTotal": nil, "currency": nullable(f.Currency),
		"since": dateParam(f.Since), "until": dateParam(f.Until), "asOf": nil, "limit": f.First + 1,
		"afterId": nil, "afterNull": false, "afterKey": nil, "full": f.FullPeople}
	if f.MinTotal != nil {
		params["minTotal"] = *f.MinTotal
	}
	if f.After != "" {
		c, key, err := decodeOfferCursor(f.After, f.OrderBy)
		if err != nil {
			return page, err
		}
		params["afterId"], params["afterNull"], params["afterKey"] = c.ID, c.Null, key
	}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.OfferPage, error) {
		m, err := singleRow(ctx, tx, query, params)
		if err != nil {
			return page, err
		}
		people, labs, err := decodePeopleAndLabs(m)
		if err != nil {
			return page, err
		}
		page.TotalCount = intOf(m, "total")
		page.Offers = []thelist.OfferView{}
		for _, om := range maps(m["offers"]) {
			o, err := decodeOffer(om, people, labs)
			if err != nil {
				return page, err
			}
			page.Offers = append(page.Offers, o)
			page.Cursors = append(page.Cursors, encodeOfferCursor(f.OrderBy, o.Offer))
		}
		if len(page.Offers) > f.First {
			page.Offers, page.Cursors, page.HasNextPage = page.Offers[:f.First], page.Cursors[:f.First], true
		}
		if n := len(page.Cursors); n > 0 {
			page.EndCursor = page.Cursors[n-1]
		}
		return page, nil
	})
}

func decodeOffer(m map[string]any, people map[string]thelist.Person, labs map[string]*thelist.Lab) (thelist.OfferView, error) {
	// The ends are the offer's relationships, which the query reads by id.
	o := thelist.OfferView{Offer: thelist.Offer{LabID: str(m, "labId"), PersonID: str(m, "personId"),
		ExtendedByID: str(m, "extendedById")}}
	if err := decodeDeclared(thelist.OfferFields, m, &o.Offer); err != nil {
		return o, err
	}
	o.Lab = labs[o.LabID]
	if p, ok := people[o.PersonID]; ok {
		o.Person = &p
	}
	if p, ok := people[o.ExtendedByID]; ok {
		o.ExtendedBy = &p
	}
	return o, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
