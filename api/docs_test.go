package api

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/thelist/thelist/importer"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// docExample is one GraphQL request the docs show: an operation of a
// graphql block, or the JSON body of a curl command.
type docExample struct {
	where     string // file:line, for the failure message
	query     string
	variables map[string]any
}

// TestDocs_ExamplesRun sends every GraphQL example of README.md and
// docs/api.md, in the order they are written, to the real schema over the
// demo data with an editor's key, and demands an answer without errors: an
// example a reader copies must work. Mutations run too, so that the
// examples that read what an earlier one wrote (history after the upserts)
// are checked as a reader would meet them. A variable written as
// "<the id above>" takes the first id the example before it answered.
func TestDocs_ExamplesRun(t *testing.T) {
	var examples []docExample
	for _, file := range []string{"../README.md", "../docs/api.md"} {
		examples = append(examples, docExamples(t, file)...)
	}
	if len(examples) < 20 {
		t.Fatalf("found %d examples in the docs, want at least 20: is the extraction broken?", len(examples))
	}
	db := neo4jtest.Open(t)
	if _, err := importer.Import(context.Background(), db, "../data", importer.Options{}); err != nil {
		t.Fatalf("import the demo data: %v", err)
	}
	cfg := DefaultConfig()
	cfg.Access.AddKey("docs", "docs-editor-key", RoleEditor)
	// The examples are checked for what they answer, not how fast: a loaded
	// test machine may take longer than a request may in production.
	cfg.Limits.Timeout = 2 * time.Minute
	ts := tpServer(t, db, cfg)
	var lastID string
	for _, ex := range examples {
		vars := map[string]any{}
		for k, v := range ex.variables {
			if s, ok := v.(string); ok && strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
				v = lastID
			}
			vars[k] = v
		}
		r := gqlAs(t, ts, "docs-editor-key", ex.query, vars)
		if r.status != 200 || len(r.Errors) > 0 || len(r.Data) == 0 || string(r.Data) == "null" {
			t.Errorf("%s: status %d, errors %s\n%s", ex.where, r.status, r.body, ex.query)
			continue
		}
		var data any
		if err := json.Unmarshal(r.Data, &data); err != nil {
			t.Fatalf("%s: %v", ex.where, err)
		}
		if id := firstID(data); id != "" {
			lastID = id
		}
	}
}

// firstID returns the first "id" string of a decoded answer, depth first.
func firstID(v any) string {
	switch v := v.(type) {
	case map[string]any:
		if id, ok := v["id"].(string); ok {
			return id
		}
		for _, x := range v {
			if id := firstID(x); id != "" {
				return id
			}
		}
	case []any:
		for _, x := range v {
			if id := firstID(x); id != "" {
				return id
			}
		}
	}
	return ""
}

// curlBody is the single-quoted JSON body of a curl command's -d.
var curlBody = regexp.MustCompile(`(?s)-d '(\{.*?\})'`)

// docExamples reads the examples of a Markdown file: each operation of a
// graphql block that holds operations (not the schema's SDL), and each curl
// body of an sh block that sends a query.
func docExamples(t *testing.T, file string) []docExample {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []docExample
	var block []string
	var lang string
	var start, line int
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line++
		text := sc.Text()
		trimmed := strings.TrimSpace(text)
		switch {
		case lang == "" && strings.HasPrefix(trimmed, "```") && len(trimmed) > 3:
			lang, start, block = strings.TrimPrefix(trimmed, "```"), line+1, nil
		case lang != "" && trimmed == "```":
			where := fmt.Sprintf("%s:%d", strings.TrimPrefix(file, "../"), start)
			body := strings.Join(block, "\n")
			switch lang {
			case "graphql":
				for _, op := range operations(body) {
					out = append(out, docExample{where: where, query: op})
				}
			case "sh":
				for _, m := range curlBody.FindAllStringSubmatch(body, -1) {
					var req struct {
						Query     string         `json:"query"`
						Variables map[string]any `json:"variables"`
					}
					if err := json.Unmarshal([]byte(m[1]), &req); err != nil {
						t.Fatalf("%s: a curl body that is not JSON: %v\n%s", where, err, m[1])
					}
					if req.Query != "" {
						out = append(out, docExample{where: where, query: req.Query, variables: req.Variables})
					}
				}
			}
			lang = ""
		case lang != "":
			block = append(block, text)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// operations splits a graphql block into its operations, by the braces at
// the top level; a block of type definitions (SDL) has none and gives none.
func operations(block string) []string {
	var ops []string
	var cur strings.Builder
	depth, inString := 0, false
	for _, line := range strings.Split(block, "\n") {
		if depth == 0 {
			head := strings.TrimSpace(line)
			if !strings.HasPrefix(head, "{") && !strings.HasPrefix(head, "query") && !strings.HasPrefix(head, "mutation") {
				continue
			}
		}
		for i, c := range line {
			if c == '"' && (i == 0 || line[i-1] != '\\') {
				inString = !inString
			}
			if inString {
				continue
			}
			switch c {
			case '{':
				depth++
			case '}':
				depth--
			}
		}
		cur.WriteString(line + "\n")
		if depth == 0 {
			ops = append(ops, cur.String())
			cur.Reset()
		}
	}
	return ops
}
