// Package importer reads data bundles (docs/data-format.md), validates every
// row, resolves references against the bundle and the database, and hands a
// valid bundle to the store to write in one piece.
package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/thelist/thelist"
)

// Store is what the importer needs from the database.
type Store interface {
	// MissingIDs returns those of ids that no node of kind ("Person",
	// "Lab", "Source") has.
	MissingIDs(ctx context.Context, kind string, ids []string) ([]string, error)
	// WriteBundle writes a valid bundle atomically.
	WriteBundle(ctx context.Context, b thelist.Bundle, meta thelist.ImportMeta) (thelist.ImportResult, error)
}

// The files of a bundle, in the order they are read: a file may refer only
// to the records of files before it (or to the database).
var (
	sourcesTable = table{file: "sources.csv", columns: []column{
		{"id", true}, {"publisher", true}, {"title", true}, {"date", false}, {"url", false}, {"note", false},
	}}
	labsTable = table{file: "labs.csv", columns: []column{
		{"id", true}, {"name", true}, {"kind", true}, {"country", false}, {"sources", true},
	}}
	peopleTable = table{file: "people.csv", columns: []column{
		{"id", true}, {"name", true}, {"native_name", false}, {"sources", true},
	}}
	stintsTable = table{file: "stints.csv", columns: []column{
		{"id", true}, {"person_id", true}, {"lab_id", true}, {"role", false},
		{"start", false}, {"end", false}, {"sources", true},
	}}
	tables = []table{sourcesTable, labsTable, peopleTable, stintsTable}
)

var (
	idPattern      = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
	countryPattern = regexp.MustCompile(`^[A-Z]{2}$`)
)

// ref is a reference from a row to a record that must exist in the bundle
// or, failing that, in the database.
type ref struct {
	kind  string // node label: "Person", "Lab", "Source"
	id    string
	file  string
	line  int
	field string
}

// Import reads the bundle in dir, validates it against itself and the
// database, and writes it. An invalid bundle returns a *ValidationError and
// writes nothing.
func Import(ctx context.Context, store Store, dir string) (thelist.ImportResult, error) {
	b, refs, checksum, err := Read(dir)
	if err != nil {
		return thelist.ImportResult{}, err
	}
	if err := checkRefs(ctx, store, b, refs); err != nil {
		return thelist.ImportResult{}, err
	}
	res, err := store.WriteBundle(ctx, b, thelist.ImportMeta{Bundle: dir, Checksum: checksum})
	if err != nil {
		return res, fmt.Errorf("import %s: %w", dir, err)
	}
	return res, nil
}

// Read parses and validates every file of the bundle in dir. It returns the
// bundle, the references it makes (not yet resolved), and a checksum of its
// files. Problems with the content come back together as a
// *ValidationError.
func Read(dir string) (thelist.Bundle, []ref, string, error) {
	var (
		b    thelist.Bundle
		ps   problems
		refs []ref
		sum  = sha256.New()
	)
	found := 0
	for _, t := range tables {
		f, err := os.Open(filepath.Join(dir, t.file))
		if errors.Is(err, fs.ErrNotExist) {
			continue // every file is optional; a bundle may add to records already imported
		} else if err != nil {
			return b, nil, "", fmt.Errorf("open bundle file: %w", err)
		}
		found++
		fmt.Fprintf(sum, "%s\x00", t.file)
		r := io.TeeReader(f, sum)
		p := parser{bundle: &b, ps: &ps, refs: &refs, file: t.file, ids: map[string]int{}}
		err = readTable(r, t, &ps, p.rowFunc(t))
		closeErr := f.Close()
		if err != nil {
			return b, nil, "", err
		} else if closeErr != nil {
			return b, nil, "", fmt.Errorf("close %s: %w", t.file, closeErr)
		}
	}
	if found == 0 {
		return b, nil, "", thelist.Errorf(thelist.EINVALID, "%s: no bundle files (want any of sources.csv, labs.csv, people.csv, stints.csv)", dir)
	}
	if err := ps.err(); err != nil {
		return b, nil, "", err
	}
	return b, refs, hex.EncodeToString(sum.Sum(nil)), nil
}

// parser turns the rows of one file into records of the bundle.
type parser struct {
	bundle *thelist.Bundle
	ps     *problems
	refs   *[]ref
	file   string
	ids    map[string]int // id → line where it first appeared in this file
}

func (p *parser) rowFunc(t table) func(row) {
	switch t.file {
	case sourcesTable.file:
		return p.source
	case labsTable.file:
		return p.lab
	case peopleTable.file:
		return p.person
	default:
		return p.stint
	}
}

func (p *parser) source(r row) {
	s := thelist.Source{
		ID: p.id(r), Publisher: r.get("publisher"), Title: r.get("title"),
		Date: p.date(r, "date"), URL: r.get("url"), Note: r.get("note"),
	}
	if s.URL != "" && !strings.HasPrefix(s.URL, "https://") && !strings.HasPrefix(s.URL, "http://") {
		p.ps.add(p.file, r.line, "url", "want an http(s) URL, got %q", s.URL)
	}
	p.bundle.Sources = append(p.bundle.Sources, s)
}

