package thelist

import "strings"

// FieldType says what a record's field holds: it decides how the importer
// reads its column, how Neo4j stores it and how GraphQL types it.
type FieldType int

const (
	FieldID      FieldType = iota // the record's own id
	FieldRef                      // the id of a record of the kind Field.Ref: an end of a relationship, not a property
	FieldText                     // one line of text
	FieldBool                     // true or false; empty is false
	FieldDate                     // YYYY, YYYY-MM or YYYY-MM-DD, stored as a date and its precision
	FieldSources                  // the ids of the sources that state the record
)

// Field declares one field of a record kind. A kind's fields are declared
// once, here (StintFields), in the order of the bundle's columns; the
// importer's columns, the Cypher that reads the record and the mutation's
// input follow the declaration, and tests hold the GraphQL type to it
// (docs/adding-a-field.md).
type Field struct {
	Column   string // the bundle's column, in snake_case: person_id
	Type     FieldType
	Required bool   // the column must be present and every value non-empty
	Ref      string // the kind a FieldRef names
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
	case FieldRef, FieldSources:
		return nil
	case FieldDate:
		return []string{f.Name(), f.Name() + "Precision"}
	}
	return []string{f.Name()}
}

// FactFields are the fields every fact ends with (Fact): how sure the
// report is, a note, and the sources that state it.
var FactFields = []Field{
	{Column: "confidence", Type: FieldText},
	{Column: "note", Type: FieldText},
	{Column: "sources", Type: FieldSources, Required: true},
}

// StintFields declares a stint (Stint): a person's job or study at a lab,
// the WORKED_AT relationship from the person to the lab.
var StintFields = append([]Field{
	{Column: "id", Type: FieldID, Required: true},
	{Column: "person_id", Type: FieldRef, Required: true, Ref: KindPeople},
	{Column: "lab_id", Type: FieldRef, Required: true, Ref: KindLabs},
	{Column: "role", Type: FieldText},
	{Column: "founder", Type: FieldBool},
	{Column: "start", Type: FieldDate},
	{Column: "end", Type: FieldDate},
	{Column: "last_seen", Type: FieldDate},
	{Column: "concurrent", Type: FieldBool},
}, FactFields...)
