package synth

import (
	"math"
	"slices"
	"strings"

	"github.com/thelist/thelist"
)

// Shapes of bundle. ShapeDefault is the talent graph's own shape;
// ShapeConference is that of a conference corpus converted as a new user
// would (issue 14 measured one: 134,754 authors, 95,177 papers, 11,385
// institutions): many papers per prolific author, authors with no
// institution at all, one institution under several spellings, each a lab
// of its own, and more CJK and messy names.
const (
	ShapeDefault    = "default"
	ShapeConference = "conference"
)

// Shapes are the shapes Generate knows.
var Shapes = []string{ShapeDefault, ShapeConference}

// conference is the conference shape's knobs.
const (
	confNoInstitution = 0.35 // share of authors with no job or degree
	confNoPapers      = 0.30 // share of authors who lead no paper (default 0.45)
	confPaperAlpha    = 1.1  // Pareto tail of papers led (default 1.4): more prolific authors
	confPaperLimit    = 900  // most papers one author leads (default 400)
	confVariantShare  = 0.4  // share of universities and institutes with spelling variants
	confVariantUse    = 0.45 // chance a job at such a lab is written under a variant
	confCJKShare      = 0.25 // share of names in Chinese (default 0.05)
	confMessyShare    = 0.20 // share of Latin names written messily
)

// conference says whether the bundle has the conference shape.
func (g *gen) conference() bool { return g.cfg.Shape == ShapeConference }

// makeVariants adds, after the labs, spelling variants of a share of the
// universities and institutes: labs of their own (as an author list spells
// them), with the same kind and country and no alias linking them, so that
// the importer's likely-duplicate warnings and lab merges have work to do.
func (g *gen) makeVariants(names, countries []string) {
	n := len(g.labs)
	g.variants = make([][]int32, n)
	for j := range n {
		l := g.labs[j]
		if (l.kind != thelist.LabUniversity && l.kind != thelist.LabInstitute) || g.rng.Float64() >= confVariantShare {
			continue
		}
		for _, name := range spellings(g, names[j], 1+g.rng.IntN(3)) {
			v := int32(len(g.labs))
			g.labs = append(g.labs, lab{kind: l.kind, founded: l.founded})
			g.variants[j] = append(g.variants[j], v)
			g.out.write(thelist.KindLabs, labID(int(v)), name, l.kind, countries[j], "", "", "", itoa(l.founded), SourceID)
		}
	}
}

// spellings returns up to n other spellings of an institution's name, as
// author affiliations write it: abbreviated, upper-cased, with a
// department, the words turned around, diacritics added.
func spellings(g *gen, name string, n int) []string {
	forms := []func(string) string{
		func(s string) string {
			return strings.NewReplacer("University of ", "Univ. of ", "Institute of Technology", "Inst. of Tech.",
				"Institute for Artificial Intelligence", "Inst. for AI").Replace(s)
		},
		strings.ToUpper,
		func(s string) string { return "Dept. of Computer Science, " + s },
		func(s string) string {
			if rest, ok := strings.CutPrefix(s, "University of "); ok {
				return rest + " University"
			}
			return s + ", " + []string{"USA", "China", "UK", "Germany", "Switzerland"}[g.rng.IntN(5)]
		},
		func(s string) string { return strings.NewReplacer("o", "ö", "u", "ü", "e", "é").Replace(s) },
		func(s string) string { return s + " (" + initials(s) + ")" },
	}
	var out []string
	for _, k := range g.rng.Perm(len(forms)) {
		if len(out) == n {
			break
		}
		if s := forms[k](name); s != name && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// spelled returns lab j, or one of its spelling variants.
func (g *gen) spelled(j int32) int32 {
	if int(j) < len(g.variants) && len(g.variants[j]) > 0 && g.rng.Float64() < confVariantUse {
		return g.variants[j][g.rng.IntN(len(g.variants[j]))]
	}
	return j
}

// conferenceName invents a name as conference author lists give them: a
// quarter Chinese (in pinyin, with the Han characters as the native name,
// or in Han characters only), and a share of the others messy.
func conferenceName(g *gen) (name, native string) {
	if g.rng.Float64() < confCJKShare {
		fam := cjkFamily[g.rng.IntN(len(cjkFamily))]
		var given, pinyin strings.Builder
		for range 1 + g.rng.IntN(2) {
			h := cjkGiven[g.rng.IntN(len(cjkGiven))]
			given.WriteString(h.char)
			pinyin.WriteString(h.pinyin)
		}
		p := pinyin.String()
		switch r := g.rng.Float64(); {
		case r < 0.15:
			return fam.char + given.String(), "" // the Han name alone
		case r < 0.35:
			return strings.ToUpper(fam.pinyin) + " " + strings.ToUpper(p[:1]) + p[1:], fam.char + given.String()
		default:
			return strings.ToUpper(p[:1]) + p[1:] + " " + fam.pinyin, fam.char + given.String()
		}
	}
	first, last := word(g.rng, 2), word(g.rng, 2+g.rng.IntN(2))
	if g.rng.Float64() >= confMessyShare {
		return first + " " + last, ""
	}
	switch g.rng.IntN(6) {
	case 0:
		return first[:1] + ". " + word(g.rng, 1)[:1] + ". " + last, "" // initials
	case 1:
		return first + " " + strings.ToUpper(last), ""
	case 2:
		return first + "-" + word(g.rng, 2) + " " + last, ""
	case 3:
		return first + " O'" + last, ""
	case 4:
		return strings.NewReplacer("a", "á", "o", "ø", "u", "ü").Replace(first) + " " + last, ""
	default:
		return first + " van der " + last, ""
	}
}

// orphanPapers writes the papers that person i, who has no institution,
// leads: their co-authors come from a lab drawn by size, as when a
// student's affiliation was not given.
func (g *gen) orphanPapers(i int) {
	if g.rng.Float64() < confNoPapers {
		return
	}
	n := g.pareto(confPaperAlpha, confPaperLimit)
	for range n {
		j := int32(g.pick(g.labCum))
		authors := append(g.seen[:0], int32(i))
		for range g.pickWeighted([]float64{15, 25, 25, 18, 10, 7}) {
			if c := g.colleague(j); c >= 0 && !slices.Contains(authors, c) {
				authors = append(authors, c)
			}
		}
		g.seen = authors
		g.writePaper(2005+int(21*math.Sqrt(g.rng.Float64())), authors)
	}
}
