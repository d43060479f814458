package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/api"
	"github.com/thelist/thelist/frontend"
	"github.com/thelist/thelist/graph"
	"github.com/thelist/thelist/importer"
)

func runServe(ctx context.Context, fs *flag.FlagSet, args []string, stdout io.Writer) error {
	cfg := neo4jFlags(fs)
	settings := serveFlags(fs)
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	// Bad settings stop the server before it connects to anything.
	apiCfg, err := settings.config()
	if err != nil {
		return err
	}
	cfg.MaxPathFrontier = settings.maxPathFrontier
	cfg.WriteRetryTime = settings.writeRetryTime
	// The server starts without its database and answers UNAVAILABLE
	// until it is there; the schema and the warm-up wait for it.
	cfg.StartWithoutDatabase = true
	// graphql-go allocates for every field it completes, and with Go's
	// default collector (GOGC=100) a fifth of the server's CPU went to
	// allocating and collecting. The server's live heap is small (decoded
	// answers in flight), so letting it grow to five times that before a
	// collection costs little memory: 13% less CPU a request on the API
	// benchmark's mix, peak RSS 42 → 70 MiB (BENCHMARKS.md). GOGC in the
	// environment overrides it.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
	}
	db, err := openDB(ctx, *cfg)
	if err != nil {
		return err
	}
	defer closeDB(db)
	srv, err := api.New(db, frontend.FS(), api.WithConfig(apiCfg))
	if err != nil {
		return err
	}
	// Plan the slowest statements while the server starts answering, so the
	// first path search does not wait seconds for its plan. It ends before
	// the database closes (deferred after closeDB, so it runs first).
	warmed := make(chan struct{})
	go func() {
		defer close(warmed)
		if db.SchemaPending() {
			return // the database is not there yet: its return warms them
		}
		start := time.Now()
		if err := db.WarmUp(ctx); err != nil && ctx.Err() == nil {
			slog.Warn("warm up plans", "err", err, "took", time.Since(start).Round(time.Millisecond))
			return
		}
		slog.Info("plans warmed", "took", time.Since(start).Round(time.Millisecond))
	}()
	defer func() { <-warmed }()
	ln, err := net.Listen("tcp", settings.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", settings.addr, err)
	}
	httpSrv := srv.HTTPServer()
	slog.Info("serving", "reads", settings.reads, "rate_limit", apiCfg.RateLimit.String(),
		"request_timeout", apiCfg.Limits.Timeout, "max_depth", apiCfg.Limits.MaxDepth, "max_cost", apiCfg.Limits.MaxCost,
		"heavy_reads", apiCfg.Limits.HeavyReads, "path_searches", apiCfg.Admission.PathSearches,
		"max_queue", apiCfg.Admission.MaxQueue, "max_queue_wait", apiCfg.Admission.MaxWait, "recovering_requests", apiCfg.Admission.Recovering,
		"read_header_timeout", apiCfg.HTTP.ReadHeader, "read_timeout", apiCfg.HTTP.Read, "idle_timeout", apiCfg.HTTP.Idle,
		"max_path_frontier", cfg.MaxPathFrontier, "write_retry_time", cfg.WriteRetryTime,
		"neo4j_probe_interval", cfg.Health.ProbeInterval, "neo4j_probe_timeout", cfg.Health.ProbeTimeout)
	fmt.Fprintf(stdout, "The List is serving on %s\n", browserURL(ln.Addr()))
	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// Let requests in flight finish; a load balancer has stopped sending new
	// ones by the time it sends SIGTERM.
	slog.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := httpSrv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	// Shutdown waits for the handlers, not for a resolver that outlived its
	// request's timeout; the database closes (deferred) only after those.
	if err := srv.Close(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// serveGCPercent is thelist serve's GOGC (see runServe).
const serveGCPercent = 400

// importMemoryLimit is the soft memory limit of thelist import.
const importMemoryLimit = 256 << 20

func runImport(ctx context.Context, fs *flag.FlagSet, args []string, stdout io.Writer) (err error) {
	cfg := neo4jFlags(fs)
	ifEmpty := fs.Bool("if-empty", false, "import only when the database holds no data yet (make run uses this)")
	dryRun := fs.Bool("dry-run", false, "validate the bundle and print what would change, writing nothing")
	batch := fs.Int("batch-size", 5000, "records written per transaction; a bundle no larger than one batch is written atomically")
	// Neo4j runs a transaction on one thread, so a second writer keeps a
	// second server core busy; more pay only on a server with more cores.
	writers := fs.Int("writers", 2, "batches of the same kind written at once, each in its own transaction")
	breakStale := fs.Bool("break-stale-lock", false, fmt.Sprintf(
		"take over the import lock of an import that sent no heartbeat for %s (it died without freeing it)", importer.StaleLockAfter))
	errorsFile := fs.String("errors", "", "write every problem found to this file, one JSON object a line (file, line, field, message)")
	bulk := bulkFlags(fs)
	if err := parse(fs, args, 1); err != nil {
		return err
	}
	dir := fs.Arg(0)
	var problems *bufio.Writer
	if *errorsFile != "" {
		f, err := os.Create(*errorsFile)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		problems = bufio.NewWriter(f)
		defer func() {
			// A problems file cut short would mislead the tools reading it.
			if werr := errors.Join(problems.Flush(), f.Close()); werr != nil {
				err = errors.Join(err, fmt.Errorf("import: write %s: %w", *errorsFile, werr))
			}
		}()
	}
	// The validation pass keeps every id of the bundle (16 bytes each), and
	// Go's default collector lets the heap grow to twice what is live: at
	// 1M people that peaked at 392 MiB of RSS. A soft limit makes the
	// collector work harder instead (233 MiB, 8% more client CPU; see
	// BENCHMARKS.md). GOMEMLIMIT in the environment overrides it.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(importMemoryLimit)
	}
	// A batch of thousands of upserts can outlast the 30-second default on
	// a busy server; an import waits longer unless told otherwise.
	if !flagSet(fs, "neo4j-tx-timeout") && os.Getenv("NEO4J_TX_TIMEOUT") == "" {
		cfg.TxTimeout = 10 * time.Minute
	}
	if *bulk.on {
		if *dryRun {
			return thelist.Errorf(thelist.EINVALID, "--bulk and --dry-run: a dry run writes nothing; run it without --bulk")
		}
		opts := importer.Options{BatchSize: *batch, Progress: newProgress(os.Stderr), BreakStaleLock: *breakStale}
		if problems != nil {
			opts.Errors = problems
		}
		return runBulkImport(ctx, *cfg, dir, bulk, opts, stdout)
	}
	db, err := openDB(ctx, *cfg)
	if err != nil {
		return err
	}
	defer closeDB(db)
	if *ifEmpty {
		empty, err := db.IsEmpty(ctx)
		if err != nil {
			return err
		} else if !empty {
			fmt.Fprintf(stdout, "the database already holds data; not importing %s\n", dir)
			return nil
		}
	}
	opts := importer.Options{DryRun: *dryRun, BatchSize: *batch, Writers: *writers, Progress: newProgress(os.Stderr),
		Backfill: backfillProgress, BreakStaleLock: *breakStale}
	if problems != nil {
		opts.Errors = problems
	}
	rep, err := importer.Import(ctx, db, dir, opts)
	if err != nil {
		return err
	}
	if l := rep.BrokenLock; l != nil {
		fmt.Fprintf(stdout, "broke the stale import lock of %s, pid %d, started %s (no heartbeat for %s)\n",
			thelist.Quote(l.Host), l.PID, l.Started.UTC().Format(time.DateTime+" MST"), l.Silent.Round(time.Second))
	}
	printReport(stdout, rep)
	return nil
}

