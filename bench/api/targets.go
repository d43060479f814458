package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

const (
	targetOurs         = "ours"
	targetCypher       = "cypher"
	targetNeo4jGraphQL = "neo4j-graphql"
)

// target answers one sampled request and returns its digest.
type target interface {
	do(ctx context.Context, q *query, it *item) (string, error)
}

// httpTarget is a GraphQL server: ours or @neo4j/graphql. Both get the same
// client: keep-alive, a connection per concurrent client.
type httpTarget struct {
	name, url string
	client    *http.Client
}

func newHTTPTarget(name, url string, conns int) *httpTarget {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost = conns*2, conns*2
	return &httpTarget{name: name, url: url, client: &http.Client{Transport: tr, Timeout: 60 * time.Second}}
}

func (t *httpTarget) do(ctx context.Context, q *query, it *item) (string, error) {
	doc, vars := q.ours, it.vars
	if t.name == targetNeo4jGraphQL {
		doc, vars = it.ngDoc, it.ngVars
	}
	body, err := json.Marshal(map[string]any{"query": doc, "variables": vars})
	if err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.url, bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := t.client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	var out struct {
		Data   map[string]any    `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return "", fmt.Errorf("HTTP %d, not JSON: %.200s", resp.StatusCode, b)
	}
	if len(out.Errors) > 0 || resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("HTTP %d: %.300s", resp.StatusCode, b)
	}
	switch {
	case t.name == targetOurs:
		return digestOurs(q.name, out.Data), nil
	case native[q.name]:
		return digestNg(q.name, out.Data), nil
	default:
		return digestRow(q.name, obj(out.Data[ngField(q.name)])), nil
	}
}

// cypherTarget is the floor: the statement the API sends, with its
// parameters, in a read transaction through the Go driver, the record
// collected and nothing else.
type cypherTarget struct{ driver neo4j.DriverWithContext }

func (t *cypherTarget) do(ctx context.Context, q *query, it *item) (string, error) {
	s := t.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: "neo4j", AccessMode: neo4j.AccessModeRead})
	defer s.Close(ctx)
	row, err := s.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, it.stmt, it.params)
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return map[string]any{}, nil
		}
		return recs[0].AsMap(), nil
	})
	if err != nil {
		return "", err
	}
	return digestRow(q.name, row.(map[string]any)), nil
}

// stats is one query's (or the mix's) numbers in one run.
type stats struct {
	Requests   int64   `json:"requests"`
	Errors     int64   `json:"errors"`
	FirstError string  `json:"firstError,omitempty"`
	Throughput float64 `json:"throughputPerSec"`
	MeanUs     int64   `json:"meanUs"`
	P50us      int64   `json:"p50us"`
	P90us      int64   `json:"p90us"`
	P99us      int64   `json:"p99us"`
	MaxUs      int64   `json:"maxUs"`
}

type runResult struct {
	Target      string            `json:"target"`
	Concurrency int               `json:"concurrency"`
	Elapsed     string            `json:"elapsed"`
	Mix         stats             `json:"mix"`
	Queries     map[string]*stats `json:"queries"`
	// For ours: the server's own mean times by query (metrics.go).
	Server map[string]serverMean `json:"server,omitempty"`
}

type serverMean struct {
	RequestMs   float64 `json:"requestMs"`   // first byte read to last written
	RootFieldMs float64 `json:"rootFieldMs"` // the resolver: Neo4j round trip and decoding
	WaitMs      float64 `json:"heavyWaitMs"` // a heavy read's wait for a slot, before the resolver
}

func newHist() *hdrhistogram.Histogram { return hdrhistogram.New(1, 120_000_000, 3) } // 1 µs to 2 min

// tally is what clients measured: latencies in µs by query and for the
// mix, requests and errors by query, over elapsed.
type tally struct {
	hist    map[string]*hdrhistogram.Histogram
	mix     *hdrhistogram.Histogram
	counts  map[string]int64
	errs    map[string]int64
	first   map[string]string
	elapsed time.Duration
}

func newTally() *tally {
	t := &tally{hist: map[string]*hdrhistogram.Histogram{}, mix: newHist(), counts: map[string]int64{},
		errs: map[string]int64{}, first: map[string]string{}}
	for _, q := range mix {
		t.hist[q.name] = newHist()
	}
	return t
}

// merge adds o, measured at the same time (clients) or after (rounds).
func (t *tally) merge(o *tally) {
	for _, q := range mix {
		t.hist[q.name].Merge(o.hist[q.name])
		t.counts[q.name] += o.counts[q.name]
		t.errs[q.name] += o.errs[q.name]
		if t.first[q.name] == "" {
			t.first[q.name] = o.first[q.name]
		}
	}
	t.mix.Merge(o.mix)
}

func (t *tally) result(target string, c int) *runResult {
	r := &runResult{Target: target, Concurrency: c, Elapsed: t.elapsed.Round(time.Millisecond).String(),
		Queries: map[string]*stats{}}
	for _, q := range mix {
		s := &stats{Requests: t.counts[q.name], Errors: t.errs[q.name], FirstError: t.first[q.name]}
		fill(s, t.hist[q.name], t.elapsed)
		r.Queries[q.name] = s
		r.Mix.Requests += s.Requests
		r.Mix.Errors += s.Errors
		if r.Mix.FirstError == "" && s.FirstError != "" {
			r.Mix.FirstError = q.name + ": " + s.FirstError
		}
	}
	fill(&r.Mix, t.mix, t.elapsed)
	return r
}

// measure runs the mix with c concurrent clients for d. Each client walks
// the weighted schedule of the mix from its own offset and picks the
// sampled item by a generator seeded with the seed, the round and its
// number, so every target gets the same requests in the same order.
func measure(ctx context.Context, t target, c int, d time.Duration, seed, round int) (*tally, error) {
	var schedule []*query
	for _, q := range mix {
		for range q.weight {
			schedule = append(schedule, q)
		}
	}
	tallies := make([]*tally, c)
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for w := range c {
		a := newTally()
		tallies[w] = a
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(seed)<<16|uint64(round), uint64(w)))
			for i := w; time.Now().Before(deadline) && ctx.Err() == nil; i++ {
				q := schedule[i%len(schedule)]
				it := q.items[rng.IntN(len(q.items))]
				t0 := time.Now()
				_, err := t.do(ctx, q, it)
				us := time.Since(t0).Microseconds()
				a.counts[q.name]++
				if err != nil {
					a.errs[q.name]++
					if a.first[q.name] == "" {
						a.first[q.name] = err.Error()
					}
					continue
				}
				_ = a.hist[q.name].RecordValue(max(us, 1))
				_ = a.mix.RecordValue(max(us, 1))
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	total := newTally()
	for _, a := range tallies {
		total.merge(a)
	}
	total.elapsed = time.Since(start)
	return total, nil
}

func fill(s *stats, h *hdrhistogram.Histogram, elapsed time.Duration) {
	s.Throughput = float64(s.Requests-s.Errors) / elapsed.Seconds()
	s.MeanUs = int64(h.Mean())
	s.P50us, s.P90us, s.P99us, s.MaxUs = h.ValueAtQuantile(50), h.ValueAtQuantile(90), h.ValueAtQuantile(99), h.Max()
}

func ms(us int64) string { return fmt.Sprintf("%.1f ms", float64(us)/1000) }
