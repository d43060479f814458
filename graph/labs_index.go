package graph

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// The labs index counts with patterns that Neo4j answers from a node's
// relationship counts (the getDegree operator): a relationship type and a
// direction, nothing asked of the node at the other end. A count is then
// a read of the lab's own record, not of its jobs, so ordering every lab
// by a count costs one step per lab however many people there are.
var labsIndexCounts = map[string]string{
	thelist.LabsOrderJobs:     `COUNT { (l)<-[:WORKED_AT]-() }`,
	thelist.LabsOrderMovesOut: `COUNT { (l)<-[:FROM]-() }`,
	thelist.LabsOrderMovesIn:  `COUNT { (l)<-[:TO]-() }`,
}

// labsIndexRow is the projection of one row; the enclosing scope binds l
// and must not bind x.
var labsIndexRow = `l { .id, .name, .kind, .country, .topLab, .aliases, .founded, .foundedPrecision,
	parentId: COLLECT { MATCH (l)-[:PART_OF]->(x:Lab) RETURN x.id }[0],
	jobs: ` + labsIndexCounts[thelist.LabsOrderJobs] + `,
	movesOut: ` + labsIndexCounts[thelist.LabsOrderMovesOut] + `,
	movesIn: ` + labsIndexCounts[thelist.LabsOrderMovesIn] + `,
	parts: COUNT { (l)<-[:PART_OF]-() } }`

// labsIndexQuery pages through the labs in one order. key is the Cypher
// expression of the order's key over l; desc orders it largest first;
// nullable keys (founded) put the labs without one last. Paging is by
// keyset on (key is null, key, id), so a late page costs what the first
// does. The name order reads the lab_name index in order.
func labsIndexQuery(key string, desc, nullable bool) string {
	cmp, dir := ">", ""
	if desc {
		cmp, dir = "<", " DESC"
	}
	after := `$afterId IS NULL OR k ` + cmp + ` $afterKey OR (k = $afterKey AND l.id > $afterId)`
	order := `k` + dir + `, l.id`
	if nullable {
		after = `$afterId IS NULL
			OR ($afterNull AND k IS NULL AND l.id > $afterId)
			OR (NOT $afterNull AND (k IS NULL OR k ` + cmp + ` $afterKey OR (k = $afterKey AND l.id > $afterId)))`
		order = `k IS NULL, ` + order
	}
	return `
	CALL () {
		MATCH (l:Lab) WHERE $kind IS NULL OR l.kind = $kind
		RETURN count(l) AS total
	}
	CALL () {
		MATCH (l:Lab) WHERE $kind IS NULL OR l.kind = $kind
		WITH l, ` + key + ` AS k
		WHERE ` + after + `
		WITH l, k ORDER BY ` + order + ` LIMIT $limit
		RETURN collect(` + labsIndexRow + `) AS rows
	}
	WITH total, rows, [r IN rows WHERE r.parentId IS NOT NULL | r.parentId] AS parentIds
	RETURN total, rows, COLLECT { MATCH (p:Lab) WHERE p.id IN parentIds RETURN p { .id, .name, .kind, .country, .topLab } } AS parents`
}

var labsIndexQueries = map[string]string{
	thelist.LabsOrderName:     labsIndexQuery(`l.name`, false, false),
	thelist.LabsOrderJobs:     labsIndexQuery(labsIndexCounts[thelist.LabsOrderJobs], true, false),
	thelist.LabsOrderMovesOut: labsIndexQuery(labsIndexCounts[thelist.LabsOrderMovesOut], true, false),
	thelist.LabsOrderMovesIn:  labsIndexQuery(labsIndexCounts[thelist.LabsOrderMovesIn], true, false),
	thelist.LabsOrderFounded:  labsIndexQuery(`l.founded`, true, true),
}

// labsCursor is the keyset position after a row: the order and kind it
// belongs to, whether the key was unreported, the key as text, and the id.
type labsCursor struct {
	Order string `json:"o"`
	Kind  string `json:"t,omitempty"`
	Null  bool   `json:"n,omitempty"`
	Key   string `json:"k,omitempty"`
	ID    string `json:"i"`
}

