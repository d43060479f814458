package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/thelist/thelist/graph"
)

// runDerive recomputes the derived facts of every person (graph.DB.DeriveAll)
// in batches, with progress on stderr. Run it after a change of the
// credential rules, and once on a database written before derived facts
// existed; until it has finished, the recruiter's filter computes
// credentials at query time. An interrupted run resumes where it stopped.
func runDerive(ctx context.Context, fs *flag.FlagSet, args []string, stdout io.Writer) error {
	cfg := neo4jFlags(fs)
	batch := fs.Int("batch-size", 5000, "people derived per transaction")
	force := fs.Bool("force", false, "recompute everyone even when the stored facts are complete under the rules in force")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	if *batch < 1 || *batch > 100000 {
		return fmt.Errorf("batch-size: must be between 1 and 100000")
	}
	db, err := openDB(ctx, *cfg)
	if err != nil {
		return err
	}
	defer closeDB(db)
	start := time.Now()
	res, err := db.DeriveAll(ctx, *batch, *force, newProgressOf(os.Stderr, "derive", "deriving", "people"))
	if err != nil {
		return err
	}
	printDerive(stdout, res, time.Since(start))
	return nil
}

func printDerive(w io.Writer, res graph.DeriveResult, took time.Duration) {
	switch {
	case res.Skipped:
		fmt.Fprintf(w, "derived facts already complete under rules %s; nothing to do (--force recomputes)\n", res.Version)
	case res.Resumed:
		fmt.Fprintf(w, "derived %d people under rules %s in %s, resuming an interrupted run\n", res.People, res.Version, took.Round(time.Millisecond))
	default:
		fmt.Fprintf(w, "derived %d people under rules %s in %s\n", res.People, res.Version, took.Round(time.Millisecond))
	}
}
