package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/openalex"
)

func runOpenAlex(ctx context.Context, fset *flag.FlagSet, args []string, stdout io.Writer) error {
	var in openalex.Input
	fset.Var((*fileList)(&in.Authors), "authors", "OpenAlex authors files, comma-separated (.jsonl or .jsonl.gz)")
	fset.Var((*fileList)(&in.Institutions), "institutions", "OpenAlex institutions files, comma-separated (.jsonl or .jsonl.gz)")
	fset.Var((*fileList)(&in.Works), "works", "OpenAlex works files, comma-separated (.jsonl or .jsonl.gz)")
	fset.Var((*fileList)(&in.Merged), "merged-ids",
		"the snapshot's merged_ids files, comma-separated (merged_ids/authors/*.csv.gz, institutions, works; others are skipped): "+
			"merged records are left out and references to them point at the records they were merged into")
	fset.BoolVar(&in.KeepReferences, "keep-references", false,
		"keep authorships, affiliations and parents that name authors and institutions outside the files, for a bundle that "+
			"updates a database holding them (an incremental snapshot); the import names any it cannot find")
	usage := fset.Usage
	fset.Usage = func() {
		usage()
		fmt.Fprint(fset.Output(), `
OUT is a new folder: the bundle is written next to it and renamed into place
when it is complete. Input with a malformed record writes nothing and lists
each problem as file:line. Authorships of authors who are not in the authors
files, and affiliations and parents that are not in the institutions files,
are left out, so that every reference of the bundle resolves, unless
--keep-references keeps them for the database to resolve. A record found
more than once (a partition of a newer snapshot) is taken from its version
with the newest updated_date; a field that version leaves null keeps the
value of an older one in the input. With --merged-ids, a record merged into
another is left out and references to it point at the one it was merged
into; a database that already holds the merged record keeps it. Stints are inferred from the years of
each author's affiliations, or else from the last known institutions.
Import the bundle with: thelist import OUT
`)
	}
	if err := parse(fset, args, 1); err != nil {
		return err
	}
	if len(in.Authors)+len(in.Institutions)+len(in.Works)+len(in.Merged) == 0 {
		fmt.Fprintf(fset.Output(), "give at least one of --authors, --institutions, --works and --merged-ids\n\n")
		fset.Usage()
		return errUsage
	}
	out := fset.Arg(0)
	began := time.Now()
	stats, err := openalex.Convert(ctx, in, out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (openalex %s) in %s\n", out, stats.Version, time.Since(began).Round(time.Millisecond))
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\trows\t")
	total := 0
	for _, kind := range thelist.Kinds {
		n, ok := stats.Rows[kind]
		if !ok {
			continue
		}
		total += n
		fmt.Fprintf(tw, "%s.jsonl\t%d\t\n", kind, n)
	}
	fmt.Fprintf(tw, "total\t%d\t\n", total)
	if err := tw.Flush(); err != nil {
		slog.Warn("print openalex report", "err", err)
	}
	if len(stats.Skipped) > 0 {
		reasons := make([]string, 0, len(stats.Skipped))
		for r := range stats.Skipped {
			reasons = append(reasons, r)
		}
		sort.Strings(reasons)
		fmt.Fprintln(stdout, "left out:")
		for _, r := range reasons {
			fmt.Fprintf(stdout, "  %d %s\n", stats.Skipped[r], r)
		}
	}
	if stats.Merges > 0 {
		fmt.Fprintf(stdout, "merged_ids: %d merges applied, %d references moved to the record kept; "+
			"a database that already holds a merged record keeps it (labs: thelist labs merge KEEP GONE)\n",
			stats.Merges, stats.Redirected)
	}
	fmt.Fprintf(stdout, "import it with: thelist import %s\n", filepath.Clean(out))
	return nil
}

// fileList is a flag of comma-separated paths; the flag may also repeat.
type fileList []string

func (l *fileList) String() string { return strings.Join(*l, ",") }

func (l *fileList) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			if _, err := os.Stat(p); err != nil {
				return err
			}
			*l = append(*l, p)
		}
	}
	return nil
}
