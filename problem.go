package thelist

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with an input file (a bundle's CSV or JSON
// Lines, an OpenAlex snapshot file), located precisely enough to fix. The
// importer and the OpenAlex converter both report them; `thelist import
// --errors FILE` writes them as JSON Lines with these field names.
type Problem struct {
	File    string `json:"file"`            // the file's name within the bundle, or its path as given
	Line    int    `json:"line,omitempty"`  // 1-based; 0 when the problem is with the file as a whole
	Field   string `json:"field,omitempty"` // the column or field, or "" for the whole row or file
	Message string `json:"message"`
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
