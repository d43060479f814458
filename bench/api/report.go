package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"
)

// The goals of the API issue, against the two baselines of the same run.
const (
	goalThroughputVsNG = 2.0  // ours ≥ 2× @neo4j/graphql's throughput
	goalP99VsNG        = 0.5  // ours' p99 ≤ ½ of @neo4j/graphql's
	goalLatencyVsFloor = 1.25 // ours' latency ≤ 1.25× the floor's
)

type report struct {
	Date        string            `json:"date"`
	Started     time.Time         `json:"started"`
	Finished    time.Time         `json:"finished"`
	Machine     map[string]string `json:"machine"`
	Versions    map[string]string `json:"versions"`
	Instance    string            `json:"instance"`
	People      int               `json:"people"`
	Seed        int               `json:"seed"`
	Sample      int               `json:"sample"`
	Duration    string            `json:"duration"`
	Warmup      string            `json:"warmup"`
	Rounds      int               `json:"rounds"`
	Concurrency []int             `json:"concurrency"`
	Targets     []string          `json:"targets"`
	Mix         map[string]int    `json:"mixWeights"`
	Native      []string          `json:"neo4jGraphqlNative"` // reads @neo4j/graphql translated itself
	Equivalence map[string]string `json:"equivalence"`
	Load        loadStats         `json:"load"`
	Runs        []*runResult      `json:"runs"`
	Ratios      []ratio           `json:"ratios"`
}

type ratio struct {
	Concurrency    int     `json:"concurrency"`
	Query          string  `json:"query"` // "mix" or a query
	ThroughputVsNG float64 `json:"throughputVsNeo4jGraphql"`
	P99VsNG        float64 `json:"p99VsNeo4jGraphql"`
	P50VsFloor     float64 `json:"p50VsCypher"`
	P99VsFloor     float64 `json:"p99VsCypher"`
}

func (r *report) run(target string, c int) *runResult {
	for _, x := range r.Runs {
		if x.Target == target && x.Concurrency == c {
			return x
		}
	}
	return nil
}

