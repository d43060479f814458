// Command overload is the overload benchmark (make bench-overload;
// BENCHMARKS.md): 100 path searches sent at once, with the rate limit off,
// to `thelist serve` on the demo data plus generated people. It checks
// what issue 11 asks of overload: every request answered within its
// timeout, each either an answer or OVERLOADED, at least half answered,
// none TIMEOUT. It exits 1 when a round breaks one of these.
//
// It runs from the repository root against a scratch Neo4j instance of
// neo4j/neo4jctl (default overloadbench, Bolt 7712), which it fills with
// `thelist import data` and `thelist gen` + `thelist import` when it is
// empty, and starts the server itself, as bench-api does.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist/bench/internal/load"
	"github.com/thelist/thelist/frontend"
)

type config struct {
	people, seed, clients, rounds int
	timeout                       time.Duration
	out, thelist                  string
	instance, uri, password       string
	serveArgs                     string
	soak                          soakConfig
}

func main() {
	var cfg config
	flag.IntVar(&cfg.people, "people", 20000, "generated people added to the demo data (thelist gen --people)")
	flag.IntVar(&cfg.seed, "seed", 1, "seed of the generator and of the pairs searched")
	flag.IntVar(&cfg.clients, "clients", 100, "path searches sent at once")
	flag.IntVar(&cfg.rounds, "rounds", 3, "rounds of them, each with new pairs, a few seconds apart")
	flag.DurationVar(&cfg.timeout, "request-timeout", 15*time.Second, "the server's request timeout (--request-timeout)")
	flag.StringVar(&cfg.out, "out", "bench/out", "where the generated bundle, the server's log and the report go")
	flag.StringVar(&cfg.thelist, "thelist", "bench/out/thelist", "the thelist binary (make bench-overload builds it)")
	flag.StringVar(&cfg.instance, "instance", "overloadbench", "the neo4jctl instance the graph lives in (for the report)")
	flag.StringVar(&cfg.uri, "uri", "bolt://127.0.0.1:7712", "its Bolt address")
	flag.StringVar(&cfg.password, "password", "thelist-overloadbench", "its password (user neo4j)")
	flag.StringVar(&cfg.serveArgs, "serve-args", "", "more flags for thelist serve, space-separated")
	flag.DurationVar(&cfg.soak.duration, "soak", 0, "after the rounds, a soak this long during which Neo4j is stopped and started (0: none)")
	flag.IntVar(&cfg.soak.clients, "soak-clients", 32, "the soak's clients, each sending reads without pause")
	flag.DurationVar(&cfg.soak.restartAfter, "soak-stop-after", time.Minute, "how far into the soak Neo4j is stopped")
	flag.DurationVar(&cfg.soak.downFor, "soak-down-for", 20*time.Second, "how long Neo4j stays stopped")
	flag.StringVar(&cfg.soak.neo4jctl, "neo4jctl", "neo4j/neo4jctl", "the script that stops and starts the instance (make passes the instance's ports in the environment)")
	flag.Parse()
	if cfg.clients < 1 || cfg.rounds < 1 || cfg.people < 0 {
		die("-clients and -rounds must be positive, -people not negative")
	}
	if cfg.soak.duration > 0 && (cfg.soak.clients < 1 || cfg.soak.restartAfter+cfg.soak.downFor+time.Minute > cfg.soak.duration) {
		die("-soak must outlast -soak-stop-after, -soak-down-for and the minute after, with -soak-clients positive")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ok, err := run(ctx, cfg)
	if err != nil {
		die("%v", err)
	}
	if !ok {
		os.Exit(1)
	}
}

func die(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench-overload: "+format+"\n", args...)
	os.Exit(2)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s bench-overload: "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

func run(ctx context.Context, cfg config) (bool, error) {
	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return false, err
	}
	driver, err := neo4j.NewDriverWithContext(cfg.uri, neo4j.BasicAuth("neo4j", cfg.password, ""))
	if err != nil {
		return false, err
	}
	defer driver.Close(context.Background())
	env := append(os.Environ(), "NEO4J_URI="+cfg.uri, "NEO4J_USER=neo4j", "NEO4J_PASSWORD="+cfg.password)
	ids, err := ensureGraph(ctx, cfg, driver, env)
	if err != nil {
		return false, err
	}

	logFile := filepath.Join(cfg.out, "overload-thelist.log")
	args := append([]string{"--request-timeout", cfg.timeout.String()}, strings.Fields(cfg.serveArgs)...)
	// The path search's plan and the path index are warmed before the
	// bursts (on a busy 2-core machine with the 100k graph, 3 minutes):
	// the benchmark is about overload, not cold plans.
	srv, base, err := load.Serve(ctx, cfg.thelist, logFile, env, 8*time.Minute, args...)
	if err != nil {
		return false, err
	}
	defer srv.Stop(20 * time.Second)

	rep := report{Date: time.Now().UTC(), Machine: machine(), Commit: commit(), People: len(ids),
		Generated: cfg.people, Clients: cfg.clients, Timeout: cfg.timeout, ServeArgs: strings.Join(append([]string{"--rate-limit", "off"}, args...), " ")}
	rng := rand.New(rand.NewPCG(uint64(cfg.seed), 0x6f7665726c6f6164))
	query := frontend.MustOperation("Path")
	for r := range cfg.rounds {
		if r > 0 {
			time.Sleep(5 * time.Second) // the queue of the last round has drained
		}
		logf("round %d: %d path searches at once", r+1, cfg.clients)
		results := burst(ctx, base+"/graphql", query, pairs(rng, ids, cfg.clients), cfg.timeout+10*time.Second)
		rep.Rounds = append(rep.Rounds, summarise(results, cfg.timeout))
	}
	if cfg.soak.duration > 0 {
		logf("soak: %d clients for %s, Neo4j stopped %s in for %s", cfg.soak.clients, cfg.soak.duration, cfg.soak.restartAfter, cfg.soak.downFor)
		s, err := soak(ctx, cfg, cfg.soak, base+"/graphql", ids)
		if err != nil {
			return false, err
		}
		rep.Soak = &s
	}
	if m, err := get(base + "/metrics"); err == nil {
		rep.Shed = metricLines(m, "thelist_shed_total")
	}
	md := rep.markdown()
	fmt.Print(md)
	name := filepath.Join(cfg.out, "overload-"+rep.Date.Format("2006-01-02T150405")+".md")
	if err := os.WriteFile(name, []byte(md), 0o644); err != nil {
		return false, err
	}
	logf("report: %s", name)
	return rep.ok(), nil
}

// ensureGraph loads the demo data and the generated people into an empty
// instance, and returns the ids of every person.
func ensureGraph(ctx context.Context, cfg config, driver neo4j.DriverWithContext, env []string) ([]string, error) {
	if err := driver.VerifyConnectivity(ctx); err != nil {
		return nil, fmt.Errorf("no Neo4j at %s (make bench-overload starts it): %w", cfg.uri, err)
	}
	ids, err := personIDs(ctx, driver)
	if err != nil {
		return nil, err
	}
	generated := 0
	for _, id := range ids {
		if strings.HasPrefix(id, "syn-") {
			generated++
		}
	}
	switch {
	case generated == cfg.people && len(ids) > generated:
		logf("the graph is loaded: %d people, %d of them generated", len(ids), generated)
		return ids, nil
	case len(ids) > 0:
		return nil, fmt.Errorf("%s holds %d people, %d generated, not the demo data and %d generated: reset it (neo4j/neo4jctl reset %s)",
			cfg.uri, len(ids), generated, cfg.people, cfg.instance)
	}
	dir := filepath.Join(cfg.out, "overload-"+strconv.Itoa(cfg.people))
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	steps := [][]string{
		{"import", "data"},
		{"gen", "--people", strconv.Itoa(cfg.people), "--seed", strconv.Itoa(cfg.seed), dir},
		{"import", "--batch-size", "5000", dir},
	}
	for _, args := range steps {
		logf("thelist %v", args)
		cmd := exec.CommandContext(ctx, cfg.thelist, args...)
		cmd.Env, cmd.Stdout, cmd.Stderr = append(env, "NEO4J_TX_TIMEOUT=10m"), os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("thelist %s: %w", args[0], err)
		}
	}
	return personIDs(ctx, driver)
}

