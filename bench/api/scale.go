package main

// The scale mode (-scale 100000,300000,1000000): how each read of the web
// app grows with the graph. For each size (generated, one seed) it loads the
// graph into the instance, starts `thelist serve` on it, and times every
// read the web app makes with its own documents (frontend/src/graphql) at
// each concurrency: p50, p95, and the errors by code. Unlike the comparison
// mode it runs ours only: the question is how our reads grow, and the slow
// ones (seconds to the request timeout at 1M before issue 16) would make a
// fixed-duration mix meaningless. Neo4j Community holds one user database per
// instance, so the sizes take turns: each size's store is moved into the
// instance's data folder when its turn comes and moved out, intact, after
// (-stores), so that a graph is imported once per size.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist/bench/internal/load"
	"github.com/thelist/thelist/frontend"
)

type scaleConfig struct {
	sizes       []int
	seed        int
	concurrency []int
	duration    time.Duration
	minRequests int
	stores      string   // where each size's store waits while another is loaded
	bundles     string   // where generated bundles are kept
	neo4jctl    string   // neo4j/neo4jctl
	prepare     []string // thelist commands run on each size before it is timed (a backfill)
	label       string   // before, after: names the report
	profile     bool
	importFlags []string // thelist import's flags for a size not imported yet
	shape       string   // thelist gen --shape: default or conference
	restart     bool     // restart Neo4j before serving each size, and time the first request of each read
	goalMs      float64  // one p95 goal for every read (issue 14's conference corpus: 500 ms); 0: issue 16's by group
}

// scaleRead is one read of the web app: one operation, or, for the lab page,
// the four operations it sends together (its time is the slowest of them).
type scaleRead struct {
	name  string
	group string // what the goal applies to: filter, person, lab, other
	ops   []string
	vars  func(s *scaleSample, i int) []map[string]any
	items int // distinct requests in the sample (1 for fixed variables)
}

type scaleSample struct {
	people, recruiters, surnames []string
	pairs                        [][2]string
	biggestLab                   string
	biggestLabStints             int64
	// biggestRow is the largest row of the biggest lab's flow table: the
	// lab it lost most people to in one year, and that year.
	biggestRowTo, biggestRowYear string
}

// Every read the web app makes, with the variables it sends (network/api.ts,
// lab/api.ts, recruitment/api.ts, person/api.ts): the neighbourhood at two
// hops and the largest limit it offers, the path with every kind of link,
// and the candidates page with the filters issue 16 reports failing at 1M.
var scaleReads = []*scaleRead{
	{name: "person page", group: "person", ops: []string{"GetPerson"},
		vars: func(s *scaleSample, i int) []map[string]any { return []map[string]any{{"id": s.people[i]}} }},
	{name: "path", group: "other", ops: []string{"Path"},
		vars: func(s *scaleSample, i int) []map[string]any {
			return []map[string]any{{"from": s.pairs[i][0], "to": s.pairs[i][1], "kinds": nil, "maxHops": 4, "asOf": nil}}
		}},
	{name: "recruitment chains", group: "other", ops: []string{"Recruitment"},
		vars: func(s *scaleSample, i int) []map[string]any {
			return []map[string]any{{"id": s.recruiters[i], "depth": 3}}
		}},
	{name: "neighbourhood (2 hops, 5,000)", group: "other", ops: []string{"Neighborhood"},
		vars: func(s *scaleSample, i int) []map[string]any {
			return []map[string]any{{"id": s.people[i], "hops": 2, "limit": 5000, "kinds": nil, "asOf": nil}}
		}},
	{name: "search", group: "other", ops: []string{"SearchPeople"},
		vars: func(s *scaleSample, i int) []map[string]any {
			return []map[string]any{{"query": s.surnames[i], "first": 10}}
		}},
	{name: "candidates atLeast 2 by citations", group: "filter", ops: []string{"Candidates"}, items: 1,
		vars: func(s *scaleSample, i int) []map[string]any {
			return []map[string]any{{"where": map[string]any{"atLeast": 2}, "orderBy": "CITATIONS"}}
		}},
	{name: "candidates breakthrough at biggest lab", group: "filter", ops: []string{"Candidates"}, items: 1,
		vars: func(s *scaleSample, i int) []map[string]any {
			return []map[string]any{{"where": map[string]any{"breakthrough": true, "workedAt": []string{s.biggestLab}}}}
		}},
	{name: "candidates minCitations 5000", group: "filter", ops: []string{"Candidates"}, items: 1,
		vars: func(s *scaleSample, i int) []map[string]any {
			return []map[string]any{{"where": map[string]any{"minCitations": 5000}}}
		}},
	{name: "biggest lab: people (LabInfo)", group: "lab", ops: []string{"LabInfo"}, items: 1,
		vars: func(s *scaleSample, i int) []map[string]any {
			return []map[string]any{labPageVars(s, "LabInfo")}
		}},
	{name: "biggest lab: alumni, clusters (LabAlumni)", group: "lab", ops: []string{"LabAlumni"}, items: 1,
		vars: func(s *scaleSample, i int) []map[string]any {
			return []map[string]any{labPageVars(s, "LabAlumni")}
		}},
	{name: "biggest lab: offers (LabMoves)", group: "lab", ops: []string{"LabMoves"}, items: 1,
		vars: func(s *scaleSample, i int) []map[string]any {
			return []map[string]any{labPageVars(s, "LabMoves")}
		}},
	{name: "biggest lab: flows in (LabFlowsIn)", group: "lab", ops: []string{"LabFlowsIn"}, items: 1,
		vars: func(s *scaleSample, i int) []map[string]any {
			return []map[string]any{labPageVars(s, "LabFlowsIn")}
		}},
	{name: "biggest lab: flows out (LabFlowsOut)", group: "lab", ops: []string{"LabFlowsOut"}, items: 1,
		vars: func(s *scaleSample, i int) []map[string]any {
			return []map[string]any{labPageVars(s, "LabFlowsOut")}
		}},
	{name: "biggest lab: recruiters (LabRecruiters)", group: "lab", ops: []string{"LabRecruiters"}, items: 1,
		vars: func(s *scaleSample, i int) []map[string]any {
			return []map[string]any{labPageVars(s, "LabRecruiters")}
		}},
	{name: "biggest lab: a flow row's every move (FlowRowMoves)", group: "lab", ops: []string{"FlowRowMoves"}, items: 1,
		vars: func(s *scaleSample, i int) []map[string]any {
			y, _ := strconv.Atoi(s.biggestRowYear)
			return []map[string]any{{"from": s.biggestLab, "to": s.biggestRowTo, "perBucket": 100,
				"since": fmt.Sprintf("%04d-01-01", y), "until": fmt.Sprintf("%04d-01-01", y+1)}}
		}},
	{name: "biggest lab: whole page (6 at once)", group: "lab", ops: labPageOps, items: 1,
		vars: func(s *scaleSample, i int) []map[string]any {
			var out []map[string]any
			for _, op := range labPageOps {
				out = append(out, labPageVars(s, op))
			}
			return out
		}},
}

