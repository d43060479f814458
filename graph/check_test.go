package graph_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/importer"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// TestCheck_DemoDataCleanThenEachKindFound holds thelist check to its
// promise on the demo data: nothing found on the bundle as shipped, and,
// once each rule is broken on purpose (writing past the importer, which
// refuses such a bundle), a finding of that kind naming the records
// involved.
func TestCheck_DemoDataCleanThenEachKindFound(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	if _, err := importer.Import(ctx, db, "../data", importer.Options{}); err != nil {
		t.Fatalf("import demo: %v", err)
	}
	findings, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 0 {
		t.Fatalf("the demo data has %d findings, want none: %+v", len(findings), findings)
	}

	// Each break touches a different person or lab, so one finding does
	// not hide another.
	query(t, `MATCH ()-[w:WORKED_AT {id: 'daniel-gross.meta-superintelligence-labs'}]->() DELETE w`, nil)
	query(t, `MATCH ()-[w:WORKED_AT {id: 'alex-krizhevsky.dnnresearch'}]->() REMOVE w.end, w.endPrecision`, nil)
	query(t, `MATCH (p:Person {id: 'ilya-sutskever'}), (l:Lab {id: 'microsoft'})
		CREATE (p)-[:WORKED_AT {id: 'check-test.two-places', start: date('2018-01-01'), startPrecision: 'year',
			sources: ['seed-nyt-zh']}]->(l)`, nil)
	query(t, `MATCH (p:Person {id: 'jordi-hays'}), (l:Lab {id: 'meta'})
		CREATE (p)-[:WORKED_AT {id: 'check-test.undated', sources: ['seed-nyt-zh']}]->(l)`, nil)
	query(t, `MATCH (p:Person {id: 'peter-lee'}) SET p.sources = []`, nil)
	query(t, `MATCH (p:Person {id: 'eric-schmidt'}), (l:Lab {id: 'vercept'})
		CREATE (p)-[:WORKED_AT {id: 'check-test.before-founding', start: date('2020-01-01'), startPrecision: 'year',
			concurrent: true, sources: ['seed-nyt-zh']}]->(l)`, nil)
	query(t, `CREATE (:Source {id: 'check-test.no-url', title: 'a report with no address'})`, nil)

	findings, err = db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind string
		ids  []string
	}{
		{thelist.FindingMoveWithoutJob, []string{"daniel-gross.to.meta-superintelligence-labs"}},
		{thelist.FindingOpenAfterMove, []string{"alex-krizhevsky.dnnresearch", "alex-krizhevsky.to.google.2013"}},
		{thelist.FindingTwoPlacesAtOnce, []string{"check-test.two-places", "ilya-sutskever.openai"}},
		{thelist.FindingUndatedOpenFact, []string{"check-test.undated"}},
		{thelist.FindingUnsourced, []string{"peter-lee"}},
		{thelist.FindingBeforeFounding, []string{"check-test.before-founding"}},
		{thelist.FindingMissingSourceURL, []string{"check-test.no-url"}},
	}
	for _, w := range want {
		if !slices.ContainsFunc(findings, func(f thelist.Finding) bool {
			return f.Kind == w.kind && slices.Equal(f.RecordIDs, w.ids) && f.Message != ""
		}) {
			t.Errorf("no %s finding naming %v among:\n%s", w.kind, w.ids, findingList(findings))
		}
	}
}

func findingList(fs []thelist.Finding) string {
	s := ""
	for _, f := range fs {
		s += fmt.Sprintf("  %s %v: %s\n", f.Kind, f.RecordIDs, f.Message)
	}
	return s
}
