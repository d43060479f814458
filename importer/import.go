// Package importer reads data bundles (docs/data-format.md): it validates
// every row of every file, resolves references against the bundle and the
// database, and only then writes, in batches, through the Store.
//
// An import makes two passes over the files. The first validates and keeps
// only ids (compactly, see idSet), so memory stays bounded however large the
// bundle; the second parses the rows again and writes them in transactions
// of BatchSize records. Writes are upserts keyed by id that skip unchanged
// records, so an import that stopped half-way (the database went away) is
// finished by running it again, with no duplicate and no lost row.
package importer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/thelist/thelist"
)

// Store is what the importer needs from the database.
type Store interface {
	// MissingIDs returns those of ids that no node with the label has.
	MissingIDs(ctx context.Context, label string, ids []string) ([]string, error)
	// WriteBundle upserts the records of b in one transaction.
	WriteBundle(ctx context.Context, b thelist.Bundle) (thelist.ImportResult, error)
	// PlanBundle says what WriteBundle would do, without writing.
	PlanBundle(ctx context.Context, b thelist.Bundle) (thelist.ImportResult, error)
	// RecordImport logs a finished import in the graph and returns its id.
	RecordImport(ctx context.Context, meta thelist.ImportMeta, res thelist.ImportResult) (string, error)
}

// Options tune an import.
type Options struct {
	// DryRun validates and reports what would change, writing nothing.
	DryRun bool
	// BatchSize is how many records one transaction writes; 5,000 when zero.
	// A bundle no larger than one batch is written atomically.
	BatchSize int
	// Progress receives progress reports while writing; nil for none.
	Progress Progress
}

// Report says what an import did, or would do when DryRun.
type Report struct {
	thelist.ImportResult
	Meta     thelist.ImportMeta
	Rows     map[string]int // rows read, by kind
	DryRun   bool
	Duration time.Duration
}

// Import validates the bundle in dir and writes it. An invalid bundle
// returns a *ValidationError and writes nothing.
func Import(ctx context.Context, store Store, dir string, opts Options) (Report, error) {
	began := time.Now()
	if opts.BatchSize <= 0 {
		opts.BatchSize = 5000
	}
	if opts.Progress == nil {
		opts.Progress = noProgress{}
	}
	var ps problems
	files, m, err := scan(dir, &ps)
	if err != nil {
		return Report{}, err
	}
	rows, checksum, matches, err := validate(ctx, store, files, &ps)
	if err != nil {
		return Report{}, err
	}
	if err := ps.err(); err != nil {
		return Report{}, err
	}
	rep := Report{
		Meta:   thelist.ImportMeta{Bundle: dir, Name: m.Name, Version: m.Version, Checksum: checksum},
		Rows:   rows,
		DryRun: opts.DryRun,
	}
	rep.Counts = map[string]thelist.ImportCounts{}
	total := 0
	for _, n := range rows {
		total += n
	}
	opts.Progress.Start(total)
	err = write(ctx, store, files, matches, opts, &rep)
	opts.Progress.Finish()
	if err != nil {
		return rep, err
	}
	if !opts.DryRun {
		if rep.RunID, err = store.RecordImport(ctx, rep.Meta, rep.ImportResult); err != nil {
			return rep, fmt.Errorf("record import: %w", err)
		}
	}
	rep.Duration = time.Since(began)
	return rep, nil
}

// write is the second pass: it parses the rows again and writes (or plans)
// them a batch at a time.
func write(ctx context.Context, store Store, files []bundleFile, matches map[string]match, opts Options, rep *Report) error {
	flush := store.WriteBundle
	if opts.DryRun {
		flush = store.PlanBundle
	}
	var ps problems
	v := newValidator(ctx, store)
	v.ps, v.writing = &ps, true
	v.resolver.matches = matches
	var batch thelist.Bundle
	var last location // the last row in the batch, for the error message
	send := func() error {
		if batch.Len() == 0 {
			return nil
		}
		res, err := flush(ctx, batch)
		if err != nil {
			return fmt.Errorf("write the batch ending at %s:%d: %w; the batches before it are written, "+
				"and running the same import again finishes the job", last.file, last.line, err)
		}
		rep.Add(res)
		opts.Progress.Add(batch.Len())
		batch = thelist.Bundle{}
		return nil
	}
	for _, f := range files {
		fh, err := os.Open(f.path)
		if err != nil {
			return fmt.Errorf("open bundle file: %w", err)
		}
		c := &rowCtx{v: v, kind: f.spec.kind, file: f.name}
		var sendErr error
		err = f.read(fh, &ps, func(r row) {
			if sendErr != nil {
				return
			}
			c.r = r
			f.spec.parse(c, &batch)
			last = location{file: f.name, line: r.line}
			if batch.Len() >= opts.BatchSize {
				sendErr = send()
			}
		})
		closeErr := fh.Close()
		if err = errors.Join(err, sendErr, closeErr); err != nil {
			return err
		}
		if ps.total > 0 {
			return fmt.Errorf("%s changed while it was imported: %s", f.name, ps.list[0])
		}
	}
	return send()
}

// Progress is told how the write pass goes.
type Progress interface {
	Start(total int) // the number of records to write
	Add(n int)       // n more records written
	Finish()
}

type noProgress struct{}

func (noProgress) Start(int) {}
func (noProgress) Add(int)   {}
func (noProgress) Finish()   {}
