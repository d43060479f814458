package thelist

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text limits: the longest value a text field may hold, in bytes of UTF-8.
// The importer and the API's mutations check the same limits (CheckText), so
// nothing that passes validation can fail at write time for its size. Each
// sits well below Neo4j's limit on an indexed property value (about 8 KB for
// a range index), the cause of the "Property value is too large to index"
// failures that once wrote part of a bundle.
const (
	MaxIDLength    = 128  // record ids, references to them, external ids
	MaxNameLength  = 400  // names, aliases, roles, publishers, venues, fields of study
	MaxTitleLength = 1000 // paper and source titles
	MaxURLLength   = 2048 // source URLs
	MaxNoteLength  = 4000 // notes; the only multi-line text
	MaxListItems   = 200  // items in one list field (aliases, topics, sources)
	MaxEchoLength  = 80   // how much of a bad value an error message quotes
	maxTextDefault = 400  // any other text field
)

// textLimits gives the limit of every text field by its column name in a
// bundle (docs/data-format.md lists them). A field not named here is held to
// maxTextDefault; fields ending in "_id" or "_ids" are ids.
var textLimits = map[string]int{
	"id": MaxIDLength, "orcid": MaxIDLength, "openalex": MaxIDLength, "dblp": MaxIDLength,
	"google_scholar": MaxIDLength, "doi": MaxIDLength, "arxiv": MaxIDLength, "ror": MaxIDLength,
	"wikidata": MaxIDLength, "sources": MaxIDLength,
	"name": MaxNameLength, "native_name": MaxNameLength, "aliases": MaxNameLength,
	"role": MaxNameLength, "publisher": MaxNameLength, "venue": MaxNameLength,
	"field": MaxNameLength, "degree": MaxNameLength, "round": MaxNameLength, "topics": MaxNameLength,
	"title": MaxTitleLength,
	"url":   MaxURLLength,
	"note":  MaxNoteLength,
}

// TextLimit returns the longest value, in bytes, that the text field named
// field may hold.
func TextLimit(field string) int {
	if n, ok := textLimits[field]; ok {
		return n
	}
	if strings.HasSuffix(field, "_id") || strings.HasSuffix(field, "_ids") {
		return MaxIDLength
	}
	return maxTextDefault
}

// MultilineField reports whether a field may hold line breaks and tabs. Only
// notes may; in any other field they are refused like other control
// characters.
func MultilineField(field string) bool { return field == "note" }

// CheckText returns an EINVALID *Error when value cannot be stored in the
// field named field: it is not valid UTF-8, holds a NUL or another control
// character (line breaks and tabs are allowed in multi-line fields), or is
// longer than TextLimit(field). The message names the field and quotes the
// value cut short. The API's mutations and the importer both call it.
func CheckText(field, value string) error {
	if !utf8.ValidString(value) {
		return Errorf(EINVALID, "%s: not valid UTF-8 text", field)
	}
	multiline := MultilineField(field)
	for i, r := range value {
		if !unicode.IsControl(r) && r != '\uFEFF' && r != '\u2028' && r != '\u2029' {
			continue
		}
		if multiline && (r == '\n' || r == '\t' || r == '\r') {
			continue
		}
		return Errorf(EINVALID, "%s: control character %U at byte %d in %s", field, r, i, Quote(value))
	}
	if max := TextLimit(field); len(value) > max {
		return Errorf(EINVALID, "%s: %d bytes, more than the %d allowed: %s", field, len(value), max, Quote(value))
	}
	return nil
}

// Quote returns value quoted for an error message, cut to MaxEchoLength
// runes with an ellipsis and its full length, so that an error never echoes
// a huge input back.
func Quote(value string) string {
	if utf8.RuneCountInString(value) <= MaxEchoLength {
		return fmt.Sprintf("%q", value)
	}
	cut, n := value, 0
	for i := range value {
		if n == MaxEchoLength {
			cut = value[:i]
			break
		}
		n++
	}
	return fmt.Sprintf("%q… (%d bytes)", cut, len(value))
}
