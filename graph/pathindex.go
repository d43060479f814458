package graph

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/thelist/thelist"
)

// The path search's levels run in this process, over a copy of the few
// facts that make people neighbours (who worked, studied or published
// where and when, who recruited or advised whom, who moved where and when),
// read from Neo4j in one pass. In Cypher one search of the 20k graph took
// 0.1–2.7 s of the database's CPU, since a level reads every stint of the
// labs its people touch; here a level is a scan of slices in memory
// (BENCHMARKS.md, bench-overload). Neo4j still reads the chain that was
// found, hop by hop, with every link's sources, as pathQuery does.
//
// The copy is only used while it is current: every path search first asks
// Neo4j for its last committed transaction (the bookmark of an empty read)
// and compares it with the one the copy was read at. Any commit, of any
// process, makes the copy stale; the search then runs in Cypher as before
// (pathQuery) while a new copy is read, or waits for it when a read takes
// less than inlineIndexBuild (a small graph, as in the tests).

// day is a date as days since 1970-01-01, the unit of the copy's periods.
type day = int32

const (
	openStart day = math.MinInt32 // a period with no start, or none known
	openEnd   day = math.MaxInt32 // a period with no end
)

func dayOf(t time.Time) day {
	return day(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// periodEndOf is periodEnd in Go: the day after the period a date of that
// precision names, with Neo4j's month arithmetic.
func periodEndOf(t time.Time, precision string) day {
	switch precision {
	case "year":
		return dayOf(thelist.AddMonths(t, 12))
	case "month":
		return dayOf(thelist.AddMonths(t, 1))
	}
	return dayOf(t) + 1
}

// held is when a relationship holds for relHeldOn: on the days in
// [from, until), or never in a dated view.
type held struct {
	from, until day
	never       bool
}

func (h held) on(asOf *day) bool {
	return asOf == nil || (!h.never && h.from <= *asOf && *asOf < h.until)
}

// membership is one person's relationship to a shared node (a lab, a
// paper), or a move to a lab: with its period for the overlap rule (start
// and end as periodsOverlap reads them; for a move, from its date to
// MovedTogetherMonths after its period) and when it holds.
type membership struct {
	person, node int32
	start, end   day
	held         held
}

// shared is the memberships of one kind of link through a node, by person
// and by node.
type shared struct {
	overlap  bool // the periods must overlap (stints, courses of study, moves)
	all      []membership
	byPerson [][]int32 // person → indexes into all
	byNode   [][]int32 // node → indexes into all
}

// direct is the relationships of one kind between two people, either way.
type direct struct {
	byPerson [][]directLink
}

type directLink struct {
	other int32
	held  held
}

// pathIndex is the copy, read at version.
type pathIndex struct {
	version string
	ids     []string // person → id
	person  map[string]int32
	shared  map[string]*shared // by link kind
	direct  map[string]*direct
	took    time.Duration
}

// sharedQueries read, for each kind of link through a shared node, its
// memberships: the person's and the node's ids, the period, and what
// relHeldOn reads of the relationship and of the node. A move's TO lab is
// no fact in time, so moves carry their own date only (linkReaches).
var sharedQueries = map[string]string{
	thelist.LinkWorkedWith: `MATCH (p:Person)-[r:WORKED_AT]->(v:Lab)
		RETURN p.id AS p, v.id AS v, r.start AS start, r.date AS date, r.end AS end, r.endPrecision AS endPrecision,
			v.founded AS founded, null AS year`,
	thelist.LinkStudiedWith: `MATCH (p:Person)-[r:STUDIED_AT]->(v:Lab)
		RETURN p.id AS p, v.id AS v, r.start AS start, r.date AS date, r.end AS end, r.endPrecision AS endPrecision,
			v.founded AS founded, null AS year`,
	thelist.LinkCoauthored: `MATCH (p:Person)-[r:AUTHORED]->(v:Paper)
		RETURN p.id AS p, v.id AS v, r.start AS start, r.date AS date, r.end AS end, r.endPrecision AS endPrecision,
			null AS founded, v.year AS year`,
	thelist.LinkMovedWith: `MATCH (p:Person)-[:MADE_MOVE]->(m:Move)-[:TO]->(v:Lab)
		WHERE m.date IS NOT NULL
		RETURN p.id AS p, v.id AS v, m.date AS date, m.datePrecision AS datePrecision`,
}

// directTypes are the relationship types of the direct kinds of link.
var directTypes = map[string]string{thelist.LinkRecruited: "RECRUITED", thelist.LinkAdvised: "ADVISED"}

// timedTypes is timedRels in Go, for the types the path reads.
var timedTypes = map[string]bool{"WORKED_AT": true, "STUDIED_AT": true, "RECRUITED": true}

var kindTypes = map[string]string{thelist.LinkWorkedWith: "WORKED_AT", thelist.LinkStudiedWith: "STUDIED_AT",
	thelist.LinkCoauthored: "AUTHORED", thelist.LinkRecruited: "RECRUITED", thelist.LinkAdvised: "ADVISED"}

// readPathIndex reads the copy: the people, then each kind of link, each
// in a read transaction of its own, so that no one transaction has to
// read the whole graph within its timeout (at 1M people the single
// transaction this was could not, and every path search ran in Cypher:
// BENCHMARKS.md, "API" at 1M). The parts need not see one snapshot:
// version is the database's last commit before the first began, and a
// commit during the read leaves the copy stale at once (its version is no
// longer the database's), so a mixed copy is never used.
func (db *DB) readPathIndex(ctx context.Context, version string) (*pathIndex, error) {
	start := time.Now()
	ix := &pathIndex{version: version, person: map[string]int32{}, shared: map[string]*shared{}, direct: map[string]*direct{}}
	part := func(name string, read func(tx neo4j.ManagedTransaction) error) error {
		began := time.Now()
		defer func() {
			slog.Debug("path index: part read", "part", name, "took", time.Since(began).Round(time.Millisecond))
		}()
		_, err := readTx(ctx, db, func(tx neo4j.ManagedTransaction) (struct{}, error) {
			return struct{}{}, read(tx)
		})
		if err != nil {
			return fmt.Errorf("path index: %s: %w", name, err)
		}
		return nil
	}
	err := part("people", func(tx neo4j.ManagedTransaction) error {
		// A retried transaction starts again from no one.
		ix.person, ix.ids = map[string]int32{}, nil
		return eachRow(ctx, tx, `MATCH (p:Person) RETURN p.id AS id`, func(r *neo4j.Record) error {
			id, _ := r.Values[0].(string)
			if _, dup := ix.person[id]; !dup {
				ix.person[id] = int32(len(ix.ids))
				ix.ids = append(ix.ids, id)
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	for _, kind := range thelist.LinkKinds {
		err := part(kind, func(tx neo4j.ManagedTransaction) error {
			if typ, ok := directTypes[kind]; ok {
				return ix.readDirect(ctx, tx, kind, typ)
			}
			return ix.readShared(ctx, tx, kind)
		})
		if err != nil {
			return nil, err
		}
	}
	ix.took = time.Since(start)
	return ix, nil
}

// eachRow runs query and calls fn with each record as it streams in.
func eachRow(ctx context.Context, tx neo4j.ManagedTransaction, query string, fn func(*neo4j.Record) error) error {
	res, err := tx.Run(ctx, query, nil)
	if err != nil {
		return err
	}
	for res.Next(ctx) {
		if err := fn(res.Record()); err != nil {
			return err
		}
	}
	return res.Err()
}

func (ix *pathIndex) readShared(ctx context.Context, tx neo4j.ManagedTransaction, kind string) error {
	s := &shared{overlap: kind != thelist.LinkCoauthored, byPerson: make([][]int32, len(ix.ids))}
	nodes := map[string]int32{}
	isMove := kind == thelist.LinkMovedWith
	err := eachRow(ctx, tx, sharedQueries[kind], func(r *neo4j.Record) error {
		m := r.AsMap()
		p, ok := ix.person[str(m, "p")]
		if !ok {
			return nil
		}
		v := str(m, "v")
		node, ok := nodes[v]
		if !ok {
			node = int32(len(nodes))
			nodes[v] = node
			s.byNode = append(s.byNode, nil)
		}
		mb := membership{person: p, node: node}
		var err error
		if isMove {
			mb, err = moveMembership(mb, m)
		} else {
			mb, err = relMembership(mb, m, kindTypes[kind])
		}
		if err != nil {
			return err
		}
		i := int32(len(s.all))
		s.all = append(s.all, mb)
		s.byPerson[p] = append(s.byPerson[p], i)
		s.byNode[node] = append(s.byNode[node], i)
		return nil
	})
	ix.shared[kind] = s
	return err
}

func (ix *pathIndex) readDirect(ctx context.Context, tx neo4j.ManagedTransaction, kind, typ string) error {
	d := &direct{byPerson: make([][]directLink, len(ix.ids))}
	err := eachRow(ctx, tx, `MATCH (p:Person)-[r:`+typ+`]->(q:Person)
		RETURN p.id AS p, q.id AS q, r.start AS start, r.date AS date, r.end AS end, r.endPrecision AS endPrecision`,
		func(r *neo4j.Record) error {
			m := r.AsMap()
			p, okp := ix.person[str(m, "p")]
			q, okq := ix.person[str(m, "q")]
			if !okp || !okq {
				return nil
			}
			mb, err := relMembership(membership{}, m, typ)
			if err != nil {
				return err
			}
			d.byPerson[p] = append(d.byPerson[p], directLink{other: q, held: mb.held})
			d.byPerson[q] = append(d.byPerson[q], directLink{other: p, held: mb.held})
			return nil
		})
	ix.direct[kind] = d
	return err
}

// optDate reads a date property that may be null; any other type is an
// error, since the rules below would misread it.
func optDate(m map[string]any, key string) (time.Time, bool, error) {
	switch v := m[key].(type) {
	case nil:
		return time.Time{}, false, nil
	case dbtype.Date:
		return v.Time(), true, nil
	default:
		return time.Time{}, false, fmt.Errorf("%s: want a date, got %T", key, v)
	}
}

// relMembership fills in a relationship's period and relHeldOn's rule for
// it (see there): held from its start (or date), the founding of its lab
// and the first day of its paper's year, until the end of its end's
// period; never, in a dated view, when a timed relationship has no date at
// all or its paper no year.
func relMembership(mb membership, m map[string]any, typ string) (membership, error) {
	start, hasStart, err := optDate(m, "start")
	if err != nil {
		return mb, err
	}
	date, hasDate, err := optDate(m, "date")
	if err != nil {
		return mb, err
	}
	end, hasEnd, err := optDate(m, "end")
	if err != nil {
		return mb, err
	}
	founded, hasFounded, err := optDate(m, "founded")
	if err != nil {
		return mb, err
	}
	mb.start, mb.end, mb.held = openStart, openEnd, held{from: openStart, until: openEnd}
	if hasStart {
		mb.start = dayOf(start)
	}
	if hasEnd {
		mb.end = periodEndOf(end, str(m, "endPrecision"))
		mb.held.until = mb.end
	}
	d, hasD := start, hasStart
	if !hasD {
		d, hasD = date, hasDate
	}
	if hasD {
		mb.held.from = dayOf(d)
	}
	if !hasD && !hasEnd && timedTypes[typ] {
		mb.held.never = true
	}
	if hasFounded {
		mb.held.from = max(mb.held.from, dayOf(founded))
	}
	if typ == "AUTHORED" {
		year, ok := m["year"].(int64)
		if !ok {
			mb.held.never = true
		} else {
			mb.held.from = max(mb.held.from, dayOf(time.Date(int(year), 1, 1, 0, 0, 0, 0, time.UTC)))
		}
	}
	return mb, nil
}

// moveMembership is a dated move: its period runs from its date to
// MovedTogetherMonths after the end of its date's period, as the spans of
// linkReaches do, and it holds from its date on.
func moveMembership(mb membership, m map[string]any) (membership, error) {
	date, ok, err := optDate(m, "date")
	if err != nil || !ok {
		return mb, fmt.Errorf("move without a date: %v", err)
	}
	mb.start = dayOf(date)
	periodEnd := date
	switch str(m, "datePrecision") {
	case "year":
		periodEnd = thelist.AddMonths(date, 12)
	case "month":
		periodEnd = thelist.AddMonths(date, 1)
	default:
		periodEnd = date.AddDate(0, 0, 1)
	}
	mb.end = dayOf(thelist.AddMonths(periodEnd, thelist.MovedTogetherMonths))
	mb.held = held{from: mb.start, until: openEnd}
	return mb, nil
}

// spans is the periods of a frontier's memberships at one node, sorted by
// start, with the latest end of each prefix: whether a period overlaps one
// of them (periodsOverlap: each starts before the other ends) is then a
// binary search, however many there are.
type spans struct {
	start, maxEnd []day
}

func (s *spans) set(ms []membership) {
	slices.SortFunc(ms, func(a, b membership) int { return cmp.Compare(a.start, b.start) })
	s.start, s.maxEnd = s.start[:0], s.maxEnd[:0]
	for i, m := range ms {
		e := m.end
		if i > 0 {
			e = max(e, s.maxEnd[i-1])
		}
		s.start = append(s.start, m.start)
		s.maxEnd = append(s.maxEnd, e)
	}
}

func (s *spans) overlaps(start, end day) bool {
	// the spans that start before end; of them, does one end after start?
	n, _ := slices.BinarySearch(s.start, end)
	return n > 0 && s.maxEnd[n-1] > start
}

// searcher is one search's scratch: marks by person, reused level by level.
type searcher struct {
	ix    *pathIndex
	kinds []string
	asOf  *day
	mark  []uint32 // person → the reach it was last found in
	epoch uint32
	// fseen and bseen: the level (1-based) a person was found at from
	// each side, or 0.
	fseen, bseen []int16
}

// reach is linkReaches in Go: the people one hop from the frontier,
// through the kinds of link, as of asOf, the frontier's own included.
func (s *searcher) reach(frontier []int32) []int32 {
	s.epoch++
	var out []int32
	add := func(p int32) {
		if s.mark[p] != s.epoch {
			s.mark[p] = s.epoch
			out = append(out, p)
		}
	}
	var sp spans
	for _, kind := range s.kinds {
		if d, ok := s.ix.direct[kind]; ok {
			for _, p := range frontier {
				for _, l := range d.byPerson[p] {
					if l.held.on(s.asOf) {
						add(l.other)
					}
				}
			}
			continue
		}
		sh := s.ix.shared[kind]
		atNode := map[int32][]membership{}
		var order []int32
		for _, p := range frontier {
			for _, i := range sh.byPerson[p] {
				m := sh.all[i]
				if !m.held.on(s.asOf) {
					continue
				}
				if _, seen := atNode[m.node]; !seen {
					order = append(order, m.node)
				}
				atNode[m.node] = append(atNode[m.node], m)
			}
		}
		for _, node := range order {
			if sh.overlap {
				sp.set(atNode[node])
			}
			for _, i := range sh.byNode[node] {
				m := sh.all[i]
				if m.held.on(s.asOf) && (!sh.overlap || sp.overlaps(m.start, m.end)) {
					add(m.person)
				}
			}
		}
	}
	return out
}

// pathLevels is what the search found: the levels from each end, the
// people where they met, and the chain of hops walked back from the
// meeting person, in pathQuery's terms.
type pathLevels struct {
	fromFound, toFound, tooBroad, found bool
	hops                                []pathHop
}

// pathHop is one hop of the chain, from the person nearer the meeting
// point (x) to the one nearer an end (y); fwd when on $from's side.
type pathHop struct {
	x, y string
	fwd  bool
}

// search is pathQuery's breadth-first search, level for level: the same
// levels, the same meeting person and the same chain, so that the links
// read for the chain are the ones pathQuery would answer with.
func (ix *pathIndex) search(q thelist.PathQuery, kinds []string, maxFrontier int) pathLevels {
	a, okA := ix.person[q.From]
	b, okB := ix.person[q.To]
	out := pathLevels{fromFound: okA, toFound: okB}
	if !okA || !okB {
		return out
	}
	if a == b {
		out.found = true
		return out
	}
	s := &searcher{ix: ix, kinds: kinds, mark: make([]uint32, len(ix.ids)),
		fseen: make([]int16, len(ix.ids)), bseen: make([]int16, len(ix.ids))}
	if !q.AsOf.IsZero() {
		d := dayOf(q.AsOf.Time)
		s.asOf = &d
	}
	fwd, bwd := [][]int32{{a}}, [][]int32{{b}}
	s.fseen[a], s.bseen[b] = 1, 1
	var meet []int32
	for range q.MaxHops {
		fromSide := len(fwd[len(fwd)-1]) <= len(bwd[len(bwd)-1])
		levels, seen, other := &bwd, s.bseen, s.fseen
		if fromSide {
			levels, seen, other = &fwd, s.fseen, s.bseen
		}
		frontier := (*levels)[len(*levels)-1]
		if len(frontier) > maxFrontier {
			out.tooBroad = true
			break
		}
		var found []int32
		for _, p := range s.reach(frontier) {
			if seen[p] == 0 {
				found = append(found, p)
			}
		}
		*levels = append(*levels, found)
		for _, p := range found {
			seen[p] = int16(len(*levels))
			if other[p] != 0 {
				meet = append(meet, p)
			}
		}
		if len(meet) > 0 || len(found) == 0 {
			break
		}
	}
	if len(meet) == 0 {
		return out
	}
	out.found = true
	m := slices.MinFunc(meet, func(x, y int32) int { return strings.Compare(ix.ids[x], ix.ids[y]) })
	kf, kb := len(fwd)-1, len(bwd)-1
	// Walk to each end: at each step the neighbour with the smallest id on
	// the level before, as pathQuery's walk does.
	walk := func(from int32, seen []int16, k int, fwd bool) bool {
		cur := from
		for level := k; level >= 1; level-- { // from level k to level k-1 (1-based: seen == level)
			best := int32(-1)
			for _, p := range s.reach([]int32{cur}) {
				if p != cur && seen[p] == int16(level) && (best < 0 || ix.ids[p] < ix.ids[best]) {
					best = p
				}
			}
			if best < 0 {
				return false
			}
			out.hops = append(out.hops, pathHop{x: ix.ids[cur], y: ix.ids[best], fwd: fwd})
			cur = best
		}
		return true
	}
	if !walk(m, s.fseen, kf, true) {
		out.hops = nil
		return out
	}
	slices.Reverse(out.hops) // the hops on $from's side come first, from $from
	if !walk(m, s.bseen, kb, false) {
		out.hops = nil
	}
	return out
}

// pathIndexes holds the current copy and reads a new one when asked.
type pathIndexes struct {
	mu       sync.Mutex
	current  *pathIndex
	building chan struct{} // closed when the read under way ends; nil when none
	lastTook time.Duration // how long the last read took
	failed   bool          // the last read failed: the Cypher search serves
	failures int           // reads failed in a row
	retryAt  time.Time     // after a failure, no read starts before then
}

// pathIndexRetry is how long after failures reads in a row a new read of
// the copy may start: a minute, doubling, at most half an hour. A read that
// fails has read the whole graph for minutes (on a graph too big for
// warmUpTxTimeout), and path searches would otherwise start the next one
// at once, keeping the database busy for nothing.
func pathIndexRetry(failures int) time.Duration {
	return min(time.Minute<<min(failures-1, 5), 30*time.Minute)
}

// inlineIndexBuild is the longest a read of the copy may have taken for a
// search to wait for the next one; past it, searches run in Cypher while
// the copy is read in the background.
const inlineIndexBuild = 300 * time.Millisecond

// version is the database's last committed transaction, as the bookmark
// of an empty read: two reads with the same bookmark saw the same data.
func (db *DB) version(ctx context.Context) (string, error) {
	ctx, release, err := db.health.bind(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	bm, err := db.returnOne(ctx)
	if err != nil {
		return "", translate(downErr(ctx, err))
	}
	if len(bm) == 0 {
		return "", fmt.Errorf("path index: the database gave no bookmark")
	}
	return strings.Join(bm, ","), nil
}

// currentPathIndex returns the copy when it is as of version, reading a new
// one first when reads are quick; else nil, and a new copy is read in the
// background.
func (db *DB) currentPathIndex(ctx context.Context, version string) *pathIndex {
	p := &db.pathIndexes
	p.mu.Lock()
	if cur := p.current; cur != nil && cur.version == version {
		p.mu.Unlock()
		return cur
	}
	wait := p.lastTook < inlineIndexBuild && !p.failed
	done := p.startBuild(db)
	p.mu.Unlock()
	if !wait || done == nil {
		return nil
	}
	select {
	case <-done:
	case <-ctx.Done():
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if cur := p.current; cur != nil && cur.version == version {
		return cur
	}
	return nil
}

// startBuild starts a read of the copy unless one is under way, and
// returns the channel closed when it ends; nil when the last read failed
// and the next may not start yet (pathIndexRetry). Called with mu held.
func (p *pathIndexes) startBuild(db *DB) chan struct{} {
	if p.building != nil {
		return p.building
	}
	if p.failed && time.Now().Before(p.retryAt) {
		return nil
	}
	done := make(chan struct{})
	p.building = done
	db.watching.Add(1) // Close waits for it
	go func() {
		defer db.watching.Done()
		defer close(done)
		ix, err := db.buildPathIndex(db.lifetime)
		p.mu.Lock()
		defer p.mu.Unlock()
		p.building = nil
		p.failed = err != nil
		if err != nil {
			p.failures++
			p.retryAt = time.Now().Add(pathIndexRetry(p.failures))
			if db.lifetime.Err() == nil {
				slog.Warn("path index: the path search runs in Cypher until a read succeeds", "err", err,
					"failures", p.failures, "next_read_after", pathIndexRetry(p.failures))
			}
			return
		}
		p.current, p.lastTook, p.failures = ix, ix.took, 0
	}()
	return done
}

func (db *DB) buildPathIndex(ctx context.Context) (*pathIndex, error) {
	version, err := db.version(ctx)
	if err != nil {
		return nil, err
	}
	return db.readPathIndex(withTxTimeout(ctx, warmUpTxTimeout), version)
}

// warmPathIndex reads the copy and waits for it (WarmUp). A copy still as
// of the database's last commit is kept: a restart of Neo4j does not change
// the graph, and reading it again on the return took 46.6 s of a 20k
// graph's busiest minute (BENCHMARKS.md, overload's fourth run).
func (db *DB) warmPathIndex(ctx context.Context) error {
	p := &db.pathIndexes
	version, err := db.version(ctx)
	if err != nil {
		return err
	}
	p.mu.Lock()
	if cur := p.current; cur != nil && cur.version == version {
		p.mu.Unlock()
		return nil
	}
	done, retry := p.startBuild(db), time.Until(p.retryAt)
	p.mu.Unlock()
	if done == nil {
		return fmt.Errorf("path index: the last read failed; the next may start in %s", retry.Round(time.Second))
	}
	select {
	case <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.failed {
		return fmt.Errorf("path index: the read failed")
	}
	slog.Info("path index read", "people", len(p.current.ids), "took", p.current.took.Round(time.Millisecond))
	return nil
}

// pathLinksQuery reads the chain the index found: for each hop, the link
// pathQuery's walk would pick between its two people (the smallest kind,
// via and relationship ids), turned round on $from's side as there; then
// pathAnswer. A hop with no such link leaves its entry out, and the caller
// falls back to pathQuery.
//
// Its text is the same whatever kinds were asked for, every kind's branch
// with those not asked for filtered out after, so that Neo4j plans it once
// (seconds on a busy server) rather than once for each set of kinds.
var pathLinksQuery = pathLinksQueryText()

func pathLinksQueryText() string {
	between := linkExpansionsOf("")
	var expands []string
	for _, k := range thelist.LinkKinds {
		expands = append(expands, between[k])
	}
	return `
OPTIONAL MATCH (a:Person {id: $from})
OPTIONAL MATCH (b:Person {id: $to})
WITH a, b, $tooBroad AS tooBroad, $found AS found, [h IN $hops | COLLECT {
	MATCH (x:Person {id: h.x})
	MATCH (y:Person {id: h.y})
	CALL (x, y) {` + strings.Join(expands, "\n\t\tUNION") + `
	}
	WITH x, y, kind, via, r1, r2, m1, m2, h WHERE kind IN $kinds
	WITH CASE WHEN h.fwd THEN {id: x.id, parent: y.id, kind: kind, via: via, r1: r2, r2: r1, m1: m2, m2: m1}
		ELSE {id: y.id, parent: x.id, kind: kind, via: via, r1: r1, r2: r2, m1: m1, m2: m2} END AS e
	RETURN e
	ORDER BY e.kind, coalesce(e.via.id, ''), coalesce(e.r1.id, e.r1.degreeId, ''), coalesce(e.r2.id, e.r2.degreeId, ''),
		coalesce(e.m1.id, ''), coalesce(e.m2.id, '')
	LIMIT 1
}[0]] AS chain
WITH a, b, tooBroad, found, [e IN chain WHERE e IS NOT NULL] AS chain` + pathAnswer
}

// indexedPath is Path through the index: ok is false when the index is
// not current (or its walk disagrees with Neo4j), and the caller runs
// pathQuery instead.
func (db *DB) indexedPath(ctx context.Context, q thelist.PathQuery, kinds []string, params map[string]any) (*thelist.Path, bool, error) {
	version, err := db.version(ctx)
	if err != nil {
		return nil, false, err
	}
	ix := db.currentPathIndex(ctx, version)
	if ix == nil {
		return nil, false, nil
	}
	levels := ix.search(q, kinds, db.maxPathFrontier)
	// The index is as of the database's last commit, so when it found no
	// chain (or no such person) that is the answer, without a round trip.
	if noPath, err := db.pathVerdict(q, levels.fromFound, levels.toFound, levels.tooBroad, levels.found); err != nil || noPath {
		return nil, true, err
	}
	if levels.found && q.From != q.To && len(levels.hops) == 0 {
		slog.Warn("path index: the walk found no chain; searching in Cypher", "from", q.From, "to", q.To)
		return nil, false, nil
	}
	hops := make([]map[string]any, len(levels.hops))
	for i, h := range levels.hops {
		hops[i] = map[string]any{"x": h.x, "y": h.y, "fwd": h.fwd}
	}
	p := make(map[string]any, len(params)+3)
	for k, v := range params {
		p[k] = v
	}
	p["hops"], p["found"], p["tooBroad"], p["kinds"] = hops, levels.found, levels.tooBroad, kinds
	r, err := readTx(ctx, db, func(tx neo4j.ManagedTransaction) (pathRead, error) {
		m, err := singleRow(ctx, tx, pathLinksQuery, p)
		if err != nil {
			return pathRead{}, err
		}
		if len(maps(m["chain"])) != len(hops) {
			return pathRead{}, nil
		}
		path, err := db.pathOf(q, m)
		return pathRead{path: path, ok: true}, err
	})
	if err != nil {
		return nil, false, err
	}
	if !r.ok {
		slog.Warn("path index: a hop of the chain has no link in Neo4j; searching in Cypher", "from", q.From, "to", q.To)
	}
	return r.path, r.ok, nil
}

type pathRead struct {
	path *thelist.Path
	ok   bool
}

// warmPathLinks plans pathLinksQuery for every kind of link (the web app's
// default) with chains of each length a search may find (WarmUp): a plan
// took 13 s on a busy server, and Neo4j may plan a list parameter again
// for another size, as it does strings. The hops name nobody.
func (db *DB) warmPathLinks(ctx context.Context, q thelist.PathQuery) error {
	kinds, params := db.pathArgs(q)
	for n := range thelist.MaxPathHops + 1 {
		hops := make([]map[string]any, n)
		for i := range hops {
			hops[i] = map[string]any{"x": q.From, "y": q.To, "fwd": i%2 == 0}
		}
		params["hops"], params["found"], params["tooBroad"], params["kinds"] = hops, n > 0, false, kinds
		_, err := readTx(ctx, db, func(tx neo4j.ManagedTransaction) (map[string]any, error) {
			return singleRow(ctx, tx, pathLinksQuery, params)
		})
		if err != nil {
			return fmt.Errorf("warm up the path's links, %d hops: %w", n, err)
		}
	}
	return nil
}
