// Command api is the API benchmark (make bench-api; BENCHMARKS.md). It runs
// a fixed mix of the web app's reads (person page, credential filter,
// recruitment chain, alumni, path, neighbourhood) against a synthetic
// 100k-person graph through three targets, at several concurrencies:
//
//   - ours: `thelist serve`, GraphQL over HTTP;
//   - cypher: the floor, the very statements the API sends (captured from
//     the graph package) run through the Go driver, with nothing around them;
//   - neo4j-graphql: the same reads through @neo4j/graphql (bench/api/
//     neo4j-graphql), on the same Neo4j, with equivalent type definitions:
//     its own translation of its generated filters and selections for the
//     person page, the credential filter and the recruitment chains
//     (native.go), and @cypher fields with our statements for the reads it
//     has no equivalent for (alumni, path, neighbourhood).
//
// Every target gets the same seeded sample of ids. Before timing, the
// answers of the three are compared on the sample, and any difference or
// error fails the run. It writes bench/out/api-<date>.md and .json.
//
// It runs from the repository root against a scratch Neo4j instance of
// neo4j/neo4jctl (default apibench, Bolt 7708), which it fills with
// `thelist gen` and `thelist import` when it does not hold the bundle yet.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type config struct {
	people, seed, sampleSize int
	rounds                   int
	concurrency              []int
	duration, warmup         time.Duration
	targets                  []string
	out, thelist, nodeDir    string
	instance, uri, password  string
}