func personIDs(ctx context.Context, driver neo4j.DriverWithContext) ([]string, error) {
	res, err := neo4j.ExecuteQuery(ctx, driver, "MATCH (p:Person) RETURN p.id ORDER BY p.id", nil, neo4j.EagerResultTransformer)
	if err != nil {
		return nil, fmt.Errorf("person ids: %w", err)
	}
	ids := make([]string, 0, len(res.Records))
	for _, r := range res.Records {
		if id, ok := r.Values[0].(string); ok {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

func pairs(rng *rand.Rand, ids []string, n int) [][2]string {
	out := make([][2]string, n)
	for i := range out {
		out[i] = [2]string{ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]}
	}
	return out
}

// result is one request's outcome: the HTTP status, the first error code
// (or "" for an answer) and how long it took.
type result struct {
	status  int
	code    string
	elapsed time.Duration
	err     error // the request failed below HTTP
}

// burst sends one path search per pair, all released at once.
func burst(ctx context.Context, url, query string, ps [][2]string, clientTimeout time.Duration) []result {
	client := &http.Client{Timeout: clientTimeout, Transport: &http.Transport{MaxIdleConnsPerHost: len(ps)}}
	results := make([]result, len(ps))
	var done sync.WaitGroup
	start := make(chan struct{})
	for i, p := range ps {
		done.Add(1)
		go func() {
			defer done.Done()
			<-start
			results[i] = send(ctx, client, url, query, "Path", map[string]any{"from": p[0], "to": p[1]})
		}()
	}
	close(start)
	done.Wait()
	return results
}

// send posts one GraphQL request and returns its outcome: the HTTP status,
// the first error's code and how long the answer took.
func send(ctx context.Context, client *http.Client, url, query, op string, vars map[string]any) result {
	body, _ := json.Marshal(map[string]any{"query": query, "operationName": op, "variables": vars})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return result{err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/graphql-response+json")
	t0 := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return result{err: err, elapsed: time.Since(t0)}
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	out := result{status: resp.StatusCode, elapsed: time.Since(t0), err: err}
	var r struct {
		Errors []struct {
			Extensions struct{ Code string } `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		out.err = fmt.Errorf("answer is not JSON: %w", err)
	} else if len(r.Errors) > 0 {
		out.code = r.Errors[0].Extensions.Code
	}
	return out
}

// round is what one burst measured.
type round struct {
	Answered, Overloaded, Timeout, Other, Failed int
	Codes                                        map[string]int
	AnsweredP50, AnsweredMax                     time.Duration
	OverloadedP50, OverloadedMax                 time.Duration
	Slowest                                      time.Duration
	LateAnswers                                  int // after the request timeout
}

// answered counts a path that was found and one that does not exist or is
// too broad to search: those are answers to the question, not refusals.
func summarise(rs []result, timeout time.Duration) round {
	var r round
	r.Codes = map[string]int{}
	var ans, over []time.Duration
	for _, x := range rs {
		r.Slowest = max(r.Slowest, x.elapsed)
		if x.elapsed > timeout {
			r.LateAnswers++
		}
		switch {
		case x.err != nil:
			r.Failed++
			r.Codes["(no answer: "+x.err.Error()+")"]++
		case x.code == "" || x.code == "NOT_FOUND" || x.code == "TOO_BROAD":
			r.Answered++
			ans = append(ans, x.elapsed)
			if x.code != "" {
				r.Codes[x.code]++
			}
		case x.code == "OVERLOADED" && x.status == http.StatusServiceUnavailable:
			r.Overloaded++
			over = append(over, x.elapsed)
		case x.code == "TIMEOUT":
			r.Timeout++
		default:
			r.Other++
			r.Codes[x.code+" "+strconv.Itoa(x.status)]++
		}
	}
	r.AnsweredP50, r.AnsweredMax = p50max(ans)
	r.OverloadedP50, r.OverloadedMax = p50max(over)
	return r
}

func p50max(ds []time.Duration) (time.Duration, time.Duration) {
	if len(ds) == 0 {
		return 0, 0
	}
	slices.Sort(ds)
	return ds[len(ds)/2], ds[len(ds)-1]
}

type report struct {
	Date              time.Time
	Machine           string
	Commit            string
	People, Generated int
	Clients           int
	Timeout           time.Duration
	ServeArgs         string
	Rounds            []round
	Soak              *soakReport
	Shed              []string
}

// ok says whether every round met the targets.
func (r report) ok() bool {
	if r.Soak != nil && !r.Soak.ok() {
		return false
	}
	for _, x := range r.Rounds {
		if !x.ok(r.Clients) {
			return false
		}
	}
	return true
}

func (x round) ok(clients int) bool {
	return x.LateAnswers == 0 && x.Failed == 0 && x.Other == 0 && x.Timeout == 0 && 2*x.Answered >= clients
}

func (r report) markdown() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# Overload benchmark, %s\n\n", r.Date.Format("2006-01-02 15:04 UTC"))
	w("%s; thelist at %s; %d people (the demo data and %d generated); %d path searches (the web app's Path document, "+
		"random pairs) sent at once, %d rounds; `thelist %s`.\n\n", r.Machine, r.Commit, r.People, r.Generated,
		r.Clients, len(r.Rounds), r.ServeArgs)
	w("| round | answered | OVERLOADED (503) | TIMEOUT | other | no answer | answered p50 / max | OVERLOADED p50 / max | slowest | after %s | targets met |\n", r.Timeout)
	w("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|\n")
	for i, x := range r.Rounds {
		met := "yes"
		if !x.ok(r.Clients) {
			met = "**no**"
		}
		w("| %d | %d | %d | %d | %d | %d | %s / %s | %s / %s | %s | %d | %s |\n", i+1, x.Answered, x.Overloaded, x.Timeout, x.Other, x.Failed,
			ms(x.AnsweredP50), ms(x.AnsweredMax), ms(x.OverloadedP50), ms(x.OverloadedMax), ms(x.Slowest), x.LateAnswers, met)
	}
	w("\nTargets (issue 11): every request answered within its timeout, each an answer or OVERLOADED, at least half answered, none TIMEOUT. " +
		"NOT_FOUND (no path within maxHops) and TOO_BROAD count as answers.\n")
	for i, x := range r.Rounds {
		if len(x.Codes) > 0 {
			w("\nRound %d, codes among them: %v\n", i+1, x.Codes)
		}
	}
	if r.Soak != nil {
		w("%s", r.Soak.markdown())
	}
	if len(r.Shed) > 0 {
		w("\nServer's counters at the end: `%s`\n", strings.Join(r.Shed, "`, `"))
	}
	return b.String()
}

func ms(d time.Duration) string {
	if d == 0 {
		return "–"
	}
	return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
}

func machine() string {
	m := fmt.Sprintf("%d cores", runtime.NumCPU())
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m = strings.TrimSpace(v) + ", " + m
				break
			}
		}
	}
	return m
}

func commit() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "?"
	}
	c := strings.TrimSpace(string(out))
	if st, _ := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); len(st) > 0 {
		c += " (with uncommitted changes)"
	}
	return c
}

func get(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func metricLines(b []byte, name string) []string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, name+"{") || strings.HasPrefix(l, name+" ") {
			out = append(out, l)
		}
	}
	return out
}
