package graph

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// A BulkWriter turns validated bundles into the CSV files of Neo4j's
// offline importer (neo4j-admin database import full), for a first load of
// an empty database at the speed of the disk. It writes exactly the nodes,
// relationships and properties that WriteBundle creates in an empty
// database, from the same rows (bundleBatches, with the same hashes), so
// that the two loads have equal censuses (a test compares them).
//
// A file's header must name every column before its first row, and which
// properties a kind's rows carry is only known as they come, so each file
// is written in parts: a part ends when a row brings a property (or a type
// of one) that its header lacks, and the next part's header has them all.
// neo4j-admin reads each part as a header file and a data file.
type BulkWriter struct {
	dir   string
	mu    sync.Mutex
	files map[string]*bulkFile // by name: "node-Person", "rel-WORKED_AT-Person-Lab"
	order []string
}

// BulkGroup is one part for neo4j-admin: --nodes=Label=Header,Data or
// --relationships=TYPE=Header,Data.
type BulkGroup struct {
	Nodes        bool
	Label        string // a node label, or a relationship type
	Header, Data string
	// Multiline is set when a value in Data holds a line break (a note),
	// which neo4j-admin reads only in the files it is told of
	// (--multiline-fields), at a cost.
	Multiline bool
}

// BulkArrayDelimiter separates the items of a list in the files: a control
// character, which thelist.CheckText refuses in every value.
const BulkArrayDelimiter = "\x1f"

// NewBulkWriter writes its files into dir, which must exist.
func NewBulkWriter(dir string) *BulkWriter {
	return &BulkWriter{dir: dir, files: map[string]*bulkFile{}}
}

type bulkFile struct {
	name, label string
	nodes       bool
	idSpaces    [2]string // node: the label; relationship: start and end id spaces
	parts       []BulkGroup
	cols        []bulkCol
	out         *os.File
	w           *bufio.Writer
}

type bulkCol struct{ key, typ string }

// Write adds the records of b. Every record is new (the database is
// empty), and the result counts them as created.
func (w *BulkWriter) Write(b thelist.Bundle) (thelist.ImportResult, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	r := thelist.ImportResult{Counts: map[string]thelist.ImportCounts{}}
	for _, bt := range bundleBatches(b) {
		for _, row := range bt.rows {
			if err := w.writeRow(bt.kind, row); err != nil {
				return r, fmt.Errorf("bulk %s %v: %w", bt.kind, row["id"], err)
			}
		}
		r.AddKind(bt.kind, thelist.ImportCounts{Created: len(bt.rows)})
	}
	return r, nil
}

// bulkLink is a relationship that a node record owns, as in records.go:
// from the record's node (out) or to it, to the node of label whose id is
// the row's value at key.
type bulkLink struct {
	typ   string
	out   bool
	label string
	key   string
}

// bulkLinks are the links of the node kinds (records.go's recordKinds).
var bulkLinks = map[string][]bulkLink{
	thelist.KindLabs:   {{"PART_OF", true, "Lab", "parentId"}},
	thelist.KindOffers: {{"MADE", false, "Lab", "labId"}, {"TO", true, "Person", "personId"}, {"EXTENDED", false, "Person", "extendedById"}},
	thelist.KindMoves: {{"MADE_MOVE", false, "Person", "props.personId"}, {"FROM", true, "Lab", "props.fromLabId"},
		{"TO", true, "Lab", "props.toLabId"}, {"RECRUITED_BY", true, "Person", "recruiterId"}, {"WITH_OFFER", true, "Offer", "offerId"}},
	thelist.KindDeals: {{"MADE_DEAL", false, "Lab", "buyerId"}, {"TARGET", true, "Lab", "targetId"}},
}

// bulkEnds are the labels of the ends of the relationship kinds.
var bulkEnds = map[string][2]string{
	thelist.KindAuthorships: {"Person", "Paper"}, thelist.KindMemberships: {"Person", "Group"},
	thelist.KindDegrees: {"Person", "Lab"}, thelist.KindStints: {"Person", "Lab"},
	thelist.KindRecruitments: {"Person", "Person"}, thelist.KindInvestments: {"", "Lab"},
}

