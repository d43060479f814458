package importer

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// failingAfter is the real database, except that its write fails once n
// batches have been written, the way a Neo4j that goes away mid-import
// fails the next transaction.
type failingAfter struct {
	*graph.DB
	n int
}

func (s *failingAfter) WriteBundle(ctx context.Context, b thelist.Bundle) (thelist.ImportResult, error) {
	if s.n == 0 {
		return thelist.ImportResult{}, thelist.Errorf(thelist.EUNAVAILABLE, "the database is not answering")
	}
	s.n--
	return s.DB.WriteBundle(ctx, b)
}

func TestImport_FinishesAfterTheDatabaseWentAway(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := testContext(t)
	opts := Options{BatchSize: 40}

	_, err := Import(ctx, &failingAfter{DB: db, n: 3}, "../data", opts)
	if thelist.ErrorCode(err) != thelist.EUNAVAILABLE || !strings.Contains(err.Error(), "running the same import again finishes the job") {
		t.Fatalf("error = %v, want UNAVAILABLE and how to finish", err)
	}
	var verr *ValidationError
	if errors.As(err, &verr) {
		t.Fatalf("a failed write was reported as a validation problem: %v", err)
	}

	// The rerun writes what was missing and nothing twice: what it creates
	// plus what the first run wrote is exactly the bundle.
	again := mustImport(t, ctx, db, "../data", opts)
	for kind, rows := range again.Rows {
		c := again.Counts[kind]
		if c.Created+c.Unchanged+c.Updated != rows || c.Updated != 0 {
			t.Errorf("%s: %+v for %d rows; want each row created now or left as the first run wrote it", kind, c, rows)
		}
	}
	if again.Counts["sources"].Unchanged == 0 {
		t.Error("the rerun found nothing of the first run's batches: the test did not interrupt a partial import")
	}
	final := mustImport(t, ctx, db, "../data", opts)
	assertCounts(t, final, allUnchanged)
}

// wipedBeforeWriting is the real database, wiped after the import has
// validated its bundle and before its first write, so that every record the
// bundle refers to in the database is gone when it is written.
type wipedBeforeWriting struct{ *graph.DB }

func (s wipedBeforeWriting) EmptyKinds(ctx context.Context) ([]string, error) {
	if err := s.DB.Wipe(ctx); err != nil {
		return nil, err
	}
	return s.DB.EmptyKinds(ctx)
}

func TestImport_WriteFailureNamesTheRowAndField(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := testContext(t)
	mustImport(t, ctx, db, "../data", Options{})
	// A bundle of one stint of people, labs and sources in the database.
	dir := writeBundle(t, map[string]string{"stints.csv": "id,person_id,lab_id,sources\n" +
		"x.one,matt-deitke,ai2,nyt-2025-07-31\n"})
	_, err := Import(ctx, wipedBeforeWriting{db}, dir, Options{})
	want := `stints.csv:2: sources: `
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), `the source "nyt-2025-07-31" is not in the database`) {
		t.Fatalf("error = %v, want it to start %q and name the source", err, want)
	}
	if code := thelist.ErrorCode(err); code != thelist.EINVALID {
		t.Errorf("code = %s, want %s", code, thelist.EINVALID)
	}
}

// racedByAnotherWriter is the real database, in which another writer stores
// the bundle's authorships after the import has found the kind empty and
// before it writes: the import takes the create path, as two imports into
// an empty database once both did.
type racedByAnotherWriter struct {
	*graph.DB
	other thelist.Bundle
}

func (s racedByAnotherWriter) EmptyKinds(ctx context.Context) ([]string, error) {
	empty, err := s.DB.EmptyKinds(ctx)
	if err != nil {
		return nil, err
	}
	_, err = s.DB.WriteBundle(ctx, s.other)
	return empty, err
}

func TestImport_ConcurrentWriteNamesTheRow(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := testContext(t)
	// Everything of the demo bundle but its authorships.
	dir := copyBundle(t, "../data", map[string]func(string) string{
		"authorships.csv": func(string) string { return "person_id,paper_id,position,sources\n" },
	})
	mustImport(t, ctx, db, dir, Options{})
	other := thelist.Bundle{Authorships: []thelist.Authorship{{PersonID: "ashish-vaswani", PaperID: "attention-is-all-you-need",
		Sources: []thelist.Source{{ID: "vaswani-2017-paper-copy"}}}}}
	_, err := Import(ctx, racedByAnotherWriter{DB: db, other: other}, "../data", Options{})
	want := "authorships.csv:2: person_id and paper_id: "
	if thelist.ErrorCode(err) != thelist.ECONFLICT || !strings.HasPrefix(err.Error(), want) ||
		!strings.Contains(err.Error(), "another writer stored the same record at the same time") {
		t.Fatalf("error = %v; want CONFLICT starting %q", err, want)
	}
	if n := countOf(t, `MATCH (:Person {id: 'ashish-vaswani'})-[r:AUTHORED]->(:Paper {id: 'attention-is-all-you-need'}) RETURN count(r) AS n`); n != 1 {
		t.Errorf("AUTHORED ashish-vaswani → attention-is-all-you-need: %d, want 1", n)
	}
}
