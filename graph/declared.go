package graph

import (
	"fmt"
	"reflect"

	"github.com/thelist/thelist"
)

// declaredProps adds to props the Neo4j properties of record's declared
// fields (thelist.Field) and returns props: a required text as it is, an
// unreported value as null (so an update removes it), a date as a date and
// its precision, sources as their ids. The row builders (records.go) add
// what a kind stores beyond its declaration: its ends and derived keys.
func declaredProps(fields []thelist.Field, record any, props map[string]any) map[string]any {
	for _, f := range fields {
		if f.Type == thelist.FieldSources && f.Hand&thelist.LayerGraph == 0 {
			props["sources"] = sourceIDs(f.Value(record).Interface().([]thelist.Source))
			continue
		}
		if !f.Stored() || f.Type == thelist.FieldID { // the id is the row's key
			continue
		}
		name, v := f.Name(), f.Value(record)
		switch f.Type {
		case thelist.FieldText:
			if f.Required {
				props[name] = v.String()
			} else {
				props[name] = nullable(v.String())
			}
		case thelist.FieldBool:
			props[name] = v.Bool()
		case thelist.FieldOptBool:
			props[name] = nullableBool(v.Interface().(*bool))
		case thelist.FieldDate:
			dateParams(props, name, v.Interface().(thelist.Date))
		case thelist.FieldInt:
			props[name] = nullableInt(nonZero(int(v.Int())))
		case thelist.FieldCount, thelist.FieldMoney:
			props[name] = nullableInt(v.Interface().(*int64))
		case thelist.FieldList:
			props[name] = nullableList(v.Interface().([]string))
		default:
			panic(fmt.Sprintf("graph: no property for field %s of type %d", f.Column, f.Type)) // a declaration this layer does not know: a programming error the tests meet first
		}
	}
	return props
}

// decodeDeclared reads into record, a pointer to the kind's struct, the
// declared fields that propsOf projects, and the sources (projected as
// sources by sourcesOf). Each query sets the record's ends its own way.
func decodeDeclared(fields []thelist.Field, m map[string]any, record any) error {
	for _, f := range fields {
		if f.Type == thelist.FieldSources && f.Hand&thelist.LayerGraph == 0 {
			sources, err := decodeSources(m["sources"])
			if err != nil {
				return err
			}
			f.Value(record).Set(reflect.ValueOf(sources))
			continue
		}
		if !f.Stored() {
			continue
		}
		name, v := f.Name(), f.Value(record)
		switch f.Type {
		case thelist.FieldText, thelist.FieldID:
			v.SetString(str(m, name))
		case thelist.FieldBool:
			v.SetBool(boolean(m, name))
		case thelist.FieldOptBool:
			if b, ok := m[name].(bool); ok {
				v.Set(reflect.ValueOf(&b))
			}
		case thelist.FieldDate:
			d, err := dateOf(m, name)
			if err != nil {
				return err
			}
			v.Set(reflect.ValueOf(d))
		case thelist.FieldInt:
			v.SetInt(int64(intOf(m, name)))
		case thelist.FieldCount, thelist.FieldMoney:
			v.Set(reflect.ValueOf(int64Of(m, name)))
		case thelist.FieldList:
			v.Set(reflect.ValueOf(strs(m, name)))
		default:
			panic(fmt.Sprintf("graph: no decoding for field %s of type %d", f.Column, f.Type)) // a declaration this layer does not know: a programming error the tests meet first
		}
	}
	return nil
}
