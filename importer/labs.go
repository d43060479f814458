package importer

import (
	"context"
	"fmt"

	"github.com/thelist/thelist"
)

// LabResolver is the optional part of a Store that lists the stored labs,
// so that a bundle's new lab that is a stored one under another id (the
// same ROR, or the same name) is reported rather than added twice. A store
// without it checks labs within the bundle only.
type LabResolver interface {
	LabKeys(ctx context.Context) ([]thelist.LabKey, error)
}

// labRegistries are a lab's registry ids, by column.
func labRegistries(ids thelist.LabIDs) [3][2]string {
	return [3][2]string{{"ror", ids.ROR}, {"openalex", ids.OpenAlex}, {"wikidata", ids.Wikidata}}
}

// registryNames name the registries in messages.
var registryNames = map[string]string{"ror": "ROR", "openalex": "OpenAlex id", "wikidata": "Wikidata item"}

// seenLab is a lab the match is against: stored (line 0) or earlier in the
// bundle.
type seenLab struct {
	id, name string
	line     int
}

// labIndex holds the labs that a bundle's labs are matched against: the
// stored ones, read once, then each lab of the bundle as it is read.
type labIndex struct {
	loaded     bool
	stored     map[string]bool      // ids of stored labs
	byRegistry map[string]seenLab   // "ror:05a28rw58" → the lab
	byName     map[string][]seenLab // thelist.NameKey of a name or alias → the labs
	mergedInto map[string]string    // id of a lab merged away → the stored lab it was merged into
}

// noteNewLab matches the bundle's lab l, read at loc, against the stored
// labs and the bundle's labs before it. The same registry id as another lab
// is a problem: two labs cannot be one institution, so the row must use
// that lab's id (or the labs be merged first). The same name or alias is a
// warning, since names are shared ("MIT"), and nothing is merged silently.
// A lab whose id is stored is an update of that lab and only checked
// against the bundle.
func (v *validator) noteNewLab(l thelist.Lab, loc location) {
	if v.writing || l.ID == "" {
		return
	}
	x := &v.labs
	if !x.loaded {
		x.loaded = true
		x.stored, x.byRegistry, x.byName = map[string]bool{}, map[string]seenLab{}, map[string][]seenLab{}
		x.mergedInto = map[string]string{}
		if r, ok := v.store.(LabResolver); ok {
			keys, err := r.LabKeys(v.ctx)
			if err != nil {
				v.err = fmt.Errorf("read the stored labs: %w", err)
				return
			}
			for _, k := range keys {
				x.add(seenLab{id: k.ID, name: k.Name}, k.Name, k.Aliases, k.LabIDs)
				x.stored[k.ID] = true
				for _, gone := range k.MergedIDs {
					x.mergedInto[gone] = k.ID
				}
			}
		}
	}
	update := x.stored[l.ID]
	if keep, ok := x.mergedInto[l.ID]; ok && !update {
		v.ps.add(loc.file, loc.line, "id", "lab %s was merged into the stored lab %s: give this row's records that lab's id, or undo the merge (thelist labs unmerge)",
			thelist.Quote(l.ID), thelist.Quote(keep))
	}
	where := func(s seenLab) string {
		if s.line == 0 {
			return "the stored lab " + thelist.Quote(s.id)
		}
		return fmt.Sprintf("lab %s on line %d", thelist.Quote(s.id), s.line)
	}
	for _, reg := range labRegistries(l.LabIDs) {
		if reg[1] == "" {
			continue
		}
		if s, ok := x.byRegistry[reg[0]+":"+reg[1]]; ok && s.id != l.ID && !(update && s.line == 0) {
			v.ps.add(loc.file, loc.line, reg[0], "%s is the %s of %s: give this row that lab's id, or merge the two labs first",
				thelist.Quote(reg[1]), registryNames[reg[0]], where(s))
		}
	}
	warned := map[string]bool{}
	for _, name := range append([]string{l.Name}, l.Aliases...) {
		for _, s := range x.byName[thelist.NameKey(name)] {
			if s.id == l.ID || warned[s.id] || update && s.line == 0 {
				continue
			}
			warned[s.id] = true
			v.warn.add(loc.file, loc.line, "name", "%s is likely the same as %s (%s): if so, give this row that lab's id",
				thelist.Quote(name), where(s), thelist.Quote(s.name))
		}
	}
	x.add(seenLab{id: l.ID, name: l.Name, line: loc.line}, l.Name, l.Aliases, l.LabIDs)
}

func (x *labIndex) add(s seenLab, name string, aliases []string, ids thelist.LabIDs) {
	for _, reg := range labRegistries(ids) {
		if reg[1] != "" {
			if _, taken := x.byRegistry[reg[0]+":"+reg[1]]; !taken {
				x.byRegistry[reg[0]+":"+reg[1]] = s
			}
		}
	}
	for _, n := range append([]string{name}, aliases...) {
		if key := thelist.NameKey(n); key != "" && !containsLab(x.byName[key], s.id) {
			x.byName[key] = append(x.byName[key], s)
		}
	}
}

func containsLab(labs []seenLab, id string) bool {
	for _, l := range labs {
		if l.id == id {
			return true
		}
	}
	return false
}
