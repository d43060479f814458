package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/internal/bundledir"
	"github.com/thelist/thelist/synth"
)

func runGen(ctx context.Context, fset *flag.FlagSet, args []string, stdout io.Writer) error {
	people := fset.Int("people", 1000, "how many people to invent")
	seed := fset.Uint64("seed", 1, "random seed: the same seed and size write the same bundle, byte for byte")
	force := fset.Bool("force", false, "write into DIR even when it is not empty, overwriting the bundle's files")
	shape := fset.String("shape", synth.ShapeDefault, "the bundle's shape: "+strings.Join(synth.Shapes, " or ")+" (see below)")
	usage := fset.Usage
	fset.Usage = func() {
		usage()
		fmt.Fprint(fset.Output(), `
Every person, lab, paper and event in the bundle is invented, and every row
cites the one source "synthetic", which says so; all ids start with "syn-",
so a synthetic bundle never overwrites real records. The bundle has the shape
of the real graph: about one lab per 50 people with heavy-tailed sizes,
careers of 1 to 6 jobs with a move at each change of lab, PhDs for about 30%
of people, heavy-tailed paper counts, and a few recruiters who recruit many.
--shape conference gives the shape of a conference corpus instead: more
papers per prolific author, a third of authors with no institution, many
universities under two to four spellings (labs of their own), and more
Chinese and messy names (initials, upper case, diacritics, Han only).
Import it with: thelist import DIR
`)
	}
	if err := parse(fset, args, 1); err != nil {
		return err
	}
	dir := fset.Arg(0)
	if *people < 1 {
		fmt.Fprintf(fset.Output(), "--people: want at least 1, got %d\n\n", *people)
		fset.Usage()
		return errUsage
	}
	if !*force {
		if err := bundledir.CheckNew(dir, "choose another folder, or pass --force to overwrite"); err != nil {
			return err
		}
	}
	began := time.Now()
	stats, err := synth.GenerateContext(ctx, synth.Config{People: *people, Seed: *seed, Shape: *shape}, dir)
	if err != nil {
		return err
	}
	elapsed := time.Since(began)
	fmt.Fprintf(stdout, "wrote %s: %d synthetic people (seed %d) in %s\n", dir, *people, *seed, elapsed.Round(time.Millisecond))
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\trows\tbytes\t")
	var rows int
	var size int64
	for _, kind := range thelist.Kinds {
		n, ok := stats.Rows[kind]
		if !ok {
			continue
		}
		fi, err := os.Stat(filepath.Join(dir, kind+".csv"))
		if err != nil {
			return fmt.Errorf("gen: %w", err)
		}
		rows += n
		size += fi.Size()
		fmt.Fprintf(tw, "%s.csv\t%d\t%d\t\n", kind, n, fi.Size())
	}
	fmt.Fprintf(tw, "total\t%d\t%d\t\n", rows, size)
	if err := tw.Flush(); err != nil {
		slog.Warn("print gen report", "err", err)
	}
	return nil
}
