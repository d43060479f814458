package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/importer"
)

// bulkSettings are thelist import's flags for a first load through Neo4j's
// offline importer (--bulk).
type bulkSettings struct {
	on        *bool
	serverCmd *string
	adminCmd  *string
	workDir   *string
}

func bulkFlags(fs *flag.FlagSet) bulkSettings {
	return bulkSettings{
		on: fs.Bool("bulk", false, "first load of an EMPTY database through neo4j-admin database import full: the bundle is "+
			"validated as for an import, written as CSV files, the server stopped, the files imported offline, the server "+
			"started and the schema created (docs/operations.md)"),
		serverCmd: fs.String("server-cmd", env("THELIST_SERVER_CMD", "neo4j {}"),
			"--bulk: the command that stops and starts the Neo4j server, {} standing for stop or start (env THELIST_SERVER_CMD; "+
				"e.g. \"neo4j/neo4jctl {} dev\")"),
		adminCmd: fs.String("admin-cmd", env("THELIST_ADMIN_CMD", "neo4j-admin"),
			"--bulk: the command that runs that server's neo4j-admin (env THELIST_ADMIN_CMD; e.g. \"neo4j/neo4jctl admin dev\")"),
		workDir: fs.String("bulk-dir", "", "--bulk: where to write the CSV files (default: a temporary folder, removed after)"),
	}
}

// bulkStore is the database as the importer sees it during a bulk load:
// every read (references, stored labs and people, the import lock) goes to
// the real, empty database, so the bundle is checked exactly as an import
// checks it, and every write goes to the CSV files instead.
type bulkStore struct {
	*graph.DB
	w *graph.BulkWriter
}

func (s bulkStore) WriteBundle(_ context.Context, b thelist.Bundle) (thelist.ImportResult, error) {
	return s.w.Write(b)
}

// EmptyKinds: every kind is empty, so no record is looked up.
func (s bulkStore) EmptyKinds(context.Context) ([]string, error) { return thelist.Kinds, nil }

// BeginFirstLoad: the files hold no facts kept at write time whatever the
// bundles say; the backfill runs once the server holds the data
// (runBulkImport), and marking the database now would be lost to the
// offline import anyway.
func (s bulkStore) BeginFirstLoad(context.Context) (bool, error) { return false, nil }

// RecordImport is done once the server holds the data (runBulkImport).
func (s bulkStore) RecordImport(context.Context, thelist.ImportMeta, thelist.ImportResult) (string, error) {
	return "", nil
}

