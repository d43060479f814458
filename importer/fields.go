package importer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/thelist/thelist"
)

var (
	countryPattern  = regexp.MustCompile(`^[A-Z]{2}$`)
	currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)
	languagePattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
	orcidPattern    = regexp.MustCompile(`^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$`)
	openAlexPattern = regexp.MustCompile(`^A\d+$`)
	doiPattern      = regexp.MustCompile(`^10\.\d{4,9}/\S+$`)
	// ROR ids are 0, six base-32 characters and two check digits.
	rorPattern                 = regexp.MustCompile(`^0[0-9a-hj-km-np-tv-z]{6}\d{2}$`)
	openAlexInstitutionPattern = regexp.MustCompile(`^I\d+$`)
	wikidataPattern            = regexp.MustCompile(`^Q\d+$`)
)

// validID reports whether s is an id: lowercase ASCII letters, digits, '.',
// '_' and '-', starting with a letter or digit, at most thelist.MaxIDLength bytes. It is
// checked for every id and reference of a bundle, so it is written out
// rather than a regular expression, which took a quarter of validation.
func validID(s string) bool {
	if len(s) == 0 || len(s) > thelist.MaxIDLength {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case (c == '.' || c == '_' || c == '-') && i > 0:
		default:
			return false
		}
	}
	return true
}

// rowCtx reads the fields of one row, reporting each problem at the row's
// file, line and field. Every reader returns the zero value for a field
// with a problem, so parsing carries on and finds the row's other problems.
type rowCtx struct {
	v    *validator
	kind string
	file string
	r    row
}

func (c *rowCtx) problem(field, format string, args ...any) {
	c.v.ps.add(c.file, c.r.line, field, format, args...)
}

func (c *rowCtx) str(name string) string { return c.r.get(name) }

// id reads the row's id and records it for the duplicate check and for
// references from later files.
func (c *rowCtx) id() string {
	id := c.str("id")
	if id == "" {
		return id // reported as missing by the reader
	}
	if !validID(id) {
		c.problem("id", "%s is not a valid id (lowercase letters, digits, '.', '_', '-'; at most 128)", thelist.Quote(id))
		return id
	}
	if !c.v.writing {
		c.v.ids[c.kind].add(id, c.r.line)
	}
	return id
}

// key records the key of a record keyed by a pair of references, for the
// duplicate check.
func (c *rowCtx) key(k, fields string) {
	if !c.v.writing && !strings.HasPrefix(k, "\x00") && !strings.HasSuffix(k, "\x00") {
		c.v.ids[c.kind].add(k, c.r.line)
		c.v.keyNames[c.kind] = fields
	}
}

// ref reads a reference to a record of kind, which must exist in the bundle
// or, failing that, in the database (checked after the whole bundle is read).
func (c *rowCtx) ref(field, kind string) string {
	id := c.str(field)
	if id == "" {
		return id
	}
	if !validID(id) {
		c.problem(field, "%s is not a valid id", thelist.Quote(id))
		return id
	}
	if c.v.writing {
		// A person the first pass matched to one in the database is
		// referred to by that person's id.
		if m, ok := c.v.resolver.matches[id]; ok && kind == thelist.KindPeople {
			return m.id
		}
		return id
	}
	c.v.refer(kind, id, location{file: c.file, line: c.r.line, field: field})
	return id
}

func (c *rowCtx) sources() []thelist.Source {
	ids := c.list("sources")
	out := make([]thelist.Source, 0, len(ids))
	for _, id := range ids {
		if !validID(id) {
			c.problem("sources", "%s is not a valid id", thelist.Quote(id))
			continue
		}
		c.v.refer(thelist.KindSources, id, location{file: c.file, line: c.r.line, field: "sources"})
		out = append(out, thelist.Source{ID: id})
	}
	if len(ids) == 0 && c.str("sources") != "" { // only separators: ";;"
		c.problem("sources", "no source id in %s", thelist.Quote(c.str("sources")))
	}
	return out
}

// MinYear and MaxYear bound every date and year of a bundle. A year outside
// them is a typo ("0000", "20233", "2202") rather than a fact about the
// field, and Neo4j's dates and the web app's timelines would carry it on.
const (
	MinYear = 1000
	MaxYear = 2100
)

