package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// runAggregates keeps the aggregates that the lab pages read: `rebuild`
// works out every person's departures from their jobs and moves again
// (graph.DB.RebuildDepartures), for a database written before they were
// kept or one that `thelist check` found out of step; `check` compares
// them with what they would be now and lists the people that differ.
func runAggregates(ctx context.Context, fs *flag.FlagSet, args []string, stdout io.Writer) error {
	cfg := neo4jFlags(fs)
	batch := fs.Int("batch", 2000, "people recomputed per transaction")
	writers := fs.Int("writers", 2, "transactions run at once")
	if err := parse(fs, args, 1); err != nil {
		return err
	}
	action := fs.Arg(0)
	if action != "rebuild" && action != "check" {
		fmt.Fprintf(fs.Output(), "thelist aggregates: want rebuild or check, got %q\n", action)
		fs.Usage()
		return errUsage
	}
	if *batch < 1 || *writers < 1 {
		fmt.Fprintln(fs.Output(), "thelist aggregates: -batch and -writers must be at least 1")
		return errUsage
	}
	db, err := openDB(ctx, *cfg)
	if err != nil {
		return err
	}
	defer closeDB(db)
	began := time.Now()
	progress := newProgressOf(os.Stderr, "aggregates "+action, strings.TrimSuffix(action, "d")+"ing", "people")
	started, lastDone := false, 0
	report := func(done, total int) {
		if !started {
			progress.Start(total)
			started = true
		}
		progress.Add(done - lastDone)
		lastDone = done
	}
	if action == "rebuild" {
		if err := db.RebuildDepartures(ctx, *batch, *writers, report); err != nil {
			return err
		}
		if started {
			progress.Finish()
		}
		fmt.Fprintf(stdout, "departures rebuilt for %d people in %s\n", lastDone, time.Since(began).Round(time.Second))
		return nil
	}
	bad, n, differ, err := db.CheckDepartures(ctx, 20, report)
	if err != nil {
		return err
	}
	if started {
		progress.Finish()
	}
	for _, b := range bad {
		fmt.Fprintf(stdout, "%s\tkept %d departures, worked out %d\n", b.PersonID, b.Kept, b.Computed)
	}
	if differ > 0 {
		return fmt.Errorf("%w: the departures of %d of %d people differ (thelist aggregates rebuild)", errFindings, differ, n)
	}
	fmt.Fprintf(stdout, "departures of %d people agree (%s)\n", n, time.Since(began).Round(time.Second))
	return nil
}