func (w *BulkWriter) writeRow(kind string, row map[string]any) error {
	k := recordKinds[kind]
	props, _ := row["props"].(map[string]any)
	id, _ := row["id"].(string)
	hash := row["hash"]
	if k.label != "" {
		if err := w.node(k.label, id, props, hash); err != nil {
			return err
		}
		for _, l := range bulkLinks[kind] {
			other := ref{l.key, l.label}.id(row)
			if other == "" {
				continue
			}
			from, to := [2]string{k.label, id}, [2]string{l.label, other}
			if !l.out {
				from, to = to, from
			}
			if err := w.rel(l.typ, from, to, nil); err != nil {
				return err
			}
		}
		if kind == thelist.KindDeals {
			people, _ := row["personIds"].([]string)
			for _, p := range people {
				if err := w.rel("BROUGHT", [2]string{"Deal", id}, [2]string{"Person", p}, nil); err != nil {
					return err
				}
			}
		}
		return nil
	}
	ends, ok := bulkEnds[kind]
	if !ok {
		return fmt.Errorf("no bulk form for kind %s", kind) // a kind added to records.go and not here
	}
	from, _ := row["from"].(string)
	to, _ := row["to"].(string)
	if kind == thelist.KindInvestments {
		if from, _ = row["investorPersonId"].(string); from != "" {
			ends[0] = "Person"
		} else {
			from, _ = row["investorLabId"].(string)
			ends[0] = "Lab"
		}
	}
	relProps := make(map[string]any, len(props)+2)
	for key, v := range props {
		relProps[key] = v
	}
	relProps["id"], relProps["hash"] = id, hash
	if err := w.rel(k.typ, [2]string{ends[0], from}, [2]string{ends[1], to}, relProps); err != nil {
		return err
	}
	switch kind {
	case thelist.KindDegrees:
		if advisor, _ := row["advisorId"].(string); advisor != "" {
			return w.rel("ADVISED", [2]string{"Person", advisor}, [2]string{"Person", from},
				map[string]any{"degreeId": id, "sources": props["sources"]})
		}
	case thelist.KindStints:
		if props["founder"] == true {
			return w.rel("FOUNDED", [2]string{"Person", from}, [2]string{"Lab", to},
				map[string]any{"stintId": id, "date": props["start"], "datePrecision": props["startPrecision"], "sources": props["sources"]})
		}
	}
	return nil
}

func (w *BulkWriter) node(label, id string, props map[string]any, hash any) error {
	f, err := w.file("node-"+label, label, true, [2]string{label, label})
	if err != nil {
		return err
	}
	all := make(map[string]any, len(props)+1)
	for k, v := range props {
		all[k] = v
	}
	all["hash"] = hash
	return f.write(w.dir, id, "", all)
}

func (w *BulkWriter) rel(typ string, from, to [2]string, props map[string]any) error {
	f, err := w.file("rel-"+typ+"-"+from[0]+"-"+to[0], typ, false, [2]string{from[0], to[0]})
	if err != nil {
		return err
	}
	return f.write(w.dir, from[1], to[1], props)
}

func (w *BulkWriter) file(name, label string, nodes bool, spaces [2]string) (*bulkFile, error) {
	if f, ok := w.files[name]; ok {
		return f, nil
	}
	f := &bulkFile{name: name, label: label, nodes: nodes, idSpaces: spaces}
	w.files[name] = f
	w.order = append(w.order, name)
	return f, nil
}

