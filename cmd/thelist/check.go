package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// errFindings is returned when the check found something, so the command
// exits 1 and a CI step fails.
var errFindings = errors.New("the database has findings")

// runCheck lints the database (graph.DB.Check) and prints one finding a
// line, kind, record ids and message, tab-separated.
func runCheck(ctx context.Context, fs *flag.FlagSet, args []string, stdout io.Writer) error {
	cfg := neo4jFlags(fs)
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	db, err := openDB(ctx, *cfg)
	if err != nil {
		return err
	}
	defer closeDB(db)
	findings, err := db.Check(ctx)
	if err != nil {
		return err
	}
	for _, f := range findings {
		fmt.Fprintf(stdout, "%s\t%s\t%s\n", f.Kind, strings.Join(f.RecordIDs, ","), f.Message)
	}
	if len(findings) > 0 {
		return fmt.Errorf("%w: %d finding(s)", errFindings, len(findings))
	}
	fmt.Fprintln(stdout, "no findings")
	return nil
}
