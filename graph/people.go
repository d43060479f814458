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
var labProjection = `l { ` + propsOf(thelist.LabFields) + `,
	parentId: COLLECT { MATCH (l)-[:PART_OF]->(parent:Lab) RETURN parent.id }[0] }`

// personProjection reads a person with stints and degrees, as one nested
// map, so a person costs one round trip however many stints they have. The
// person page adds more with personProjectionWith.
var personProjection = `p {` + personFields + `}`

// stintProps projects a stint's properties, as thelist.StintFields declares
// them: `.id, .role, .founder, .start, .startPrecision, …`. Its ends (the
// person and the lab) and its sources are read by each query its own way.
var stintProps = propsOf(thelist.StintFields)

// paperProps are the properties every read of a whole paper projects, as
// decodePaper reads them.
var paperProps = propsOf(thelist.PaperFields)

// propsOf is the map projection of the properties of the fields declared.
func propsOf(fields []thelist.Field) string {
	var props []string
	for _, f := range fields {
		if !f.Stored() {
			continue
		}
		for _, p := range f.Props() {
			props = append(props, "."+p)
		}
	}
	return strings.Join(props, ", ")
}

// personFields are the entries of personProjection.
var personFields = `
	` + propsOf(thelist.PersonFields) + `,
	sources: ` + fmt.Sprintf(sourcesOf, "p") + `,
	stints: COLLECT {
		MATCH (p)-[r:WORKED_AT]->(l:Lab)
		RETURN r { ` + stintProps + `,
			lab: ` + labProjection + `,
			sources: ` + fmt.Sprintf(sourcesOf, "r") + `
		}
		ORDER BY r.start, r.end, r.id
	},
	degrees: COLLECT {
		MATCH (p)-[r:STUDIED_AT]->(l:Lab)
		OPTIONAL MATCH (advisor:Person)-[:ADVISED {degreeId: r.id}]->(p)
		RETURN r { ` + propsOf(thelist.DegreeFields) + `,
			advisorId: advisor.id, advisorName: advisor.name,
			lab: ` + labProjection + `,
			sources: ` + fmt.Sprintf(sourcesOf, "r") + `
		}
		ORDER BY r.start, r.end, r.id
	}
`

// personPapers are a person's authorships with their papers, newest first
// and those with no year last, at most $firstPapers after the first
// $papersOffset, and how many they are in all (a count from the person's
// relationship counts, not a read of the papers).
var personPapers = `papers: COLLECT {
		MATCH (p)-[a:AUTHORED]->(w:Paper)
		RETURN {position: a.position, sources: ` + fmt.Sprintf(sourcesOf, "a") + `, paper: ` + candidatePaperProjection + `}
		ORDER BY w.year IS NULL, w.year DESC, w.title, w.id SKIP $papersOffset LIMIT $firstPapers
	},
	paperCount: COUNT { MATCH (p)-[:AUTHORED]->(:Paper) }`

// personMoves are a person's moves, oldest first and those with no date
// last, with both labs and the recruiter. The recruiter is read as an
// identity (personLite's fields): a recruiter's own stints are on their page.
var personMoves = `moves: COLLECT {
		MATCH (p)-[:MADE_MOVE]->(m:Move)
		RETURN m { ` + propsOf(thelist.MoveFields) + `,
			from: COLLECT { MATCH (m)-[:FROM]->(l:Lab) RETURN ` + labProjection + ` }[0],
			to: COLLECT { MATCH (m)-[:TO]->(l:Lab) RETURN ` + labProjection + ` }[0],
			recruiter: COLLECT { MATCH (m)-[:RECRUITED_BY]->(rp:Person)
				RETURN rp { .id, .name, .nativeName, .aliases, sources: ` + fmt.Sprintf(sourcesOf, "rp") + ` } }[0],
			offerId: COLLECT { MATCH (m)-[:WITH_OFFER]->(o:Offer) RETURN o.id }[0],
			sources: ` + fmt.Sprintf(sourcesOf, "m") + ` }
		ORDER BY m.date IS NULL, m.date, m.id
	}`

// personProjectionWith is personProjection with the lists that d asks for,
// so that a person page that does not show papers does not read them.
// Credentials need topLabIds (candidateTopLabIDs) bound before it.
func personProjectionWith(d thelist.PersonDetail) string {
	fields := personFields
	if d.Papers {
		fields += ",\n\t" + personPapers
	}
	if d.Moves {
		fields += ",\n\t" + personMoves
	}
	if d.Credentials != nil {
		fields += ",\n\tcredentials: {" + candidateEvidence + "}"
	}
	return `p {` + fields + `}`
}

