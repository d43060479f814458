package thelist

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

var folder = cases.Fold()

// NameKey normalises a person's name for matching: Unicode compatibility
// forms unified (NFKC, so full-width Ｌｉ is Li), case folded, diacritics
// dropped from Latin letters (Łukasz and Lukasz, Sébastien and Sebastien
// match), punctuation turned into spaces and spaces collapsed. Letters of
// other scripts, CJK above all, are kept as they are: dropping marks there
// would change the name.
func NameKey(name string) string {
	decomposed := norm.NFKD.String(name)
	var b strings.Builder
	var prev rune
	for _, r := range decomposed {
		switch {
		case unicode.Is(unicode.Mn, r) && unicode.Is(unicode.Latin, prev):
			continue // a diacritic on a Latin letter
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		default:
			b.WriteRune(' ')
		}
		if !unicode.Is(unicode.Mn, r) {
			prev = r
		}
	}
	folded := folder.String(norm.NFKC.String(b.String()))
	return strings.Join(strings.Fields(strings.NewReplacer("ł", "l", "ø", "o", "đ", "d", "ß", "ss").Replace(folded)), " ")
}