// labPageOps are the requests the web app's lab page sends at once
// (frontend/src/lab/api.ts, getLabView).
var labPageOps = []string{"LabInfo", "LabRecruiters", "LabAlumni", "LabMoves", "LabFlowsIn", "LabFlowsOut"}

// labPageVars are op's variables as the lab page sends them for the
// biggest lab, with no date and no window.
func labPageVars(s *scaleSample, op string) map[string]any {
	switch op {
	case "LabInfo", "LabRecruiters":
		return map[string]any{"id": s.biggestLab, "asOf": nil}
	case "LabAlumni":
		return map[string]any{"id": s.biggestLab, "asOf": nil, "since": nil, "until": nil}
	case "LabFlowsIn", "LabFlowsOut":
		return map[string]any{"id": s.biggestLab, "since": nil, "until": nil}
	}
	return map[string]any{"id": s.biggestLab}
}

// Goals of issue 16, by group, on p95.
var scaleGoalMs = map[string]float64{"filter": 1000, "person": 300, "lab": 2000}

// firstGoalMs is issue 14's goal for the first request after a restart.
const firstGoalMs = 2000.0

// goal is the p95 goal of a read of group: the run's one goal for every
// read (-scale-goal-ms), or issue 16's by group.
func (r *scaleReport) goal(group string) (float64, bool) {
	if r.GoalMs > 0 {
		return r.GoalMs, true
	}
	g, ok := scaleGoalMs[group]
	return g, ok
}

type scaleReport struct {
	Label       string            `json:"label"`
	Date        string            `json:"date"`
	Started     time.Time         `json:"started"`
	Finished    time.Time         `json:"finished"`
	Machine     map[string]string `json:"machine"`
	Commit      string            `json:"commit"`
	Instance    string            `json:"instance"`
	Seed        int               `json:"seed"`
	Sample      int               `json:"sample"`
	Duration    string            `json:"duration"`
	MinRequests int               `json:"minRequests"`
	Concurrency []int             `json:"concurrency"`
	Prepare     []string          `json:"prepare,omitempty"`
	Sizes       []*scaleSize      `json:"sizes"`
	Load        loadStats         `json:"load"`
	Profile     *profileSummary   `json:"profile,omitempty"`
	Shape       string            `json:"shape"`
	GoalMs      float64           `json:"goalMs,omitempty"`
}

type scaleSize struct {
	People      int              `json:"people"`
	BiggestLab  string           `json:"biggestLab"`
	LabStints   int64            `json:"biggestLabStints"`
	PrepareSecs map[string]int64 `json:"prepareSeconds,omitempty"`
	Load        loadStats        `json:"load"`
	Results     []*scaleResult   `json:"results"`
	// First: the first request of each read after Neo4j and the server
	// started (-scale-restart), in order.
	First []firstRequest `json:"firstAfterRestart,omitempty"`
}

type firstRequest struct {
	Read  string  `json:"read"`
	Ms    float64 `json:"ms"`
	Error string  `json:"error,omitempty"`
}