func div(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func (r *report) ratios() {
	for _, c := range r.Concurrency {
		ours, floor, ng := r.run(targetOurs, c), r.run(targetCypher, c), r.run(targetNeo4jGraphQL, c)
		if ours == nil {
			continue
		}
		names := []string{"mix"}
		for _, q := range mix {
			names = append(names, q.name)
		}
		for _, n := range names {
			get := func(x *runResult) *stats {
				if x == nil {
					return nil
				}
				if n == "mix" {
					return &x.Mix
				}
				return x.Queries[n]
			}
			o, f, g := get(ours), get(floor), get(ng)
			rt := ratio{Concurrency: c, Query: n}
			if g != nil {
				rt.ThroughputVsNG = div(o.Throughput, g.Throughput)
				rt.P99VsNG = div(float64(o.P99us), float64(g.P99us))
			}
			if f != nil {
				rt.P50VsFloor = div(float64(o.P50us), float64(f.P50us))
				rt.P99VsFloor = div(float64(o.P99us), float64(f.P99us))
			}
			r.Ratios = append(r.Ratios, rt)
		}
	}
}

func (r *report) errors() int64 {
	var n int64
	for _, x := range r.Runs {
		n += x.Mix.Errors
	}
	return n
}

func mark(ok bool) string {
	if ok {
		return "met"
	}
	return "**not met**"
}

func (r *report) markdown() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# API benchmark, %s\n\n", r.Date)
	w("%d people (thelist gen --seed %d) on the %s instance; %d sampled ids per query, the same for every target; "+
		"%s measured per target and concurrency, in %d rounds in which the targets take turns, after %s of warm-up. Run %s to %s UTC.\n\n",
		r.People, r.Seed, r.Instance, r.Sample, r.Duration, r.Rounds, r.Warmup,
		r.Started.Format("15:04:05"), r.Finished.Format("15:04:05"))
	w("Machine: %s, %s cores, %s memory, %s. ", r.Machine["cpu"], r.Machine["cores"], r.Machine["memory"], r.Machine["kernel"])
	w("Load average (1 min) during the run: min %.2f, mean %.2f, max %.2f (shared machine).\n\n", r.Load.Min, r.Load.Mean, r.Load.Max)
	w("Versions: %s.\n\n", joinMap(r.Versions))
	w("Mix weights: %s.\n\n", joinInts(r.Mix))
	w("@neo4j/graphql translates itself: %s; the other reads are @cypher fields running our statement (-ng-native).\n\n",
		strings.Join(r.Native, ", "))
	w("## Equivalence\n\n")
	for _, q := range mix {
		w("- %s: %s\n", q.name, r.Equivalence[q.name])
	}
	w("\n## Mix\n\n| concurrency | target | req/s | p50 | p90 | p99 | max | errors |\n|--:|---|--:|--:|--:|--:|--:|--:|\n")
	for _, x := range r.Runs {
		w("| %d | %s | %.1f | %s | %s | %s | %s | %d |\n", x.Concurrency, x.Target, x.Mix.Throughput,
			ms(x.Mix.P50us), ms(x.Mix.P90us), ms(x.Mix.P99us), ms(x.Mix.MaxUs), x.Mix.Errors)
	}
	w("\n## Goals (mix)\n\n| concurrency | ours/@neo4j/graphql throughput (≥ %.1f) | ours/@neo4j/graphql p99 (≤ %.2f) | ours/cypher p50 (≤ %.2f) | ours/cypher p99 (≤ %.2f) |\n|--:|--:|--:|--:|--:|\n",
		goalThroughputVsNG, goalP99VsNG, goalLatencyVsFloor, goalLatencyVsFloor)
	for _, rt := range r.Ratios {
		if rt.Query != "mix" {
			continue
		}
		w("| %d | %.2f %s | %.2f %s | %.2f %s | %.2f %s |\n", rt.Concurrency,
			rt.ThroughputVsNG, mark(rt.ThroughputVsNG >= goalThroughputVsNG),
			rt.P99VsNG, mark(rt.P99VsNG > 0 && rt.P99VsNG <= goalP99VsNG),
			rt.P50VsFloor, mark(rt.P50VsFloor > 0 && rt.P50VsFloor <= goalLatencyVsFloor),
			rt.P99VsFloor, mark(rt.P99VsFloor > 0 && rt.P99VsFloor <= goalLatencyVsFloor))
	}
	w("\n## Per query\n\n| concurrency | query | target | req/s | p50 | p99 | errors |\n|--:|---|---|--:|--:|--:|--:|\n")
	for _, c := range r.Concurrency {
		for _, q := range mix {
			for _, t := range r.Targets {
				x := r.run(t, c)
				if x == nil {
					continue
				}
				s := x.Queries[q.name]
				w("| %d | %s | %s | %.1f | %s | %s | %d |\n", c, q.name, t, s.Throughput, ms(s.P50us), ms(s.P99us), s.Errors)
			}
		}
	}
	w("\n## Ratios per query\n\n| concurrency | query | throughput vs @neo4j/graphql | p99 vs @neo4j/graphql | p50 vs cypher | p99 vs cypher |\n|--:|---|--:|--:|--:|--:|\n")
	for _, rt := range r.Ratios {
		w("| %d | %s | %.2f | %.2f | %.2f | %.2f |\n", rt.Concurrency, rt.Query, rt.ThroughputVsNG, rt.P99VsNG, rt.P50VsFloor, rt.P99VsFloor)
	}
	w("\n## Where ours spends a request (means)\n\nclient: what the load generator saw; server: ours' own time for the request, from its metrics (parsing the body to writing the answer); resolver: within it, the root field's resolver, which is the one Neo4j round trip and the decoding of its answer; waiting: before it, a heavy read's wait for a slot (--heavy-reads); cypher: the floor's client time for the same statement.\n\n| concurrency | query | client | server | resolver | waiting | GraphQL + JSON (server − resolver − waiting) | HTTP + client (client − server) | cypher |\n|--:|---|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, c := range r.Concurrency {
		ours, floor := r.run(targetOurs, c), r.run(targetCypher, c)
		if ours == nil || ours.Server == nil {
			continue
		}
		for _, q := range mix {
			sm := ours.Server[q.name]
			cl := float64(ours.Queries[q.name].MeanUs) / 1000
			fl := -1.0
			if floor != nil {
				fl = float64(floor.Queries[q.name].MeanUs) / 1000
			}
			w("| %d | %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.2f ms | %.2f ms | %.1f ms |\n", c, q.name, cl, sm.RequestMs, sm.RootFieldMs,
				sm.WaitMs, sm.RequestMs-sm.RootFieldMs-sm.WaitMs, cl-sm.RequestMs, fl)
		}
	}
	for _, x := range r.Runs {
		if x.Mix.FirstError != "" {
			w("\nFirst error of %s at %d: %s\n", x.Target, x.Concurrency, x.Mix.FirstError)
		}
	}
	return b.String()
}

