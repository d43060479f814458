package thelist

import "time"

// Record kinds, as the importer and the import log name them. Each is also a
// bundle file name (people.csv, people.jsonl).
const (
	KindSources      = "sources"
	KindLabs         = "labs"
	KindPeople       = "people"
	KindPapers       = "papers"
	KindAuthorships  = "authorships"
	KindDegrees      = "degrees"
	KindStints       = "stints"
	KindOffers       = "offers"
	KindMoves        = "moves"
	KindRecruitments = "recruitments"
	KindInvestments  = "investments"
	KindDeals        = "deals"
	KindGroups       = "groups"
	KindMemberships  = "memberships"
)

// Kinds lists the record kinds in the order they are written: every kind
// refers only to kinds before it (or to itself), so nodes exist before the
// relationships that join them.
var Kinds = []string{
	KindSources, KindLabs, KindPeople, KindPapers, KindAuthorships, KindDegrees, KindStints,
	KindOffers, KindMoves, KindRecruitments, KindInvestments, KindDeals, KindGroups, KindMemberships,
}

// ImportCounts says what an import did to one kind of record.
type ImportCounts struct {
	Created   int
	Updated   int
	Unchanged int
	Matched   int // people resolved to a person already in the database
}

// Add adds o to c.
func (c *ImportCounts) Add(o ImportCounts) {
	c.Created += o.Created
	c.Updated += o.Updated
	c.Unchanged += o.Unchanged
	c.Matched += o.Matched
}

// ImportResult says what an import wrote, kind by kind. Every import is also
// recorded in the graph as an ImportRun node with the id RunID.
type ImportResult struct {
	RunID  string
	Counts map[string]ImportCounts // by kind
}

// Add adds the counts of o to r.
func (r *ImportResult) Add(o ImportResult) {
	for k, c := range o.Counts {
		r.AddKind(k, c)
	}
}

// AddKind adds c to the counts of kind.
func (r *ImportResult) AddKind(kind string, c ImportCounts) {
	if r.Counts == nil {
		r.Counts = map[string]ImportCounts{}
	}
	sum := r.Counts[kind]
	sum.Add(c)
	r.Counts[kind] = sum
}

// ImportMeta describes the bundle behind an import, for its ImportRun record.
type ImportMeta struct {
	Bundle   string // where the bundle was read from
	Name     string // from the bundle's manifest
	Version  string
	Checksum string // sha256 over the bundle's files, to tell versions apart
}

// ImportLock is the lock an import holds in the database while it runs, so
// that imports into one database run one at a time: who holds it, since
// when, and when it last said it was alive.
type ImportLock struct {
	Token     string // random, unique to the import; only its holder renews or frees the lock
	Host      string
	PID       int
	Started   time.Time
	Heartbeat time.Time     // the holder's last renewal
	Silent    time.Duration // how long before now the last heartbeat was, by the database's clock
}