// printReport writes the summary of an import: per kind, the rows read and
// what became of them.
func printReport(w io.Writer, rep importer.Report) {
	verb := "imported"
	if rep.DryRun {
		verb = "dry run, nothing written:"
	}
	fmt.Fprintf(w, "%s %s (%s %s) in %s", verb, rep.Meta.Bundle, rep.Meta.Name, rep.Meta.Version, rep.Duration.Round(time.Millisecond))
	if rep.RunID != "" {
		fmt.Fprintf(w, ", run %s", rep.RunID)
	}
	fmt.Fprintln(w)
	created, updated := "created", "updated"
	if rep.DryRun {
		created, updated = "would create", "would update"
	}
	fmt.Fprintf(w, "%-13s %9s %12s %12s %10s\n", "", "rows", created, updated, "unchanged")
	for _, kind := range thelist.Kinds {
		if n, ok := rep.Rows[kind]; ok {
			c := rep.Counts[kind]
			fmt.Fprintf(w, "%-13s %9d %12d %12d %10d\n", kind, n, c.Created, c.Updated, c.Unchanged)
		}
	}
	if rep.FirstLoad {
		fmt.Fprintf(w, "first load: derived facts and departures backfilled at the end, in %s\n",
			rep.Backfill.Round(time.Millisecond))
	}
	if m := rep.Counts[thelist.KindPeople].Matched; m > 0 {
		fmt.Fprintf(w, "%d people of the bundle matched people already in the database; "+
			"their records there were completed, not replaced\n", m)
	}
	if rep.WarningTotal > 0 {
		fmt.Fprintf(w, "%d warning(s), imported all the same:\n", rep.WarningTotal)
		for _, p := range rep.Warnings {
			fmt.Fprintf(w, "  %s\n", p)
		}
		if more := rep.WarningTotal - len(rep.Warnings); more > 0 {
			fmt.Fprintf(w, "  … and %d more\n", more)
		}
	}
}

func runSchema(ctx context.Context, fs *flag.FlagSet, args []string, stdout io.Writer) error {
	cfg := neo4jFlags(fs)
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	db, err := openDB(ctx, *cfg)
	if err != nil {
		return err
	}
	closeDB(db)
	fmt.Fprintln(stdout, "schema applied")
	return nil
}

// parse parses the flags and checks the number of positional arguments.
func parse(fs *flag.FlagSet, args []string, want int) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() != want {
		fmt.Fprintf(fs.Output(), "want %d argument(s), got %d\n\n", want, fs.NArg())
		fs.Usage()
		return errUsage
	}
	return nil
}

// openDB connects to Neo4j and applies the schema, which every command
// needs before its first query: constraints must exist before the first
// MERGE, or every MERGE scans.
func openDB(ctx context.Context, cfg graph.Config) (*graph.DB, error) {
	db, err := graph.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if db.SchemaPending() {
		return db, nil // applied when the database answers (graph.Config.StartWithoutDatabase)
	}
	if err := db.ApplySchema(ctx); err != nil {
		closeDB(db)
		return nil, err
	}
	return db, nil
}

func closeDB(db *graph.DB) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.Close(ctx); err != nil {
		slog.Warn("close database", "err", err)
	}
}

// browserURL is the address to open in a browser: localhost for the
// loopback address, since that is what people type.
func browserURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// flagSet reports whether the flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