func joinMap(m map[string]string) string {
	var parts []string
	for _, k := range sortedKeys(m) {
		parts = append(parts, k+" "+m[k])
	}
	return strings.Join(parts, ", ")
}

func joinInts(m map[string]int) string {
	var parts []string
	for _, q := range mix {
		parts = append(parts, fmt.Sprintf("%s %d", q.name, m[q.name]))
	}
	return strings.Join(parts, ", ")
}

func sortedKeys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	for i := range ks {
		for j := i + 1; j < len(ks); j++ {
			if ks[j] < ks[i] {
				ks[i], ks[j] = ks[j], ks[i]
			}
		}
	}
	return ks
}

func machine() map[string]string {
	m := map[string]string{"cores": fmt.Sprint(runtime.NumCPU()), "cpu": "?", "memory": "?", "kernel": "?"}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m["cpu"] = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		fmt.Sscanf(strings.TrimPrefix(strings.Split(string(b), "\n")[0], "MemTotal:"), "%d", &kb)
		m["memory"] = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
	}
	if out, err := exec.Command("uname", "-sr").Output(); err == nil {
		m["kernel"] = strings.TrimSpace(string(out))
	}
	return m
}

func versions(cfg config) map[string]string {
	v := map[string]string{"go": runtime.Version()}
	if out, err := exec.Command("node", "--version").Output(); err == nil {
		v["node"] = strings.TrimSpace(string(out))
	}
	if b, err := os.ReadFile(cfg.nodeDir + "/node_modules/@neo4j/graphql/package.json"); err == nil {
		if _, rest, ok := strings.Cut(string(b), `"version": "`); ok {
			v["@neo4j/graphql"], _, _ = strings.Cut(rest, `"`)
		}
	}
	if out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output(); err == nil {
		v["thelist"] = "HEAD " + strings.TrimSpace(string(out))
		if st, _ := exec.Command("git", "status", "--porcelain").Output(); len(st) > 0 {
			v["thelist"] += " (with uncommitted changes)"
		}
	}
	return v
}

type loadStats struct {
	Min, Mean, Max float64
	Samples        int
}

// watchLoad samples the 1-minute load average every 5 s until the returned
// function is called, which returns the summary.
func watchLoad(ctx context.Context) func() loadStats {
	var mu sync.Mutex
	var s loadStats
	var sum float64
	sampleOnce := func() {
		b, err := os.ReadFile("/proc/loadavg")
		if err != nil {
			return
		}
		var l float64
		fmt.Sscanf(string(b), "%f", &l)
		mu.Lock()
		defer mu.Unlock()
		if s.Samples == 0 || l < s.Min {
			s.Min = l
		}
		s.Max = max(s.Max, l)
		sum += l
		s.Samples++
		s.Mean = sum / float64(s.Samples)
	}
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(5 * time.Second)
		defer t.Stop()
		for {
			sampleOnce()
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return func() loadStats {
		close(done)
		sampleOnce()
		mu.Lock()
		defer mu.Unlock()
		return s
	}
}
