package importer

import (
	"fmt"
	"reflect"

	"github.com/thelist/thelist"
)

// fill reads the cells of the declared fields (thelist.Field) into record,
// a pointer to the kind's struct, each by its type and check, reporting
// each problem at its column. A kind's parse then checks what involves
// more than one field.
//
// A field marked thelist.LayerImport is the parse's to read.
func (c *rowCtx) fill(fields []thelist.Field, record any) {
	for _, f := range fields {
		if f.Hand&thelist.LayerImport != 0 {
			continue
		}
		f.Value(record).Set(reflect.ValueOf(c.read(f)))
	}
}

// read is the value of a declared field's cell, of the type of its Go
// field: nil leaves the zero value.
func (c *rowCtx) read(f thelist.Field) any {
	name := f.Column
	switch f.Type {
	case thelist.FieldID:
		return c.id()
	case thelist.FieldRef:
		return c.ref(name, f.Ref)
	case thelist.FieldRefs:
		var ids []string
		for _, id := range c.list(name) {
			ids = append(ids, c.refID(name, f.Ref, id))
		}
		return ids
	case thelist.FieldBool:
		return c.boolean(name)
	case thelist.FieldOptBool:
		return c.optBool(name)
	case thelist.FieldDate:
		return c.date(name)
	case thelist.FieldInt:
		if f.Check == thelist.CheckYear {
			return c.year(name)
		}
		return c.positive(name)
	case thelist.FieldCount, thelist.FieldMoney:
		return c.count(name)
	case thelist.FieldList:
		return c.list(name)
	case thelist.FieldSources:
		return c.sources()
	case thelist.FieldText:
		return c.text(f)
	}
	panic(fmt.Sprintf("importer: field %s has no reader for its type %d", name, f.Type)) // a declaration this layer does not know: a programming error the tests meet first
}

// text reads a text cell under its check.
func (c *rowCtx) text(f thelist.Field) string {
	name := f.Column
	switch f.Check {
	case thelist.CheckEnum:
		return c.enum(name, f.Values)
	case thelist.CheckCountry:
		return c.country(name)
	case thelist.CheckCurrency:
		return c.currency(name)
	case thelist.CheckURL:
		return c.url(name)
	case thelist.CheckLanguage:
		return c.language(name)
	case thelist.CheckORCID:
		return c.pattern(name, orcidPattern, "an ORCID iD such as 0000-0002-1825-0097")
	case thelist.CheckOpenAlexAuthor:
		return c.pattern(name, openAlexPattern, "an OpenAlex author id such as A5023888391")
	case thelist.CheckOpenAlexInstitution:
		return c.pattern(name, openAlexInstitutionPattern, "an OpenAlex institution id such as I35440088")
	case thelist.CheckROR:
		return c.pattern(name, rorPattern, "a ROR id such as 05a28rw58, without https://ror.org/")
	case thelist.CheckWikidata:
		return c.pattern(name, wikidataPattern, "a Wikidata item such as Q11942")
	case thelist.CheckDOI:
		return c.pattern(name, doiPattern, "a DOI such as 10.1145/3065386, without https://doi.org/")
	}
	return c.str(name)
}
