package importer

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// docs/data-format.md lists each kind's columns, the required ones in bold;
// they must be the importer's columns, in order, so that the format a
// contributor reads is the one the importer checks.
func TestDocs_DataFormatListsTheColumns(t *testing.T) {
	raw, err := os.ReadFile("../docs/data-format.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := documentedColumns(string(raw))
	for _, spec := range specs {
		var want []string
		for _, c := range spec.columns {
			want = append(want, columnLabel(c.name, c.required))
		}
		got, ok := doc[spec.kind]
		if !ok {
			t.Errorf("docs/data-format.md does not list the columns of %s", spec.kind)
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("docs/data-format.md lists for %s\n%q\nthe importer reads\n%q", spec.kind, got, want)
		}
	}
}

func columnLabel(name string, required bool) string {
	if required {
		return name + " (required)"
	}
	return name
}

var (
	kindHeading = regexp.MustCompile(`^### (\w+)`)
	// groups: **id**, **name**, platform (`Slack`), **sources**.
	proseColumns = regexp.MustCompile(`^(\w+)(?:,[^:]*)?: (.*)$`)
	parenthesis  = regexp.MustCompile(`\s*\([^)]*\)`)
)

// documentedColumns reads each kind's columns from its section: the first
// cells of its table ("start, end" is two columns), or for kinds described
// in a sentence ("groups: **id**, …"), that sentence.
func documentedColumns(doc string) map[string][]string {
	out := map[string][]string{}
	var kind string
	add := func(kind, cell string) {
		for _, name := range strings.Split(cell, ",") {
			name = strings.TrimSpace(name)
			required := strings.HasPrefix(name, "**")
			name = strings.Trim(name, "*` ")
			if name != "" {
				out[kind] = append(out[kind], columnLabel(name, required))
			}
		}
	}
	var para strings.Builder
	for _, line := range strings.Split(doc, "\n") {
		if m := kindHeading.FindStringSubmatch(line); m != nil {
			kind = m[1]
			continue
		}
		if strings.HasPrefix(line, "## ") {
			kind = ""
		}
		if kind == "" {
			continue
		}
		if strings.HasPrefix(line, "| ") && !strings.HasPrefix(line, "| column") {
			add(kind, strings.Split(line, "|")[1])
			continue
		}
		// A paragraph may wrap: join it before reading it.
		if line == "" {
			if m := proseColumns.FindStringSubmatch(strings.TrimSpace(para.String())); m != nil && strings.Contains(m[2], "**") {
				add(m[1], strings.TrimSuffix(parenthesis.ReplaceAllString(m[2], ""), "."))
			}
			para.Reset()
		}
		fmt.Fprint(&para, line, " ")
	}
	return out
}
