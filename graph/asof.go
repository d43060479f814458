package graph

// Reading the graph as it stood on a day D: whether a job holds on D is the
// rule for "current" (current.go, thelist.CurrentRule); other dated facts
// hold when they had started by D and their end's period was not over (see
// relHeldOn). An end reported as "2023" means the end of 2023, so the
// comparison is against the first day after the period the end names.

// periodEnd is a Cypher expression for the first day after the period that
// the date property prop of the variable v names, read at its precision
// (v.prop + "Precision"): the next year for a year, the next month for a
// month, the next day for a day. It is null when the date is.
func periodEnd(v, prop string) string {
	return `(` + v + `.` + prop + ` + CASE ` + v + `.` + prop + `Precision WHEN 'year' THEN duration('P1Y') ` +
		`WHEN 'month' THEN duration('P1M') ELSE duration('P1D') END)`
}

// startedBy is a Cypher predicate that v had started by the day in param
// (true when param or v.start is null): what "has worked at" means as of a
// day, past stints included.
func startedBy(v, param string) string {
	return `(` + param + ` IS NULL OR ` + v + `.start IS NULL OR ` + v + `.start <= ` + param + `)`
}
