package importer

import (
	"context"
	"slices"
	"strings"

	"github.com/thelist/thelist"
)

// PeopleResolver is the optional part of a Store that finds people already
// in the database that a bundle's new people may be. A store without it
// imports every person under the bundle's own id.
type PeopleResolver interface {
	ResolvePeople(ctx context.Context, keys []thelist.PersonKey) ([]thelist.PersonCandidates, error)
}

// resolveBatch is how many people are resolved per database round trip.
const resolveBatch = 2000

// match is a bundle person resolved to a person in the database.
type match struct {
	id string // in the database
	by string
}

// nameCandidate is a bundle person whose name matches people in the
// database; the labs the bundle gives them decide.
type nameCandidate struct {
	line  int
	file  string
	cands []thelist.NameCandidate
	labs  []string // from the bundle's stints and degrees
}

// resolver keeps the state of entity resolution through the first pass.
type resolver struct {
	store   PeopleResolver
	buf     []thelist.PersonKey
	lines   map[string]location
	byName  map[string]*nameCandidate
	matches map[string]match
}

func newResolver(store Store) *resolver {
	r := &resolver{lines: map[string]location{}, byName: map[string]*nameCandidate{}, matches: map[string]match{}}
	r.store, _ = store.(PeopleResolver) // optional: see PeopleResolver
	return r
}

// person queues a bundle person for resolution.
func (v *validator) resolvePerson(p thelist.Person, loc location) {
	r := v.resolver
	if r.store == nil || v.writing || p.ID == "" {
		return
	}
	r.buf = append(r.buf, thelist.PersonKey{ID: p.ID, ExternalIDs: p.ExternalIDs, NameKey: thelist.NameKey(p.Name)})
	r.lines[p.ID] = loc
	if len(r.buf) >= resolveBatch {
		v.flushPeople()
	}
}

// flushPeople resolves the queued people: a match by external id is taken
// when it names exactly one person; a match by name waits for the labs the
// bundle gives the person (noteLab) and is decided in decideNames.
func (v *validator) flushPeople() {
	r := v.resolver
	if len(r.buf) == 0 {
		return
	}
	found, err := r.store.ResolvePeople(v.ctx, r.buf)
	if err != nil {
		v.err = err
		return
	}
	for _, c := range found {
		loc := r.lines[c.ID]
		if c.Exists {
			continue // an update of the same person
		}
		var ids, hows []string
		for _, by := range []string{"orcid", "openalex", "dblp"} {
			for _, id := range c.ByExternal[by] {
				if !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
				hows = append(hows, id+" by "+by)
			}
		}
		switch {
		case len(ids) == 1:
			r.matches[c.ID] = match{id: ids[0], by: strings.SplitN(hows[0], " by ", 2)[1]}
		case len(ids) > 1:
			v.ps.add(loc.file, loc.line, "", "matches several people in the database (%s): "+
				"merge them first, or give this row the id of the right one", strings.Join(hows, ", "))
		case len(c.ByName) > 0:
			r.byName[c.ID] = &nameCandidate{line: loc.line, file: loc.file, cands: c.ByName}
		}
	}
	r.buf, r.lines = r.buf[:0], map[string]location{}
}

// noteLab records that the bundle places a person at a lab, for people whose
// name matches someone in the database.
func (v *validator) noteLab(personID, labID string) {
	if nc, ok := v.resolver.byName[personID]; ok && labID != "" && !slices.Contains(nc.labs, labID) {
		nc.labs = append(nc.labs, labID)
	}
}

// decideNames resolves the people matched by name: the same name and a lab
// in common is the same person; the same name alone is not, since names
// are shared. Two candidates with a lab in common are reported, never
// guessed between.
func (v *validator) decideNames() {
	r := v.resolver
	ids := make([]string, 0, len(r.byName))
	for id := range r.byName {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		nc := r.byName[id]
		var hits []string
		for _, cand := range nc.cands {
			for _, lab := range cand.LabIDs {
				if slices.Contains(nc.labs, lab) {
					hits = append(hits, cand.ID)
					break
				}
			}
		}
		switch len(hits) {
		case 0: // a namesake: a new person
		case 1:
			r.matches[id] = match{id: hits[0], by: "name and lab"}
		default:
			v.ps.add(nc.file, nc.line, "name", "matches several people in the database by name and a shared lab (%s): "+
				"give this row the id of the right one, or an external id", strings.Join(hits, ", "))
		}
	}
	r.byName = map[string]*nameCandidate{}
}
