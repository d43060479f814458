// Command import is the import benchmark (make bench-import; BENCHMARKS.md).
// For each size it generates a synthetic bundle (thelist gen), imports it
// into an empty bench Neo4j with `thelist import` under /usr/bin/time -v,
// then loads the same CSV files into an empty database with Neo4j's own
// LOAD CSV … CALL { … } IN TRANSACTIONS (the anchor, anchor.go), checks that
// both graphs hold the same nodes, relationships and properties, and writes
// a markdown report to bench/out/import-<date>.md. For the sizes in
// -profile-sizes it also runs the importer in-process with a CPU profile
// (profile.go) to say where the time goes.
//
// It runs from the repository root and uses only the bench instance of
// neo4j/neo4jctl (Bolt 7691), which it resets (empties) before each load.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

type config struct {
	sizes, profileSizes []int
	seed                int
	out, thelist, self  string
	neo4jctl, instance  string
	uri, password       string
	importDir           string
	batchSize           int
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "profile-run" {
		if err := profileRun(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "profile-run:", err)
			os.Exit(1)
		}
		return
	}
	var cfg config
	// -sizes, -profile-sizes and -batch-size default to the env variables
	// SIZES, PROFILE_SIZES and BATCH_SIZE, which make passes.
	sizes := flag.String("sizes", envOr("SIZES", "100000 1000000"), "people per bundle, space-separated (env SIZES)")
	profileSizes := flag.String("profile-sizes", envOr("PROFILE_SIZES", "100000"), "sizes to also profile in-process (env PROFILE_SIZES; \"\" for none)")
	seed := flag.Int("seed", 1, "generator seed")
	flag.StringVar(&cfg.out, "out", "bench/out", "where bundles and reports go")
	flag.StringVar(&cfg.thelist, "thelist", "bench/out/thelist", "the thelist binary to benchmark")
	flag.StringVar(&cfg.neo4jctl, "neo4jctl", "neo4j/neo4jctl", "the neo4jctl script")
	flag.StringVar(&cfg.instance, "instance", "bench", "the neo4jctl instance (it is reset: never dev or test)")
	flag.StringVar(&cfg.uri, "uri", "bolt://127.0.0.1:7691", "its Bolt address")
	flag.StringVar(&cfg.password, "password", "thelist-bench", "its password")
	flag.StringVar(&cfg.importDir, "import-dir", ".neo4j/bench/import", "its LOAD CSV import folder")
	batch := flag.String("batch-size", envOr("BATCH_SIZE", "5000"), "thelist import --batch-size (env BATCH_SIZE)")
	flag.Parse()
	cfg.seed = *seed
	var err error
	if cfg.sizes, err = ints(*sizes); err != nil || len(cfg.sizes) == 0 {
		die("-sizes: want numbers, got %q", *sizes)
	}
	if cfg.profileSizes, err = ints(*profileSizes); err != nil {
		die("-profile-sizes: want numbers, got %q", *profileSizes)
	}
	if cfg.batchSize, err = strconv.Atoi(*batch); err != nil {
		die("-batch-size: %v", err)
	}
	if cfg.instance == "dev" || cfg.instance == "test" {
		die("-instance %s: the benchmark empties its database; use bench", cfg.instance)
	}
	if cfg.self, err = os.Executable(); err != nil {
		die("%v", err)
	}
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		die("/usr/bin/time is missing: it measures the importer's peak memory. Install it: sudo apt-get install time")
	}
	if _, err := os.Stat(cfg.thelist); err != nil {
		die("%s is missing: build it with go build -o %s ./cmd/thelist (make bench-import does)", cfg.thelist, cfg.thelist)
	}
	if err := run(cfg); err != nil {
		die("%v", err)
	}
}

// envOr is the value of the env variable name, or def when it is unset.
func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

func ints(s string) ([]int, error) {
	var out []int
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' }) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("bad size %q", f)
		}
		out = append(out, n)
	}
	return out, nil
}

