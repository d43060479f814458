// Package openalex converts OpenAlex snapshot files (authors, institutions
// and works, as JSON Lines, plain or gzipped) into a data bundle in the
// format of docs/data-format.md, which `thelist import` then validates and
// writes like any other bundle: one validation and one write path for all
// data.
//
// The conversion streams: it reads the institutions and authors files twice
// and the works files once, writing rows as it goes. What it keeps in memory
// is bounded by the number of institutions and authors (their ids, to keep
// only references that resolve), plus the institutions of the works of
// authors whose records carry no affiliations, and the merged ids (merged.go).
package openalex

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/internal/bundledir"
)

// Input names the OpenAlex files to convert. Each is JSON Lines, plain or
// gzipped (a snapshot's part_000.gz); a snapshot splits every entity into
// many parts, so each field takes several. Any may be empty.
type Input struct {
	Authors      []string
	Institutions []string
	Works        []string
	// Merged are the snapshot's merged_ids files (merged_ids/authors/
	// 2024-06-01.csv.gz, …; CSV, plain or gzipped): records of the ids they
	// list are left out, and references to those ids point at the ids they
	// were merged into. See merged.go.
	Merged []string
	// KeepReferences keeps the authorships, affiliations and parents that
	// name authors and institutions outside the files, for a bundle that
	// updates a database which holds them: the import then resolves them
	// there, and names any it cannot find.
	KeepReferences bool
}

// Stats says what a conversion wrote and what it left out.
type Stats struct {
	// Rows counts the rows written, by kind (thelist.KindLabs, …).
	Rows map[string]int
	// Skipped counts what the input holds but the bundle does not, by
	// reason; see docs/data-format.md, "OpenAlex".
	Skipped map[string]int
	// Version is the bundle's version: the day of the newest updated_date
	// in the input, or the conversion day when there is none.
	Version string
	// LatestYear is the latest year the input speaks of, which decides
	// whether a derived stint ended (0 when the input has no year).
	LatestYear int
	// Merges counts the merges of authors, institutions and works that
	// the merged_ids files list, and Redirected the references to a merged
	// id that now point at the id it was merged into.
	Merges, Redirected int
}

// SourceID is the id of the one source every converted row cites.
const SourceID = "openalex"

// Notes of the derived stints, saying how they were inferred.
const (
	NoteAffiliation = "inferred from the years of this affiliation on the author's works (OpenAlex)"
	NoteAuthorship  = "inferred from the publication years of the author's works that list this institution (OpenAlex)"
	NoteLastKnown   = "inferred from the author's last known institution (OpenAlex), without years: last seen on the record's updated_date"
)

// Reasons for leaving something out, the keys of Stats.Skipped.
const (
	SkipUntitledWork      = "works without a title"
	SkipForeignAuthor     = "authorships of authors not in the authors files"
	SkipNoAuthor          = "authorships without an author id"
	SkipRepeatedAuthor    = "repeated authorships of one author on one work"
	SkipForeignAffil      = "affiliations with institutions not in the institutions files"
	SkipForeignParent     = "parent institutions not in the institutions files"
	SkipCyclicParent      = "parent institutions that would make a cycle"
	SkipBadORCID          = "orcid values that are not ORCID iDs"
	SkipBadDOI            = "doi values that are not DOIs"
	SkipBadCountry        = "country_code values that are not ISO 3166-1 codes"
	SkipBadYear           = "publication_year values outside 1000–2100"
	SkipBadROR            = "ror values that are not ROR ids"
	SkipNegativeCitations = "negative cited_by_count values"
	SkipOlderVersion      = "older versions of records that a newer updated_date replaces"
	SkipZeroConcept       = "concepts scored 0"
	SkipMerged            = "records merged into another record (merged_ids)"
	SkipOtherMerge        = "merged_ids of sources, concepts and other entities the bundle does not hold"
)

// now is the clock for the version of a bundle whose input has no
// updated_date; tests replace it.
var now = time.Now