// write writes one row: a node's id, or a relationship's start and end,
// and the non-null properties. It starts a new part when the row has a
// property, or a type of one, that the current header lacks.
func (f *bulkFile) write(dir, a, b string, props map[string]any) error {
	var need []bulkCol
	for key, v := range props {
		if v == nil {
			continue
		}
		typ, err := bulkType(v)
		if err != nil {
			return fmt.Errorf("property %s: %w", key, err)
		}
		if !slices.Contains(f.cols, bulkCol{key, typ}) {
			need = append(need, bulkCol{key, typ})
		}
	}
	if f.out == nil || len(need) > 0 {
		cols := append(slices.Clone(f.cols), need...)
		// A key whose type changed keeps only its new type.
		cols = slices.DeleteFunc(cols, func(c bulkCol) bool {
			return slices.ContainsFunc(need, func(n bulkCol) bool { return n.key == c.key && n.typ != c.typ })
		})
		slices.SortFunc(cols, func(x, y bulkCol) int { return strings.Compare(x.key, y.key) })
		if err := f.startPart(dir, cols); err != nil {
			return err
		}
	}
	var line strings.Builder
	line.WriteString(csvQuote(a))
	if !f.nodes {
		line.WriteString("," + csvQuote(b))
	}
	for _, c := range f.cols {
		line.WriteByte(',')
		if v := props[c.key]; v != nil {
			s, err := bulkValue(v)
			if err != nil {
				return fmt.Errorf("property %s: %w", c.key, err)
			}
			line.WriteString(s)
		}
	}
	if strings.ContainsAny(line.String(), "\n\r") {
		f.parts[len(f.parts)-1].Multiline = true
	}
	line.WriteByte('\n')
	_, err := f.w.WriteString(line.String())
	return err
}

func (f *bulkFile) startPart(dir string, cols []bulkCol) error {
	if err := f.closePart(); err != nil {
		return err
	}
	n := len(f.parts) + 1
	header := filepath.Join(dir, fmt.Sprintf("%s-%d-header.csv", f.name, n))
	data := filepath.Join(dir, fmt.Sprintf("%s-%d.csv", f.name, n))
	var h []string
	if f.nodes {
		h = append(h, "id:ID("+f.idSpaces[0]+")")
	} else {
		h = append(h, ":START_ID("+f.idSpaces[0]+")", ":END_ID("+f.idSpaces[1]+")")
	}
	for _, c := range cols {
		h = append(h, c.key+":"+c.typ)
	}
	if err := os.WriteFile(header, []byte(strings.Join(h, ",")+"\n"), 0o644); err != nil {
		return fmt.Errorf("bulk: %w", err)
	}
	out, err := os.Create(data)
	if err != nil {
		return fmt.Errorf("bulk: %w", err)
	}
	f.out, f.w, f.cols = out, bufio.NewWriterSize(out, 1<<20), cols
	f.parts = append(f.parts, BulkGroup{Nodes: f.nodes, Label: f.label, Header: header, Data: data})
	return nil
}

func (f *bulkFile) closePart() error {
	if f.out == nil {
		return nil
	}
	err := f.w.Flush()
	if cerr := f.out.Close(); err == nil {
		err = cerr
	}
	f.out, f.w = nil, nil
	if err != nil {
		return fmt.Errorf("bulk: %w", err)
	}
	return nil
}

// Close finishes the files and returns their parts, node files first.
func (w *BulkWriter) Close() ([]BulkGroup, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var nodes, rels []BulkGroup
	for _, name := range w.order {
		f := w.files[name]
		if err := f.closePart(); err != nil {
			return nil, err
		}
		if f.nodes {
			nodes = append(nodes, f.parts...)
		} else {
			rels = append(rels, f.parts...)
		}
	}
	return append(nodes, rels...), nil
}

// bulkType is the neo4j-admin type of a property value as WriteBundle
// stores it.
func bulkType(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return "string", nil
	case bool:
		return "boolean", nil
	case int, int64:
		return "long", nil
	case float64:
		return "double", nil
	case neo4j.Date:
		return "date", nil
	case []string:
		if len(x) == 0 {
			// An empty list is a property in Cypher and nothing in a CSV
			// file; the row builders store none (nullableList).
			return "", fmt.Errorf("an empty list has no bulk form")
		}
		return "string[]", nil
	}
	return "", fmt.Errorf("a %T has no bulk form", v)
}

func bulkValue(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return csvQuote(x), nil
	case bool:
		return strconv.FormatBool(x), nil
	case int:
		return strconv.Itoa(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	case neo4j.Date:
		return x.Time().Format(time.DateOnly), nil
	case []string:
		return csvQuote(strings.Join(x, BulkArrayDelimiter)), nil
	}
	return "", fmt.Errorf("a %T has no bulk form", v)
}

// csvQuote quotes every text, so that an empty string stays a string (an
// unquoted empty field is no property) and commas, quotes and line breaks
// are kept (neo4j-admin's --multiline-fields).
func csvQuote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