func main() {
	var cfg config
	var conc, targets string
	flag.IntVar(&cfg.people, "people", 100000, "people in the synthetic graph (thelist gen --people)")
	flag.IntVar(&cfg.seed, "seed", 1, "seed of the generator and of the sample of ids")
	flag.IntVar(&cfg.sampleSize, "sample", 40, "ids sampled per query; every target gets the same ones")
	flag.StringVar(&conc, "concurrency", "1,4,16", "concurrent clients, comma-separated")
	flag.DurationVar(&cfg.duration, "duration", 30*time.Second, "measured time per target and concurrency")
	flag.DurationVar(&cfg.warmup, "warmup", 5*time.Second, "unmeasured warm-up of each target at each concurrency")
	flag.IntVar(&cfg.rounds, "rounds", 3, "rounds per concurrency: each target runs duration/rounds a round, targets taking turns")
	flag.StringVar(&targets, "targets", "ours,cypher,neo4j-graphql", "targets to run, comma-separated")
	flag.StringVar(&cfg.out, "out", "bench/out", "where the bundle, logs and reports go")
	flag.StringVar(&cfg.thelist, "thelist", "bench/out/thelist", "the thelist binary (make bench-api builds it)")
	flag.StringVar(&cfg.nodeDir, "node-dir", "bench/api/neo4j-graphql", "the @neo4j/graphql server (npm ci there first)")
	flag.StringVar(&cfg.instance, "instance", "apibench", "the neo4jctl instance the graph lives in (for the report)")
	flag.StringVar(&cfg.uri, "uri", "bolt://127.0.0.1:7708", "its Bolt address")
	flag.StringVar(&cfg.password, "password", "thelist-apibench", "its password (user neo4j)")
	var ngNative string
	flag.StringVar(&ngNative, "ng-native", "person,credentials,recruitment",
		"reads @neo4j/graphql translates itself (of person, credentials, recruitment); the others are @cypher fields with our statement. "+
			"\"person\" is the arrangement of the runs before 2026-11-30 06:00")
	var scale, scaleConc, prepare string
	var sc scaleConfig
	flag.StringVar(&scale, "scale", "", "scale mode: these sizes (people, comma-separated, e.g. 100000,300000,1000000) one after "+
		"another, every read of the web app timed with ours alone (scale.go); empty for the comparison mode")
	flag.IntVar(&sc.seed, "scale-seed", 11, "scale mode: the generator's seed (issue 16 measured seed 11)")
	flag.StringVar(&scaleConc, "scale-concurrency", "1,4", "scale mode: concurrent clients, comma-separated")
	flag.DurationVar(&sc.duration, "scale-duration", 10*time.Second, "scale mode: time per read and concurrency")
	flag.IntVar(&sc.minRequests, "scale-min", 3, "scale mode: at least this many requests per read and concurrency, however long they take")
	flag.StringVar(&sc.stores, "stores", "bench/out/stores", "scale mode: where each size's Neo4j store waits while another size is loaded")
	flag.StringVar(&sc.bundles, "bundles", "bench/out", "scale mode: where generated bundles are kept (bundle-N-seedS)")
	flag.StringVar(&sc.neo4jctl, "neo4jctl", "neo4j/neo4jctl", "scale mode: neo4j/neo4jctl, to stop and start the instance between sizes")
	flag.StringVar(&prepare, "prepare", "", "scale mode: thelist commands to run on each size before timing it, ';'-separated (a backfill, e.g. \"derive\")")
	flag.StringVar(&sc.label, "label", "run", "scale mode: names the report, bench/out/scale-DATE-LABEL.md and .json")
	flag.BoolVar(&sc.profile, "profile", true, "scale mode: PROFILE the slowest read at the largest size")
	flag.StringVar(&sc.shape, "scale-shape", "default", "scale mode: the generated graphs' shape, thelist gen --shape (default or conference; bundles bundle-N-seedS-conference)")
	flag.BoolVar(&sc.restart, "scale-restart", true, "scale mode: restart Neo4j before serving each size and report the first request of each read")
	flag.Float64Var(&sc.goalMs, "scale-goal-ms", 0, "scale mode: one p95 goal for every read, in ms (issue 14's conference corpus: 500); 0: issue 16's goals by group")
	var importFlags string
	// Larger batches and a patient probe: on a shared machine (load 30 on 2
	// cores) batches of 5,000 ran at 500 rows/s, and a probe answered late
	// stopped the import UNAVAILABLE.
	flag.StringVar(&importFlags, "import-flags", "--batch-size 20000 --writers 4 --neo4j-probe-timeout 30s --neo4j-probe-interval 5s",
		"scale mode: thelist import's flags, for a size not imported yet")
	var compare string
	flag.StringVar(&compare, "scale-compare", "", "print two scale reports side by side with the goals (before.json,after.json), and run nothing")
	flag.Parse()
	if compare != "" {
		md, err := compareScale(strings.Split(compare, ","))
		if err != nil {
			die("%v", err)
		}
		fmt.Print(md)
		return
	}
	// The instance's address and password follow from BENCH_API_ENV's
	// port and the instance's name, unless given.
	set := map[string]bool{}
	flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if port := os.Getenv("NEO4J_BOLT_PORT"); port != "" && !set["uri"] {
		cfg.uri = "bolt://127.0.0.1:" + port
	}
	if !set["password"] {
		cfg.password = "thelist-" + cfg.instance
	}
	if scale != "" {
		for _, f := range strings.Split(scale, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 {
				die("-scale: want sizes in people, got %q", scale)
			}
			sc.sizes = append(sc.sizes, n)
		}
		for _, f := range strings.Split(scaleConc, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 {
				die("-scale-concurrency: want positive numbers, got %q", scaleConc)
			}
			sc.concurrency = append(sc.concurrency, n)
		}
		sc.importFlags = strings.Fields(importFlags)
		for _, p := range strings.Split(prepare, ";") {
			if p = strings.TrimSpace(p); p != "" {
				sc.prepare = append(sc.prepare, p)
			}
		}
	}
	if err := setNative(ngNative); err != nil {
		die("-ng-native: %v", err)
	}
	if flag.NArg() > 0 {
		die("unexpected arguments %q (flags only; try -help)", flag.Args())
	}
	for _, f := range strings.Split(conc, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			die("-concurrency: want positive numbers, got %q", conc)
		}
		cfg.concurrency = append(cfg.concurrency, n)
	}
	for _, t := range strings.Split(targets, ",") {
		t = strings.TrimSpace(t)
		if t != targetOurs && t != targetCypher && t != targetNeo4jGraphQL {
			die("-targets: unknown target %q (want ours, cypher, neo4j-graphql)", t)
		}
		cfg.targets = append(cfg.targets, t)
	}
	if cfg.sampleSize < 1 || cfg.duration <= 0 || cfg.warmup < 0 || cfg.rounds < 1 {
		die("-sample, -duration, -warmup and -rounds must be positive")
	}
	if _, err := os.Stat(cfg.thelist); err != nil {
		die("%s is missing: go build -o %s ./cmd/thelist (make bench-api does)", cfg.thelist, cfg.thelist)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(sc.sizes) > 0 {
		if err := runScale(ctx, cfg, sc); err != nil {
			die("%v", err)
		}
		return
	}
	if err := run(ctx, cfg); err != nil {
		die("%v", err)
	}
}

func die(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench-api: "+format+"\n", args...)
	os.Exit(1)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s bench-api: "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}
