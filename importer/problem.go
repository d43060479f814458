package importer

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/thelist/thelist"
)

// MaxExamples is how many problems of each kind a validation error lists.
// Every kind is listed, however many problems the first one has, so one run
// shows everything wrong with a bundle: a cap on problems alone once filled
// with 157,499 bad citation counts and hid every other mistake.
const MaxExamples = 5

// maxKinds bounds the kinds a validation keeps examples of; problems of
// further kinds are still counted (and written to Options.Errors).
const maxKinds = 500

// ProblemKind is the problems of one kind: the same message, but for the
// values it quotes and the numbers it gives, in one file and field.
type ProblemKind struct {
	File, Field string
	Count       int
	Examples    []thelist.Problem // the first MaxExamples, in file order
}

// ValidationError is returned when a bundle has problems; nothing was
// written. Kinds groups them, in the order each kind was first found;
// Problems lists the examples of every kind in that order; Total counts all
// problems.
type ValidationError struct {
	Problems []thelist.Problem
	Kinds    []ProblemKind
	Total    int
}

// Error lists the examples of every kind, one a line, each kind followed by
// how many more it has.
func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "invalid bundle: %d problem(s)", e.Total)
	if len(e.Kinds) > 1 {
		fmt.Fprintf(&b, " of %d kinds", len(e.Kinds))
	}
	b.WriteString(", nothing written")
	listed := 0
	for _, k := range e.Kinds {
		for _, p := range k.Examples {
			b.WriteString("\n" + p.String())
		}
		listed += k.Count
		if more := k.Count - len(k.Examples); more > 0 {
			where := k.File
			if k.Field != "" {
				where += ": " + k.Field
			}
			fmt.Fprintf(&b, "\n… and %d more like these (%s)", more, where)
		}
	}
	if more := e.Total - listed; more > 0 {
		fmt.Fprintf(&b, "\n… and %d more of other kinds", more)
	}
	return b.String()
}

// problems collects the problems of one validation, grouped by kind, and
// hands every one of them to sink when it is set.
type problems struct {
	list    []thelist.Problem // the examples kept, in the order found
	kinds   []ProblemKind
	byKey   map[string]int // kind key → index in kinds
	total   int
	sink    func(thelist.Problem) error
	sinkErr error // the first error of sink
}

func (ps *problems) add(file string, line int, field, format string, args ...any) {
	p := thelist.Problem{File: file, Line: line, Field: field, Message: fmt.Sprintf(format, args...)}
	ps.total++
	if ps.sink != nil && ps.sinkErr == nil {
		ps.sinkErr = ps.sink(p)
	}
	key := file + "\x00" + field + "\x00" + problemKind(p.Message)
	i, ok := ps.byKey[key]
	if !ok {
		if len(ps.kinds) >= maxKinds {
			return
		}
		if ps.byKey == nil {
			ps.byKey = map[string]int{}
		}
		i = len(ps.kinds)
		ps.byKey[key] = i
		ps.kinds = append(ps.kinds, ProblemKind{File: file, Field: field})
	}
	k := &ps.kinds[i]
	k.Count++
	if len(k.Examples) < MaxExamples {
		k.Examples = append(k.Examples, p)
		ps.list = append(ps.list, p)
	}
}

var (
	quotedValue = regexp.MustCompile(`"(?:[^"\\]|\\.)*"(?:… \(\d+ bytes\))?`)
	number      = regexp.MustCompile(`\d+`)
)

// problemKind is a message with what it quotes and its numbers left out:
// `want a whole number …, got "-1"` and `… got "x"` are one kind.
func problemKind(msg string) string {
	return number.ReplaceAllString(quotedValue.ReplaceAllString(msg, `"…"`), "#")
}

func (ps *problems) err() error {
	if ps.total == 0 {
		return nil
	}
	// Examples in the order of their kinds, so a kind's lines stand
	// together.
	var list []thelist.Problem
	for _, k := range ps.kinds {
		list = append(list, k.Examples...)
	}
	return &ValidationError{Problems: list, Kinds: ps.kinds, Total: ps.total}
}
