package graph

import (
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// This file holds what the recruitment, talent-flow, offer, lab-page,
// paper-page and search queries share: the people and labs they name are
// read once per query, by id, into dictionaries, rather than projected at
// every place they appear. A person who recruited five people is read once,
// and the Cypher that projects a person never runs inside a scope that binds
// other variables, which the COLLECT subqueries of personProjection could
// otherwise capture.

// peopleByID is a Cypher expression for the people whose ids are in the list
// variable ids, as maps: with their stints and degrees when full, with their
// identity and sources only otherwise. The enclosing scope must not bind p,
// r, l, s, parent or advisor.
func peopleByID(ids string, full bool) string {
	proj := personLite
	if full {
		proj = personProjection
	}
	return `COLLECT { MATCH (p:Person) WHERE p.id IN ` + ids + ` RETURN ` + proj + ` }`
}

// peopleOf is peopleByID with the choice made by the query's $full
// parameter: CASE evaluates only the branch it takes, so the stints of
// people nobody asked about are never read.
func peopleOf(ids string) string {
	return `CASE WHEN $full THEN ` + peopleByID(ids, true) + ` ELSE ` + peopleByID(ids, false) + ` END`
}

// personLite is a person without stints and degrees, for lists where the
// client did not ask for them.
var personLite = `p { .id, .name, .nativeName, .aliases, .orcid, .openalex, .dblp, .googleScholar,
	sources: ` + fmt.Sprintf(sourcesOf, "p") + ` }`

// labsByID is a Cypher expression for the labs whose ids are in the list
// variable ids, as maps with their sources. The enclosing scope must not
// bind l, s or parent.
func labsByID(ids string) string {
	return `COLLECT { MATCH (l:Lab) WHERE l.id IN ` + ids + ` RETURN ` + labWithSources + ` }`
}

// labWithSources is labProjection with the lab's sources: the declared
// properties (thelist.LabFields), its registry ids, its parent and its sources.
var labWithSources = `l { ` + propsOf(thelist.LabFields) + `, .ror, .openalex, .wikidata,
	parentId: COLLECT { MATCH (l)-[:PART_OF]->(parent:Lab) RETURN parent.id }[0],
	sources: ` + fmt.Sprintf(sourcesOf, "l") + ` }`

// labFamily is a Cypher expression for the ids of the lab bound to the
// variable lab and, when the boolean expression children holds, of every lab
// that is part of it, at any depth.
func labFamily(lab, children string) string {
	return `[` + lab + `.id] + CASE WHEN ` + children + ` THEN COLLECT { MATCH (c:Lab)-[:PART_OF*1..]->(` + lab +
		`) RETURN DISTINCT c.id } ELSE [] END`
}

// dateParam is a thelist.Date as a query parameter: a Neo4j date of its
// first day, or null when unknown.
func dateParam(d thelist.Date) any {
	if d.IsZero() {
		return nil
	}
	return neo4j.DateOf(d.Time)
}

// inWindow is a Cypher predicate that the date property prop of v lies in
// [$since, $until) and not after $asOf, each open when its parameter is
// null. A record without a date is outside any window, since it cannot be
// placed, but counts as of any day, since nothing says it came later.
func inWindow(v, prop string) string {
	d := v + `.` + prop
	return `(($since IS NULL OR (` + d + ` IS NOT NULL AND ` + d + ` >= $since)) AND ($until IS NULL OR (` + d +
		` IS NOT NULL AND ` + d + ` < $until)) AND ($asOf IS NULL OR ` + d + ` IS NULL OR ` + d + ` <= $asOf))`
}

// decodePeople reads the maps of peopleByID into a dictionary by id.
func decodePeople(v any) (map[string]thelist.Person, error) {
	out := map[string]thelist.Person{}
	for _, m := range maps(v) {
		p, err := decodePerson(m)
		if err != nil {
			return nil, err
		}
		out[p.ID] = p
	}
	return out, nil
}

// decodeLabs reads the maps of labsByID into a dictionary by id.
func decodeLabs(v any) (map[string]*thelist.Lab, error) {
	out := map[string]*thelist.Lab{}
	for _, m := range maps(v) {
		l, err := decodeLab(m)
		if err != nil {
			return nil, err
		}
		out[l.ID] = &l
	}
	return out, nil
}

// decodePeopleAndLabs reads the "people" and "labs" columns that most
// reads return beside their records (peopleOf, labsByID), each into a
// dictionary by id.
func decodePeopleAndLabs(m map[string]any) (map[string]thelist.Person, map[string]*thelist.Lab, error) {
	people, err := decodePeople(m["people"])
	if err != nil {
		return nil, nil, err
	}
	labs, err := decodeLabs(m["labs"])
	return people, labs, err
}

// personOr returns the person of the dictionary with the id, or one that
// carries the id alone when the dictionary lacks it (which a consistent
// graph never does).
func personOr(people map[string]thelist.Person, id string) thelist.Person {
	if p, ok := people[id]; ok {
		return p
	}
	return thelist.Person{ID: id}
}

// factOf reads the confidence, note and sources that every fact carries.
func factOf(m map[string]any) (thelist.Fact, error) {
	sources, err := decodeSources(m["sources"])
	return thelist.Fact{Confidence: str(m, "confidence"), Note: str(m, "note"), Sources: sources}, err
}

func int64Of(m map[string]any, key string) *int64 {
	if n, ok := m[key].(int64); ok {
		return &n
	}
	return nil
}

func intOf(m map[string]any, key string) int {
	n, _ := m[key].(int64) // a missing number is 0, "not reported", by design
	return int(n)
}