// The shapes our bundle format accepts (importer/fields.go checks the same).
var (
	orcidPattern   = regexp.MustCompile(`^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$`)
	doiPattern     = regexp.MustCompile(`^10\.\d{4,9}/\S+$`)
	countryPattern = regexp.MustCompile(`^[A-Z]{2}$`)
	rorPattern     = regexp.MustCompile(`^0[0-9a-hj-km-np-tv-z]{6}\d{2}$`)
)

// minYear and maxYear bound the years a bundle may hold (importer.MinYear
// and importer.MaxYear): a year outside them is left out here rather than
// refused by the import.
const (
	minYear = 1000
	maxYear = 2100
)

// Convert reads the files of in and writes the bundle into outDir, which
// must not exist or be empty. It checks every record first: when any is
// malformed it returns an *InputError listing up to MaxProblems problems as
// file:line, and writes nothing. The bundle is written into a temporary
// folder next to outDir and renamed into place at the end, so outDir never
// holds half a bundle.
func Convert(ctx context.Context, in Input, outDir string) (Stats, error) {
	if len(in.Authors)+len(in.Institutions)+len(in.Works)+len(in.Merged) == 0 {
		return Stats{}, thelist.Errorf(thelist.EINVALID, "openalex: no input files")
	}
	if err := bundledir.CheckNew(outDir, "choose a new folder for the bundle"); err != nil {
		return Stats{}, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(outDir)), "."+filepath.Base(outDir)+".tmp-")
	if err != nil {
		return Stats{}, fmt.Errorf("openalex: %w", err)
	}
	c := newConverter(tmp)
	c.keepRefs = in.KeepReferences
	stats, err := c.run(ctx, in)
	if err == nil {
		err = moveInto(tmp, outDir)
	}
	if err != nil {
		if rmErr := os.RemoveAll(tmp); rmErr != nil {
			err = errors.Join(err, fmt.Errorf("openalex: remove partial output: %w", rmErr))
		}
		return Stats{}, err
	}
	return stats, nil
}

// moveInto renames the finished bundle in tmp to dir, replacing dir when it
// is an empty folder.
func moveInto(tmp, dir string) error {
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("openalex: %w", err)
	}
	if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("openalex: %s: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("openalex: %w", err)
	}
	return nil
}

// loc is where a record was read, for duplicate messages.
type loc struct {
	file string
	line int
}

// version is the record of an id that the conversion writes: the one with
// the newest updated_date, the later in the input on a tie. keep holds,
// by field, the newest non-null value of the fields that a null in a newer
// version does not clear (docs/data-format.md, "OpenAlex").
type version struct {
	loc
	date string
	keep map[string]string
}

// newer says whether a record of date, read after v, replaces v.
func (v version) newer(date string) bool { return date >= v.date }

// keepField notes a field's value in a version of date: the value of the
// newest version that has one is kept.
func keepField(keep map[string]string, dates map[string]string, field, value, date string) {
	if value == "" || date < dates[field] {
		return
	}
	keep[field], dates[field] = value, date
}

// inst is what the conversion keeps of an institution between its passes.
type inst struct {
	version
	dates   map[string]string
	parents []uint64 // the "parent" associated institutions, in order
	parent  uint64   // the chosen one, 0 for none
}

// authorVersion is what the conversion keeps of an author's versions.
type authorVersion struct {
	version
	dates map[string]string
}

// span is the years an author is seen at an institution in works.
type span struct {
	inst        uint64
	first, last int
}

type converter struct {
	dir   string
	ps    problems
	stats Stats

	insts     map[uint64]*inst
	instOrder []uint64
	authors   map[uint64]*authorVersion
	works     map[uint64]*authorVersion // the same bookkeeping, for works
	keepRefs  bool
	// fallback holds the authors whose records have no affiliations, with
	// the institutions their works list, in order of first appearance.
	fallback map[uint64][]span
	// merged holds, by entity letter ('A', 'I', 'W'), the ids merged away
	// and where they went.
	merged map[byte]map[uint64]mergeTarget
	newest string // the newest updated_date's day
	latest int    // the latest year seen

	out map[string]*output
}