func die(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench-import: "+format+"\n", args...)
	os.Exit(1)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s bench-import: "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

// result is everything measured for one size.
type result struct {
	People  int
	Rows    map[string]int // by kind
	RowsAll int
	GenTime time.Duration

	// The warm-up loads (2,000 people) on the freshly restarted server.
	ImportWarmUp, AnchorWarmUp time.Duration

	Import       timed
	ImportReport string
	ImportCensus census

	NoDB    *phases // the importer with a store that writes nothing
	Profile *phases // the importer in-process, writing, profiled
	ProfRun timed
	TopCPU  string // go tool pprof -top of the profiled run

	Anchor       timed
	AnchorByKind map[string]time.Duration
	AnchorCensus census
	Diff         []string

	// thelist import --bulk (neo4j-admin, offline) into an empty database,
	// end to end: validation, the CSV files, the server stopped, the
	// offline import, the server started, constraints and indexes online.
	Bulk       timed
	BulkReport string
	BulkCensus census
	BulkDiff   []string
}

// timed is one measured run: wall time, and for the client process its CPU
// and peak RSS (from /usr/bin/time), and the server's CPU over the run.
type timed struct {
	Wall      time.Duration
	UserCPU   time.Duration
	SysCPU    time.Duration
	MaxRSSKB  int64
	ServerCPU time.Duration
	// Load is the 1-minute load average before and after: the machine is
	// shared, and a load above its cores means the numbers are noisy.
	LoadBefore, LoadAfter string
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

func run(cfg config) error {
	ctx := context.Background()
	date := time.Now().Format("2006-01-02")
	report := filepath.Join(cfg.out, "import-"+date+".md")
	var results []*result
	m := machine(ctx, cfg)
	for _, n := range cfg.sizes {
		r, err := benchSize(ctx, cfg, n)
		if r != nil {
			results = append(results, r)
			// Written after every size, so a long run leaves its results early.
			if werr := writeReport(report, m, cfg, results); werr != nil {
				return werr
			}
			js, _ := json.MarshalIndent(r, "", "  ")
			_ = os.WriteFile(filepath.Join(cfg.out, fmt.Sprintf("import-%s-%d.json", date, n)), js, 0o644)
		}
		if err != nil {
			return fmt.Errorf("%d people: %w", n, err)
		}
	}
	b, err := os.ReadFile(report)
	if err != nil {
		return err
	}
	fmt.Print(string(b))
	logf("report written to %s", report)
	return nil
}

func benchSize(ctx context.Context, cfg config, n int) (*result, error) {
	r := &result{People: n}
	dir := filepath.Join(cfg.out, strconv.Itoa(n))

	// a. Generate the bundle afresh (seconds), so it matches the generator.
	logf("%d people: generating %s", n, dir)
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	t := time.Now()
	if err := sh(nil, cfg.thelist, "gen", "--people", strconv.Itoa(n), "--seed", strconv.Itoa(cfg.seed), dir); err != nil {
		return nil, err
	}
	r.GenTime = time.Since(t)
	var err error
	if r.Rows, err = countRows(dir); err != nil {
		return nil, err
	}
	for _, v := range r.Rows {
		r.RowsAll += v
	}

	// The importer alone, with a store that writes nothing: the floor that
	// parsing and validating set, whatever the database does.
	logf("%d people: importer without a database (validation and parsing only)", n)
	noDB, _, err := profiled(cfg, dir, true, "")
	if err != nil {
		return nil, err
	}
	r.NoDB = noDB

	// b. thelist import into an empty database.
	if err := resetAndSchema(cfg); err != nil {
		return nil, err
	}
	importLoad := func(dir string) error {
		cmd := exec.Command(cfg.thelist, "import", "--batch-size", strconv.Itoa(cfg.batchSize), dir)
		cmd.Env = neo4jEnv(cfg)
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		return cmd.Run()
	}
	if r.ImportWarmUp, err = warmUp(ctx, cfg, importLoad); err != nil {
		return nil, err
	}
	logf("%d people: thelist import (%d rows)", n, r.RowsAll)
	var out strings.Builder
	r.Import, err = timeRun(cfg, &out, cfg.thelist, "import", "--batch-size", strconv.Itoa(cfg.batchSize), dir)
	r.ImportReport = out.String()
	if err != nil {
		return r, fmt.Errorf("thelist import: %w\n%s", err, r.ImportReport)
	}
	logf("%d people: imported in %s; taking the census", n, r.Import.Wall.Round(time.Millisecond))
	if r.ImportCensus, err = censusOf(ctx, cfg); err != nil {
		return r, err
	}

	// The in-process profiled import, for where the time goes.
	if slices.Contains(cfg.profileSizes, n) {
		if err := resetAndSchema(cfg); err != nil {
			return r, err
		}
		if _, err := warmUp(ctx, cfg, importLoad); err != nil {
			return r, err
		}
		logf("%d people: importer in-process with a CPU profile", n)
		prof := filepath.Join(cfg.out, fmt.Sprintf("import-%d.cpu.pprof", n))
		r.Profile, r.ProfRun, err = profiled(cfg, dir, false, prof)
		if err != nil {
			return r, err
		}
		r.TopCPU = pprofTop(cfg, prof, "-top", "-nodecount=30")
		r.TopCPU += "\n" + pprofTop(cfg, prof, "-top", "-cum", "-nodecount=30")
	}

	// c. The anchor: LOAD CSV into an empty database.
	if err := resetAndSchema(cfg); err != nil {
		return r, err
	}
	anchorLoad := func(dir string) error {
		_, _, err := anchor(ctx, cfg, dir, 0)
		return err
	}
	if r.AnchorWarmUp, err = warmUp(ctx, cfg, anchorLoad); err != nil {
		return r, err
	}
	logf("%d people: LOAD CSV anchor", n)
	if r.Anchor, r.AnchorByKind, err = anchor(ctx, cfg, dir, n); err != nil {
		return r, err
	}
	logf("%d people: LOAD CSV in %s; taking the census", n, r.Anchor.Wall.Round(time.Millisecond))
	if r.AnchorCensus, err = censusOf(ctx, cfg); err != nil {
		return r, err
	}
	r.Diff = diffCensus(r.ImportCensus, r.AnchorCensus, "importer", "LOAD CSV")
	if len(r.Diff) > 0 {
		return r, fmt.Errorf("the two graphs differ:\n  %s", strings.Join(r.Diff, "\n  "))
	}
	logf("%d people: both graphs hold the same nodes, relationships and properties", n)

	// d. thelist import --bulk into an empty database (reset, no schema:
	// the offline import replaces the store, and the command creates the
	// schema after it). No warm-up: the offline importer is a process of
	// its own, and the server restart is part of what it costs.
	if err := sh(io.Discard, cfg.neo4jctl, "reset", cfg.instance); err != nil {
		return r, fmt.Errorf("neo4jctl reset %s: %w", cfg.instance, err)
	}
	logf("%d people: thelist import --bulk", n)
	var bulkOut strings.Builder
	r.Bulk, err = timeRun(cfg, &bulkOut, cfg.thelist, "import", "--bulk",
		"--server-cmd", cfg.neo4jctl+" {} "+cfg.instance, "--admin-cmd", cfg.neo4jctl+" admin "+cfg.instance, dir)
	r.BulkReport = bulkOut.String()
	if err != nil {
		return r, fmt.Errorf("thelist import --bulk: %w\n%s", err, r.BulkReport)
	}
	logf("%d people: --bulk in %s; taking the census", n, r.Bulk.Wall.Round(time.Millisecond))
	if r.BulkCensus, err = censusOf(ctx, cfg); err != nil {
		return r, err
	}
	r.BulkDiff = diffCensus(r.ImportCensus, r.BulkCensus, "importer", "--bulk")
	if len(r.BulkDiff) > 0 {
		return r, fmt.Errorf("the --bulk graph differs:\n  %s", strings.Join(r.BulkDiff, "\n  "))
	}
	logf("%d people: the --bulk graph holds the same nodes, relationships and properties", n)
	return r, nil
}

// countRows counts the data rows of each CSV file of a bundle (the
// generator writes one record a line, with no line breaks inside cells).
func countRows(dir string) (map[string]int, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil {
		return nil, err
	}
	rows := map[string]int{}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		n := -1 // the header
		for sc.Scan() {
			n++
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			return nil, err
		}
		rows[strings.TrimSuffix(filepath.Base(f), ".csv")] = n
	}
	return rows, nil
}

func sh(stdout io.Writer, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = stdout, os.Stderr
	if stdout == nil {
		cmd.Stdout = os.Stderr
	}
	return cmd.Run()
}

func neo4jEnv(cfg config) []string {
	// A long transaction timeout: on a loaded machine a batch of 5,000
	// records has taken over the default 30 s, which fails the import.
	return append(os.Environ(), "NEO4J_URI="+cfg.uri, "NEO4J_PASSWORD="+cfg.password, "NEO4J_USER=neo4j",
		"NEO4J_DATABASE=neo4j", "NEO4J_TX_TIMEOUT=10m")
}

// warmUp loads a small bundle with load (the importer or the anchor) into
// the freshly restarted server and deletes it again, so that the measured
// load finds a warm JVM and its queries already planned, as on a server that
// has been up for a while. The cold load's time is returned: it is reported,
// not hidden.
func warmUp(ctx context.Context, cfg config, load func(dir string) error) (time.Duration, error) {
	dir := filepath.Join(cfg.out, "warmup")
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
		if err := sh(io.Discard, cfg.thelist, "gen", "--force", "--people", "2000", "--seed", "2", dir); err != nil {
			return 0, err
		}
	}
	t := time.Now()
	if err := load(dir); err != nil {
		return 0, fmt.Errorf("warm-up: %w", err)
	}
	d := time.Since(t)
	drv, err := neo4j.NewDriverWithContext(cfg.uri, neo4j.BasicAuth("neo4j", cfg.password, ""))
	if err != nil {
		return d, err
	}
	defer drv.Close(ctx)
	session := drv.NewSession(ctx, neo4j.SessionConfig{DatabaseName: "neo4j"})
	defer session.Close(ctx)
	res, err := session.Run(ctx, `MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return d, fmt.Errorf("warm-up: delete: %w", err)
	}
	return d, nil
}

// resetAndSchema empties the bench database (neo4jctl reset) and applies
// the schema with thelist schema.
func resetAndSchema(cfg config) error {
	if err := sh(io.Discard, cfg.neo4jctl, "reset", cfg.instance); err != nil {
		return fmt.Errorf("neo4jctl reset %s: %w", cfg.instance, err)
	}
	cmd := exec.Command(cfg.thelist, "schema")
	cmd.Env = neo4jEnv(cfg)
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("thelist schema: %w", err)
	}
	return nil
}

// timeRun runs a command under /usr/bin/time -v against the bench database,
// copying its stdout to out and its stderr to ours.
func timeRun(cfg config, out io.Writer, name string, args ...string) (timed, error) {
	var t timed
	tf, err := os.CreateTemp("", "bench-time-*")
	if err != nil {
		return t, err
	}
	tf.Close()
	defer os.Remove(tf.Name())
	cmd := exec.Command("/usr/bin/time", append([]string{"-v", "-o", tf.Name(), name}, args...)...)
	cmd.Env = neo4jEnv(cfg)
	cmd.Stdout, cmd.Stderr = out, os.Stderr
	cpu0 := serverCPU(cfg)
	t.LoadBefore = loadAvg()
	began := time.Now()
	err = cmd.Run()
	t.Wall = time.Since(began)
	t.LoadAfter = loadAvg()
	t.ServerCPU = serverCPU(cfg) - cpu0
	b, rerr := os.ReadFile(tf.Name())
	if rerr == nil {
		t.UserCPU = seconds(b, `User time \(seconds\): ([0-9.]+)`)
		t.SysCPU = seconds(b, `System time \(seconds\): ([0-9.]+)`)
		if m := regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`).FindSubmatch(b); m != nil {
			t.MaxRSSKB, _ = strconv.ParseInt(string(m[1]), 10, 64)
		}
	}
	return t, err
}

