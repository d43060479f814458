package openalex

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"time"
)

// Merged ids. OpenAlex's snapshot holds, beside the entity folders,
// data/merged_ids/<entity>/<date>.csv.gz: one row per id merged away, with
// the header merge_date,id,merge_into_id and bare ids ("2022-06-07,
// A2257618939,A2208157607"). OpenAlex calls a merge a way of deleting the
// entity while keeping its id, and says the merge's effects (the works
// credited to the author kept) are already in the entities it touches
// (docs.openalex.org, "Snapshot data format", "Merged Entities";
// github.com/ourresearch/openalex-docs,
// download-all-data/snapshot-data-format.md). Older partitions, and the
// database loaded from them, still name the merged id, so the converter
// leaves the merged record out and points every reference to it at the id
// it was merged into.

// mergeTarget is where one merged id went, and when.
type mergeTarget struct {
	into uint64
	date string
}

// mergeLetters are the entities whose merges the conversion applies; the
// snapshot also lists merged sources, concepts and the like, which the
// bundle does not hold.
var mergeLetters = []byte{'A', 'I', 'W'}

// readMerged reads the merged_ids files into c.merged. A malformed row is a
// problem at file:line; rows of other entities are counted and skipped.
func (c *converter) readMerged(ctx context.Context, path string) error {
	r, closeFile, err := openInput(path, &c.ps)
	if r == nil || err != nil {
		return err
	}
	defer closeFile()
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // a short row is reported below, with its line
	cr.ReuseRecord = true
	var col map[string]int
	for n := 1; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if c.ps.full() {
			return nil
		}
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			line := n
			if errors.As(err, &pe) {
				line = pe.Line
			}
			c.ps.add(path, line, "", "not a CSV row of merge_date,id,merge_into_id: %v", err)
			return nil
		}
		line, _ := cr.FieldPos(0)
		if col == nil {
			col = map[string]int{}
			for i, name := range rec {
				col[strings.TrimSpace(strings.TrimPrefix(name, "\uFEFF"))] = i
			}
			missing := false
			for _, name := range []string{"merge_date", "id", "merge_into_id"} {
				if _, ok := col[name]; !ok {
					c.ps.add(path, line, name, "missing from the header: want merge_date,id,merge_into_id")
					missing = true
				}
			}
			if missing {
				return nil
			}
			continue
		}
		cell := func(name string) string {
			if i := col[name]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		c.addMerge(path, line, cell("merge_date"), cell("id"), cell("merge_into_id"))
	}
	return nil
}

// addMerge records one merged_ids row. A merge names two ids of one
// entity; an id merged twice goes where its later merge_date says (on a
// tie, the later row); a merge that would close a cycle is a problem.
func (c *converter) addMerge(file string, line int, date, rawID, rawInto string) {
	if rawID == "" || rawInto == "" {
		c.ps.add(file, line, "id", "want an id and a merge_into_id, got %q and %q", rawID, rawInto)
		return
	}
	letter := strings.ToUpper(strings.TrimPrefix(rawID, openAlexPrefix))[0]
	if !strings.ContainsRune(string(mergeLetters), rune(letter)) {
		c.stats.Skipped[SkipOtherMerge]++
		return
	}
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		c.ps.add(file, line, "merge_date", "want a date such as 2022-06-07, got %q", date)
		return
	}
	id, ok := parseID(rawID, letter)
	if !ok {
		c.ps.add(file, line, "id", "want an OpenAlex id such as %c1000000001, got %q", letter, rawID)
		return
	}
	into, ok := parseID(rawInto, letter)
	if !ok {
		c.ps.add(file, line, "merge_into_id", "want an OpenAlex id of the same entity as %s, got %q", rawID, rawInto)
		return
	}
	m := c.merged[letter]
	if m == nil {
		m = map[uint64]mergeTarget{}
		c.merged[letter] = m
	}
	if old, ok := m[id]; ok && old.date > date {
		return // an earlier merge of an id merged again later
	}
	// Following into's own merges must not lead back to id.
	for next, steps := into, 0; steps <= len(m); steps++ {
		if next == id {
			c.ps.add(file, line, "merge_into_id", "%s would merge into itself through %s", rawID, rawInto)
			return
		}
		t, ok := m[next]
		if !ok {
			break
		}
		next = t.into
	}
	m[id] = mergeTarget{into: into, date: date}
}

// isMerged says whether the id of the entity letter was merged away.
func (c *converter) isMerged(letter byte, id uint64) bool {
	_, ok := c.merged[letter][id]
	return ok
}

// resolve follows the merges of an id of the entity letter to the id that
// is left, counting a reference that moved. addMerge keeps the chains free
// of cycles.
func (c *converter) resolve(letter byte, id uint64) uint64 {
	m := c.merged[letter]
	t, ok := m[id]
	if !ok {
		return id
	}
	c.stats.Redirected++
	for ok {
		id = t.into
		t, ok = m[id]
	}
	return id
}
