package thelist

import "time"

// Change is one edit an editor made through the API: who made it, when, to
// which record, why, and the record's properties before and after, so that
// a fact's history can be shown. Imports are not Changes; an ImportRun logs
// each of them.
type Change struct {
	ID         string
	At         time.Time
	Who        string // the API key's name, never the key
	Role       string
	Mutation   string // the GraphQL field, e.g. "upsertPerson"
	RecordKind string // a bundle kind, e.g. KindPeople
	RecordID   string
	Reason     string
	Before     string // JSON of the record's properties before; "" when it was created
	After      string // JSON of the record's properties after; "" when it was retracted
}

// PairID is the record id of a record keyed by its two ends, an authorship
// or a membership: "personId/paperId". Ids never hold "/" (the importer's
// id rule), so the two parts are unambiguous.
func PairID(from, to string) string { return from + "/" + to }