func seconds(b []byte, re string) time.Duration {
	m := regexp.MustCompile(re).FindSubmatch(b)
	if m == nil {
		return 0
	}
	f, _ := strconv.ParseFloat(string(m[1]), 64)
	return time.Duration(f * float64(time.Second))
}

// serverCPU is the CPU time (user and system) the Neo4j server process has
// used so far, from /proc; zero when it cannot be read.
func serverCPU(cfg config) time.Duration {
	pidFile := filepath.Join(filepath.Dir(cfg.importDir), "run", "neo4j.pid")
	b, err := os.ReadFile(pidFile)
	if err != nil {
		return 0
	}
	stat, err := os.ReadFile("/proc/" + strings.TrimSpace(string(b)) + "/stat")
	if err != nil {
		return 0
	}
	s := string(stat)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:]) // fields from 3 on
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / 100 // USER_HZ
}

// profiled runs profile-run (profile.go) in a child process under
// /usr/bin/time, returning its phases.
func profiled(cfg config, dir string, noDB bool, cpuProfile string, more ...string) (*phases, timed, error) {
	args := []string{"profile-run", "-uri", cfg.uri, "-password", cfg.password}
	if noDB {
		args = append(args, "-nodb")
	}
	if cpuProfile != "" {
		args = append(args, "-cpuprofile", cpuProfile)
	}
	args = append(append(args, more...), dir)
	var out strings.Builder
	t, err := timeRun(cfg, &out, cfg.self, args...)
	if err != nil {
		return nil, t, fmt.Errorf("profile-run: %w", err)
	}
	var p phases
	if err := json.Unmarshal([]byte(out.String()), &p); err != nil {
		return nil, t, fmt.Errorf("profile-run output: %w", err)
	}
	return &p, t, nil
}

