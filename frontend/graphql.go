package frontend

import (
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
)

// operations are the web app's GraphQL documents (src/graphql): one
// operation a file named after it, and the fragments several operations
// share, a file each named after the fragment. They are embedded, unlike
// dist, because they are sources: they exist on a fresh clone.
//
//go:embed src/graphql/*.graphql
var operations embed.FS

const operationsDir = "src/graphql"

// The same patterns as src/graphql/document.ts: a spread is "...Name"
// ("... on Type" is an inline fragment), a definition "fragment Name on".
var (
	spreadPattern     = regexp.MustCompile(`\.\.\.\s*([_A-Za-z][_0-9A-Za-z]*)`)
	definitionPattern = regexp.MustCompile(`\bfragment\s+([_A-Za-z][_0-9A-Za-z]*)\s+on\b`)
	operationPattern  = regexp.MustCompile(`(?m)^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)`)
)

// Operation is the document the web app sends for the operation name: its
// file followed by the shared fragments it spreads, and those they spread,
// each once, in the order first met. It is byte for byte what withFragments
// in src/graphql/document.ts sends, so the Go side (the API's cost tests,
// the benchmark) measures what the app asks.
func Operation(name string) (string, error) {
	op, err := operationFile(name)
	if err != nil {
		return "", err
	}
	out := []string{strings.TrimSpace(op)}
	defined := names(op, definitionPattern)
	pending := names(op, spreadPattern)
	for i := 0; i < len(pending); i++ {
		frag := pending[i]
		if slices.Contains(defined, frag) {
			continue
		}
		text, err := operationFile(frag)
		if err != nil {
			return "", fmt.Errorf("GraphQL operation %s: fragment %s: %w", name, frag, err)
		}
		defined = append(defined, frag)
		out = append(out, strings.TrimSpace(text))
		pending = append(pending, names(text, spreadPattern)...)
	}
	return strings.Join(out, "\n\n") + "\n", nil
}

// MustOperation is Operation for callers whose names are constants, as
// tests and the benchmark have: a missing file is a programming error.
func MustOperation(name string) string {
	doc, err := Operation(name)
	if err != nil {
		panic(err)
	}
	return doc
}

// Operations are the names of the web app's operations, sorted (the files
// that define an operation; the others hold shared fragments).
func Operations() ([]string, error) {
	files, err := fs.Glob(operations, operationsDir+"/*.graphql")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		b, err := operations.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if m := operationPattern.FindSubmatch(b); m != nil {
			out = append(out, string(m[1]))
		}
	}
	slices.Sort(out)
	return out, nil
}

func operationFile(name string) (string, error) {
	b, err := operations.ReadFile(operationsDir + "/" + name + ".graphql")
	if err != nil {
		return "", fmt.Errorf("no file %s/%s.graphql: %w", operationsDir, name, err)
	}
	return string(b), nil
}

func names(text string, pattern *regexp.Regexp) []string {
	var out []string
	for _, m := range pattern.FindAllStringSubmatch(text, -1) {
		if m[1] != "on" {
			out = append(out, m[1])
		}
	}
	return out
}
