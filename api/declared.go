package api

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// inputFields are a mutation's input fields for a kind's declared fields
// (thelist.Field), one per bundle column and in their order: the input is
// a row, which the importer then reads and checks (upsertResolver).
func inputFields(fields []thelist.Field) []inputField {
	out := make([]inputField, len(fields))
	for i, f := range fields {
		out[i] = inputField{f.Name(), inputType(f), inputDoc(f)}
	}
	return out
}

// inputType is the GraphQL input type of a declared field.
func inputType(f thelist.Field) graphql.Input {
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
		// Amounts pass 2^31, above GraphQL's Int; the importer refuses a
		// fraction.
		return graphql.Float
	case thelist.FieldSources:
		return sourceList
	case thelist.FieldText:
		if f.Required {
			return reqString
		}
		return graphql.String
	case thelist.FieldDate:
		return graphql.String
	}
	panic(fmt.Sprintf("api: no input type for field %s of type %d", f.Column, f.Type)) // a declaration this layer does not know: a programming error the tests meet first
}

// inputDoc describes a declared field on a mutation's input: a date's
// description ends with its format, and sources and money have one of
// their own.
func inputDoc(f thelist.Field) string {
	switch {
	case f.Type == thelist.FieldDate:
		return f.InputDoc + dateDesc
	case f.InputDoc != "":
		return f.InputDoc
	case f.Type == thelist.FieldSources:
		return sourcesField().desc
	case f.Type == thelist.FieldMoney:
		return "A whole number of currency units."
	}
	return ""
}

// declaredFields are the fields of a GraphQL object type for a kind's
// declared scalar fields, resolved from the record (or a view that embeds
// it) by the declaration's Go field. Fields a layer treats by hand
// (thelist.LayerType) and references, which a type shows as the record
// they name, are the type's own to define.
func declaredFields(fields []thelist.Field, source *graphql.Object) graphql.Fields {
	out := graphql.Fields{}
	for _, f := range fields {
		if f.Hand&thelist.LayerType != 0 || f.Type == thelist.FieldRef || f.Type == thelist.FieldRefs {
			continue
		}
		typ, resolve := outputType(f, source)
		out[f.Name()] = &graphql.Field{Type: typ, Description: f.Doc, Resolve: resolve}
	}
	return out
}

// outputType is the GraphQL type of a declared field and the resolver that
// reads it: an unreported value is null, or the field's Default.
func outputType(f thelist.Field, source *graphql.Object) (graphql.Output, graphql.FieldResolveFn) {
	value := func(p graphql.ResolveParams) any { return f.Value(p.Source).Interface() }
	switch f.Type {
	case thelist.FieldID:
		return reqID, func(p graphql.ResolveParams) (any, error) { return value(p), nil }
	case thelist.FieldText:
		if f.Required || f.Default != "" {
			return reqString, func(p graphql.ResolveParams) (any, error) {
				if s := value(p).(string); s != "" {
					return s, nil
				}
				return f.Default, nil
			}
		}
		return graphql.String, optionalString(func(src any) string { return f.Value(src).String() })
	case thelist.FieldDate:
		return graphql.String, optionalDate(func(src any) thelist.Date { return f.Value(src).Interface().(thelist.Date) })
	case thelist.FieldBool:
		return graphql.NewNonNull(graphql.Boolean), func(p graphql.ResolveParams) (any, error) { return value(p), nil }
	case thelist.FieldOptBool:
		return graphql.Boolean, func(p graphql.ResolveParams) (any, error) {
			if b := value(p).(*bool); b != nil {
				return *b, nil
			}
			return nil, nil
		}
	case thelist.FieldInt:
		return graphql.Int, func(p graphql.ResolveParams) (any, error) {
			if n := value(p).(int); n != 0 {
				return n, nil
			}
			return nil, nil
		}
	case thelist.FieldCount, thelist.FieldMoney:
		// Counts and amounts pass 2^31, above GraphQL's Int, so they are
		// Float, exact up to 2^53.
		return graphql.Float, func(p graphql.ResolveParams) (any, error) {
			if n := value(p).(*int64); n != nil {
				return float64(*n), nil
			}
			return nil, nil
		}
	case thelist.FieldList:
		return list(graphql.String), func(p graphql.ResolveParams) (any, error) {
			if l := value(p).([]string); l != nil {
				return l, nil
			}
			return []string{}, nil
		}
	case thelist.FieldSources:
		return list(source), func(p graphql.ResolveParams) (any, error) {
			return nonNilSources(value(p).([]thelist.Source)), nil
		}
	}
	panic(fmt.Sprintf("api: no GraphQL type for field %s of type %d", f.Column, f.Type)) // a declaration this layer does not know: a programming error the tests meet first
}

// withFields adds to declared the fields a type defines by hand.
func withFields(declared graphql.Fields, hand graphql.Fields) graphql.Fields {
	for name, f := range hand {
		if _, ok := declared[name]; ok {
			panic("api: " + name + " is both declared and written by hand") // a declaration to mark thelist.LayerType
		}
		declared[name] = f
	}
	return declared
}