type scaleResult struct {
	Read        string          `json:"read"`
	Group       string          `json:"group"`
	Concurrency int             `json:"concurrency"`
	Requests    int             `json:"requests"`
	P50ms       float64         `json:"p50ms"`
	P95ms       float64         `json:"p95ms"`
	MaxMs       float64         `json:"maxMs"`
	Errors      map[string]int  `json:"errors,omitempty"`
	FirstError  string          `json:"firstError,omitempty"`
	latencies   []time.Duration // all requests, failed ones included
}

func runScale(ctx context.Context, cfg config, sc scaleConfig) error {
	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return err
	}
	rep := &scaleReport{Label: sc.label, Date: time.Now().UTC().Format("2006-01-02"), Started: time.Now().UTC(),
		Machine: machine(), Commit: versions(cfg)["thelist"], Instance: cfg.instance, Seed: sc.seed, Sample: cfg.sampleSize,
		Duration: sc.duration.String(), MinRequests: sc.minRequests, Concurrency: sc.concurrency, Prepare: sc.prepare,
		Shape: sc.shapeName(), GoalMs: sc.goalMs}
	load := watchLoad(ctx)
	var slowest struct {
		read string
		p95  float64
	}
	for _, n := range sc.sizes {
		size, err := scaleOne(ctx, cfg, sc, n)
		if err != nil {
			return fmt.Errorf("%d people: %w", n, err)
		}
		rep.Sizes = append(rep.Sizes, size)
		if err := writeScale(cfg, rep); err != nil { // after each size, so a long run leaves what it has
			return err
		}
		if n == slices.Max(sc.sizes) {
			for _, r := range size.Results {
				if r.Concurrency == 1 && r.P95ms > slowest.p95 && len(r.readOps()) == 1 {
					slowest.read, slowest.p95 = r.Read, r.P95ms
				}
			}
			if sc.profile && slowest.read != "" {
				logf("%d people: PROFILE of the slowest read, %s", n, slowest.read)
				p, err := profileRead(ctx, cfg, sc, n, slowest.read)
				if err != nil {
					logf("PROFILE failed: %v", err)
					p = &profileSummary{Read: slowest.read, People: n, Error: err.Error()}
				}
				rep.Profile = p
			}
		}
	}
	rep.Load = load()
	rep.Finished = time.Now().UTC()
	if err := writeScale(cfg, rep); err != nil {
		return err
	}
	fmt.Print(rep.markdown())
	return nil
}

func (r *scaleResult) readOps() []string {
	for _, x := range scaleReads {
		if x.name == r.Read {
			return x.ops
		}
	}
	return nil
}

func writeScale(cfg config, rep *scaleReport) error {
	base := filepath.Join(cfg.out, "scale-"+rep.Date+"-"+rep.Label)
	js, _ := json.MarshalIndent(rep, "", "  ")
	if err := os.WriteFile(base+".json", js, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(base+".md", []byte(rep.markdown()), 0o644); err != nil {
		return err
	}
	logf("report written to %s.md and .json", base)
	return nil
}

// scaleOne loads size n, runs the prepare commands, serves it and times
// every read.
func scaleOne(ctx context.Context, cfg config, sc scaleConfig, n int) (*scaleSize, error) {
	if err := loadSize(ctx, cfg, sc, n); err != nil {
		return nil, err
	}
	size := &scaleSize{People: n, PrepareSecs: map[string]int64{}}
	env := append(os.Environ(), "NEO4J_URI="+cfg.uri, "NEO4J_USER=neo4j", "NEO4J_PASSWORD="+cfg.password,
		"NEO4J_DATABASE=neo4j", "NEO4J_TX_TIMEOUT=30m")
	for _, p := range sc.prepare {
		args := strings.Fields(p)
		logf("%d people: thelist %s", n, p)
		t0 := time.Now()
		cmd := exec.CommandContext(ctx, cfg.thelist, args...)
		// A patient probe, as for the import: a backfill is not a request.
		cmd.Env, cmd.Stdout, cmd.Stderr = append(env, "NEO4J_PROBE_TIMEOUT=30s", "NEO4J_PROBE_INTERVAL=5s"), os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("thelist %s: %w", p, err)
		}
		size.PrepareSecs[p] = int64(time.Since(t0).Seconds())
	}
	driver, err := neo4j.NewDriverWithContext(cfg.uri, neo4j.BasicAuth("neo4j", cfg.password, ""))
	if err != nil {
		return nil, err
	}
	defer driver.Close(context.Background())
	s, err := scaleSampleIDs(ctx, driver, sc.seed, cfg.sampleSize)
	if err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	size.BiggestLab, size.LabStints = s.biggestLab, s.biggestLabStints
	logf("%d people: biggest lab %s (%d stints)", n, s.biggestLab, s.biggestLabStints)

	if sc.restart {
		// A cold start, as after a deploy or a crash: Neo4j's page cache
		// and plan cache empty, the server started after it.
		logf("%d people: restarting Neo4j", n)
		if err := neo4jctl(sc, "stop", cfg.instance); err != nil {
			return nil, err
		}
		if err := neo4jctl(sc, "start", cfg.instance); err != nil {
			return nil, err
		}
	}
	srv, base, err := load.Serve(ctx, cfg.thelist, filepath.Join(cfg.out, fmt.Sprintf("scale-thelist-%d.log", n)), env, 5*time.Minute)
	if err != nil {
		return nil, err
	}
	defer srv.Stop(10 * time.Second)
	cl := &gqlClient{url: base + "/graphql", http: &http.Client{Timeout: 90 * time.Second}}
	docs := map[string]string{}
	for _, r := range scaleReads {
		for _, op := range r.ops {
			docs[op] = frontend.MustOperation(op)
		}
	}
	load := watchLoad(ctx)
	// One unmeasured request of each read first: the page cache and the
	// plan cache warm up, as they would on a server in use.
	// After a restart (-scale-restart) these are the first requests of
	// each read, in the order of scaleReads, and their times are kept.
	logf("%d people: warm-up, one request of each read", n)
	for _, r := range scaleReads {
		d, code, err := cl.page(ctx, docs, r.ops, r.vars(&s, 0))
		if err != nil {
			logf("  warm-up %s: %v", r.name, err)
		}
		if sc.restart {
			size.First = append(size.First, firstRequest{Read: r.name, Ms: float64(d.Microseconds()) / 1000, Error: code})
		}
	}
	for _, c := range sc.concurrency {
		for _, r := range scaleReads {
			res := timeRead(ctx, cl, docs, r, &s, c, sc)
			size.Results = append(size.Results, res)
			errs := ""
			if len(res.Errors) > 0 {
				errs = fmt.Sprintf(", errors %v", res.Errors)
			}
			logf("%d people, %d clients, %s: %d requests, p50 %.0f ms, p95 %.0f ms%s", n, c, r.name, res.Requests,
				res.P50ms, res.P95ms, errs)
		}
	}
	size.Load = load()
	return size, nil
}

