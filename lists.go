package thelist

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Shortlists and saved searches are a recruiter's own working data, not
// facts about the talent graph: they cite no source, have no history and
// belong to one owner (the name of the API key that made them). Nobody
// else sees them, editors included.

// Caps on what one owner may keep, so that a client in a loop cannot fill
// the database; each is far above what a person curates by hand.
const (
	MaxListNameLength  = 100 // characters of a shortlist's or saved search's name
	MaxListNoteLength  = 500 // characters of the note on a shortlist member
	MaxShortlistSize   = 500 // people on one shortlist
	MaxShortlists      = 100 // shortlists of one owner
	MaxSavedSearches   = 100 // saved searches of one owner
	MaxSavedFilterSize = 4096
)

// Shortlist is a named list of people that one owner keeps.
type Shortlist struct {
	ID        string
	Owner     string
	Name      string
	CreatedAt time.Time
	UpdatedAt time.Time
	Size      int               // how many people are on it
	Members   []ShortlistMember // oldest addition first; read only when asked for
}

// ShortlistMember is one person on a shortlist, with their credentials as
// the recruiter's filter shows them (Matched holds the credentials met, in
// words) and what the owner wrote about them.
type ShortlistMember struct {
	Candidate
	AddedAt time.Time
	Note    string
}

// SavedSearch is a recruiter's filter kept under a name. Filter is the
// people query's where argument as JSON, as the client sent it, so that a
// client reopens the search by sending it back.
type SavedSearch struct {
	ID        string
	Owner     string
	Name      string
	Filter    string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ListName returns name trimmed, or an EINVALID error naming field when it
// is empty, too long or holds control characters (a name is one line).
func ListName(field, name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", Errorf(EINVALID, "%s: must not be empty", field)
	case utf8.RuneCountInString(name) > MaxListNameLength:
		return "", Errorf(EINVALID, "%s: at most %d characters", field, MaxListNameLength)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "", Errorf(EINVALID, "%s: must be one line of text", field)
	}
	return name, nil
}

// ListNote returns note trimmed, or an EINVALID error when it is too long.
// A note may span lines.
func ListNote(note string) (string, error) {
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > MaxListNoteLength {
		return "", Errorf(EINVALID, "note: at most %d characters", MaxListNoteLength)
	}
	return note, nil
}
