package thelist

// Kinds of Finding that a consistency check (thelist check) reports.
const (
	FindingMoveWithoutJob   = "move-without-job"   // a dated move to a lab where no job of the person starts then
	FindingOpenAfterMove    = "open-after-move"    // a job left open after a dated move away from its lab
	FindingTwoPlacesAtOnce  = "two-places-at-once" // two full-time jobs held at once at unrelated labs
	FindingUndatedOpenFact  = "undated-open-fact"  // a job with no start, end or last_seen: no view can place it
	FindingUnsourced        = "unsourced"          // a record that cites no source
	FindingBeforeFounding   = "before-founding"    // a job, investment or deal at a lab before the lab was founded
	FindingMissingSourceURL = "source-without-url" // a source that gives no URL where readers can check it
	FindingDerivedDisagree  = "derived-disagrees"  // a person's stored credentials, citations or current lab differ from a recomputation
	FindingDerivedStale     = "derived-stale"      // the stored derived facts are not complete under the rules in force
)

// Finding is one problem a consistency check found in the database, with
// the ids of the records involved.
type Finding struct {
	Kind      string   // one of the Finding constants
	RecordIDs []string // the records involved, the one to fix first
	Message   string
}