func pprofTop(cfg config, profile string, args ...string) string {
	cmd := exec.Command("go", append(append([]string{"tool", "pprof"}, args...), cfg.self, profile)...)
	b, err := cmd.Output()
	if err != nil {
		return fmt.Sprintf("(go tool pprof: %v)", err)
	}
	return string(b)
}

func censusOf(ctx context.Context, cfg config) (census, error) {
	drv, err := neo4j.NewDriverWithContext(cfg.uri, neo4j.BasicAuth("neo4j", cfg.password, ""))
	if err != nil {
		return census{}, err
	}
	defer drv.Close(ctx)
	return takeCensus(ctx, drv)
}

// anchor links (or copies) the bundle's CSV files into the server's import
// folder and runs the LOAD CSV statements of anchor.go, one per kind, each
// in an auto-commit transaction, as CALL … IN TRANSACTIONS requires.
func anchor(ctx context.Context, cfg config, dir string, n int) (timed, map[string]time.Duration, error) {
	var t timed
	sub := fmt.Sprintf("bench-%d", n)
	dst := filepath.Join(cfg.importDir, sub)
	if err := os.RemoveAll(dst); err != nil {
		return t, nil, err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return t, nil, err
	}
	defer os.RemoveAll(dst)
	for _, s := range anchorSteps {
		src := filepath.Join(dir, s.kind+".csv")
		if _, err := os.Stat(src); err != nil {
			continue
		}
		if err := linkOrCopy(src, filepath.Join(dst, s.kind+".csv")); err != nil {
			return t, nil, err
		}
	}
	drv, err := neo4j.NewDriverWithContext(cfg.uri, neo4j.BasicAuth("neo4j", cfg.password, ""))
	if err != nil {
		return t, nil, err
	}
	defer drv.Close(ctx)
	byKind := map[string]time.Duration{}
	cpu0 := serverCPU(cfg)
	t.LoadBefore = loadAvg()
	began := time.Now()
	for _, s := range anchorSteps {
		if _, err := os.Stat(filepath.Join(dst, s.kind+".csv")); err != nil {
			continue
		}
		kt := time.Now()
		session := drv.NewSession(ctx, neo4j.SessionConfig{DatabaseName: "neo4j"})
		res, err := session.Run(ctx, s.query, map[string]any{"url": "file:///" + sub + "/" + s.kind + ".csv"})
		if err == nil {
			_, err = res.Consume(ctx)
		}
		session.Close(ctx)
		if err != nil {
			return t, byKind, fmt.Errorf("LOAD CSV %s: %w", s.kind, err)
		}
		byKind[s.kind] = time.Since(kt)
		if n > 0 {
			logf("  LOAD CSV %s.csv: %s", s.kind, byKind[s.kind].Round(time.Millisecond))
		}
	}
	// The facts the importer keeps at write time (every person's
	// credentials and current lab, the departures of the lab pages) are
	// not records: LOAD CSV has no way to them but the backfill that
	// `thelist import --bulk` runs after its offline load too, and it is
	// part of the anchor's time, as it is of --bulk's.
	for _, step := range [][]string{{"derive", "--force", "--batch-size", "2000"}, {"aggregates", "rebuild"}} {
		kt := time.Now()
		cmd := exec.Command(cfg.thelist, step...)
		cmd.Env = neo4jEnv(cfg)
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			return t, byKind, fmt.Errorf("thelist %s: %w\n%s", strings.Join(step, " "), err, out.String())
		}
		byKind["thelist "+step[0]] = time.Since(kt)
		if n > 0 {
			logf("  thelist %s: %s", strings.Join(step, " "), byKind["thelist "+step[0]].Round(time.Millisecond))
		}
	}
	t.Wall = time.Since(began)
	t.ServerCPU = serverCPU(cfg) - cpu0
	t.LoadAfter = loadAvg()
	return t, byKind, nil
}

func linkOrCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// machineInfo describes where the benchmark ran.
type machineInfo struct {
	CPU, Cores, Memory, Java, Neo4j, Go, Kernel string
}

func machine(ctx context.Context, cfg config) machineInfo {
	m := machineInfo{Cores: strconv.Itoa(runtime.NumCPU()), Go: runtime.Version()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		if x := regexp.MustCompile(`model name\s*: (.*)`).FindSubmatch(b); x != nil {
			m.CPU = string(x[1])
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		if x := regexp.MustCompile(`MemTotal:\s*(\d+) kB`).FindSubmatch(b); x != nil {
			kb, _ := strconv.ParseFloat(string(x[1]), 64)
			m.Memory = fmt.Sprintf("%.1f GiB", kb/1024/1024)
		}
	}
	if b, err := exec.Command("java", "-version").CombinedOutput(); err == nil {
		m.Java = strings.Join(strings.Fields(strings.SplitN(string(b), "\n", 2)[0]), " ")
	}
	if b, err := exec.Command("uname", "-sr").Output(); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	_ = sh(io.Discard, cfg.neo4jctl, "start", cfg.instance)
	if drv, err := neo4j.NewDriverWithContext(cfg.uri, neo4j.BasicAuth("neo4j", cfg.password, "")); err == nil {
		res, err := neo4j.ExecuteQuery(ctx, drv, `CALL dbms.components() YIELD name, versions, edition
			RETURN name + ' ' + versions[0] + ' ' + edition AS v`, nil, neo4j.EagerResultTransformer)
		if err == nil && len(res.Records) > 0 {
			v, _ := res.Records[0].Get("v")
			m.Neo4j = fmt.Sprint(v)
		}
		drv.Close(ctx)
	}
	return m
}