func newConverter(dir string) *converter {
	return &converter{
		dir:      dir,
		stats:    Stats{Rows: map[string]int{}, Skipped: map[string]int{}},
		insts:    map[uint64]*inst{},
		authors:  map[uint64]*authorVersion{},
		works:    map[uint64]*authorVersion{},
		fallback: map[uint64][]span{},
		merged:   map[byte]map[uint64]mergeTarget{},
		out:      map[string]*output{},
	}
}

// outputKinds are the files the conversion writes, in bundle order.
var outputKinds = []string{
	thelist.KindSources, thelist.KindLabs, thelist.KindPeople, thelist.KindPapers,
	thelist.KindAuthorships, thelist.KindStints,
}

func (c *converter) run(ctx context.Context, in Input) (Stats, error) {
	for _, kind := range outputKinds {
		o, err := createOutput(filepath.Join(c.dir, kind+".jsonl"))
		if err != nil {
			return Stats{}, err
		}
		c.out[kind] = o
		defer o.f.Close() // closed, with its error checked, by finish; this is for early returns
	}
	// The merges first: they decide which records are converted at all.
	for _, path := range in.Merged {
		if err := c.readMerged(ctx, path); err != nil {
			return Stats{}, err
		}
	}
	for _, m := range c.merged {
		c.stats.Merges += len(m)
	}
	// First passes: ids, references and problems.
	for _, path := range in.Institutions {
		if err := readRecords(ctx, path, &c.ps, func(line int, r *institution) { c.scanInstitution(path, line, r) }); err != nil {
			return Stats{}, err
		}
	}
	c.chooseParents()
	for _, path := range in.Authors {
		if err := readRecords(ctx, path, &c.ps, func(line int, r *author) { c.scanAuthor(path, line, r) }); err != nil {
			return Stats{}, err
		}
	}
	// Which version of each work is the newest. Its problems are reported
	// by the pass that converts the works.
	for _, path := range in.Works {
		var once problems
		if err := readRecords(ctx, path, &once, func(line int, r *work) { c.scanWork(path, line, r) }); err != nil {
			return Stats{}, err
		}
	}
	// The second pass over the works, which writes papers and authorships.
	for _, path := range in.Works {
		var writeErr error
		err := readRecords(ctx, path, &c.ps, func(line int, r *work) {
			if writeErr == nil && c.isNewest(c.works, path, line, r.ID, 'W') {
				writeErr = c.convertWork(path, line, r)
			}
		})
		if err = errors.Join(err, writeErr); err != nil {
			return Stats{}, err
		}
	}
	if err := c.ps.err(); err != nil {
		return Stats{}, err
	}
	if c.newest != "" {
		if y, _ := strconv.Atoi(c.newest[:4]); c.latest > y { // checked by scanDate
			c.latest = y // a year after the snapshot's own is a forthcoming work's
		}
	}
	// Second passes: labs, then people and their stints.
	var again problems
	for _, path := range in.Institutions {
		var writeErr error
		err := readRecords(ctx, path, &again, func(line int, r *institution) {
			if id, ok := parseID(r.ID, 'I'); ok && (c.isMerged('I', id) || c.insts[id] != nil && c.insts[id].loc != (loc{path, line})) {
				return // merged away, or an older version
			}
			if writeErr == nil {
				writeErr = c.convertInstitution(r)
			}
		})
		if err = errors.Join(err, writeErr); err != nil {
			return Stats{}, err
		}
	}
	for _, path := range in.Authors {
		var writeErr error
		err := readRecords(ctx, path, &again, func(line int, r *author) {
			if writeErr == nil && c.isNewest(c.authors, path, line, r.ID, 'A') {
				writeErr = c.convertAuthor(r)
			}
		})
		if err = errors.Join(err, writeErr); err != nil {
			return Stats{}, err
		}
	}
	if len(again.list) > 0 {
		return Stats{}, fmt.Errorf("openalex: %s changed while it was converted", again.list[0].File)
	}
	return c.finish()
}