// timeRead runs read r with c clients for sc.duration, and on until
// sc.minRequests requests have been made, each client making at least one.
func timeRead(ctx context.Context, cl *gqlClient, docs map[string]string, r *scaleRead, s *scaleSample, c int, sc scaleConfig) *scaleResult {
	res := &scaleResult{Read: r.name, Group: r.group, Concurrency: c, Errors: map[string]int{}}
	items := r.items
	if items == 0 {
		items = len(s.people)
	}
	var mu sync.Mutex
	var started int
	deadline := time.Now().Add(sc.duration)
	var wg sync.WaitGroup
	for w := range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(sc.seed), uint64(w)))
			for first := true; ctx.Err() == nil; first = false {
				mu.Lock()
				more := first || time.Now().Before(deadline) || started < sc.minRequests
				if more {
					started++
				}
				mu.Unlock()
				if !more {
					return
				}
				d, code, err := cl.page(ctx, docs, r.ops, r.vars(s, rng.IntN(items)))
				mu.Lock()
				res.latencies = append(res.latencies, d)
				if err != nil {
					res.Errors[code]++
					if res.FirstError == "" {
						res.FirstError = err.Error()
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	res.Requests = len(res.latencies)
	slices.Sort(res.latencies)
	q := func(p float64) float64 {
		if len(res.latencies) == 0 {
			return 0
		}
		// Nearest rank: with few requests the p95 is the slowest.
		i := int(float64(len(res.latencies))*p+0.999999) - 1
		return float64(res.latencies[max(0, min(i, len(res.latencies)-1))].Microseconds()) / 1000
	}
	res.P50ms, res.P95ms, res.MaxMs = q(0.5), q(0.95), q(1)
	if len(res.Errors) == 0 {
		res.Errors = nil
	}
	return res
}

type gqlClient struct {
	url  string
	http *http.Client
}

// page sends the operations at once, as the web app does, and returns the
// time until the last answered, and the first error's code.
func (c *gqlClient) page(ctx context.Context, docs map[string]string, ops []string, vars []map[string]any) (time.Duration, string, error) {
	t0 := time.Now()
	type out struct {
		code string
		err  error
	}
	ch := make(chan out, len(ops))
	for i, op := range ops {
		go func() {
			code, err := c.do(ctx, docs[op], vars[i])
			ch <- out{code, err}
		}()
	}
	var first out
	for range ops {
		o := <-ch
		if o.err != nil && first.err == nil {
			first = o
		}
	}
	return time.Since(t0), first.code, first.err
}

// do sends one operation; an error comes with the GraphQL error's code
// (TIMEOUT, UNAVAILABLE, TOO_BROAD, ...), or HTTP_<status>, or CLIENT for a
// request that got no answer.
func (c *gqlClient) do(ctx context.Context, doc string, vars map[string]any) (string, error) {
	body, err := json.Marshal(map[string]any{"query": doc, "variables": vars})
	if err != nil {
		return "CLIENT", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return "CLIENT", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return "CLIENT", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "CLIENT", err
	}
	var answer struct {
		Errors []struct {
			Message    string `json:"message"`
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(b, &answer); err != nil {
		return fmt.Sprintf("HTTP_%d", resp.StatusCode), fmt.Errorf("HTTP %d, not JSON: %.200s", resp.StatusCode, b)
	}
	if len(answer.Errors) > 0 {
		e := answer.Errors[0]
		code := e.Extensions.Code
		if code == "" {
			code = "NO_CODE"
		}
		return code, fmt.Errorf("%s: %.300s", code, e.Message)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Sprintf("HTTP_%d", resp.StatusCode), fmt.Errorf("HTTP %d: %.300s", resp.StatusCode, b)
	}
	return "", nil
}

func scaleSampleIDs(ctx context.Context, driver neo4j.DriverWithContext, seed, n int) (scaleSample, error) {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x7363616c65))
	var s scaleSample
	rows := func(q string, params map[string]any) ([]*neo4j.Record, error) {
		res, err := neo4j.ExecuteQuery(ctx, driver, q, params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			return nil, err
		}
		return res.Records, nil
	}
	strs := func(q string) ([]string, error) {
		recs, err := rows(q, nil)
		if err != nil {
			return nil, err
		}
		out := make([]string, len(recs))
		for i, r := range recs {
			out[i], _ = r.Values[0].(string)
		}
		return out, nil
	}
	pick := func(all []string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = all[rng.IntN(len(all))]
		}
		return out
	}
	people, err := strs(`MATCH (p:Person) RETURN p.id ORDER BY p.id`)
	if err != nil || len(people) == 0 {
		return s, errors.Join(err, errors.New("no people"))
	}
	s.people = pick(people)
	recruiters, err := strs(`MATCH (p:Person) WHERE EXISTS { (p)-[:RECRUITED]->() } RETURN p.id ORDER BY p.id`)
	if err != nil || len(recruiters) == 0 {
		return s, errors.Join(err, errors.New("no recruiters"))
	}
	s.recruiters = pick(recruiters)
	for _, id := range s.people {
		recs, err := rows(`MATCH (p:Person {id: $id}) RETURN p.name`, map[string]any{"id": id})
		if err != nil {
			return s, err
		}
		name, _ := recs[0].Values[0].(string)
		f := strings.Fields(name)
		s.surnames = append(s.surnames, f[len(f)-1])
	}
	// A co-author of a co-author, as someone exploring the network asks;
	// anyone for someone without one.
	for _, a := range s.people {
		recs, err := rows(`MATCH (a:Person {id: $id})-[:AUTHORED]->(:Paper)<-[:AUTHORED]-(b:Person)-[:AUTHORED]->(:Paper)<-[:AUTHORED]-(c:Person)
			WHERE c <> a AND b <> a RETURN DISTINCT c.id ORDER BY c.id LIMIT 200`, map[string]any{"id": a})
		if err != nil {
			return s, err
		}
		b := people[rng.IntN(len(people))]
		if len(recs) > 0 {
			b, _ = recs[rng.IntN(len(recs))].Values[0].(string)
		}
		s.pairs = append(s.pairs, [2]string{a, b})
	}
	recs, err := rows(`MATCH (l:Lab) RETURN l.id, COUNT { (l)<-[:WORKED_AT]-() } AS n ORDER BY n DESC, l.id LIMIT 1`, nil)
	if err != nil || len(recs) == 0 {
		return s, errors.Join(err, errors.New("no labs"))
	}
	s.biggestLab, _ = recs[0].Values[0].(string)
	s.biggestLabStints, _ = recs[0].Values[1].(int64)
	recs, err = rows(`MATCH (m:Move) USING INDEX m:Move(fromLabId, toLabId, date)
		WHERE m.fromLabId = $lab AND m.toLabId IS NOT NULL AND m.date IS NOT NULL
		RETURN m.toLabId, toString(m.date.year) AS year, count(*) AS n ORDER BY n DESC, m.toLabId, year LIMIT 1`,
		map[string]any{"lab": s.biggestLab})
	if err != nil || len(recs) == 0 {
		return s, errors.Join(err, errors.New("the biggest lab has no dated moves out"))
	}
	s.biggestRowTo, _ = recs[0].Values[0].(string)
	s.biggestRowYear, _ = recs[0].Values[1].(string)
	return s, nil
}

// loadSize makes the instance hold the graph of n people: it is loaded
// already, or its store waits in sc.stores, or it is generated and
// imported. The store it replaces is moved to sc.stores, never deleted.
func loadSize(ctx context.Context, cfg config, sc scaleConfig, n int) error {
	cur, err := peopleLoaded(ctx, cfg)
	if err != nil {
		return err
	}
	if cur == n {
		logf("%d people: loaded", n)
		return nil
	}
	home := filepath.Join(".neo4j", cfg.instance, "data")
	parts := []string{filepath.Join("databases", "neo4j"), filepath.Join("transactions", "neo4j")}
	if err := neo4jctl(sc, "stop", cfg.instance); err != nil {
		return err
	}
	if cur > 0 {
		dst := filepath.Join(sc.stores, strconv.Itoa(cur))
		if _, err := os.Stat(dst); err == nil {
			return fmt.Errorf("the instance holds %d people and %s exists too: which is which? Move one away", cur, dst)
		}
		for _, p := range parts {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(dst, p)), 0o755); err != nil {
				return err
			}
			logf("moving the store of %d people to %s", cur, filepath.Join(dst, p))
			if err := os.Rename(filepath.Join(home, p), filepath.Join(dst, p)); err != nil {
				return err
			}
		}
	} else {
		for _, p := range parts {
			if err := os.RemoveAll(filepath.Join(home, p)); err != nil { // an empty store
				return err
			}
		}
	}
	src := filepath.Join(sc.stores, strconv.Itoa(n))
	if _, err := os.Stat(src); err == nil {
		for _, p := range parts {
			logf("moving the store of %d people in from %s", n, filepath.Join(src, p))
			if err := os.Rename(filepath.Join(src, p), filepath.Join(home, p)); err != nil {
				return err
			}
		}
		_ = os.RemoveAll(src)
		return neo4jctl(sc, "start", cfg.instance)
	}
	if err := neo4jctl(sc, "start", cfg.instance); err != nil {
		return err
	}
	dir := filepath.Join(sc.bundles, bundleName(n, sc))
	env := append(os.Environ(), "NEO4J_URI="+cfg.uri, "NEO4J_USER=neo4j", "NEO4J_PASSWORD="+cfg.password,
		"NEO4J_TX_TIMEOUT=10m")
	steps := [][]string{{"schema"}, append(append([]string{"import"}, sc.importFlags...), dir)}
	if _, err := os.Stat(filepath.Join(dir, "people.csv")); err != nil {
		steps = append([][]string{{"gen", "--force", "--people", strconv.Itoa(n), "--seed", strconv.Itoa(sc.seed), "--shape", sc.shapeName(), dir}}, steps...)
	}
	for _, args := range steps {
		logf("thelist %v", args)
		cmd := exec.CommandContext(ctx, cfg.thelist, args...)
		cmd.Env, cmd.Stdout, cmd.Stderr = env, os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("thelist %s: %w", args[0], err)
		}
	}
	return nil
}

