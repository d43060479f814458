package thelist

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// FieldType says what a record's field holds: it decides how the importer
// reads its column, how Neo4j stores it and how GraphQL types it.
type FieldType int

const (
	FieldID      FieldType = iota // the record's own id
	FieldRef                      // the id of a record of the kind Field.Ref: an end of a relationship, not a property
	FieldRefs                     // a list of ids of records of the kind Field.Ref, each a relationship
	FieldText                     // one line of text
	FieldBool                     // true or false; empty is false
	FieldOptBool                  // true, false or not reported (*bool)
	FieldDate                     // YYYY, YYYY-MM or YYYY-MM-DD, stored as a date and its precision
	FieldInt                      // a whole number where 0 means not reported (int); Check says which
	FieldCount                    // a whole number ≥ 0 that may pass 2^31, or not reported (*int64)
	FieldMoney                    // an amount in currency units: a FieldCount that GraphQL takes as Float
	FieldList                     // texts separated by ";" in a cell
	FieldSources                  // the ids of the sources that state the record
)

// FieldCheck is the rule the importer holds a cell to beyond its type.
type FieldCheck int

const (
	CheckNone                FieldCheck = iota
	CheckEnum                           // one of Field.Values
	CheckCountry                        // ISO 3166-1 alpha-2
	CheckCurrency                       // ISO 4217
	CheckURL                            // an http(s) URL
	CheckLanguage                       // a BCP 47 tag
	CheckORCID                          // an ORCID iD
	CheckOpenAlexAuthor                 // an OpenAlex author id
	CheckOpenAlexInstitution            // an OpenAlex institution id
	CheckROR                            // a ROR id
	CheckWikidata                       // a Wikidata item
	CheckDOI                            // a DOI without its resolver
	CheckYear                           // a FieldInt that is a plausible year
	CheckPositive                       // a FieldInt of at least 1
)

// Layer names the places a declaration drives, for a field that one of
// them must treat by hand (Field.Hand).
type Layer int

const (
	// LayerGraph: the graph package writes and reads the property by hand
	// (graph/records.go says how), or not at all.
	LayerGraph Layer = 1 << iota
	// LayerType: the GraphQL object type leaves the field out or defines
	// it by hand (api/*.go says why).
	LayerType
	// LayerImport: the kind's parse in the importer reads and checks the
	// cell by hand.
	LayerImport
)

// Field declares one field of a record kind. Each kind's fields are
// declared once (fields_kinds.go), in the order of the bundle's columns;
// the importer's columns and per-field checks, the Neo4j properties that
// are written and read back, the mutation's input and the scalar fields of
// the GraphQL type follow the declaration (docs/adding-a-field.md).
type Field struct {
	Column   string // the bundle's column, in snake_case: person_id
	Go       string // the field of the kind's Go struct that holds it: PersonID (found through embedded structs)
	Type     FieldType
	Required bool   // the column must be present and every value non-empty
	Ref      string // the kind a FieldRef or FieldRefs names
	Check    FieldCheck
	Values   []string // the values CheckEnum allows
	// Default is what an empty value means, which GraphQL shows in its
	// place (a fact's confidence is "reported" unless a source says less).
	Default string
	// Doc describes the field on the GraphQL type, InputDoc on the
	// mutation's input; a date's input adds its format to InputDoc.
	Doc, InputDoc string
	// Hand are the layers that treat this field by hand instead of from
	// the declaration; the declaration says why.
	Hand Layer
}

// Name is the field's name in GraphQL and in Neo4j: the column in
// lowerCamelCase (person_id → personId).
func (f Field) Name() string {
	parts := strings.Split(f.Column, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// Props are the Neo4j properties the field is stored in: a date keeps its
// precision beside it (start, startPrecision). A reference is the end of
// the record's relationship and sources are read through their own nodes,
// so neither is a property a projection reads.
func (f Field) Props() []string {
	switch f.Type {
	case FieldRef, FieldRefs, FieldSources:
		return nil
	case FieldDate:
		return []string{f.Name(), f.Name() + "Precision"}
	}
	return []string{f.Name()}
}

// Stored reports whether the graph stores and reads the field as declared:
// it has properties and no hand-written treatment there.
func (f Field) Stored() bool { return f.Hand&LayerGraph == 0 && len(f.Props()) > 0 }

// Value is the field in record, a struct or a pointer to one. It can be
// set when record is a pointer.
func (f Field) Value(record any) reflect.Value {
	v := reflect.ValueOf(record)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	return v.FieldByIndex(fieldIndex(v.Type(), f.Go))
}

// fieldIndexes caches the index of each (struct type, Go field) pair: the
// importer reads every field of every row through Value, and a look-up by
// name walks the struct and its embedded structs each time.
var fieldIndexes sync.Map

func fieldIndex(t reflect.Type, name string) []int {
	type key struct {
		t    reflect.Type
		name string
	}
	if idx, ok := fieldIndexes.Load(key{t, name}); ok {
		return idx.([]int)
	}
	sf, ok := t.FieldByName(name)
	if !ok {
		panic(fmt.Sprintf("thelist: %s has no field %s", t, name)) // a declaration names a field its struct lacks: fields_test.go
	}
	fieldIndexes.Store(key{t, name}, sf.Index)
	return sf.Index
}
