package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/thelist/thelist/frontend"
)

// The soak with a restart (issue 11: "fail fast when Neo4j is down"):
// clients send the web app's reads without pause while Neo4j is stopped
// and started again under the running server. Its targets: while Neo4j is
// down every request is answered within 2 s (UNAVAILABLE, or OVERLOADED
// when shed); the server answers again by itself once Neo4j is back; and in
// the first minute after that no request times out (its plans are warmed
// again, not made by the first users).

// soakConfig is the soak's part of the flags.
type soakConfig struct {
	duration, restartAfter, downFor time.Duration
	clients                         int
	neo4jctl                        string
}

// soakRead is one of the reads the soak sends, with its variables.
type soakRead struct {
	op   string
	vars func(rng *rand.Rand, ids []string) map[string]any
}

// soakReads are the web app's everyday reads: the person page, a path,
// a search and the credential filter (whose cold plans timed out in the
// soak the issue reports).
var soakReads = []soakRead{
	{"GetPerson", func(rng *rand.Rand, ids []string) map[string]any {
		return map[string]any{"id": ids[rng.IntN(len(ids))]}
	}},
	{"Path", func(rng *rand.Rand, ids []string) map[string]any {
		return map[string]any{"from": ids[rng.IntN(len(ids))], "to": ids[rng.IntN(len(ids))]}
	}},
	{"SearchPeople", func(rng *rand.Rand, ids []string) map[string]any {
		id := ids[rng.IntN(len(ids))]
		return map[string]any{"query": id[:min(len(id), 4)], "first": 10}
	}},
	{"Candidates", func(*rand.Rand, []string) map[string]any {
		return map[string]any{"where": map[string]any{"atLeast": 2}, "orderBy": "CITATIONS"}
	}},
}

// soakSample is one request of the soak: when it was sent, and its outcome.
type soakSample struct {
	op   string
	sent time.Time
	result
}

// soakReport is what the soak measured, by phase.
type soakReport struct {
	Clients                       int
	Duration, DownFor             time.Duration
	Before, Stopping, Down        phase // Stopping: Neo4j told to stop, still answering
	FirstMinute                   phase
	Stopped, Started, AnswerAgain time.Time // AnswerAgain: the first answer sent after Started
	// DownSince is the first UNAVAILABLE after Stopped: the outage as the
	// clients saw it.
	DownSince   time.Time
	RecoveredIn time.Duration
}

// phase counts the requests sent in one part of the soak.
type phase struct {
	Requests, Answered, Timeout, SlowerThan2s int
	Codes                                     map[string]int
	Slowest                                   time.Duration
}

func (s soakReport) ok() bool {
	return s.Down.SlowerThan2s == 0 && s.Down.Timeout == 0 && s.FirstMinute.Timeout == 0 && !s.AnswerAgain.IsZero() &&
		s.Before.Timeout == 0
}