// finish writes the source and the manifest and closes every file.
func (c *converter) finish() (Stats, error) {
	err := c.write(thelist.KindSources, sourceRow{
		ID: SourceID, Publisher: "OpenAlex", Title: "OpenAlex snapshot", URL: "https://openalex.org",
		Note: "CC0; converted by thelist openalex",
	})
	for _, kind := range outputKinds {
		err = errors.Join(err, c.out[kind].close())
		c.stats.Rows[kind] = c.out[kind].rows
	}
	if err != nil {
		return Stats{}, err
	}
	c.stats.Version = c.newest
	if c.stats.Version == "" {
		c.stats.Version = now().UTC().Format(time.DateOnly)
	}
	c.stats.LatestYear = c.latest
	m, err := json.MarshalIndent(manifestFile{
		Name: "openalex", Version: c.stats.Version, License: "CC0",
		Description: "OpenAlex authors, institutions and works, converted by thelist openalex.",
	}, "", "  ")
	if err != nil {
		return Stats{}, fmt.Errorf("openalex: manifest: %w", err)
	}
	if err := os.WriteFile(filepath.Join(c.dir, "manifest.json"), append(m, '\n'), 0o644); err != nil {
		return Stats{}, fmt.Errorf("openalex: %w", err)
	}
	return c.stats, nil
}

// scanDate checks an updated_date ("2024-06-01T05:09:44.523398") and keeps
// the newest day.
func (c *converter) scanDate(file string, line int, s string) {
	if s == "" {
		return
	}
	if len(s) < 10 {
		c.ps.add(file, line, "updated_date", "want an ISO 8601 date, got %q", s)
		return
	}
	if _, err := time.Parse(time.DateOnly, s[:10]); err != nil {
		c.ps.add(file, line, "updated_date", "want an ISO 8601 date, got %q", s)
		return
	}
	if s[:10] > c.newest {
		c.newest = s[:10]
	}
}

// seeYear counts a year towards the latest year the input speaks of.
func (c *converter) seeYear(y int) {
	if y > c.latest && y <= maxYear {
		c.latest = y
	}
}

// entityID reads the id of a record, reporting a missing or malformed one.
func (c *converter) entityID(file string, line int, raw string, letter byte) (uint64, bool) {
	if raw == "" {
		c.ps.add(file, line, "id", "missing")
		return 0, false
	}
	n, ok := parseID(raw, letter)
	if !ok {
		c.ps.add(file, line, "id", "want an OpenAlex id such as %s%c1000000001, got %q", openAlexPrefix, letter, raw)
	}
	return n, ok
}

// refID reads an id that a record refers to; "" is no reference.
func (c *converter) refID(file string, line int, field, raw string, letter byte) (uint64, bool) {
	if raw == "" {
		return 0, false
	}
	n, ok := parseID(raw, letter)
	if !ok {
		c.ps.add(file, line, field, "want an OpenAlex id such as %s%c1000000001, got %q", openAlexPrefix, letter, raw)
	}
	return n, ok
}

func (c *converter) scanInstitution(file string, line int, r *institution) {
	c.scanDate(file, line, r.UpdatedDate)
	if strings.TrimSpace(r.DisplayName) == "" {
		c.ps.add(file, line, "display_name", "missing")
	}
	for _, a := range r.Associated {
		c.refID(file, line, "associated_institutions.id", a.ID, 'I')
	}
	id, ok := c.entityID(file, line, r.ID, 'I')
	if !ok {
		return
	}
	if c.isMerged('I', id) {
		c.stats.Skipped[SkipMerged]++
		return
	}
	in, dup := c.insts[id]
	if !dup {
		in = &inst{version: version{keep: map[string]string{}}, dates: map[string]string{}}
		c.insts[id] = in
		c.instOrder = append(c.instOrder, id)
	}
	keepField(in.keep, in.dates, "ror", r.ROR, r.UpdatedDate)
	keepField(in.keep, in.dates, "country_code", r.CountryCode, r.UpdatedDate)
	if dup {
		c.stats.Skipped[SkipOlderVersion]++
		if !in.newer(r.UpdatedDate) {
			return
		}
	}
	in.loc, in.date, in.parents = loc{file, line}, r.UpdatedDate, nil
	for _, a := range r.Associated {
		if a.Relationship != "parent" {
			continue
		}
		if p, ok := parseID(a.ID, 'I'); ok && p != id {
			in.parents = append(in.parents, p)
		}
	}
}

