package api

import (
	"testing"

	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// The declarations of thelist.Field hold the API to the bundle's columns:
// each declared kind's mutation input has one field per declared column, in
// their order and of the type the declaration implies; its GraphQL type has
// one per declared field but the references, which it shows as the record
// they name (lab, not labId), and those a declaration marks as the type's
// own (thelist.LayerType).
func TestFields_InputsAndTypesFollowTheDeclarations(t *testing.T) {
	typeOf := map[string]string{
		thelist.KindPeople: "Person", thelist.KindLabs: "Lab", thelist.KindPapers: "Paper",
		thelist.KindAuthorships: "Authorship", thelist.KindDegrees: "Degree", thelist.KindStints: "Stint",
		thelist.KindOffers: "Offer", thelist.KindMoves: "Move", thelist.KindDeals: "Deal", thelist.KindSources: "Source",
		// Recruitments and investments are shown by types written out by
		// hand (RecruitmentEdge, Investment); groups and memberships by none.
	}
	schema, err := NewSchema(nil)
	if err != nil {
		t.Fatal(err)
	}
	for kind, fields := range thelist.Declared {
		var spec *mutationSpec
		for i := range mutationSpecs {
			if mutationSpecs[i].kind == kind {
				spec = &mutationSpecs[i]
			}
		}
		if spec == nil {
			t.Errorf("no mutation writes %s", kind)
			continue
		}
		if len(spec.fields) != len(fields) {
			t.Errorf("%s has %d fields, the declaration of %s %d", spec.input, len(spec.fields), kind, len(fields))
		}
		for i, f := range fields {
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

		if typeOf[kind] == "" {
			continue
		}
		obj, ok := schema.Type(typeOf[kind]).(*graphql.Object)
		if !ok {
			t.Errorf("no %s type for %s", typeOf[kind], kind)
			continue
		}
		for _, f := range fields {
			if f.Type == thelist.FieldRef || f.Type == thelist.FieldRefs || f.Hand&thelist.LayerType != 0 {
				continue
			}
			got, ok := obj.Fields()[f.Name()]
			if !ok {
				t.Errorf("%s has no field %s for the column %s", obj.Name(), f.Name(), f.Column)
				continue
			}
			if got.Description != f.Doc {
				t.Errorf("%s.%s: description %q, want the declaration's %q", obj.Name(), f.Name(), got.Description, f.Doc)
			}
		}
	}
}

// A stint shows its lab, the record its lab_id names; the person is the
// one it is read from.
func TestFields_StintShowsItsLab(t *testing.T) {
	schema, err := NewSchema(nil)
	if err != nil {
		t.Fatal(err)
	}
	stint := schema.Type("Stint").(*graphql.Object)
	for _, name := range []string{"lab", "current", "confirmed"} {
		if _, ok := stint.Fields()[name]; !ok {
			t.Errorf("Stint has no hand-written field %s", name)
		}
	}
}

// inputTypeOf is the mutation input type a declared field implies, written
// out independently of inputType.
func inputTypeOf(f thelist.Field) graphql.Input {
	switch f.Type {
	case thelist.FieldID:
		return reqID
	case thelist.FieldRef:
		if f.Required {
			return reqID
		}
		return graphql.ID
	case thelist.FieldRefs, thelist.FieldList:
		return inputStringList
	case thelist.FieldBool, thelist.FieldOptBool:
		return graphql.Boolean
	case thelist.FieldInt, thelist.FieldCount:
		return graphql.Int
	case thelist.FieldMoney:
		return graphql.Float
	case thelist.FieldSources:
		return sourceList
	case thelist.FieldText:
		if f.Required {
			return reqString
		}
	}
	return graphql.String
}