// shapeName is sc's shape as thelist gen names it.
func (sc scaleConfig) shapeName() string {
	if sc.shape == "" {
		return "default"
	}
	return sc.shape
}

// bundleName is the folder of the bundle of n people: bundle-N-seedS, with
// the shape after it unless it is the default one.
func bundleName(n int, sc scaleConfig) string {
	name := fmt.Sprintf("bundle-%d-seed%d", n, sc.seed)
	if sc.shapeName() != "default" {
		name += "-" + sc.shapeName()
	}
	return name
}

func peopleLoaded(ctx context.Context, cfg config) (int, error) {
	driver, err := neo4j.NewDriverWithContext(cfg.uri, neo4j.BasicAuth("neo4j", cfg.password, ""))
	if err != nil {
		return 0, err
	}
	defer driver.Close(context.Background())
	if err := driver.VerifyConnectivity(ctx); err != nil {
		return 0, fmt.Errorf("no Neo4j at %s (start it with neo4j/neo4jctl start %s and the ports in BENCH_API_ENV): %w",
			cfg.uri, cfg.instance, err)
	}
	res, err := neo4j.ExecuteQuery(ctx, driver, `MATCH (p:Person) RETURN count(p)`, nil, neo4j.EagerResultTransformer)
	if err != nil {
		return 0, err
	}
	n, _ := res.Records[0].Values[0].(int64)
	return int(n), nil
}

