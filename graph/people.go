package graph

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// sourcesOf is a Cypher expression for the full Source nodes that a node or
// relationship cites by id in its sources property; the unique index on
// Source.id makes each lookup a seek.
const sourcesOf = `COLLECT { MATCH (s:Source) WHERE s.id IN %s.sources RETURN s { .* } ORDER BY s.id }`

// labProjection is a lab as the person page shows it.
const labProjection = `l { .id, .name, .kind, .country, .topLab, .aliases, .founded, .foundedPrecision,
	parentId: COLLECT { MATCH (l)-[:PART_OF]->(parent:Lab) RETURN parent.id }[0] }`

// personProjection reads a person with everything the person page shows, as
// one nested map, so a page costs one round trip however many stints it has.
var personProjection = `p {
	.id, .name, .nativeName, .aliases, .orcid, .openalex, .dblp, .googleScholar,
	sources: ` + fmt.Sprintf(sourcesOf, "p") + `,
	stints: COLLECT {
		MATCH (p)-[r:WORKED_AT]->(l:Lab)
		RETURN r { .id, .role, .founder, .start, .startPrecision, .end, .endPrecision, .confidence, .note,
			lab: ` + labProjection + `,
			sources: ` + fmt.Sprintf(sourcesOf, "r") + `
		}
		ORDER BY r.start, r.end, r.id
	},
	degrees: COLLECT {
		MATCH (p)-[r:STUDIED_AT]->(l:Lab)
		OPTIONAL MATCH (advisor:Person)-[:ADVISED {degreeId: r.id}]->(p)
		RETURN r { .id, .degree, .field, .start, .startPrecision, .end, .endPrecision, .completed,
			advisorId: advisor.id, advisorName: advisor.name,
			lab: ` + labProjection + `,
			sources: ` + fmt.Sprintf(sourcesOf, "r") + `
		}
		ORDER BY r.start, r.end, r.id
	}
}`

// Person returns the person with the given id, with stints and sources.
func (db *DB) Person(ctx context.Context, id string) (thelist.Person, error) {
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.Person, error) {
		res, err := tx.Run(ctx, `MATCH (p:Person {id: $id}) RETURN `+personProjection+` AS person`,
			map[string]any{"id": id})
		if err != nil {
			return thelist.Person{}, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return thelist.Person{}, err
		} else if len(recs) == 0 {
			return thelist.Person{}, thelist.Errorf(thelist.ENOTFOUND, "no person with id %q", id)
		}
		v, _ := recs[0].Get("person") // the key is in the query above
		return decodePerson(v)
	})
}

// SearchPeople returns the people whose names best match text, best first.
// It tolerates a typo per word and matches word prefixes, so "deitk" and
// "Dietke" both find Matt Deitke.
func (db *DB) SearchPeople(ctx context.Context, text string, first int) ([]thelist.Person, error) {
	if first < 1 || first > thelist.MaxPageSize {
		return nil, thelist.Errorf(thelist.EINVALID, "first: must be between 1 and %d", thelist.MaxPageSize)
	}
	q := luceneQuery(text)
	if q == "" {
		return []thelist.Person{}, nil
	}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]thelist.Person, error) {
		res, err := tx.Run(ctx, `
			CALL db.index.fulltext.queryNodes('person_names', $q, {limit: $limit}) YIELD node AS p, score
			RETURN `+personProjection+` AS person
			ORDER BY score DESC, p.name, p.id`,
			map[string]any{"q": q, "limit": first})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		people := make([]thelist.Person, 0, len(recs))
		for _, rec := range recs {
			v, _ := rec.Get("person")
			p, err := decodePerson(v)
			if err != nil {
				return nil, err
			}
			people = append(people, p)
		}
		return people, nil
	})
}

// luceneQuery turns what a person typed into a Lucene query for the
// full-text index. The text still reaches Neo4j only as a parameter; this
// escapes Lucene's own syntax so that "C++" or "O'Brien (AI2)" cannot break
// the query, and requires every word to match.
//
// A Latin-script word matches as a prefix or within one edit (words of four
// letters or more); the analyzer does not see wildcard and fuzzy terms, so
// they are lower-cased here. A word in a CJK script is passed as a quoted
// phrase: the analyzer splits it into characters, and the phrase keeps them
// in order.
func luceneQuery(text string) string {
	var clauses []string
	for _, word := range strings.FieldsFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`+-&|!(){}[]^"~*?:\/,;.`, r)
	}) {
		word = strings.ToLower(word)
		if strings.ContainsFunc(word, isCJK) {
			clauses = append(clauses, `"`+escapeLucene(word)+`"`)
			continue
		}
		w := escapeLucene(word)
		if len([]rune(word)) >= 4 {
			clauses = append(clauses, "("+w+"* OR "+w+"~1)")
		} else {
			clauses = append(clauses, w+"*")
		}
	}
	return strings.Join(clauses, " AND ")
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// escapeLucene backslash-escapes every character that Lucene's query syntax
// gives a meaning to.
func escapeLucene(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`+-&|!(){}[]^"~*?:\/'`, r) {
			b.WriteRune('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