func (c *rowCtx) date(name string) thelist.Date {
	v := c.str(name)
	d, err := thelist.ParseDate(v)
	if err != nil {
		c.problem(name, "want YYYY, YYYY-MM or YYYY-MM-DD, got %s", thelist.Quote(v))
		return thelist.Date{}
	}
	if y := d.Time.Year(); !d.IsZero() && (y < MinYear || y > MaxYear) {
		c.problem(name, "year %d is outside %d..%d: %s", y, MinYear, MaxYear, thelist.Quote(v))
		return thelist.Date{}
	}
	return d
}

// period checks that an end is not before its start, at the precision of
// each: an end reported as "2023" is not before a start of "2023-11".
func (c *rowCtx) period(start, end thelist.Date) {
	if !start.IsZero() && !end.IsZero() && !end.PeriodEnd().After(start.Time) {
		c.problem("end", "%s is before start %s", end, start)
	}
}

func (c *rowCtx) list(name string) []string {
	var out []string
	for _, item := range strings.Split(c.str(name), ";") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

func (c *rowCtx) enum(name string, allowed []string) string {
	v := c.str(name)
	if v != "" && !slices.Contains(allowed, v) {
		c.problem(name, "unknown value %s (want one of %s)", thelist.Quote(v), strings.Join(allowed, ", "))
		return ""
	}
	return v
}

func (c *rowCtx) pattern(name string, re *regexp.Regexp, want string) string {
	v := c.str(name)
	if v != "" && !re.MatchString(v) {
		c.problem(name, "want %s, got %s", want, thelist.Quote(v))
		return ""
	}
	return v
}

func (c *rowCtx) url(name string) string {
	v := c.str(name)
	if v != "" && !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://") {
		c.problem(name, "want an http(s) URL, got %s", thelist.Quote(v))
		return ""
	}
	return v
}

func (c *rowCtx) country(name string) string {
	return c.pattern(name, countryPattern, "an ISO 3166-1 alpha-2 code such as US")
}

func (c *rowCtx) currency(name string) string {
	return c.pattern(name, currencyPattern, "an ISO 4217 code such as USD")
}

func (c *rowCtx) language(name string) string {
	return c.pattern(name, languagePattern, "a BCP 47 language tag such as en or zh-Hant")
}

func (c *rowCtx) boolean(name string) bool {
	b := c.optBool(name)
	return b != nil && *b
}

func (c *rowCtx) optBool(name string) *bool {
	switch v := c.str(name); v {
	case "":
		return nil
	case "true", "false":
		b := v == "true"
		return &b
	default:
		c.problem(name, "want true or false, got %s", thelist.Quote(v))
		return nil
	}
}

// count reads a whole number of zero or more: a citation count, an amount.
func (c *rowCtx) count(name string) *int64 {
	v := c.str(name)
	if v == "" {
		return nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		c.problem(name, "want a whole number of 0 or more without separators, got %s", thelist.Quote(v))
		return nil
	}
	return &n
}

// positive reads a whole number of 1 or more; 0 means not reported.
func (c *rowCtx) positive(name string) int {
	v := c.str(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		c.problem(name, "want a whole number of 1 or more, got %s", thelist.Quote(v))
		return 0
	}
	return n
}

func (c *rowCtx) year(name string) int {
	v := c.str(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < MinYear || n > MaxYear {
		c.problem(name, "want a year from %d to %d, got %s", MinYear, MaxYear, thelist.Quote(v))
		return 0
	}
	return n
}

// labParent records a lab's parent; the parents are checked, and cycles
// found, when the whole labs file has been read (a parent may come later).
func (c *rowCtx) labParent(id, parent string) {
	if parent == "" || id == "" || c.v.writing {
		return
	}
	if !validID(parent) {
		c.problem("parent_id", "%s is not a valid id", thelist.Quote(parent))
		return
	}
	if parent == id {
		c.problem("parent_id", "a lab cannot be its own parent")
		return
	}
	c.v.labParents[id] = parentRef{parent: parent, line: c.r.line, file: c.file}
}
