package api

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/graphql-go/graphql"
)

// PrintSchema writes schema in the GraphQL schema definition language, the
// way graphql-js's printSchema does, which graphql-go lacks: the types in
// alphabetical order, built-in scalars, directives and introspection types
// left out, descriptions as block strings. It is what
// /graphql/schema.graphql serves and docs/schema.graphql holds.
func PrintSchema(schema graphql.Schema) string {
	var b strings.Builder
	if s := schemaDefinition(schema); s != "" {
		b.WriteString(s)
	}
	for _, d := range schema.Directives() {
		if isBuiltinDirective(d.Name) {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		printDirective(&b, d)
	}
	names := make([]string, 0, len(schema.TypeMap()))
	for name := range schema.TypeMap() {
		if strings.HasPrefix(name, "__") || isBuiltinScalar(name) {
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		printType(&b, schema.TypeMap()[name])
	}
	return b.String()
}

// schemaDefinition is the schema block, needed only when a root type has a
// name other than the conventional one.
func schemaDefinition(s graphql.Schema) string {
	roots := []struct {
		op  string
		typ *graphql.Object
	}{{"query", s.QueryType()}, {"mutation", s.MutationType()}, {"subscription", s.SubscriptionType()}}
	conventional := true
	for _, r := range roots {
		if r.typ != nil && r.typ.Name() != strings.ToUpper(r.op[:1])+r.op[1:] {
			conventional = false
		}
	}
	if conventional {
		return ""
	}
	var b strings.Builder
	b.WriteString("schema {\n")
	for _, r := range roots {
		if r.typ != nil {
			fmt.Fprintf(&b, "  %s: %s\n", r.op, r.typ.Name())
		}
	}
	b.WriteString("}\n")
	return b.String()
}

func isBuiltinScalar(name string) bool {
	switch name {
	case "String", "Int", "Float", "Boolean", "ID":
		return true
	}
	return false
}

func isBuiltinDirective(name string) bool {
	switch name {
	case "include", "skip", "deprecated", "specifiedBy":
		return true
	}
	return false
}

func printType(b *strings.Builder, t graphql.Type) {
	printDescription(b, t.Description(), "")
	switch t := t.(type) {
	case *graphql.Scalar:
		fmt.Fprintf(b, "scalar %s\n", t.Name())
	case *graphql.Object:
		fmt.Fprintf(b, "type %s", t.Name())
		if ifaces := t.Interfaces(); len(ifaces) > 0 {
			names := make([]string, len(ifaces))
			for i, it := range ifaces {
				names[i] = it.Name()
			}
			b.WriteString(" implements " + strings.Join(names, " & "))
		}
		printFields(b, t.Fields())
	case *graphql.Interface:
		fmt.Fprintf(b, "interface %s", t.Name())
		printFields(b, t.Fields())
	case *graphql.Union:
		names := make([]string, len(t.Types()))
		for i, o := range t.Types() {
			names[i] = o.Name()
		}
		fmt.Fprintf(b, "union %s = %s\n", t.Name(), strings.Join(names, " | "))
	case *graphql.Enum:
		fmt.Fprintf(b, "enum %s {\n", t.Name())
		// graphql-go builds enums from a map, so their values have no
		// order of their own: sort them, or the printed schema would change
		// from run to run.
		values := append([]*graphql.EnumValueDefinition(nil), t.Values()...)
		sort.Slice(values, func(i, j int) bool { return values[i].Name < values[j].Name })
		for _, v := range values {
			printDescription(b, v.Description, "  ")
			b.WriteString("  " + v.Name + deprecated(v.DeprecationReason) + "\n")
		}
		b.WriteString("}\n")
	case *graphql.InputObject:
		fmt.Fprintf(b, "input %s {\n", t.Name())
		fields := t.Fields()
		for _, name := range sortedKeys(fields) {
			f := fields[name]
			printDescription(b, f.Description(), "  ")
			fmt.Fprintf(b, "  %s: %s%s\n", f.Name(), f.Type, defaultValue(f.DefaultValue, f.Type))
		}
		b.WriteString("}\n")
	}
}

// printFields prints fields sorted by name: graphql-go keeps them in maps,
// which have no order, and a stable order keeps the golden file stable.
func printFields(b *strings.Builder, fields graphql.FieldDefinitionMap) {
	b.WriteString(" {\n")
	for _, name := range sortedKeys(fields) {
		f := fields[name]
		printDescription(b, f.Description, "  ")
		b.WriteString("  " + f.Name + printArgs(f.Args, "  ") + ": " + f.Type.String() + deprecated(f.DeprecationReason) + "\n")
	}
	b.WriteString("}\n")
}

// printArgs prints arguments on one line when none has a description, one
// per line otherwise, as graphql-js does.
func printArgs(args []*graphql.Argument, indent string) string {
	if len(args) == 0 {
		return ""
	}
	args = append([]*graphql.Argument(nil), args...)
	sort.Slice(args, func(i, j int) bool { return args[i].Name() < args[j].Name() })
	described := false
	for _, a := range args {
		if a.Description() != "" {
			described = true
		}
	}
	arg := func(a *graphql.Argument) string {
		return a.Name() + ": " + a.Type.String() + defaultValue(a.DefaultValue, a.Type)
	}
	if !described {
		parts := make([]string, len(args))
		for i, a := range args {
			parts[i] = arg(a)
		}
		return "(" + strings.Join(parts, ", ") + ")"
	}
	var b strings.Builder
	b.WriteString("(\n")
	for _, a := range args {
		printDescription(&b, a.Description(), indent+"  ")
		b.WriteString(indent + "  " + arg(a) + "\n")
	}
	b.WriteString(indent + ")")
	return b.String()
}

func printDirective(b *strings.Builder, d *graphql.Directive) {
	printDescription(b, d.Description, "")
	fmt.Fprintf(b, "directive @%s%s on %s\n", d.Name, printArgs(d.Args, ""), strings.Join(d.Locations, " | "))
}

func deprecated(reason string) string {
	switch reason {
	case "":
		return ""
	case graphql.DefaultDeprecationReason:
		return " @deprecated"
	}
	return " @deprecated(reason: " + quote(reason) + ")"
}

// printDescription writes a description as a block string: on one line when
// it fits there, with the text on lines of its own when it has several.
func printDescription(b *strings.Builder, desc, indent string) {
	if desc == "" {
		return
	}
	text := strings.ReplaceAll(desc, `"""`, `\"""`)
	if !strings.Contains(text, "\n") && !strings.HasSuffix(text, `"`) && !strings.HasSuffix(text, `\`) {
		b.WriteString(indent + `"""` + text + `"""` + "\n")
		return
	}
	b.WriteString(indent + `"""` + "\n")
	for _, line := range strings.Split(text, "\n") {
		if line == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString(indent + line + "\n")
	}
	b.WriteString(indent + `"""` + "\n")
}

func defaultValue(v any, t graphql.Input) string {
	if v == nil {
		return ""
	}
	return " = " + literal(v, t)
}

// literal prints a Go value as a GraphQL literal of type t, the inverse of
// what graphql-go does with a default value.
func literal(v any, t graphql.Input) string {
	if v == nil {
		return "null"
	}
	switch t := t.(type) {
	case *graphql.NonNull:
		return literal(v, t.OfType)
	case *graphql.List:
		rv := reflect.ValueOf(v)
		if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
			return literal(v, t.OfType) // a single value stands for a list of one
		}
		parts := make([]string, rv.Len())
		for i := range parts {
			parts[i] = literal(rv.Index(i).Interface(), t.OfType)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case *graphql.Enum:
		for _, ev := range t.Values() {
			if reflect.DeepEqual(ev.Value, v) {
				return ev.Name
			}
		}
		return fmt.Sprint(v)
	case *graphql.InputObject:
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Sprint(v)
		}
		fields := t.Fields()
		var parts []string
		for _, name := range sortedKeys(fields) {
			if fv, ok := m[name]; ok {
				parts = append(parts, name+": "+literal(fv, fields[name].Type))
			}
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	switch v := v.(type) {
	case string:
		return quote(v)
	case bool:
		return strconv.FormatBool(v)
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1e15 {
			return strconv.FormatFloat(v, 'f', 1, 64)
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(v), 'g', -1, 32)
	}
	return fmt.Sprint(v)
}

// quote writes a GraphQL string. GraphQL strings escape as JSON strings do,
// except that JSON's HTML-safe escapes are not wanted.
func quote(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return strconv.Quote(s) // a string always encodes; this is not reached
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