// runBulkImport is thelist import --bulk DIR.
func runBulkImport(ctx context.Context, cfg graph.Config, dir string, bs bulkSettings, opts importer.Options, stdout io.Writer) error {
	began := time.Now()
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		closeDB(db)
		return err
	}
	if !empty {
		closeDB(db)
		return thelist.Errorf(thelist.EINVALID, "--bulk loads an empty database only, and this one holds data: "+
			"import into it without --bulk (the transactional import updates what is stored)")
	}
	work := *bs.workDir
	if work == "" {
		if work, err = os.MkdirTemp("", "thelist-bulk-"); err != nil {
			closeDB(db)
			return err
		}
		defer os.RemoveAll(work)
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		closeDB(db)
		return err
	}
	w := graph.NewBulkWriter(work)
	// One writer: the files are written in bundle order, as the database
	// would be.
	opts.Writers = 1
	rep, err := importer.Import(ctx, bulkStore{DB: db, w: w}, dir, opts)
	closeDB(db)
	groups, cerr := w.Close()
	if err = errors.Join(err, cerr); err != nil {
		return err
	}
	validated := time.Since(began)
	fmt.Fprintf(stdout, "validated %s and wrote its files in %s; stopping the server\n", dir, validated.Round(time.Millisecond))

	if err := runTool(ctx, strings.ReplaceAll(*bs.serverCmd, "{}", "stop"), nil); err != nil {
		return fmt.Errorf("stop the server: %w", err)
	}
	// The database comes first: --nodes and --relationships take any
	// number of values, and would swallow a name after them.
	args := []string{"database", "import", "full", cfg.Database, "--overwrite-destination=true", "--array-delimiter=U+001F", "--id-type=string", "--skip-bad-relationships=false", "--skip-duplicate-nodes=false",
		"--report-file=" + filepath.Join(work, "import.report")}
	var multiline []string
	for _, g := range groups {
		if g.Multiline {
			multiline = append(multiline, g.Data)
		}
	}
	if len(multiline) > 0 {
		args = append(args, "--multiline-fields-format=v2", "--multiline-fields="+strings.Join(multiline, ","))
	}
	for _, g := range groups {
		flag := "--relationships="
		if g.Nodes {
			flag = "--nodes="
		}
		args = append(args, flag+g.Label+"="+g.Header+","+g.Data)
	}
	importErr := runTool(ctx, *bs.adminCmd, args)
	// The server is started again whatever the offline import did, so a
	// failed load leaves a running server (with the empty database).
	if err := runTool(ctx, strings.ReplaceAll(*bs.serverCmd, "{}", "start"), nil); err != nil {
		return errors.Join(importErr, fmt.Errorf("start the server: %w", err))
	}
	if importErr != nil {
		return fmt.Errorf("neo4j-admin database import: %w", importErr)
	}
	loaded := time.Since(began)
	db, err = openWhenUp(ctx, cfg, 3*time.Minute) // applies the schema and waits for the indexes
	if err != nil {
		return err
	}
	defer closeDB(db)
	rep.Duration = time.Since(began)
	if rep.RunID, err = db.RecordImport(ctx, rep.Meta, rep.ImportResult); err != nil {
		return fmt.Errorf("record import: %w", err)
	}
	printReport(stdout, rep)
	fmt.Fprintf(stdout, "bulk: validated and written %s, loaded offline by %s, schema and indexes online by %s\n",
		validated.Round(time.Millisecond), loaded.Round(time.Millisecond), rep.Duration.Round(time.Millisecond))
	// The offline import writes records only: the facts kept at write time
	// (credentials and current lab, departures for the lab pages) are
	// backfilled here by a transactional first load's backfill
	// (graph.DB.FinishFirstLoad), so the loaded graph reads like one
	// imported row by row. Should it stop, `thelist import` of the same
	// bundle (every row unchanged) runs it again.
	backfill := time.Now()
	if err := db.FinishFirstLoad(ctx, backfillProgress("derived facts"), backfillProgress("departures")); err != nil {
		return fmt.Errorf("bulk: backfill: %w; `thelist import` of the same bundle finishes it", err)
	}
	fmt.Fprintf(stdout, "bulk: derived facts and departures backfilled in %s\n", time.Since(backfill).Round(time.Millisecond))
	return nil
}

// openWhenUp connects once the restarted server answers, and applies the
// schema (constraints and indexes, populated before it returns).
func openWhenUp(ctx context.Context, cfg graph.Config, wait time.Duration) (*graph.DB, error) {
	deadline := time.Now().Add(wait)
	for {
		db, err := openDB(ctx, cfg)
		if err == nil {
			return db, nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return nil, fmt.Errorf("the server did not answer after the bulk load: %w", err)
		}
		time.Sleep(2 * time.Second)
	}
}

// runTool runs a command line given as one string (split on spaces) with
// more arguments, its output going to stderr.
func runTool(ctx context.Context, cmdline string, args []string) error {
	parts := strings.Fields(cmdline)
	if len(parts) == 0 {
		return fmt.Errorf("empty command")
	}
	cmd := exec.CommandContext(ctx, parts[0], append(parts[1:], args...)...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", parts[0], err)
	}
	return nil
}

// graph.DB keeps a first load's facts to its end (importer.FirstLoader);
// bulkStore does not defer, and runs the backfill itself.
var _ importer.FirstLoader = (*graph.DB)(nil)