// soak runs the clients for sc.duration against the server at url, stops
// Neo4j sc.restartAfter in, and starts it sc.downFor later.
func soak(ctx context.Context, cfg config, sc soakConfig, url string, ids []string) (soakReport, error) {
	rep := soakReport{Clients: sc.clients, Duration: sc.duration, DownFor: sc.downFor}
	docs := map[string]string{}
	for _, r := range soakReads {
		docs[r.op] = frontend.MustOperation(r.op)
	}
	client := &http.Client{Timeout: cfg.timeout + 10*time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: sc.clients}}
	end := time.Now().Add(sc.duration)
	var mu sync.Mutex
	var samples []soakSample
	var wg sync.WaitGroup
	for c := range sc.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(cfg.seed), uint64(c)))
			for i := 0; time.Now().Before(end) && ctx.Err() == nil; i++ {
				r := soakReads[(c+i)%len(soakReads)]
				sent := time.Now()
				res := send(ctx, client, url, docs[r.op], r.op, r.vars(rng, ids))
				mu.Lock()
				samples = append(samples, soakSample{r.op, sent, res})
				mu.Unlock()
			}
		}()
	}
	restartErr := make(chan error, 1)
	go func() {
		restartErr <- func() error {
			select {
			case <-time.After(sc.restartAfter):
			case <-ctx.Done():
				return ctx.Err()
			}
			logf("soak: stopping Neo4j (%s stop %s)", sc.neo4jctl, cfg.instance)
			rep.Stopped = time.Now()
			if err := neo4jctl(ctx, sc.neo4jctl, "stop", cfg.instance); err != nil {
				return err
			}
			time.Sleep(sc.downFor)
			logf("soak: starting Neo4j again")
			if err := neo4jctl(ctx, sc.neo4jctl, "start", cfg.instance); err != nil {
				return err
			}
			rep.Started = time.Now()
			return nil
		}()
	}()
	wg.Wait()
	if err := <-restartErr; err != nil {
		return rep, fmt.Errorf("restart Neo4j: %w", err)
	}
	slices.SortFunc(samples, func(a, b soakSample) int { return a.sent.Compare(b.sent) })
	for _, s := range samples {
		if s.sent.After(rep.Started) && s.err == nil && s.code == "" && rep.AnswerAgain.IsZero() {
			rep.AnswerAgain = s.sent.Add(s.elapsed)
		}
	}
	if !rep.AnswerAgain.IsZero() {
		rep.RecoveredIn = rep.AnswerAgain.Sub(rep.Started)
	}
	// Neo4j takes a while to stop, answering meanwhile: the outage, as
	// the clients see it, begins with the first UNAVAILABLE.
	down := rep.Started
	for _, s := range samples {
		if s.code == "UNAVAILABLE" && !s.sent.Before(rep.Stopped) {
			down = s.sent
			break
		}
	}
	rep.DownSince = down
	for _, s := range samples {
		switch {
		case s.sent.Before(rep.Stopped):
			rep.Before.add(s)
		case s.sent.Before(down):
			rep.Stopping.add(s)
		case s.sent.Before(rep.Started):
			rep.Down.add(s)
		case !rep.AnswerAgain.IsZero() && !s.sent.Before(rep.AnswerAgain) && s.sent.Before(rep.AnswerAgain.Add(time.Minute)):
			rep.FirstMinute.add(s)
		}
	}
	return rep, nil
}

func (p *phase) add(s soakSample) {
	if p.Codes == nil {
		p.Codes = map[string]int{}
	}
	p.Requests++
	p.Slowest = max(p.Slowest, s.elapsed)
	if s.elapsed > 2*time.Second {
		p.SlowerThan2s++
	}
	switch {
	case s.err != nil:
		p.Codes["(no answer)"]++
	case s.code == "" || s.code == "NOT_FOUND" || s.code == "TOO_BROAD":
		p.Answered++
	case s.code == "TIMEOUT":
		p.Timeout++
		p.Codes[s.op+" TIMEOUT"]++
	default:
		p.Codes[s.code]++
	}
}

// neo4jctl runs neo4j/neo4jctl with the environment make bench-overload
// gives (the instance's ports and sizes).
func neo4jctl(ctx context.Context, path string, args ...string) error {
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

func (s soakReport) markdown() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("\n## Soak with a restart of Neo4j\n\n%d clients sending the person page, a path, a search and the credential filter "+
		"without pause for %s; Neo4j told to stop at %s, its first UNAVAILABLE %s later, started %s after it stopped (%s). "+
		"The server answered again %s after the start.\n\n",
		s.Clients, s.Duration, s.Stopped.Format("15:04:05"), ms(s.DownSince.Sub(s.Stopped)), s.DownFor,
		s.Started.Format("15:04:05"), ms(s.RecoveredIn))
	w("| phase | requests | answered | TIMEOUT | slower than 2 s | slowest | codes |\n|---|--:|--:|--:|--:|--:|---|\n")
	for _, x := range []struct {
		name string
		p    phase
	}{{"before the stop", s.Before}, {"Neo4j stopping (still answering)", s.Stopping}, {"Neo4j down (from the first UNAVAILABLE)", s.Down},
		{"first minute after it answers again", s.FirstMinute}} {
		w("| %s | %d | %d | %d | %d | %s | %v |\n", x.name, x.p.Requests, x.p.Answered, x.p.Timeout, x.p.SlowerThan2s, ms(x.p.Slowest), x.p.Codes)
	}
	met := "met"
	if !s.ok() {
		met = "**not met**"
	}
	w("\nTargets (issue 11): while Neo4j is down every request answered within 2 s; the server answers again by itself; "+
		"no TIMEOUT in the first minute after, nor before the stop: %s.\n", met)
	return b.String()
}