// neo4jctl runs neo4j/neo4jctl with our environment: the ports and sizes
// come from BENCH_API_ENV, which make bench-api exports.
func neo4jctl(sc scaleConfig, args ...string) error {
	cmd := exec.Command(sc.neo4jctl, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("neo4jctl %s: %w", strings.Join(args, " "), err)
	}
	return nil
}

// profileSummary is the PROFILE of one read's longest statement.
type profileSummary struct {
	Read      string       `json:"read"`
	People    int          `json:"people"`
	Statement string       `json:"statement,omitempty"`
	TotalHits int64        `json:"totalDbHits"`
	Millis    int64        `json:"millis"`
	Operators []profileRow `json:"operators,omitempty"`
	Error     string       `json:"error,omitempty"`
}

type profileRow struct {
	Depth    int    `json:"depth"`
	Operator string `json:"operator"`
	Details  string `json:"details,omitempty"`
	Rows     int64  `json:"rows"`
	DbHits   int64  `json:"dbHits"`
	Memory   int64  `json:"memoryBytes,omitempty"`
}

// profileRead sends one request of the read and, while it runs, watches
// Neo4j's transactions for the longest-running statement of the server's;
// then it runs that statement, with its parameters, under PROFILE.
func profileRead(ctx context.Context, cfg config, sc scaleConfig, n int, read string) (*profileSummary, error) {
	var r *scaleRead
	for _, x := range scaleReads {
		if x.name == read {
			r = x
		}
	}
	driver, err := neo4j.NewDriverWithContext(cfg.uri, neo4j.BasicAuth("neo4j", cfg.password, ""))
	if err != nil {
		return nil, err
	}
	defer driver.Close(context.Background())
	s, err := scaleSampleIDs(ctx, driver, sc.seed, cfg.sampleSize)
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(), "NEO4J_URI="+cfg.uri, "NEO4J_USER=neo4j", "NEO4J_PASSWORD="+cfg.password, "NEO4J_DATABASE=neo4j")
	srv, base, err := load.Serve(ctx, cfg.thelist, filepath.Join(cfg.out, "scale-thelist-profile.log"), env, 5*time.Minute)
	if err != nil {
		return nil, err
	}
	defer srv.Stop(10 * time.Second)
	cl := &gqlClient{url: base + "/graphql", http: &http.Client{Timeout: 90 * time.Second}}
	docs := map[string]string{r.ops[0]: frontend.MustOperation(r.ops[0])}
	type seen struct {
		query  string
		params map[string]any
		ms     int64
	}
	var longest seen
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _, _ = cl.page(ctx, docs, r.ops, r.vars(&s, 0))
	}()
	for watching := true; watching; {
		select {
		case <-done:
			watching = false
		case <-time.After(10 * time.Millisecond):
		}
		res, err := neo4j.ExecuteQuery(ctx, driver, `SHOW TRANSACTIONS YIELD currentQuery, parameters, elapsedTime
			WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' AND currentQuery <> ''
			RETURN currentQuery, parameters, elapsedTime.milliseconds AS ms`, nil, neo4j.EagerResultTransformer)
		if err != nil {
			return nil, fmt.Errorf("SHOW TRANSACTIONS: %w", err)
		}
		for _, rec := range res.Records {
			q, _ := rec.Values[0].(string)
			p, _ := rec.Values[1].(map[string]any)
			ms, _ := rec.Values[2].(int64)
			if ms >= longest.ms && !strings.HasPrefix(q, "PROFILE") {
				longest = seen{q, p, ms}
			}
		}
	}
	if longest.query == "" {
		return nil, errors.New("no statement of the read was seen running")
	}
	sum := &profileSummary{Read: read, People: n, Statement: longest.query}
	sess := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: "neo4j", AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	t0 := time.Now()
	result, err := sess.Run(ctx, "PROFILE "+longest.query, longest.params, func(c *neo4j.TransactionConfig) { c.Timeout = 5 * time.Minute })
	if err != nil {
		return sum, err
	}
	rs, err := result.Consume(ctx)
	if err != nil {
		return sum, err
	}
	sum.Millis = time.Since(t0).Milliseconds()
	var walk func(p neo4j.ProfiledPlan, depth int)
	walk = func(p neo4j.ProfiledPlan, depth int) {
		args := p.Arguments()
		details, _ := args["Details"].(string)
		mem, _ := args["Memory"].(int64)
		sum.Operators = append(sum.Operators, profileRow{Depth: depth, Operator: strings.TrimSuffix(p.Operator(), "@neo4j"),
			Details: details, Rows: p.Records(), DbHits: p.DbHits(), Memory: mem})
		sum.TotalHits += p.DbHits()
		for _, c := range p.Children() {
			walk(c, depth+1)
		}
	}
	if p := rs.Profile(); p != nil {
		walk(p, 0)
	}
	return sum, nil
}

