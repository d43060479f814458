package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/thelist/thelist"
)

// location is where a reference was made.
type location struct {
	file  string
	line  int
	field string
}

type parentRef struct {
	parent string
	file   string
	line   int
}

// maxPending is how many references to records outside the bundle are held
// before they are checked against the database, which bounds the memory an
// incremental bundle's references take.
const maxPending = 10000

// validator is the state of the first pass over a bundle: the ids seen so
// far, references not yet resolved, and the problems found.
type validator struct {
	ctx        context.Context
	store      Store
	ps         *problems
	ids        map[string]*idSet
	keyNames   map[string]string // for pair-keyed kinds, the fields of the key
	done       map[string]bool   // kinds whose file has been read
	pending    map[string]map[string][]location
	npending   int
	labParents map[string]parentRef
	rows       map[string]int
	err        error // a database failure while resolving references

	// writing is set in the second pass, which parses rows the first pass
	// has checked: it keeps no ids and resolves no references.
	writing bool

	// resolver matches the bundle's new people to people in the database;
	// its matches are what the second pass writes references to.
	resolver *resolver

	// labs are the labs that new labs are matched against, and warn the
	// likely duplicates found, which do not stop the import.
	labs labIndex
	warn *problems
	// history is what the cross-kind check reads (consistency.go).
	history *history
}

func newValidator(ctx context.Context, store Store) *validator {
	v := &validator{
		ctx: ctx, store: store, ps: &problems{}, warn: &problems{},
		ids: map[string]*idSet{}, keyNames: map[string]string{}, done: map[string]bool{},
		pending: map[string]map[string][]location{}, labParents: map[string]parentRef{}, rows: map[string]int{},
		resolver: newResolver(store), history: newHistory(),
	}
	for _, s := range specs {
		v.ids[s.kind] = &idSet{}
	}
	return v
}

// refer records a reference. One to a record read earlier in the bundle is
// resolved at once; any other waits to be looked up in the database.
func (v *validator) refer(kind, id string, loc location) {
	if v.writing {
		return
	}
	if v.done[kind] && v.ids[kind].has(id) {
		return
	}
	m := v.pending[kind]
	if m == nil {
		m = map[string][]location{}
		v.pending[kind] = m
	}
	locs, seen := m[id]
	if len(locs) < 5 { // enough to show where a misspelt id is used
		m[id] = append(locs, loc)
	}
	if !seen {
		v.npending++
		if v.npending >= maxPending {
			v.resolvePending()
		}
	}
}

