// Package synth writes synthetic data bundles (docs/data-format.md) of any
// size, for benchmarks and tests: invented people, labs and papers with the
// shape of the real graph (a few very large labs, careers of several jobs,
// heavy-tailed paper counts, a few recruiters who recruit many), the same
// bytes for the same seed.
//
// Generation streams: every file is open at once and each person's degree,
// jobs, moves, offers, recruitments and papers are written as that person
// is generated, so memory stays bounded by the number of labs (a few small
// rosters each), not by the number of people.
package synth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/thelist/thelist"
)

// Config says what to generate.
type Config struct {
	People int    // how many people; at least 1
	Seed   uint64 // the same seed writes the same bundle, byte for byte
	Shape  string // ShapeDefault ("" too) or ShapeConference
}

// Stats says what Generate wrote.
type Stats struct {
	Rows map[string]int // records written, by kind (thelist.KindPeople, ...)
}

// SourceID is the id of the one source every generated record cites.
const SourceID = "synthetic"

// pcgStream is the second PCG word: fixed, so the seed alone picks the bundle.
const pcgStream = 0x7468656c69737431 // "thelist1"

// Generate writes a bundle of cfg.People invented people to dir, creating
// it if needed. Files of the same name in dir are overwritten.
func Generate(cfg Config, dir string) (Stats, error) {
	return GenerateContext(context.Background(), cfg, dir)
}

// GenerateContext is Generate that stops, with ctx's error, when ctx is
// done; the files written so far are left in dir and are not a valid bundle.
func GenerateContext(ctx context.Context, cfg Config, dir string) (Stats, error) {
	if cfg.People < 1 {
		return Stats{}, thelist.Errorf(thelist.EINVALID, "synthetic bundle: want at least 1 person, got %d", cfg.People)
	}
	if cfg.Shape == "" {
		cfg.Shape = ShapeDefault
	}
	if !slices.Contains(Shapes, cfg.Shape) {
		return Stats{}, thelist.Errorf(thelist.EINVALID, "synthetic bundle: shape %s: want one of %s",
			thelist.Quote(cfg.Shape), strings.Join(Shapes, ", "))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, fmt.Errorf("synthetic bundle: %w", err)
	}
	if err := writeManifest(cfg, dir); err != nil {
		return Stats{}, err
	}
	g := &gen{
		cfg: cfg,
		rng: rand.New(rand.NewPCG(cfg.Seed, pcgStream)),
		out: newTables(dir),
	}
	g.openAll()
	g.writeSource()
	g.makeLabs()
	g.makeGroups()
	var err error
	for i := range cfg.People {
		if i%1024 == 0 {
			if err = ctx.Err(); err != nil {
				break
			}
			if g.out.err != nil {
				break
			}
		}
		g.person(i)
	}
	if err == nil {
		g.makeDeals() // last, so the rest of the bundle is what it was before deals existed
	}
	err = errors.Join(err, g.out.close())
	if err != nil {
		return Stats{}, fmt.Errorf("synthetic bundle %s: %w", dir, err)
	}
	return Stats{Rows: g.out.rows()}, nil
}

// shapeSuffix names a shape other than the default in the manifest's
// version (the default's version is what it was before shapes).
func shapeSuffix(shape string) string {
	if shape == ShapeDefault {
		return ""
	}
	return "-" + shape
}

