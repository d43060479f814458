package importer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/thelist/thelist"
)

// fakeStore is an in-memory Store: the "database" is a set of ids by label,
// and it records every call so tests can say what the importer asked and
// wrote.
type fakeStore struct {
	known   map[string][]string // label → ids the database holds
	knowAll bool                // the database holds every id
	empty   []string            // the kinds EmptyKinds answers

	asked    map[string][]string // label → ids asked about, in call order
	calls    int                 // MissingIDs calls
	writes   []thelist.Bundle    // the batches WriteBundle got
	plans    []thelist.Bundle    // the batches PlanBundle got
	recorded []thelist.ImportMeta

	missErr     error  // MissingIDs fails with it
	onMissing   func() // called by MissingIDs, between the two passes
	failWriteAt int    // the WriteBundle call (1-based) that fails; 0 for none
}

const fakeRunID = "run-1"

var errWrite = errors.New("connection reset by peer")

func (s *fakeStore) MissingIDs(_ context.Context, label string, ids []string) ([]string, error) {
	if s.missErr != nil {
		return nil, s.missErr
	}
	s.calls++
	if s.onMissing != nil {
		s.onMissing()
	}
	if s.asked == nil {
		s.asked = map[string][]string{}
	}
	s.asked[label] = append(s.asked[label], ids...)
	var missing []string
	for _, id := range ids {
		if !s.knowAll && !slices.Contains(s.known[label], id) {
			missing = append(missing, id)
		}
	}
	return missing, nil
}

func (s *fakeStore) EmptyKinds(context.Context) ([]string, error) { return s.empty, nil }

func (s *fakeStore) WriteBundle(_ context.Context, b thelist.Bundle) (thelist.ImportResult, error) {
	s.writes = append(s.writes, b)
	if len(s.writes) == s.failWriteAt {
		return thelist.ImportResult{}, errWrite
	}
	return thelist.ImportResult{Counts: createdCounts(b)}, nil
}

func (s *fakeStore) PlanBundle(_ context.Context, b thelist.Bundle) (thelist.ImportResult, error) {
	s.plans = append(s.plans, b)
	return thelist.ImportResult{Counts: createdCounts(b)}, nil
}

func (s *fakeStore) RecordImport(_ context.Context, meta thelist.ImportMeta, _ thelist.ImportResult) (string, error) {
	s.recorded = append(s.recorded, meta)
	return fakeRunID, nil
}

// written merges every batch WriteBundle got into one bundle.
func (s *fakeStore) written() thelist.Bundle {
	return merge(s.writes)
}

func merge(batches []thelist.Bundle) thelist.Bundle {
	var all thelist.Bundle
	for _, b := range batches {
		all.Sources = append(all.Sources, b.Sources...)
		all.Labs = append(all.Labs, b.Labs...)
		all.People = append(all.People, b.People...)
		all.Papers = append(all.Papers, b.Papers...)
		all.Authorships = append(all.Authorships, b.Authorships...)
		all.Degrees = append(all.Degrees, b.Degrees...)
		all.Stints = append(all.Stints, b.Stints...)
		all.Offers = append(all.Offers, b.Offers...)
		all.Moves = append(all.Moves, b.Moves...)
		all.Recruitments = append(all.Recruitments, b.Recruitments...)
		all.Investments = append(all.Investments, b.Investments...)
		all.Deals = append(all.Deals, b.Deals...)
		all.Groups = append(all.Groups, b.Groups...)
		all.Memberships = append(all.Memberships, b.Memberships...)
	}
	return all
}

// kindLens is the number of records of each kind in b, leaving out kinds
// with none.
func kindLens(b thelist.Bundle) map[string]int {
	n := map[string]int{
		thelist.KindSources: len(b.Sources), thelist.KindLabs: len(b.Labs), thelist.KindPeople: len(b.People),
		thelist.KindPapers: len(b.Papers), thelist.KindAuthorships: len(b.Authorships),
		thelist.KindDegrees: len(b.Degrees), thelist.KindStints: len(b.Stints), thelist.KindOffers: len(b.Offers),
		thelist.KindMoves: len(b.Moves), thelist.KindRecruitments: len(b.Recruitments),
		thelist.KindInvestments: len(b.Investments), thelist.KindDeals: len(b.Deals), thelist.KindGroups: len(b.Groups),
		thelist.KindMemberships: len(b.Memberships),
	}
	for k, v := range n {
		if v == 0 {
			delete(n, k)
		}
	}
	return n
}