func (r *scaleReport) markdown() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# API at scale (%s), %s\n\n", r.Label, r.Date)
	if r.Shape != "" && r.Shape != "default" {
		w("Shape of the generated graphs: %s (thelist gen --shape %s).\n\n", r.Shape, r.Shape)
	}
	w("thelist %s; generated graphs (seed %d) on the %s instance; each read for %s per concurrency and at least %d requests; "+
		"p50/p95 over every request, failed ones included. Run %s to %s UTC.\n\n",
		r.Commit, r.Seed, r.Instance, r.Duration, r.MinRequests, r.Started.Format("15:04:05"), r.Finished.Format("15:04:05"))
	w("Machine: %s, %s cores, %s memory, %s. Load average (1 min) during the run: min %.2f, mean %.2f, max %.2f (shared machine).\n\n",
		r.Machine["cpu"], r.Machine["cores"], r.Machine["memory"], r.Machine["kernel"], r.Load.Min, r.Load.Mean, r.Load.Max)
	if len(r.Prepare) > 0 {
		w("Before timing each size: thelist %s.\n\n", strings.Join(r.Prepare, "; thelist "))
	}
	for _, s := range r.Sizes {
		w("## %d people\n\nBiggest lab %s (%d stints). Load average during it: mean %.2f, max %.2f.", s.People, s.BiggestLab,
			s.LabStints, s.Load.Mean, s.Load.Max)
		for _, k := range sortedKeys64(s.PrepareSecs) {
			w(" thelist %s took %d s.", k, s.PrepareSecs[k])
		}
		w("\n\n| read | clients | requests | p50 | p95 | goal (p95) | errors |\n|---|--:|--:|--:|--:|---|---|\n")
		for _, x := range s.Results {
			goal := ""
			if g, ok := r.goal(x.Group); ok {
				goal = fmt.Sprintf("≤ %.0f ms %s", g, mark(x.Requests > 0 && x.P95ms <= g && len(x.Errors) == 0))
				if x.Requests == 0 { // an interrupted run: nothing was measured
					goal = fmt.Sprintf("≤ %.0f ms not measured", g)
				}
			}
			w("| %s | %d | %d | %.0f ms | %.0f ms | %s | %s |\n", x.Read, x.Concurrency, x.Requests, x.P50ms, x.P95ms, goal, errString(x.Errors))
		}
		w("\n")
		if len(s.First) > 0 {
			w("The first request of each read after Neo4j and the server started (page and plan caches empty), in this order (goal: ≤ %.0f ms):\n\n"+
				"| read | first request | error |\n|---|--:|---|\n", firstGoalMs)
			for _, f := range s.First {
				w("| %s | %.0f ms %s | %s |\n", f.Read, f.Ms, mark(f.Ms <= firstGoalMs && f.Error == ""), f.Error)
			}
			w("\n")
		}
	}
	if p := r.Profile; p != nil {
		w("## PROFILE of the slowest read at %d people: %s\n\n", p.People, p.Read)
		if p.Error != "" {
			w("PROFILE failed: %s\n\n", p.Error)
		}
		if p.Statement != "" {
			w("%d db hits in all, %d ms under PROFILE.\n\n| operator | details | rows | db hits | memory |\n|---|---|--:|--:|--:|\n", p.TotalHits, p.Millis)
			for _, o := range p.Operators {
				d := o.Details
				if len(d) > 80 {
					d = d[:80] + "…"
				}
				w("| %s%s | %s | %d | %d | %s |\n", strings.Repeat("· ", o.Depth), o.Operator,
					strings.ReplaceAll(d, "|", "\\|"), o.Rows, o.DbHits, bytesString(o.Memory))
			}
			w("\n<details><summary>statement</summary>\n\n```cypher\n%s\n```\n</details>\n\n", p.Statement)
		}
	}
	return b.String()
}