// chooseParents gives each institution the first of its parents that is in
// the input and does not make a cycle, in file order, since the bundle
// format allows one parent and no cycle.
func (c *converter) chooseParents() {
	for _, id := range c.instOrder {
		in := c.insts[id]
		for _, p := range in.parents {
			if p = c.resolve('I', p); p == id {
				continue // merged into the institution itself
			}
			if _, ok := c.insts[p]; !ok {
				if c.keepRefs {
					in.parent = p // the database's to resolve
					break
				}
				c.stats.Skipped[SkipForeignParent]++
				continue
			}
			if c.isAncestor(id, p) {
				c.stats.Skipped[SkipCyclicParent]++
				continue
			}
			in.parent = p
			break
		}
		in.parents = nil
	}
	c.instOrder = nil
}

// isAncestor reports whether id is p or one of p's chosen ancestors.
func (c *converter) isAncestor(id, p uint64) bool {
	for steps := 0; p != 0 && steps <= len(c.insts); steps++ {
		if p == id {
			return true
		}
		next, ok := c.insts[p]
		if !ok {
			return false
		}
		p = next.parent
	}
	return false
}

func (c *converter) scanAuthor(file string, line int, r *author) {
	c.scanDate(file, line, r.UpdatedDate)
	if strings.TrimSpace(r.DisplayName) == "" {
		c.ps.add(file, line, "display_name", "missing")
	}
	if r.Affiliations != nil {
		for _, a := range *r.Affiliations {
			c.refID(file, line, "affiliations.institution.id", a.Institution.ID, 'I')
			for _, y := range a.Years {
				c.seeYear(y)
			}
		}
	}
	id, ok := c.entityID(file, line, r.ID, 'A')
	if !ok {
		return
	}
	if c.isMerged('A', id) {
		c.stats.Skipped[SkipMerged]++
		return
	}
	v, dup := c.authors[id]
	if !dup {
		v = &authorVersion{version: version{keep: map[string]string{}}, dates: map[string]string{}}
		c.authors[id] = v
	}
	keepField(v.keep, v.dates, "orcid", cmp.Or(r.ORCID, r.IDs.ORCID), r.UpdatedDate)
	if dup {
		c.stats.Skipped[SkipOlderVersion]++
		if !v.newer(r.UpdatedDate) {
			return
		}
	}
	v.loc, v.date = loc{file, line}, r.UpdatedDate
	if r.Affiliations == nil {
		c.fallback[id] = nil
	} else {
		delete(c.fallback, id)
	}
}

// scanWork notes which version of a work is the newest, and the
// identifiers and year its versions give.
func (c *converter) scanWork(file string, line int, r *work) {
	id, ok := parseID(r.ID, 'W')
	if !ok {
		return // reported by convertWork
	}
	if c.isMerged('W', id) {
		c.stats.Skipped[SkipMerged]++
		return
	}
	v, dup := c.works[id]
	if !dup {
		v = &authorVersion{version: version{keep: map[string]string{}}, dates: map[string]string{}}
		c.works[id] = v
	}
	keepField(v.keep, v.dates, "doi", r.DOI, r.UpdatedDate)
	if r.PublicationYear != 0 {
		keepField(v.keep, v.dates, "publication_year", strconv.Itoa(r.PublicationYear), r.UpdatedDate)
	}
	if dup {
		c.stats.Skipped[SkipOlderVersion]++
		if !v.newer(r.UpdatedDate) {
			return
		}
	}
	v.loc, v.date = loc{file, line}, r.UpdatedDate
}

