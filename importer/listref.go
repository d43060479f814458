package importer

import "github.com/thelist/thelist"

// refID is ref for one id of a list column (a deal's person_ids): it
// checks the id, records the reference in the first pass, and in the second
// returns the id of the database's person a bundle's person was matched to.
func (c *rowCtx) refID(field, kind, id string) string {
	if !validID(id) {
		c.problem(field, "%q is not a valid id", id)
		return id
	}
	if c.v.writing {
		if m, ok := c.v.resolver.matches[id]; ok && kind == thelist.KindPeople {
			return m.id
		}
		return id
	}
	c.v.refer(kind, id, location{file: c.file, line: c.r.line, field: field})
	return id
}
