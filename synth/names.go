package synth

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// syllables build the invented words of names. Names made of them read as
// names but belong to no one; the bundle's one source says so.
var syllables = []string{
	"ka", "vo", "re", "lin", "mo", "ta", "si", "ne", "do", "ra", "vi", "lu", "pe", "zo",
	"ha", "ri", "ke", "na", "so", "ti", "fa", "ga", "mi", "be", "xo", "ul", "en", "ar",
	"ol", "is", "dra", "shen", "tor", "mer", "quo", "yel", "bri", "cal", "dun", "fen",
}

// word is an invented capitalised word of n syllables.
func word(rng *rand.Rand, n int) string {
	var b strings.Builder
	for i := range n {
		s := syllables[rng.IntN(len(syllables))]
		if i == 0 {
			b.WriteString(strings.ToUpper(s[:1]))
			b.WriteString(s[1:])
		} else {
			b.WriteString(s)
		}
	}
	return b.String()
}

// hanzi pairs characters with their pinyin, to build Chinese names written
// both in their own script and in Latin letters.
type hanzi struct{ char, pinyin string }

var (
	cjkFamily = []hanzi{
		{"王", "Wang"}, {"李", "Li"}, {"张", "Zhang"}, {"刘", "Liu"}, {"陈", "Chen"},
		{"杨", "Yang"}, {"黄", "Huang"}, {"赵", "Zhao"}, {"吴", "Wu"}, {"周", "Zhou"},
		{"徐", "Xu"}, {"孙", "Sun"}, {"马", "Ma"}, {"朱", "Zhu"}, {"胡", "Hu"},
	}
	cjkGiven = []hanzi{
		{"伟", "wei"}, {"芳", "fang"}, {"敏", "min"}, {"静", "jing"}, {"强", "qiang"},
		{"磊", "lei"}, {"军", "jun"}, {"洋", "yang"}, {"杰", "jie"}, {"涛", "tao"},
		{"明", "ming"}, {"超", "chao"}, {"平", "ping"}, {"刚", "gang"}, {"华", "hua"},
		{"宇", "yu"}, {"浩", "hao"}, {"晨", "chen"}, {"欣", "xin"}, {"然", "ran"},
	}
)

// personName invents a person's name; for a share of people it is a Chinese
// name, returned also in Han characters as native.
func personName(rng *rand.Rand) (name, native string) {
	if rng.Float64() < 0.05 {
		fam := cjkFamily[rng.IntN(len(cjkFamily))]
		var given, givenPinyin strings.Builder
		for range 1 + rng.IntN(2) {
			h := cjkGiven[rng.IntN(len(cjkGiven))]
			given.WriteString(h.char)
			givenPinyin.WriteString(h.pinyin)
		}
		gp := givenPinyin.String()
		return strings.ToUpper(gp[:1]) + gp[1:] + " " + fam.pinyin, fam.char + given.String()
	}
	return word(rng, 2) + " " + word(rng, 2+rng.IntN(2)), ""
}

// labName invents the name of a lab of the given kind.
func labName(rng *rand.Rand, kind string) string {
	w := word(rng, 2+rng.IntN(2))
	switch kind {
	case "university":
		if rng.IntN(2) == 0 {
			return "University of " + w
		}
		return w + " Institute of Technology"
	case "institute":
		return w + " Institute for Artificial Intelligence"
	case "startup":
		return w + [...]string{" AI", " Labs", "", " Intelligence"}[rng.IntN(4)]
	case "investor":
		return w + [...]string{" Ventures", " Capital", " Partners"}[rng.IntN(3)]
	case "media":
		return "The " + w + [...]string{" Ledger", " Wire", " Dispatch"}[rng.IntN(3)]
	default:
		return w + [...]string{" Technologies", " Systems", " Research", " Inc."}[rng.IntN(4)]
	}
}

// pad writes n in decimal with at least width digits.
func pad(prefix string, n, width int) string {
	s := strconv.Itoa(n)
	if len(s) >= width {
		return prefix + s
	}
	return prefix + strings.Repeat("0", width-len(s)) + s
}

// Ids of generated records. All start with "syn-", so a synthetic bundle
// imported next to real data cannot overwrite a real record.
func personID(i int) string { return pad("syn-person-", i+1, 7) }
func labID(i int) string    { return pad("syn-lab-", i+1, 5) }
