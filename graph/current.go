package graph

import "github.com/thelist/thelist"

// The rule for "current" is thelist.CurrentRule; these are its Cypher forms,
// which every read that asks where a person is on a day uses. The rule's
// values reach Cypher as the parameter $currentRecencyMonths (see
// currentParams), and current_test.go feeds the same cases to the Go rule
// and to this Cypher and demands the same answers.

// stintHolds is a Cypher predicate that the WORKED_AT relationship (or map)
// v holds on the day in param, as thelist.CurrentRule.HoldsOn decides: it
// is known to have begun by then (start, or last_seen without a start), and
// either its end's period is not over, or, with no end, its latest
// confirmation (the later of start and last_seen) is recent enough. The
// coalesce keeps a null comparison from reading as "unknown".
func stintHolds(v, param string) string {
	from := `coalesce(` + v + `.start, ` + v + `.lastSeen)`
	confirmedEnd := `CASE WHEN ` + v + `.lastSeen IS NULL THEN ` + periodEnd(v, "start") +
		` WHEN ` + v + `.start IS NULL OR ` + v + `.start <= ` + v + `.lastSeen THEN ` + periodEnd(v, "lastSeen") +
		` ELSE ` + periodEnd(v, "start") + ` END`
	return `coalesce(` + from + ` <= ` + param + ` AND CASE WHEN ` + v + `.end IS NOT NULL THEN ` +
		periodEnd(v, "end") + ` > ` + param + ` ELSE ` + confirmedEnd +
		` + duration({months: $currentRecencyMonths}) > ` + param + ` END, false)`
}

// stintMainOrder orders the jobs that hold on a day main job first, as
// thelist.CurrentRule.CurrentStints does: full-time before concurrent, the
// latest known start first, then by id.
func stintMainOrder(v string) string {
	return `coalesce(` + v + `.concurrent, false), coalesce(` + v + `.start, ` + v + `.lastSeen) DESC, ` + v + `.id`
}

// currentParams adds the rule's parameters to params and returns it.
func currentParams(params map[string]any, rule thelist.CurrentRule) map[string]any {
	params["currentRecencyMonths"] = rule.RecencyMonths
	return params
}