// Person returns the person with the given id, with stints, degrees and
// sources.
func (db *DB) Person(ctx context.Context, id string) (thelist.Person, error) {
	return db.PersonWith(ctx, id, thelist.PersonDetail{})
}

// PersonWith returns the person with the given id, with stints, degrees,
// sources and the lists that d asks for, in one statement.
func (db *DB) PersonWith(ctx context.Context, id string, d thelist.PersonDetail) (thelist.Person, error) {
	if d.Papers && (d.FirstPapers < 0 || d.FirstPapers > thelist.MaxPageSize) {
		return thelist.Person{}, thelist.Errorf(thelist.EINVALID, "papers first: must be between 0 and %d", thelist.MaxPageSize)
	}
	if d.Papers && (d.PapersOffset < 0 || d.PapersOffset > thelist.MaxPapersOffset) {
		return thelist.Person{}, thelist.Errorf(thelist.EINVALID, "papers offset: must be between 0 and %d", thelist.MaxPapersOffset)
	}
	query := `MATCH (p:Person {id: $id}) RETURN ` + personProjectionWith(d) + ` AS person`
	params := map[string]any{"id": id, "firstPapers": d.FirstPapers, "papersOffset": d.PapersOffset}
	if d.Credentials != nil {
		// The credentials are read with no date restriction, as the people
		// list reads them without asOf.
		query = candidateTopLabIDs + "\n" + query
		for k, v := range credentialParams(*d.Credentials, nil) {
			params[k] = v
		}
	}
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.Person, error) {
		m, err := firstRow(ctx, tx, query, params, thelist.Errorf(thelist.ENOTFOUND, "no person with id %q", id))
		if err != nil {
			return thelist.Person{}, err
		}
		v := m["person"] // the key is in the query above
		p, err := decodePerson(v)
		if err != nil {
			return p, err
		}
		return p, decodePersonDetail(&p, v.(map[string]any), d)
	})
}

// decodePersonDetail reads the lists of personProjectionWith into p. Each
// list asked for is left non-nil, even when empty, since nil means not read.
func decodePersonDetail(p *thelist.Person, m map[string]any, d thelist.PersonDetail) error {
	if d.Papers {
		p.PaperCount, p.PapersOffset = intOf(m, "paperCount"), d.PapersOffset
		p.Papers = []thelist.PersonPaper{}
		for _, am := range maps(m["papers"]) {
			pm, _ := am["paper"].(map[string]any) // the paper of an AUTHORED relationship is always there
			w, err := decodePaper(pm)
			if err != nil {
				return fmt.Errorf("person %s: %w", p.ID, err)
			}
			a := thelist.PersonPaper{Paper: w}
			if err := decodeDeclared(thelist.AuthorshipFields, am, &a); err != nil {
				return fmt.Errorf("person %s: authorship of %s: %w", p.ID, w.ID, err)
			}
			p.Papers = append(p.Papers, a)
		}
	}
	if d.Moves {
		// A move's person is the person of the page as read: its stints and
		// degrees, not the lists that only the page reads.
		self := thelist.Person{ID: p.ID, Name: p.Name, NativeName: p.NativeName, Aliases: p.Aliases,
			ExternalIDs: p.ExternalIDs, Sources: p.Sources, Stints: p.Stints, Degrees: p.Degrees}
		p.Moves = []thelist.FlowMove{}
		for _, mm := range maps(m["moves"]) {
			mv := thelist.FlowMove{Person: self, OfferID: str(mm, "offerId")}
			if err := decodeDeclared(thelist.MoveFields, mm, &mv); err != nil {
				return fmt.Errorf("move %s: %w", mv.ID, err)
			}
			for key, lab := range map[string]**thelist.Lab{"from": &mv.FromLab, "to": &mv.ToLab} {
				if lm, ok := mm[key].(map[string]any); ok {
					l, err := decodeLab(lm)
					if err != nil {
						return fmt.Errorf("move %s: %w", mv.ID, err)
					}
					*lab = &l
				}
			}
			if rm, ok := mm["recruiter"].(map[string]any); ok {
				r, err := decodePerson(rm)
				if err != nil {
					return fmt.Errorf("move %s: %w", mv.ID, err)
				}
				mv.Recruiter = &r
			}
			p.Moves = append(p.Moves, mv)
		}
	}
	if d.Credentials != nil {
		cm, _ := m["credentials"].(map[string]any) // the map is in the projection
		var err error
		if p.Credentials, err = decodeCredentials(p.ID, cm); err != nil {
			return fmt.Errorf("person %s: %w", p.ID, err)
		}
	}
	return nil
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