// isNewest says whether the record at file:line is the version of its id
// that the conversion writes: never when the id was merged away. A record
// with a malformed id is "newest", so that its problem is reported where it
// is converted.
func (c *converter) isNewest(versions map[uint64]*authorVersion, file string, line int, raw string, letter byte) bool {
	id, ok := parseID(raw, letter)
	if !ok {
		return true
	}
	if c.isMerged(letter, id) {
		return false
	}
	v := versions[id]
	return v == nil || v.loc == loc{file, line}
}

func (c *converter) convertWork(file string, line int, r *work) error {
	c.scanDate(file, line, r.UpdatedDate)
	id, ok := c.entityID(file, line, r.ID, 'W')
	if !ok {
		return nil
	}
	title := strings.TrimSpace(r.Title)
	if title == "" {
		title = strings.TrimSpace(r.DisplayName)
	}
	if title == "" {
		c.stats.Skipped[SkipUntitledWork]++
		return nil
	}
	p := paperRow{ID: workID(id), Title: title, Sources: []string{SourceID}}
	if v := c.works[id]; v != nil {
		// A null in the newest version does not clear what an older one
		// gave.
		if r.DOI == "" {
			r.DOI = v.keep["doi"]
		}
		if r.PublicationYear == 0 {
			r.PublicationYear, _ = strconv.Atoi(v.keep["publication_year"])
		}
	}
	if y := r.PublicationYear; y >= minYear && y <= maxYear {
		p.Year = y
		c.seeYear(y)
	} else if y != 0 {
		c.stats.Skipped[SkipBadYear]++
	}
	if pl := r.PrimaryLocation; pl != nil && pl.Source != nil {
		p.Venue = strings.TrimSpace(pl.Source.DisplayName)
	}
	if doi := stripDOI(r.DOI); doiPattern.MatchString(doi) {
		p.DOI = doi
	} else if doi != "" {
		c.stats.Skipped[SkipBadDOI]++
	}
	if n := r.CitedByCount; n != nil && *n >= 0 {
		p.Citations = n
		if len(r.UpdatedDate) >= 10 {
			p.CitationsDate = r.UpdatedDate[:10]
		}
	} else if n != nil {
		c.stats.Skipped[SkipNegativeCitations]++
	}
	var topics []string
	for _, t := range r.Topics {
		topics = append(topics, t.DisplayName)
	}
	if len(topics) == 0 {
		for _, t := range r.Concepts {
			if t.Score != nil && *t.Score <= 0 {
				c.stats.Skipped[SkipZeroConcept]++
				continue
			}
			topics = append(topics, t.DisplayName)
		}
	}
	p.Topics = cleanList("", topics)
	if err := c.write(thelist.KindPapers, p); err != nil {
		return err
	}

	seen := map[uint64]bool{}
	for i, a := range r.Authorships {
		field := fmt.Sprintf("authorships[%d].author.id", i)
		aid, ok := c.refID(file, line, field, a.Author.ID, 'A')
		if !ok {
			if a.Author.ID == "" {
				c.stats.Skipped[SkipNoAuthor]++
			}
			continue
		}
		aid = c.resolve('A', aid)
		for j, in := range a.Institutions {
			iid, ok := c.refID(file, line, fmt.Sprintf("authorships[%d].institutions[%d].id", i, j), in.ID, 'I')
			if ok && p.Year != 0 {
				c.seeAt(aid, c.resolve('I', iid), p.Year)
			}
		}
		if _, ours := c.authors[aid]; !ours && !c.keepRefs {
			c.stats.Skipped[SkipForeignAuthor]++
			continue
		}
		if seen[aid] {
			c.stats.Skipped[SkipRepeatedAuthor]++
			continue
		}
		seen[aid] = true
		err := c.write(thelist.KindAuthorships, authorshipRow{
			PersonID: authorID(aid), PaperID: p.ID, Position: i + 1, Sources: []string{SourceID},
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// seeAt records that a work of year y lists the author at the institution,
// for the authors whose records have no affiliations.
func (c *converter) seeAt(aid, iid uint64, y int) {
	spans, ok := c.fallback[aid]
	if !ok {
		return
	}
	if _, ok := c.insts[iid]; !ok && !c.keepRefs {
		return // a stint could not name it
	}
	for k := range spans {
		if spans[k].inst == iid {
			spans[k].first = min(spans[k].first, y)
			spans[k].last = max(spans[k].last, y)
			return
		}
	}
	c.fallback[aid] = append(spans, span{inst: iid, first: y, last: y})
}

func (c *converter) convertInstitution(r *institution) error {
	id, ok := parseID(r.ID, 'I')
	if !ok {
		return nil // reported by the first pass
	}
	name := strings.TrimSpace(r.DisplayName)
	l := labRow{
		ID: institutionID(id), Name: name, Kind: labKind(r.Type),
		Aliases: cleanList(name, r.Alternatives, r.Acronyms), Sources: []string{SourceID},
		OpenAlex: fmt.Sprintf("I%d", id),
	}
	// A null in the newest version does not clear what an older one gave.
	r.ROR = cmp.Or(r.ROR, c.insts[id].keep["ror"])
	r.CountryCode = cmp.Or(r.CountryCode, c.insts[id].keep["country_code"])
	// The lab keeps its ROR, which the importer matches labs by.
	if ror := strings.TrimPrefix(strings.TrimSpace(r.ROR), "https://ror.org/"); rorPattern.MatchString(ror) {
		l.ROR = ror
	} else if ror != "" {
		c.stats.Skipped[SkipBadROR]++
	}
	if cc := strings.ToUpper(strings.TrimSpace(r.CountryCode)); countryPattern.MatchString(cc) {
		l.Country = cc
	} else if cc != "" {
		c.stats.Skipped[SkipBadCountry]++
	}
	if p := c.insts[id].parent; p != 0 {
		l.ParentID = institutionID(p)
	}
	return c.write(thelist.KindLabs, l)
}

// labKind maps an OpenAlex institution type (from ROR) to a lab kind:
// education is a university, company a company, and every other type
// (facility, nonprofit, government, healthcare, archive, other, none) an
// institute.
func labKind(t string) string {
	switch t {
	case "education":
		return thelist.LabUniversity
	case "company":
		return thelist.LabCompany
	}
	return thelist.LabInstitute
}

func (c *converter) convertAuthor(r *author) error {
	id, ok := parseID(r.ID, 'A')
	if !ok {
		return nil // reported by the first pass
	}
	name := strings.TrimSpace(r.DisplayName)
	p := personRow{
		ID: authorID(id), Name: name, Aliases: cleanList(name, r.Alternatives),
		OpenAlex: "A" + strconv.FormatUint(id, 10), Sources: []string{SourceID},
	}
	// ids.orcid stands in for a null orcid, and an older version's for
	// both.
	orcid := cmp.Or(r.ORCID, r.IDs.ORCID, c.authors[id].keep["orcid"])
	if orcid := strings.TrimPrefix(strings.TrimPrefix(orcid, "https://orcid.org/"), "http://orcid.org/"); orcidPattern.MatchString(orcid) {
		p.ORCID = orcid
	} else if orcid != "" {
		c.stats.Skipped[SkipBadORCID]++
	}
	if err := c.write(thelist.KindPeople, p); err != nil {
		return err
	}

	current := map[uint64]bool{}
	var lastKnown []uint64 // in order, merges followed
	for _, d := range append(r.LastKnownInstitutions, ptrSlice(r.LastKnownInstitution)...) {
		if iid, ok := parseID(d.ID, 'I'); ok {
			if iid = c.resolve('I', iid); current[iid] {
				continue
			}
			current[iid] = true
			lastKnown = append(lastKnown, iid)
		}
	}
	var spans []span
	note := NoteAffiliation
	if r.Affiliations == nil {
		spans, note = c.fallback[id], NoteAuthorship
	} else {
		for _, a := range *r.Affiliations {
			iid, ok := parseID(a.Institution.ID, 'I')
			if !ok {
				continue
			}
			spans = mergeSpan(spans, c.resolve('I', iid), a.Years)
		}
	}
	if len(spans) == 0 {
		// No years anywhere: the last known institutions still place the
		// author, as last seen when the record was updated, and the note
		// says so.
		for _, iid := range lastKnown {
			spans = append(spans, span{inst: iid})
		}
		note = NoteLastKnown
	}
	for _, s := range spans {
		if _, ok := c.insts[s.inst]; !ok && !c.keepRefs {
			c.stats.Skipped[SkipForeignAffil]++
			continue
		}
		st := stintRow{
			ID: authorID(id) + ".i" + strconv.FormatUint(s.inst, 10), PersonID: p.ID, LabID: institutionID(s.inst),
			Confidence: thelist.ConfidenceInferred, Note: note, Sources: []string{SourceID},
		}
		if note == NoteLastKnown && len(r.UpdatedDate) >= 10 {
			st.LastSeen = r.UpdatedDate[:10]
		}
		if s.first != 0 {
			st.Start = strconv.Itoa(s.first)
			// Only a last year before the input's latest year says the
			// affiliation ended; otherwise it may go on, and an empty end
			// claims nothing.
			if s.last < c.latest && !current[s.inst] {
				st.End = strconv.Itoa(s.last)
			}
		}
		if err := c.write(thelist.KindStints, st); err != nil {
			return err
		}
	}
	return nil
}

// mergeSpan adds an affiliation's years to spans, merging an institution
// listed twice. Years outside minYear–maxYear are ignored.
func mergeSpan(spans []span, iid uint64, years []int) []span {
	k := -1
	for i := range spans {
		if spans[i].inst == iid {
			k = i
		}
	}
	if k < 0 {
		spans = append(spans, span{inst: iid})
		k = len(spans) - 1
	}
	for _, y := range years {
		if y < minYear || y > maxYear {
			continue
		}
		if spans[k].first == 0 || y < spans[k].first {
			spans[k].first = y
		}
		spans[k].last = max(spans[k].last, y)
	}
	return spans
}

func ptrSlice[T any](p *T) []T {
	if p == nil {
		return nil
	}
	return []T{*p}
}

func authorID(n uint64) string      { return "openalex-a" + strconv.FormatUint(n, 10) }
func institutionID(n uint64) string { return "openalex-i" + strconv.FormatUint(n, 10) }
func workID(n uint64) string        { return "openalex-w" + strconv.FormatUint(n, 10) }

// stripDOI removes the resolver OpenAlex writes DOIs with.
func stripDOI(s string) string {
	s = strings.TrimSpace(s)
	for _, prefix := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"} {
		if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
			return s[len(prefix):]
		}
	}
	return s
}

// cleanList makes a bundle list of names: trimmed, without empties, without
// repeats and without the record's own name. A ';' becomes ',', since the
// bundle format separates list items with ';'.
func cleanList(name string, lists ...[]string) []string {
	var out []string
	seen := map[string]bool{name: true}
	for _, list := range lists {
		for _, s := range list {
			s = strings.TrimSpace(strings.ReplaceAll(s, ";", ","))
			if s == "" || seen[s] {
				continue
			}
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// output is one JSON Lines file being written.
type output struct {
	f    *os.File
	w    *bufio.Writer
	enc  *json.Encoder
	rows int
}

func createOutput(path string) (*output, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("openalex: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &output{f: f, w: w, enc: enc}, nil
}

func (o *output) close() error {
	err := o.w.Flush()
	if cerr := o.f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("openalex: write %s: %w", filepath.Base(o.f.Name()), err)
	}
	return nil
}

// write appends one row to the file of kind.
func (c *converter) write(kind string, row any) error {
	o := c.out[kind]
	if err := o.enc.Encode(row); err != nil {
		return fmt.Errorf("openalex: write %s.jsonl: %w", kind, err)
	}
	o.rows++
	return nil
}