func (p *parser) lab(r row) {
	l := thelist.Lab{ID: p.id(r), Name: r.get("name"), Kind: r.get("kind"), Country: r.get("country"), Sources: p.sources(r)}
	if l.Kind != "" && !slices.Contains(thelist.LabKinds, l.Kind) {
		p.ps.add(p.file, r.line, "kind", "unknown kind %q (want one of %s)", l.Kind, strings.Join(thelist.LabKinds, ", "))
	}
	if l.Country != "" && !countryPattern.MatchString(l.Country) {
		p.ps.add(p.file, r.line, "country", "want an ISO 3166-1 alpha-2 code such as US, got %q", l.Country)
	}
	p.bundle.Labs = append(p.bundle.Labs, l)
}

func (p *parser) person(r row) {
	p.bundle.People = append(p.bundle.People, thelist.Person{
		ID: p.id(r), Name: r.get("name"), NativeName: r.get("native_name"), Sources: p.sources(r),
	})
}

func (p *parser) stint(r row) {
	s := thelist.Stint{
		ID: p.id(r), PersonID: r.get("person_id"), LabID: r.get("lab_id"), Role: r.get("role"),
		Start: p.date(r, "start"), End: p.date(r, "end"), Sources: p.sources(r),
	}
	p.ref(r, "person_id", "Person", s.PersonID)
	p.ref(r, "lab_id", "Lab", s.LabID)
	if !s.Start.IsZero() && !s.End.IsZero() && !periodEnd(s.End).After(s.Start.Time) {
		p.ps.add(p.file, r.line, "end", "%s is before start %s", s.End, s.Start)
	}
	p.bundle.Stints = append(p.bundle.Stints, s)
}

// periodEnd returns the first instant after the period a date names: an end
// reported as "2023" covers all of 2023, so a stint that started in 2023-11
// and ended in 2023 is consistent, and only an end whose whole period lies
// before the start is an error.
func periodEnd(d thelist.Date) time.Time {
	switch d.Precision {
	case thelist.PrecisionYear:
		return d.Time.AddDate(1, 0, 0)
	case thelist.PrecisionMonth:
		return d.Time.AddDate(0, 1, 0)
	default:
		return d.Time.AddDate(0, 0, 1)
	}
}

// id checks the row's id: well formed and not seen before in this file.
func (p *parser) id(r row) string {
	id := r.get("id")
	if id == "" {
		return id // reported as missing by readTable
	}
	if !idPattern.MatchString(id) {
		p.ps.add(p.file, r.line, "id", "%q is not a valid id (lowercase letters, digits, '.', '_', '-')", id)
	} else if first, dup := p.ids[id]; dup {
		p.ps.add(p.file, r.line, "id", "duplicate id %q (first on line %d)", id, first)
	} else {
		p.ids[id] = r.line
	}
	return id
}

func (p *parser) date(r row, field string) thelist.Date {
	d, err := thelist.ParseDate(r.get(field))
	if err != nil {
		p.ps.add(p.file, r.line, field, "%v", err)
	}
	return d
}

// sources reads the row's ;-separated source ids, each a reference.
func (p *parser) sources(r row) []thelist.Source {
	var out []thelist.Source
	for _, id := range strings.Split(r.get("sources"), ";") {
		if id = strings.TrimSpace(id); id != "" {
			p.ref(r, "sources", "Source", id)
			out = append(out, thelist.Source{ID: id})
		}
	}
	return out
}

func (p *parser) ref(r row, field, kind, id string) {
	if id != "" {
		*p.refs = append(*p.refs, ref{kind: kind, id: id, file: p.file, line: r.line, field: field})
	}
}

// checkRefs reports every reference that names a record neither in the
// bundle nor in the database.
func checkRefs(ctx context.Context, store Store, b thelist.Bundle, refs []ref) error {
	inBundle := map[string]map[string]bool{"Person": {}, "Lab": {}, "Source": {}}
	for _, s := range b.Sources {
		inBundle["Source"][s.ID] = true
	}
	for _, l := range b.Labs {
		inBundle["Lab"][l.ID] = true
	}
	for _, p := range b.People {
		inBundle["Person"][p.ID] = true
	}
	ask, seen := map[string][]string{}, map[ref]bool{}
	for _, r := range refs {
		key := ref{kind: r.kind, id: r.id}
		if !inBundle[r.kind][r.id] && !seen[key] {
			seen[key] = true
			ask[r.kind] = append(ask[r.kind], r.id)
		}
	}
	missing := map[string]map[string]bool{}
	for kind, ids := range ask {
		m, err := store.MissingIDs(ctx, kind, ids)
		if err != nil {
			return fmt.Errorf("check references to %s: %w", kind, err)
		}
		missing[kind] = map[string]bool{}
		for _, id := range m {
			missing[kind][id] = true
		}
	}
	var ps problems
	for _, r := range refs {
		if missing[r.kind][r.id] {
			ps.add(r.file, r.line, r.field, "unknown %s %q: not in the bundle nor in the database", strings.ToLower(r.kind), r.id)
		}
	}
	return ps.err()
}