// resolvePending looks up the pending references in the database and
// reports those that name nothing there either.
func (v *validator) resolvePending() {
	kinds := make([]string, 0, len(v.pending))
	for k := range v.pending {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, kind := range kinds {
		m := v.pending[kind]
		ids := make([]string, 0, len(m))
		for id := range m {
			if v.done[kind] && v.ids[kind].has(id) {
				continue // read after the reference was made (a lab's later parent)
			}
			ids = append(ids, id)
		}
		if len(ids) == 0 {
			continue // every one was read after it was referred to (a source's original)
		}
		slices.Sort(ids)
		missing, err := v.store.MissingIDs(v.ctx, labels[kind], ids)
		if err != nil {
			v.err = errors.Join(v.err, fmt.Errorf("check references to %s: %w", kind, err))
			continue
		}
		for _, id := range missing {
			for _, loc := range m[id] {
				v.ps.add(loc.file, loc.line, loc.field, "unknown %s %s: not in the bundle nor in the database", singular[kind], thelist.Quote(id))
			}
		}
	}
	v.pending = map[string]map[string][]location{}
	v.npending = 0
}

// finishFile seals the ids of a kind, reports duplicates, and for labs
// checks parents and cycles.
func (v *validator) finishFile(f bundleFile) {
	if dups := v.ids[f.spec.kind].seal(); len(dups) > 0 {
		keys := v.keysAt(f, dups)
		for _, d := range dups {
			if name := v.keyNames[f.spec.kind]; name != "" {
				v.ps.add(f.name, d[0], "", "duplicate %s %s (first on line %d)", name, keys[d[0]], d[1])
			} else {
				v.ps.add(f.name, d[0], "id", "duplicate id %s (first on line %d)", keys[d[0]], d[1])
			}
		}
	}
	if f.spec.kind == thelist.KindPeople {
		v.flushPeople()
	}
	v.done[f.spec.kind] = true
	if !referenced[f.spec.kind] {
		v.ids[f.spec.kind] = &idSet{} // nothing refers to these: free them
	}
	if f.spec.kind == thelist.KindLabs {
		v.checkLabParents()
	}
}

// keysAt reads the file of f again for the keys of the rows at the later
// lines of dups, quoted for a message: the first pass keeps only hashes of
// ids (idSet), and a duplicate is rare enough that a second read is cheaper
// than keeping every id.
func (v *validator) keysAt(f bundleFile, dups [][2]int) map[int]string {
	want := make(map[int]bool, len(dups))
	for _, d := range dups {
		want[d[0]] = true
	}
	fields := strings.Split(v.keyNames[f.spec.kind], " and ")
	if fields[0] == "" {
		fields = []string{"id"}
	}
	keys := make(map[int]string, len(dups))
	fh, err := os.Open(f.path)
	if err != nil {
		v.err = errors.Join(v.err, fmt.Errorf("open bundle file: %w", err))
		return keys
	}
	defer fh.Close() // read-only: a close error loses nothing
	err = f.read(fh, &problems{}, func(r row) {
		if !want[r.line] {
			return
		}
		quoted := make([]string, len(fields))
		for i, name := range fields {
			quoted[i] = thelist.Quote(r.get(name))
		}
		keys[r.line] = strings.Join(quoted, " and ")
	})
	if err != nil {
		v.err = errors.Join(v.err, err)
	}
	return keys
}

// checkLabParents resolves lab parents and reports any lab that is its own
// ancestor, naming the cycle.
func (v *validator) checkLabParents() {
	ids := make([]string, 0, len(v.labParents))
	for id := range v.labParents {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		p := v.labParents[id]
		v.refer(thelist.KindLabs, p.parent, location{file: p.file, line: p.line, field: "parent_id"})
		chain := []string{id}
		for cur := p.parent; ; {
			chain = append(chain, cur)
			if cur == id {
				v.ps.add(p.file, p.line, "parent_id", "%s is its own ancestor (%s)", thelist.Quote(id), strings.Join(chain, " → "))
				break
			}
			next, ok := v.labParents[cur]
			if !ok || len(chain) > len(v.labParents)+1 {
				break
			}
			cur = next.parent
		}
	}
	v.labParents = nil
}

// bundleFile is one record file of a bundle.
type bundleFile struct {
	spec  kindSpec
	name  string // e.g. "people.csv"
	path  string
	jsonl bool
}

func (f bundleFile) read(r io.Reader, ps *problems, fn func(row)) error {
	t := table{file: f.name, columns: f.spec.columns}
	if f.jsonl {
		return readJSONL(r, t, ps, fn)
	}
	return readTable(r, t, ps, fn)
}

// manifest is a bundle's manifest.json.
type manifest struct {
	Name        string `json:"name"`
	Version     string `json:"version"`
	License     string `json:"license"`
	Description string `json:"description"`
}

// scan lists the record files of the bundle in dir, in write order, and
// reads its manifest. A file whose name is not a kind, or a kind given both
// as CSV and JSON Lines, is a problem: a misspelt file name would otherwise
// be skipped without a word.
func scan(dir string, ps *problems) ([]bundleFile, manifest, error) {
	var m manifest
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, m, fmt.Errorf("read bundle: %w", err)
	}
	byKind := map[string]kindSpec{}
	var names []string
	for _, s := range specs {
		byKind[s.kind] = s
		names = append(names, s.kind+".csv")
	}
	found := map[string]bundleFile{}
	for _, e := range entries {
		name := e.Name()
		ext := filepath.Ext(name)
		if e.IsDir() || (ext != ".csv" && ext != ".jsonl") {
			continue
		}
		kind := strings.TrimSuffix(name, ext)
		spec, ok := byKind[kind]
		if !ok {
			ps.add(name, 0, "", "unknown file: want one of %s (or .jsonl)", strings.Join(names, ", "))
			continue
		}
		if prev, dup := found[kind]; dup {
			ps.add(name, 0, "", "%s is already given as %s: use one or the other", kind, prev.name)
			continue
		}
		found[kind] = bundleFile{spec: spec, name: name, path: filepath.Join(dir, name), jsonl: ext == ".jsonl"}
	}
	var files []bundleFile
	for _, s := range specs {
		if f, ok := found[s.kind]; ok {
			files = append(files, f)
		}
	}
	if len(files) == 0 && ps.total == 0 {
		return nil, m, thelist.Errorf(thelist.EINVALID, "%s: no bundle files (want any of %s)", dir, strings.Join(names, ", "))
	}
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Absolute first, so that "thelist import ." is named after the
		// folder, not ".".
		abs, err := filepath.Abs(dir)
		if err != nil {
			return nil, m, fmt.Errorf("name the bundle: %w", err)
		}
		m.Name = filepath.Base(abs)
	case err != nil:
		return nil, m, fmt.Errorf("read manifest: %w", err)
	default:
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&m); err != nil {
			ps.add("manifest.json", 0, "", "want a JSON object with name, version, license, description: %v", err)
		} else if m.Name == "" || m.Version == "" {
			ps.add("manifest.json", 0, "", "name and version are required")
		}
	}
	return files, m, nil
}

// validate is the first pass: it reads every file, checks every row,
// resolves every reference against the bundle and then the database, and
// resolves the bundle's new people against the people in the database. It
// returns the number of rows of each kind, a checksum of the files, and the
// people it matched.
func validate(ctx context.Context, store Store, files []bundleFile, ps, warn *problems) (map[string]int, string, map[string]match, error) {
	v := newValidator(ctx, store)
	v.ps, v.warn = ps, warn
	sum := sha256.New()
	for _, f := range files {
		fh, err := os.Open(f.path)
		if err != nil {
			return nil, "", nil, fmt.Errorf("open bundle file: %w", err)
		}
		fmt.Fprintf(sum, "%s\x00", f.name)
		var scratch thelist.Bundle
		c := &rowCtx{v: v, kind: f.spec.kind, file: f.name}
		err = f.read(io.TeeReader(fh, sum), ps, func(r row) {
			c.r = r
			v.rows[f.spec.kind]++
			f.spec.parse(c, &scratch)
			if scratch.Len() >= 1024 {
				scratch = thelist.Bundle{} // the first pass keeps ids, not records
			}
		})
		closeErr := fh.Close()
		if err != nil {
			return nil, "", nil, err
		} else if closeErr != nil {
			return nil, "", nil, fmt.Errorf("close %s: %w", f.name, closeErr)
		}
		v.finishFile(f)
		if v.err != nil {
			return nil, "", nil, v.err
		}
	}
	v.resolvePending()
	v.history.check(ps)
	v.decideNames()
	if v.err != nil {
		return nil, "", nil, v.err
	}
	return v.rows, hex.EncodeToString(sum.Sum(nil)), v.resolver.matches, nil
}
