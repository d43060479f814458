package graph

// The asOf rule, shared by every query that reads the graph as it stood on a
// day D: a dated relationship holds on D when it had started (start is null
// or start <= D) and had not ended (end is null or the end's period is not
// over by D). An end reported as "2023" means the end of 2023, so the
// comparison is against the first day after the period the end names.

// periodEnd is a Cypher expression for the first day after the period that
// the date property prop of the variable v names, read at its precision
// (v.prop + "Precision"): the next year for a year, the next month for a
// month, the next day for a day. It is null when the date is.
func periodEnd(v, prop string) string {
	return `(` + v + `.` + prop + ` + CASE ` + v + `.` + prop + `Precision WHEN 'year' THEN duration('P1Y') ` +
		`WHEN 'month' THEN duration('P1M') ELSE duration('P1D') END)`
}

// heldOn is a Cypher predicate that the relationship or node v, with start
// and end date properties, holds on the day in the parameter param (a
// Neo4j date; a null parameter makes the predicate true, so "no asOf" reads
// everything).
func heldOn(v, param string) string {
	return `(` + param + ` IS NULL OR ((` + v + `.start IS NULL OR ` + v + `.start <= ` + param + `) AND (` +
		v + `.end IS NULL OR ` + periodEnd(v, "end") + ` > ` + param + `)))`
}

// startedBy is a Cypher predicate that v had started by the day in param
// (true when param or v.start is null): what "has worked at" means as of a
// day, past stints included.
func startedBy(v, param string) string {
	return `(` + param + ` IS NULL OR ` + v + `.start IS NULL OR ` + v + `.start <= ` + param + `)`
}
