package graph

import (
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// The decode functions turn the nested maps that Cypher map projections
// return into domain values. Cypher returns null for a missing property,
// which arrives here as a missing or nil entry: both decode to the zero value.

func str(m map[string]any, key string) string {
	s, _ := m[key].(string) // a missing property is the empty string by design
	return s
}

func boolean(m map[string]any, key string) bool {
	b, _ := m[key].(bool) // a missing flag is false by design
	return b
}

func strs(m map[string]any, key string) []string {
	list, _ := m[key].([]any) // a missing list is empty by design
	var out []string
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// dateOf reads a date stored as a Neo4j date in key plus its precision in
// key+"Precision".
func dateOf(m map[string]any, key string) (thelist.Date, error) {
	v, ok := m[key]
	if !ok || v == nil {
		return thelist.Date{}, nil
	}
	d, ok := v.(neo4j.Date)
	if !ok {
		return thelist.Date{}, fmt.Errorf("property %s: want a date, got %T", key, v)
	}
	p, err := thelist.ParsePrecision(str(m, key+"Precision"))
	if err != nil {
		return thelist.Date{}, fmt.Errorf("property %s: %w", key, err)
	}
	if p == thelist.PrecisionNone {
		p = thelist.PrecisionDay
	}
	return thelist.Date{Time: d.Time(), Precision: p}, nil
}

// dateParams stores d as a Neo4j date (for ordering and ranges) plus the
// precision it was reported at. An unknown date stores nulls, which removes
// both properties on update.
func dateParams(props map[string]any, key string, d thelist.Date) {
	if d.IsZero() {
		props[key], props[key+"Precision"] = nil, nil
		return
	}
	props[key] = neo4j.DateOf(d.Time)
	props[key+"Precision"] = d.Precision.String()
}

func maps(v any) []map[string]any {
	list, _ := v.([]any) // null decodes to no rows
	out := make([]map[string]any, 0, len(list))
	for _, item := range list {
		if m, ok := item.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func decodeSources(v any) ([]thelist.Source, error) {
	var out []thelist.Source
	for _, m := range maps(v) {
		// The original is stored as its id (sourceRows).
		s := thelist.Source{OriginalID: str(m, "originalId")}
		if err := decodeDeclared(thelist.SourceFields, m, &s); err != nil {
			return nil, fmt.Errorf("source %s: %w", str(m, "id"), err)
		}
		out = append(out, s)
	}
	return out, nil
}

func decodeLab(m map[string]any) (thelist.Lab, error) {
	// The parent is an end of PART_OF, which each projection reads as parentId.
	// So are the registry ids, which only labWithSources reads.
	l := thelist.Lab{ParentID: str(m, "parentId"),
		LabIDs: thelist.LabIDs{ROR: str(m, "ror"), OpenAlex: str(m, "openalex"), Wikidata: str(m, "wikidata")}}
	if err := decodeDeclared(thelist.LabFields, m, &l); err != nil {
		return thelist.Lab{}, fmt.Errorf("lab %s: %w", str(m, "id"), err)
	}
	return l, nil
}

func decodePerson(v any) (thelist.Person, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return thelist.Person{}, fmt.Errorf("person: want a map, got %T", v)
	}
	var p thelist.Person
	err := decodeDeclared(thelist.PersonFields, m, &p)
	if err != nil {
		return p, fmt.Errorf("person %s: %w", p.ID, err)
	}
	for _, sm := range maps(m["stints"]) {
		s, err := decodeStint(sm, p.ID)
		if err != nil {
			return p, err
		}
		if lm, ok := sm["lab"].(map[string]any); ok {
			lab, err := decodeLab(lm)
			if err != nil {
				return p, fmt.Errorf("stint %s: %w", s.ID, err)
			}
			s.Lab, s.LabID = &lab, lab.ID
		}
		p.Stints = append(p.Stints, s)
	}
	for _, dm := range maps(m["degrees"]) {
		// The advisor is the end of an ADVISED relationship, read by name.
		d := thelist.Degree{PersonID: p.ID, AdvisorID: str(dm, "advisorId"), AdvisorName: str(dm, "advisorName")}
		if err := decodeDeclared(thelist.DegreeFields, dm, &d); err != nil {
			return p, fmt.Errorf("degree %s: %w", d.ID, err)
		}
		if lm, ok := dm["lab"].(map[string]any); ok {
			lab, err := decodeLab(lm)
			if err != nil {
				return p, fmt.Errorf("degree %s: %w", d.ID, err)
			}
			d.Lab, d.LabID = &lab, lab.ID
		}
		p.Degrees = append(p.Degrees, d)
	}
	return p, nil
}

// decodePaper reads a paper projected with its declared properties and its
// sources (the person page, a lab's page, search, candidates' evidence).
func decodePaper(m map[string]any) (thelist.Paper, error) {
	var w thelist.Paper
	if err := decodeDeclared(thelist.PaperFields, m, &w); err != nil {
		return w, fmt.Errorf("paper %s: %w", w.ID, err)
	}
	return w, nil
}

// decodeStint reads what stintProps projects of a stint, and its sources:
// every read of a stint decodes it here, as it projects it there. Its lab
// is the caller's to set, since each query names it its own way.
func decodeStint(sm map[string]any, personID string) (thelist.Stint, error) {
	s := thelist.Stint{PersonID: personID}
	if err := decodeDeclared(thelist.StintFields, sm, &s); err != nil {
		return s, fmt.Errorf("stint %s: %w", s.ID, err)
	}
	return s, nil
}