func encodeLabsCursor(q thelist.LabsQuery, row thelist.LabSummary) string {
	c := labsCursor{Order: q.OrderBy, Kind: q.Kind, ID: row.Lab.ID}
	switch q.OrderBy {
	case thelist.LabsOrderName:
		c.Key = row.Lab.Name
	case thelist.LabsOrderJobs:
		c.Key = strconv.Itoa(row.Jobs)
	case thelist.LabsOrderMovesOut:
		c.Key = strconv.Itoa(row.MovesOut)
	case thelist.LabsOrderMovesIn:
		c.Key = strconv.Itoa(row.MovesIn)
	case thelist.LabsOrderFounded:
		if row.Lab.Founded.IsZero() {
			c.Null = true
		} else {
			c.Key = row.Lab.Founded.Time.Format(time.DateOnly)
		}
	}
	b, err := json.Marshal(c)
	if err != nil {
		panic(err) // strings and a bool always marshal
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeLabsCursor reads a cursor of the same order and kind and returns
// its key as a query value.
func decodeLabsCursor(s string, q thelist.LabsQuery) (labsCursor, any, error) {
	bad := thelist.Errorf(thelist.EINVALID, "after: not a cursor of this ordering and kind returned by this API")
	var c labsCursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == "" || c.Order != q.OrderBy || c.Kind != q.Kind {
		return c, nil, bad
	}
	switch q.OrderBy {
	case thelist.LabsOrderName:
		return c, c.Key, nil
	case thelist.LabsOrderFounded:
		if c.Null {
			return c, nil, nil
		}
		t, err := time.Parse(time.DateOnly, c.Key)
		if err != nil {
			return c, nil, bad
		}
		return c, neo4j.DateOf(t), nil
	default:
		n, err := strconv.ParseInt(c.Key, 10, 64)
		if err != nil || c.Null {
			return c, nil, bad
		}
		return c, n, nil
	}
}

// Labs returns a page of the labs index, every lab with the counts of the
// records that point at it, and how many labs there are, in one round trip.
func (db *DB) Labs(ctx context.Context, q thelist.LabsQuery) (thelist.LabsPage, error) {
	var page thelist.LabsPage
	query, ok := labsIndexQueries[q.OrderBy]
	if !ok {
		return page, thelist.Errorf(thelist.EINVALID, "orderBy: want name, jobs, moves_out, moves_in or founded")
	}
	if q.First < 0 || q.First > thelist.MaxPageSize {
		return page, thelist.Errorf(thelist.EINVALID, "first: must be between 0 and %d", thelist.MaxPageSize)
	}
	if q.Kind != "" && !contains(thelist.LabKinds, q.Kind) {
		return page, thelist.Errorf(thelist.EINVALID, "kind: want one of company, university, institute, startup, investor or media")
	}
	params := map[string]any{"kind": nullable(q.Kind), "limit": q.First + 1,
		"afterId": nil, "afterKey": nil, "afterNull": false}
	if q.After != "" {
		c, key, err := decodeLabsCursor(q.After, q)
		if err != nil {
			return page, err
		}
		params["afterId"], params["afterKey"], params["afterNull"] = c.ID, key, c.Null
	}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.LabsPage, error) {
		m, err := singleRow(ctx, tx, query, params)
		if err != nil {
			return page, err
		}
		parents := map[string]*thelist.Lab{}
		for _, pm := range maps(m["parents"]) {
			l, err := decodeLab(pm)
			if err != nil {
				return page, err
			}
			parents[l.ID] = &l
		}
		page.TotalCount = intOf(m, "total")
		page.Labs = []thelist.LabSummary{}
		for _, rm := range maps(m["rows"]) {
			l, err := decodeLab(rm)
			if err != nil {
				return page, fmt.Errorf("labs index: %w", err)
			}
			page.Labs = append(page.Labs, thelist.LabSummary{Lab: l, Jobs: intOf(rm, "jobs"),
				MovesOut: intOf(rm, "movesOut"), MovesIn: intOf(rm, "movesIn"), Parts: intOf(rm, "parts"),
				Parent: parents[l.ParentID]})
		}
		if len(page.Labs) > q.First {
			page.Labs, page.HasNextPage = page.Labs[:q.First], true
		}
		for i := range page.Labs {
			page.Labs[i].Cursor = encodeLabsCursor(q, page.Labs[i])
		}
		if n := len(page.Labs); n > 0 {
			page.EndCursor = page.Labs[n-1].Cursor
		}
		return page, nil
	})
}
