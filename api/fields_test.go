package api

import (
	"testing"

	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// The declarations of thelist.Field hold the API to the bundle's columns:
// the mutation's input has one field per declared column, in their order
// and of the type the declaration implies; the GraphQL type has one per
// declared field but the references, which it shows as the record they
// name (lab, not labId).
func TestFields_StintInputAndTypeFollowTheDeclaration(t *testing.T) {
	var spec *mutationSpec
	for i := range mutationSpecs {
		if mutationSpecs[i].kind == thelist.KindStints {
			spec = &mutationSpecs[i]
		}
	}
	if spec == nil {
		t.Fatal("no mutation writes stints")
	}
	if len(spec.fields) != len(thelist.StintFields) {
		t.Errorf("%s has %d fields, StintFields declares %d", spec.input, len(spec.fields), len(thelist.StintFields))
	}
	for i, f := range thelist.StintFields {
		if i >= len(spec.fields) {
			break
		}
		in := spec.fields[i]
		if in.name != f.Name() {
			t.Errorf("%s field %d = %s, want %s (column %s)", spec.input, i, in.name, f.Name(), f.Column)
		}
		if got, want := in.typ.String(), inputTypeOf(f).String(); got != want {
			t.Errorf("%s.%s: type %s, want %s", spec.input, in.name, got, want)
		}
	}

	schema, err := NewSchema(nil)
	if err != nil {
		t.Fatal(err)
	}
	stint, ok := schema.Type("Stint").(*graphql.Object)
	if !ok {
		t.Fatal("no Stint type")
	}
	for _, f := range thelist.StintFields {
		name := f.Name()
		if f.Type == thelist.FieldRef {
			if f.Ref == thelist.KindPeople {
				continue // a stint is read from its person
			}
			name = name[:len(name)-len("Id")]
		}
		if _, ok := stint.Fields()[name]; !ok {
			t.Errorf("Stint has no field %s for the column %s", name, f.Column)
		}
	}
}

// inputTypeOf is the mutation input type a declared field implies.
func inputTypeOf(f thelist.Field) graphql.Input {
	switch f.Type {
	case thelist.FieldID:
		return reqID
	case thelist.FieldRef:
		if f.Required {
			return reqID
		}
		return graphql.ID
	case thelist.FieldBool:
		return graphql.Boolean
	case thelist.FieldSources:
		return sourceList
	case thelist.FieldText:
		if f.Required {
			return reqString
		}
	}
	return graphql.String
}