func writeManifest(cfg Config, dir string) error {
	m := map[string]string{
		"name":    "thelist-synthetic",
		"version": fmt.Sprintf("synthetic-%d-people-seed-%d", cfg.People, cfg.Seed) + shapeSuffix(cfg.Shape),
		"license": "CC0 1.0",
		"description": "Synthetic bundle written by thelist gen for benchmarks and tests: " +
			"every person, lab, paper and event in it is invented; no row states a fact.",
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("synthetic bundle: manifest: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("synthetic bundle: %w", err)
	}
	return nil
}

// Columns written, by kind; a subset of those docs/data-format.md allows.
func (g *gen) openAll() {
	t := g.out
	t.open(thelist.KindSources, "id", "publisher", "title", "language", "note")
	t.open(thelist.KindLabs, "id", "name", "kind", "country", "parent_id", "top_lab", "aliases", "founded", "sources")
	t.open(thelist.KindPeople, "id", "name", "native_name", "aliases", "dblp", "sources")
	t.open(thelist.KindPapers, "id", "title", "year", "venue", "doi", "citations", "citations_date", "breakthrough", "topics", "sources")
	t.open(thelist.KindAuthorships, "person_id", "paper_id", "position", "sources")
	t.open(thelist.KindDegrees, "id", "person_id", "lab_id", "degree", "field", "start", "end", "completed", "advisor_id", "sources")
	t.open(thelist.KindStints, "id", "person_id", "lab_id", "role", "founder", "start", "end", "confidence", "note", "sources")
	t.open(thelist.KindOffers, "id", "lab_id", "person_id", "extended_by_id", "total_value", "first_year_value", "currency", "years", "date", "status", "sources")
	t.open(thelist.KindMoves, "id", "person_id", "from_lab_id", "to_lab_id", "date", "recruiter_id", "offer_id", "sources")
	t.open(thelist.KindRecruitments, "id", "recruiter_id", "recruit_id", "to_lab_id", "date", "confidence", "note", "sources")
	t.open(thelist.KindInvestments, "id", "investor_person_id", "investor_lab_id", "lab_id", "date", "round", "amount", "currency", "sources")
	t.open(thelist.KindDeals, "id", "kind", "buyer_lab_id", "target_lab_id", "date", "amount", "currency", "sources")
	t.open(thelist.KindGroups, "id", "name", "platform", "sources")
	t.open(thelist.KindMemberships, "person_id", "group_id", "start", "end", "sources")
}

func (g *gen) writeSource() {
	g.out.write(thelist.KindSources, SourceID, "thelist gen",
		fmt.Sprintf("Synthetic bundle of %d people (seed %d)", g.cfg.People, g.cfg.Seed), "en",
		"Generated by thelist gen for benchmarks and tests. Every name, lab, paper and event "+
			"citing this source is invented: no row states a fact about anyone.")
}

// gen is the state of one generation: the random stream, the open files,
// the labs with their rosters, and the counters that number records.
type gen struct {
	cfg Config
	rng *rand.Rand
	out *tables

	labs   []lab
	labCum []float64 // cumulative stint weight by lab index
	eduIdx []int32   // the universities and institutes
	eduCum []float64 // cumulative weight over eduIdx
	invIdx []int32   // the investors
	// variants are, by lab, the labs that spell it otherwise (conference
	// shape only).
	variants [][]int32
	groups   int
	nPapers  int
	nMoves   int
	nOffers  int
	nRecs    int

	// Reused per person, so a person costs no allocation beyond its strings.
	stints []stint
	seen   []int32
}

// now is the last month a generated date may fall in: June 2026.
const now = month(2026*12 + 5)

// month counts months since year 0: ym(2012, 3) is March 2012.
type month int

func ym(y, m int) month      { return month(y*12 + m - 1) }
func (m month) year() int    { return int(m) / 12 }
func (m month) monthOf() int { return int(m)%12 + 1 }

// date writes m as most reports would: to the month, sometimes only to the
// year. A later month never writes as an earlier date, so order holds.
func (g *gen) date(m month) string {
	y := strconv.Itoa(m.year())
	if g.rng.Float64() < 0.12 {
		return y
	}
	mo := m.monthOf()
	if mo < 10 {
		return y + "-0" + strconv.Itoa(mo)
	}
	return y + "-" + strconv.Itoa(mo)
}

// pick returns an index drawn from a cumulative weight table.
func (g *gen) pick(cum []float64) int {
	x := g.rng.Float64() * cum[len(cum)-1]
	lo, hi := 0, len(cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if cum[mid] > x {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// pickWeighted returns an index drawn with the given small weights.
func (g *gen) pickWeighted(w []float64) int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	x := g.rng.Float64() * total
	for i, v := range w {
		if x < v {
			return i
		}
		x -= v
	}
	return len(w) - 1
}

// pareto draws a whole number of 1 or more with P(n ≥ x) = x^-alpha, capped:
// most draws are small and a few are very large.
func (g *gen) pareto(alpha float64, limit int) int {
	n := int(math.Pow(1-g.rng.Float64(), -1/alpha))
	return min(max(n, 1), limit)
}

func itoa(n int) string { return strconv.Itoa(n) }
