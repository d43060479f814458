package importer

import (
	"hash/maphash"
	"slices"
)

// idSet holds the ids of one kind of record compactly: a 64-bit hash and the
// line it was first seen on, 16 bytes an id, so that validating a bundle of
// millions of records stays within a few hundred megabytes. Two different
// ids share a hash with odds of about n²/2⁶⁵ (one in ten million for five
// million ids); the only effect would be a false "duplicate id" report.
//
// Ids are appended while a file is read, then sorted once (seal), after
// which lookups are binary searches. Files are read in dependency order, so
// every lookup is into a kind whose file is already sealed.
type idSet struct {
	entries []idEntry
	sealed  bool
}

type idEntry struct {
	hash uint64
	line uint32
}

var idSeed = maphash.MakeSeed()

func idHash(id string) uint64 { return maphash.String(idSeed, id) }

func (s *idSet) add(id string, line int) {
	s.entries = append(s.entries, idEntry{hash: idHash(id), line: uint32(line)})
}

// seal sorts the set and returns the duplicates: for each id seen again,
// the later line and the first line.
func (s *idSet) seal() (dups [][2]int) {
	slices.SortFunc(s.entries, func(a, b idEntry) int {
		switch {
		case a.hash < b.hash:
			return -1
		case a.hash > b.hash:
			return 1
		}
		return int(a.line) - int(b.line)
	})
	out := s.entries[:0]
	for i, e := range s.entries {
		if i > 0 && e.hash == s.entries[i-1].hash {
			first := out[len(out)-1].line
			dups = append(dups, [2]int{int(e.line), int(first)})
			continue
		}
		out = append(out, e)
	}
	s.entries = slices.Clip(out)
	s.sealed = true
	// In hash order the duplicates would come out shuffled, differently
	// at every run (the seed is random); report them in file order.
	slices.SortFunc(dups, func(a, b [2]int) int { return a[0] - b[0] })
	return dups
}

func (s *idSet) has(id string) bool {
	h := idHash(id)
	_, found := slices.BinarySearchFunc(s.entries, h, func(e idEntry, h uint64) int {
		switch {
		case e.hash < h:
			return -1
		case e.hash > h:
			return 1
		}
		return 0
	})
	return found
}
