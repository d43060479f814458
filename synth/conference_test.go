package synth_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/importer"
	"github.com/thelist/thelist/internal/importertest"
	"github.com/thelist/thelist/synth"
)

// TestGenerate_DefaultShapeUnchanged pins the default shape's bytes: the
// benchmarks compare runs across versions on the same bundles, so a shape
// added beside it must not move a byte of it. The sum is of 500 people,
// seed 1, before the conference shape existed.
func TestGenerate_DefaultShapeUnchanged(t *testing.T) {
	dir, _ := generate(t, 500, 1)
	sums := checksums(t, dir)
	h := sha256.New()
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for name := range sums {
			if !yield(name) {
				return
			}
		}
	}) {
		sum := sums[name]
		fmt.Fprintf(h, "%s %x\n", name, sum)
	}
	if got := fmt.Sprintf("%x", h.Sum(nil)); got != defaultShapeSum {
		t.Errorf("the default shape's bundle changed: sum %s, want %s", got, defaultShapeSum)
	}
}

const defaultShapeSum = "66f72bfd720f896cf0cdacf7c36f9c8a4bc3c18e702d888452b40ca2e392666c"

// A career's next job under another spelling of the lab it left is not a
// move: every move goes to another lab. At 135k people (seed 11) 61 moves
// of 99,705 stayed at their lab under one spelling, and the importer
// refused the bundle.
func TestGenerate_ConferenceMovesLeaveTheirLab(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.Generate(synth.Config{People: 135000, Seed: 11, Shape: synth.ShapeConference}, dir); err != nil {
		t.Fatal(err)
	}
	n, same := 0, 0
	readCSV(t, dir, thelist.KindMoves, func(r map[string]string) {
		n++
		if r["from_lab_id"] == r["to_lab_id"] {
			same++
		}
	})
	if n == 0 || same > 0 {
		t.Errorf("%d of %d moves go from a lab to itself", same, n)
	}
}

func TestGenerate_ConferenceShape(t *testing.T) {
	const people = 5000
	dir := t.TempDir()
	stats, err := synth.Generate(synth.Config{People: people, Seed: 3, Shape: synth.ShapeConference}, dir)
	if err != nil {
		t.Fatal(err)
	}
	def, _ := generate(t, people, 3)

	t.Run("a valid bundle", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		rep, err := importer.Import(ctx, importertest.EmptyStore{TB: t}, dir, importer.Options{DryRun: true})
		if err != nil {
			t.Fatalf("import of the conference bundle: %v", err)
		}
		if rep.Rows[thelist.KindPeople] != people || rep.Rows[thelist.KindAuthorships] != stats.Rows[thelist.KindAuthorships] {
			t.Errorf("rows read %v, written %v", rep.Rows, stats.Rows)
		}
	})
	// led counts the papers each person leads (position 1).
	led := func(dir string) []int {
		m := map[string]int{}
		readCSV(t, dir, thelist.KindAuthorships, func(r map[string]string) {
			if r["position"] == "1" {
				m[r["person_id"]]++
			}
		})
		return sortedCounts(m)
	}
	t.Run("prolific authors lead more papers", func(t *testing.T) {
		conf, base := led(dir), led(def)
		if conf[0] <= base[0] || conf[9] <= base[9] {
			t.Errorf("most papers led: conference %v, default %v; want more", conf[:10], base[:10])
		}
	})
	t.Run("a third of authors have no institution", func(t *testing.T) {
		placed := map[string]bool{}
		for _, kind := range []string{thelist.KindStints, thelist.KindDegrees} {
			readCSV(t, dir, kind, func(r map[string]string) { placed[r["person_id"]] = true })
		}
		share := 1 - float64(len(placed))/people
		authors := map[string]bool{}
		readCSV(t, dir, thelist.KindAuthorships, func(r map[string]string) {
			if !placed[r["person_id"]] {
				authors[r["person_id"]] = true
			}
		})
		if share < 0.25 || share > 0.45 || len(authors) < people/10 {
			t.Errorf("%.0f%% without a job or degree, %d of them authors; want about 35%%, many authors", 100*share, len(authors))
		}
	})
	t.Run("institutions under several spellings", func(t *testing.T) {
		var variants []string
		readCSV(t, dir, thelist.KindLabs, func(r map[string]string) {
			n := r["name"]
			if strings.HasPrefix(n, "Univ. of ") || strings.HasPrefix(n, "Dept. of ") || n == strings.ToUpper(n) || strings.ContainsAny(n, "öüé(") {
				variants = append(variants, n)
			}
		})
		if len(variants) < 10 {
			t.Errorf("%d spelling variants of labs, want at least 10: %v", len(variants), variants)
		}
	})
	t.Run("CJK and messy names", func(t *testing.T) {
		cjk, hanOnly, messy := 0, 0, 0
		readCSV(t, dir, thelist.KindPeople, func(r map[string]string) {
			name := r["name"]
			switch {
			case r["native_name"] != "":
				cjk++
			case strings.ContainsFunc(name, func(c rune) bool { return unicode.Is(unicode.Han, c) }):
				hanOnly++
			case strings.ContainsAny(name, ".'-øáü") || strings.Contains(name, " van der "):
				messy++
			}
		})
		if cjk < people/8 || hanOnly < people/100 || messy < people/20 {
			t.Errorf("CJK %d, Han only %d, messy %d of %d; want about 20%%, 4%%, 15%%", cjk, hanOnly, messy, people)
		}
	})
	t.Run("an unknown shape is refused", func(t *testing.T) {
		_, err := synth.Generate(synth.Config{People: 10, Seed: 1, Shape: "wiki"}, t.TempDir())
		if thelist.ErrorCode(err) != thelist.EINVALID {
			t.Errorf("err = %v, want EINVALID", err)
		}
	})
}
