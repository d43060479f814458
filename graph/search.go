package graph

import (
	"context"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// searchIndexes are the full-text index that each kind of hit is searched
// in: the only names placed into the search query's text.
var searchIndexes = map[string]string{
	thelist.SearchPerson: "person_names",
	thelist.SearchLab:    "lab_names",
	thelist.SearchPaper:  "paper_titles",
}

// searchQuery searches the indexes of the kinds asked for, in the order of
// thelist's kinds, with one UNION branch each, and reads the hits' nodes in
// the same statement. Scores of different indexes are compared as Lucene
// gives them: good enough to interleave, not a calibrated ranking.
func searchQuery(kinds []string) string {
	var branches []string
	for _, k := range []string{thelist.SearchPerson, thelist.SearchLab, thelist.SearchPaper} {
		if contains(kinds, k) {
			branches = append(branches, `
		CALL db.index.fulltext.queryNodes('`+searchIndexes[k]+`', $q, {limit: $limit}) YIELD node, score
		RETURN '`+k+`' AS kind, node.id AS id, score`)
		}
	}
	return `
	CALL () {` + strings.Join(branches, `
		UNION ALL`) + `
	}
	WITH kind, id, score ORDER BY score DESC, kind, id LIMIT $limit
	WITH collect({kind: kind, id: id, score: score}) AS hits
	WITH hits,
		[h IN hits WHERE h.kind = 'person' | h.id] AS personIds,
		[h IN hits WHERE h.kind = 'lab' | h.id] AS labIds,
		[h IN hits WHERE h.kind = 'paper' | h.id] AS paperIds
	RETURN hits, ` + peopleOf("personIds") + ` AS people, ` + labsByID("labIds") + ` AS labs,
		COLLECT { MATCH (w:Paper) WHERE w.id IN paperIds
			RETURN w { ` + paperProps + `,
				sources: COLLECT { MATCH (s:Source) WHERE s.id IN w.sources RETURN s { .* } ORDER BY s.id } } } AS papers`
}

// searchText is the Lucene query for what a person typed: luceneQuery's
// typo-tolerant prefixes, or'ed with the same for the text folded by
// thelist.NameKey, so "Łukasz" finds a name stored as "Lukasz". The index
// holds each person's folded name too (nameKey), which covers the other
// way round.
func searchText(text string) string {
	q := luceneQuery(text)
	folded := luceneQuery(thelist.NameKey(text))
	if q == "" || folded == "" || folded == q {
		return q
	}
	return "(" + q + ") OR (" + folded + ")"
}

// Search finds people, labs and papers whose names or titles match text,
// best first, in one round trip. An empty kinds means every kind.
func (db *DB) Search(ctx context.Context, text string, kinds []string, first int, fullPeople bool) ([]thelist.SearchHit, error) {
	if first < 1 || first > thelist.MaxPageSize {
		return nil, thelist.Errorf(thelist.EINVALID, "first: must be between 1 and %d", thelist.MaxPageSize)
	}
	if len(kinds) == 0 {
		kinds = []string{thelist.SearchPerson, thelist.SearchLab, thelist.SearchPaper}
	}
	for _, k := range kinds {
		if _, ok := searchIndexes[k]; !ok {
			return nil, thelist.Errorf(thelist.EINVALID, "kinds: want person, lab or paper")
		}
	}
	q := searchText(text)
	if q == "" {
		return []thelist.SearchHit{}, nil
	}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]thelist.SearchHit, error) {
		m, err := singleRow(ctx, tx, searchQuery(kinds), map[string]any{"q": q, "limit": first, "full": fullPeople})
		if err != nil {
			return nil, err
		}
		people, labs, err := decodePeopleAndLabs(m)
		if err != nil {
			return nil, err
		}
		papers := map[string]thelist.Paper{}
		for _, pm := range maps(m["papers"]) {
			w, err := decodePaper(pm)
			if err != nil {
				return nil, err
			}
			papers[w.ID] = w
		}
		hits := []thelist.SearchHit{}
		for _, h := range maps(m["hits"]) {
			hit := thelist.SearchHit{Kind: str(h, "kind")}
			hit.Score, _ = h["score"].(float64) // Lucene's scores are floats
			id := str(h, "id")
			switch hit.Kind {
			case thelist.SearchPerson:
				p := personOr(people, id)
				hit.Person = &p
			case thelist.SearchLab:
				hit.Lab = labOr(labs, id)
			case thelist.SearchPaper:
				w, ok := papers[id]
				if !ok {
					w = thelist.Paper{ID: id}
				}
				hit.Paper = &w
			}
			hits = append(hits, hit)
		}
		return hits, nil
	})
}