func createdCounts(b thelist.Bundle) map[string]thelist.ImportCounts {
	out := map[string]thelist.ImportCounts{}
	for k, n := range kindLens(b) {
		out[k] = thelist.ImportCounts{Created: n}
	}
	return out
}

func testContext(tb testing.TB) context.Context {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	tb.Cleanup(cancel)
	return ctx
}

// writeBundle writes files (name → content) into a new temporary folder and
// returns its path.
func writeBundle(tb testing.TB, files map[string]string) string {
	tb.Helper()
	dir := tb.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			tb.Fatalf("write %s: %v", name, err)
		}
	}
	return dir
}

// withFile returns a copy of files with name set to content, or removed
// when content is "".
func withFile(files map[string]string, name, content string) map[string]string {
	out := make(map[string]string, len(files)+1)
	for k, v := range files {
		out[k] = v
	}
	if content == "" {
		delete(out, name)
	} else {
		out[name] = content
	}
	return out
}

// importValid imports files into store, failing the test on any error.
func importValid(tb testing.TB, store *fakeStore, files map[string]string, opts Options) Report {
	tb.Helper()
	rep, err := Import(testContext(tb), store, writeBundle(tb, files), opts)
	if err != nil {
		tb.Fatalf("Import: %v", err)
	}
	return rep
}

// importProblems imports files, which must be invalid, and returns the
// problems written as file:line: field: message. It checks that nothing was
// written.
func importProblems(tb testing.TB, store *fakeStore, files map[string]string) []string {
	tb.Helper()
	_, err := Import(testContext(tb), store, writeBundle(tb, files), Options{})
	got := validationProblems(tb, err)
	if len(store.writes) != 0 || len(store.plans) != 0 || len(store.recorded) != 0 {
		tb.Errorf("an invalid bundle reached the store: %d writes, %d plans, %d records; want none",
			len(store.writes), len(store.plans), len(store.recorded))
	}
	return got
}

func validationProblems(tb testing.TB, err error) []string {
	tb.Helper()
	var verr *ValidationError
	if !errors.As(err, &verr) {
		tb.Fatalf("got error %v (%T), want a *ValidationError", err, err)
	}
	if verr.Total < len(verr.Problems) {
		tb.Errorf("Total = %d, want at least %d (the number of problems listed)", verr.Total, len(verr.Problems))
	}
	got := make([]string, len(verr.Problems))
	for i, p := range verr.Problems {
		got[i] = p.String()
	}
	return got
}

func date(tb testing.TB, s string) thelist.Date {
	tb.Helper()
	d, err := thelist.ParseDate(s)
	if err != nil {
		tb.Fatalf("ParseDate(%q): %v", s, err)
	}
	return d
}

func sources(ids ...string) []thelist.Source {
	out := make([]thelist.Source, len(ids))
	for i, id := range ids {
		out[i] = thelist.Source{ID: id}
	}
	return out
}

func ptr[T any](v T) *T { return &v }

// assertRecords compares records deeply (pointers by what they point to)
// and shows both sides as JSON when they differ.
func assertRecords[T any](tb testing.TB, what string, got, want []T) {
	tb.Helper()
	if len(got) != len(want) {
		tb.Fatalf("%s: got %d records %s, want %d %s", what, len(got), show(got), len(want), show(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			tb.Errorf("%s[%d]:\n got %s\nwant %s", what, i, show(got[i]), show(want[i]))
		}
	}
}

func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%+v", v)
	}
	return string(b)
}

func assertProblems(tb testing.TB, got, want []string) {
	tb.Helper()
	if !slices.Equal(got, want) {
		tb.Errorf("problems:\n got %s\nwant %s", strings.Join(quoteAll(got), "\n     "), strings.Join(quoteAll(want), "\n     "))
	}
}

func assertSameSet(tb testing.TB, what string, got, want []string) {
	tb.Helper()
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		tb.Errorf("%s:\n got %q\nwant %q", what, g, w)
	}
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// specFor returns the spec of kind.
func specFor(tb testing.TB, kind string) kindSpec {
	tb.Helper()
	for _, s := range specs {
		if s.kind == kind {
			return s
		}
	}
	tb.Fatalf("no spec for kind %q", kind)
	return kindSpec{}
}
