package importer

import (
	"fmt"
	"strings"
)

// MaxProblems caps how many problems one validation reports: past a hundred,
// a bundle is broken in a way the first hundred already show.
const MaxProblems = 100

// Problem is one thing wrong with a bundle, located precisely enough to fix.
type Problem struct {
	File    string // the file's name within the bundle, e.g. "people.csv"
	Line    int    // 1-based; 0 when the problem is with the file as a whole
	Field   string // the column, or "" when the problem is with the row or file
	Message string
}

// String writes the problem as file:line: field: message.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	if p.Field != "" {
		b.WriteString(": " + p.Field)
	}
	b.WriteString(": " + p.Message)
	return b.String()
}

// ValidationError is returned when a bundle has problems; nothing was
// written. Problems holds at most MaxProblems; Total counts them all.
type ValidationError struct {
	Problems []Problem
	Total    int
}

// Error lists every problem, one a line.
func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "invalid bundle: %d problem(s), nothing written", e.Total)
	for _, p := range e.Problems {
		b.WriteString("\n" + p.String())
	}
	if more := e.Total - len(e.Problems); more > 0 {
		fmt.Fprintf(&b, "\n… and %d more", more)
	}
	return b.String()
}

// problems collects the problems of one validation, keeping the first
// MaxProblems.
type problems struct {
	list  []Problem
	total int
}

func (ps *problems) add(file string, line int, field, format string, args ...any) {
	ps.total++
	if len(ps.list) < MaxProblems {
		ps.list = append(ps.list, Problem{File: file, Line: line, Field: field, Message: fmt.Sprintf(format, args...)})
	}
}

func (ps *problems) err() error {
	if ps.total == 0 {
		return nil
	}
	return &ValidationError{Problems: ps.list, Total: ps.total}
}