func errString(m map[string]int) string {
	if len(m) == 0 {
		return "0"
	}
	var parts []string
	for k, v := range m {
		parts = append(parts, fmt.Sprintf("%s %d", k, v))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

func bytesString(n int64) string {
	if n <= 0 {
		return ""
	}
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.0f KiB", float64(n)/1024)
}

func sortedKeys64(m map[string]int64) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// compareScale prints two scale reports (before and after a change) side
// by side, each size a table, with the goals of issue 16 beside the after
// figures; at the smallest size the goal is to be no worse than before.
func compareScale(files []string) (string, error) {
	var reps []*scaleReport
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		var r scaleReport
		if err := json.Unmarshal(b, &r); err != nil {
			return "", fmt.Errorf("%s: %w", f, err)
		}
		reps = append(reps, &r)
	}
	if len(reps) != 2 {
		return "", errors.New("-scale-compare wants two reports: before.json,after.json")
	}
	before, after := reps[0], reps[1]
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	cell := func(x *scaleResult) string {
		if x == nil {
			return "– | –"
		}
		e := ""
		if len(x.Errors) > 0 {
			e = " (" + errString(x.Errors) + ")"
		}
		return fmt.Sprintf("%s | %s%s", msString(x.P50ms), msString(x.P95ms), e)
	}
	smallest := 0
	for _, s := range after.Sizes {
		if smallest == 0 || s.People < smallest {
			smallest = s.People
		}
	}
	for _, sa := range after.Sizes {
		var sb *scaleSize
		for _, s := range before.Sizes {
			if s.People == sa.People {
				sb = s
			}
		}
		w("#### %s people (biggest lab: %d stints)\n\n", thousands(sa.People), sa.LabStints)
		w("| read | clients | before p50 | before p95 | after p50 | after p95 | goal (after p95) |\n|---|--:|--:|--:|--:|--:|---|\n")
		for _, xa := range sa.Results {
			var xb *scaleResult
			if sb != nil {
				for _, x := range sb.Results {
					if x.Read == xa.Read && x.Concurrency == xa.Concurrency {
						xb = x
					}
				}
			}
			var goals []string
			if g, ok := scaleGoalMs[xa.Group]; ok {
				goals = append(goals, fmt.Sprintf("≤ %s %s", msString(g), mark(xa.Requests > 0 && xa.P95ms <= g && len(xa.Errors) == 0)))
			}
			if sa.People == smallest && xb != nil {
				goals = append(goals, fmt.Sprintf("no worse than before %s", mark(xa.P95ms <= xb.P95ms*1.2 || xa.P95ms-xb.P95ms < 20)))
			}
			if len(goals) == 0 && len(xa.Errors) > 0 {
				goals = append(goals, "no errors **not met**")
			}
			w("| %s | %d | %s | %s | %s |\n", xa.Read, xa.Concurrency, cell(xb), cell(xa), strings.Join(goals, "; "))
		}
		if sb != nil {
			w("\nLoad average (1 min) while timed: before mean %.1f (max %.1f), after mean %.1f (max %.1f).", sb.Load.Mean, sb.Load.Max, sa.Load.Mean, sa.Load.Max)
		}
		for _, k := range sortedKeys64(sa.PrepareSecs) {
			w(" `thelist %s` on this size took %d s.", k, sa.PrepareSecs[k])
		}
		w("\n\n")
	}
	return b.String(), nil
}

func msString(ms float64) string {
	if ms >= 10000 {
		return fmt.Sprintf("%.1f s", ms/1000)
	}
	if ms >= 1000 {
		return fmt.Sprintf("%.2f s", ms/1000)
	}
	return fmt.Sprintf("%.0f ms", ms)
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
