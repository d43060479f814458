package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// ResolvePeople finds, for each key, the people already in the database that
// it may name: itself when its id is there, else others that share an
// external id (each an index seek) or its normalised name, with the labs
// those worked or studied at. The importer decides from these; nothing here
// merges anything.
func (db *DB) ResolvePeople(ctx context.Context, keys []thelist.PersonKey) ([]thelist.PersonCandidates, error) {
	rows := make([]map[string]any, len(keys))
	for i, k := range keys {
		rows[i] = map[string]any{"id": k.ID, "orcid": nullable(k.ORCID), "openalex": nullable(k.OpenAlex),
			"dblp": nullable(k.DBLP), "nameKey": nullable(k.NameKey)}
	}
	// A property map with a null value matches no node, so an absent
	// external id finds nothing.
	const query = `
		UNWIND $rows AS row
		OPTIONAL MATCH (self:Person {id: row.id})
		RETURN row.id AS id, self IS NOT NULL AS exists,
			CASE WHEN self IS NOT NULL THEN [] ELSE COLLECT {
				MATCH (p:Person {orcid: row.orcid}) RETURN 'orcid:' + p.id AS m
				UNION MATCH (p:Person {openalex: row.openalex}) RETURN 'openalex:' + p.id AS m
				UNION MATCH (p:Person {dblp: row.dblp}) RETURN 'dblp:' + p.id AS m
			} END AS byExternal,
			CASE WHEN self IS NOT NULL THEN [] ELSE COLLECT {
				MATCH (p:Person {nameKey: row.nameKey})
				RETURN p { .id, labs: COLLECT { MATCH (p)-[:WORKED_AT|STUDIED_AT]->(l:Lab) RETURN DISTINCT l.id } }
			} END AS byName`
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]thelist.PersonCandidates, error) {
		res, err := tx.Run(ctx, query, map[string]any{"rows": rows})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		out := make([]thelist.PersonCandidates, 0, len(recs))
		for _, rec := range recs {
			m := rec.AsMap()
			c := thelist.PersonCandidates{ID: m["id"].(string), Exists: m["exists"].(bool), ByExternal: map[string][]string{}}
			for _, v := range m["byExternal"].([]any) {
				by, id, _ := strings.Cut(v.(string), ":")
				c.ByExternal[by] = append(c.ByExternal[by], id)
			}
			for _, v := range maps(m["byName"]) {
				c.ByName = append(c.ByName, thelist.NameCandidate{ID: str(v, "id"), LabIDs: strs(v, "labs")})
			}
			out = append(out, c)
		}
		return out, nil
	})
}

// enrichPeople adds to people already in the database what a bundle that
// matched them knows and they lack: external ids they have none of, aliases
// (the bundle's name among them) and sources. It never overwrites a value,
// so a curated record keeps its name and its provenance.
const enrichPeople = `
	UNWIND $rows AS row
	MATCH (p:Person {id: row.id})
	SET p.orcid = coalesce(p.orcid, row.orcid), p.openalex = coalesce(p.openalex, row.openalex),
		p.dblp = coalesce(p.dblp, row.dblp), p.googleScholar = coalesce(p.googleScholar, row.googleScholar),
		p.aliases = reduce(acc = coalesce(p.aliases, []), a IN row.aliases |
			CASE WHEN a IN acc OR a = p.name THEN acc ELSE acc + a END),
		p.sources = reduce(acc = coalesce(p.sources, []), s IN row.sources |
			CASE WHEN s IN acc THEN acc ELSE acc + s END)
	RETURN count(p) AS matched`

func personMatchRows(matches []thelist.PersonMatch) []map[string]any {
	rows := make([]map[string]any, len(matches))
	for i, m := range matches {
		p := m.Person
		aliases := append([]string{p.Name}, p.Aliases...)
		if p.NativeName != "" {
			aliases = append(aliases, p.NativeName)
		}
		rows[i] = map[string]any{"id": m.ID, "orcid": nullable(p.ORCID), "openalex": nullable(p.OpenAlex),
			"dblp": nullable(p.DBLP), "googleScholar": nullable(p.GoogleScholar),
			"aliases": aliases, "sources": sourceIDs(p.Sources)}
	}
	return rows
}

// writePersonMatches runs enrichPeople in tx and returns how many people it
// touched.
func writePersonMatches(ctx context.Context, tx neo4j.ManagedTransaction, matches []thelist.PersonMatch) (int, error) {
	if len(matches) == 0 {
		return 0, nil
	}
	res, err := tx.Run(ctx, enrichPeople, map[string]any{"rows": personMatchRows(matches)})
	if err != nil {
		return 0, fmt.Errorf("enrich matched people: %w", err)
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return 0, fmt.Errorf("enrich matched people: %w", err)
	}
	n, _ := rec.Get("matched")
	return int(n.(int64)), nil
}

// LabKeys returns the id, names and registry ids of every stored lab, for
// the importer to match a bundle's new labs against. Labs are few beside
// people (11,385 in a corpus of 134,754 people), so one read of all of them
// costs less than a look-up per new lab.
func (db *DB) LabKeys(ctx context.Context) ([]thelist.LabKey, error) {
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]thelist.LabKey, error) {
		res, err := tx.Run(ctx, `MATCH (l:Lab) RETURN l.id AS id, l.name AS name, l.aliases AS aliases,
			l.ror AS ror, l.openalex AS openalex, l.wikidata AS wikidata, l.mergedIds AS mergedIds`, nil)
		if err != nil {
			return nil, err
		}
		var keys []thelist.LabKey
		for res.Next(ctx) {
			m := res.Record().AsMap()
			keys = append(keys, thelist.LabKey{ID: str(m, "id"), Name: str(m, "name"), Aliases: strs(m, "aliases"),
				LabIDs:    thelist.LabIDs{ROR: str(m, "ror"), OpenAlex: str(m, "openalex"), Wikidata: str(m, "wikidata")},
				MergedIDs: strs(m, "mergedIds")})
		}
		return keys, res.Err()
	})
}
