package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist/bench/internal/load"
	"github.com/thelist/thelist/graph"
)

func run(ctx context.Context, cfg config) error {
	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return err
	}
	driver, err := neo4j.NewDriverWithContext(cfg.uri, neo4j.BasicAuth("neo4j", cfg.password, ""))
	if err != nil {
		return err
	}
	defer driver.Close(context.Background())
	if err := ensureGraph(ctx, cfg, driver); err != nil {
		return err
	}

	logf("sampling %d ids per query (seed %d)", cfg.sampleSize, cfg.seed)
	s, err := sampleIDs(ctx, driver, cfg.seed, cfg.sampleSize)
	if err != nil {
		return fmt.Errorf("sample: %w", err)
	}

	// The statements the API sends for each sampled read, as the graph
	// package builds them: the floor runs them, and @neo4j/graphql gets them
	// for the reads it has no built-in equivalent of.
	db, err := graph.Open(ctx, graph.Config{URI: cfg.uri, User: "neo4j", Password: cfg.password})
	if err != nil {
		return err
	}
	logf("capturing the API's statements for the sample")
	err = buildItems(ctx, db, driver, s)
	_ = db.Close(context.Background())
	if err != nil {
		return err
	}
	stmtFile, err := filepath.Abs(filepath.Join(cfg.out, "api-statements.json"))
	if err != nil {
		return err
	}
	if err := writeStatements(stmtFile); err != nil {
		return err
	}

	env := append(os.Environ(), "NEO4J_URI="+cfg.uri, "NEO4J_USER=neo4j", "NEO4J_PASSWORD="+cfg.password,
		"NEO4J_DATABASE=neo4j")
	ours, oursBase, err := load.Serve(ctx, cfg.thelist, filepath.Join(cfg.out, "api-thelist.log"), env, 5*time.Minute)
	if err != nil {
		return err
	}
	defer ours.Stop(10 * time.Second)
	ngPort, err := load.FreePort()
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(cfg.nodeDir, "node_modules")); err != nil {
		return fmt.Errorf("%s/node_modules is missing: run npm ci there (make bench-api does)", cfg.nodeDir)
	}
	ngLog := filepath.Join(cfg.out, "api-neo4j-graphql.log")
	ng, err := load.Start(ngLog, append(env, "PORT="+strconv.Itoa(ngPort), "STATEMENTS="+stmtFile), cfg.nodeDir, "node", "server.mjs")
	if err != nil {
		return err
	}
	defer ng.Stop(10 * time.Second)
	if err := ng.WaitUntil(ctx, 90*time.Second, load.HTTPOK(fmt.Sprintf("http://127.0.0.1:%d/graphql?query=%%7B__typename%%7D", ngPort))); err != nil {
		return fmt.Errorf("@neo4j/graphql server: %w (see %s)", err, ngLog)
	}

	oursMetrics := oursBase + "/metrics"
	targets := map[string]target{
		targetOurs:         newHTTPTarget(targetOurs, oursBase+"/graphql", maxConc(cfg)),
		targetNeo4jGraphQL: newHTTPTarget(targetNeo4jGraphQL, fmt.Sprintf("http://127.0.0.1:%d/graphql", ngPort), maxConc(cfg)),
		targetCypher:       &cypherTarget{driver: driver},
	}

	logf("checking that the targets give the same answers on the sample")
	eq, err := checkEquivalence(ctx, targets)
	if err != nil {
		return err
	}

	rep := &report{Date: time.Now().UTC().Format("2006-01-02"), Started: time.Now().UTC(), Machine: machine(),
		People: cfg.people, Seed: cfg.seed, Sample: cfg.sampleSize, Duration: cfg.duration.String(),
		Warmup: cfg.warmup.String(), Rounds: cfg.rounds, Concurrency: cfg.concurrency, Targets: cfg.targets, Mix: mixWeights(), Native: nativeReads(),
		Equivalence: eq, Instance: cfg.instance, Versions: versions(cfg)}
	load := watchLoad(ctx)
	// The machine may be shared, and its load changes over minutes: so
	// each concurrency runs in rounds, every target once a round, in an
	// order that rotates, and each target's rounds are added up.
	slice := cfg.duration / time.Duration(cfg.rounds)
	for _, c := range cfg.concurrency {
		totals := map[string]*tally{}
		server := newServerTimes()
		for round := range cfg.rounds {
			for i := range cfg.targets {
				name := cfg.targets[(i+round)%len(cfg.targets)]
				if round == 0 && cfg.warmup > 0 {
					logf("%s at concurrency %d: %s warm-up", name, c, cfg.warmup)
					if _, err := measure(ctx, targets[name], c, cfg.warmup, cfg.seed, -1); err != nil {
						return err
					}
				}
				var before serverTimes
				if name == targetOurs {
					if before, err = scrape(oursMetrics); err != nil {
						return err
					}
				}
				tl, err := measure(ctx, targets[name], c, slice, cfg.seed, round)
				if err != nil {
					return err
				}
				if name == targetOurs {
					after, err := scrape(oursMetrics)
					if err != nil {
						return err
					}
					server.add(before, after)
				}
				r := tl.result(name, c)
				logf("%s at concurrency %d, round %d/%d: %.1f req/s, p50 %s, p99 %s, %d errors",
					name, c, round+1, cfg.rounds, r.Mix.Throughput, ms(r.Mix.P50us), ms(r.Mix.P99us), r.Mix.Errors)
				if totals[name] == nil {
					totals[name] = newTally()
				}
				totals[name].merge(tl)
				totals[name].elapsed += tl.elapsed
			}
		}
		for _, name := range cfg.targets {
			r := totals[name].result(name, c)
			if name == targetOurs {
				r.Server = map[string]serverMean{}
				for _, q := range mix {
					r.Server[q.name] = serverMean{RequestMs: server.request.meanMs(opOf[q.name]),
						RootFieldMs: server.rootField.meanMs(fieldOf[q.name]), WaitMs: max(0, server.wait.meanMs(fieldOf[q.name]))}
				}
			}
			rep.Runs = append(rep.Runs, r)
		}
	}
	rep.Load = load()
	rep.Finished = time.Now().UTC()
	rep.ratios()

	md := filepath.Join(cfg.out, "api-"+rep.Date+".md")
	if err := os.WriteFile(md, []byte(rep.markdown()), 0o644); err != nil {
		return err
	}
	js, _ := json.MarshalIndent(rep, "", "  ")
	if err := os.WriteFile(filepath.Join(cfg.out, "api-"+rep.Date+".json"), js, 0o644); err != nil {
		return err
	}
	fmt.Print(rep.markdown())
	logf("report written to %s", md)
	if n := rep.errors(); n > 0 {
		return fmt.Errorf("%d requests failed (see the report): the numbers are not comparable", n)
	}
	return nil
}

func maxConc(cfg config) int {
	m := 1
	for _, c := range cfg.concurrency {
		m = max(m, c)
	}
	return m
}

// ensureGraph imports the bundle unless the instance already holds it: an
// ImportRun and the number of people asked for. A different graph is an
// error rather than something to wipe: the instance may be someone's.
func ensureGraph(ctx context.Context, cfg config, driver neo4j.DriverWithContext) error {
	if err := driver.VerifyConnectivity(ctx); err != nil {
		return fmt.Errorf("no Neo4j at %s (start it: NEO4J_BOLT_PORT=7708 NEO4J_HTTP_PORT=7709 neo4j/neo4jctl start %s): %w",
			cfg.uri, cfg.instance, err)
	}
	count := func(q string) (int64, error) {
		res, err := neo4j.ExecuteQuery(ctx, driver, q, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			return 0, err
		}
		n, _ := res.Records[0].Values[0].(int64)
		return n, nil
	}
	runs, err := count("MATCH (r:ImportRun) RETURN count(r)")
	if err != nil {
		return err
	}
	people, err := count("MATCH (p:Person) RETURN count(p)")
	if err != nil {
		return err
	}
	switch {
	case runs > 0 && people == int64(cfg.people):
		logf("the graph is loaded: %d people, %d import runs", people, runs)
		return nil
	case people > 0:
		return fmt.Errorf("%s holds %d people, not %d: reset it (neo4j/neo4jctl reset %s) or pass -people %d",
			cfg.uri, people, cfg.people, cfg.instance, people)
	}
	dir := filepath.Join(cfg.out, "api-"+strconv.Itoa(cfg.people))
	env := append(os.Environ(), "NEO4J_URI="+cfg.uri, "NEO4J_USER=neo4j", "NEO4J_PASSWORD="+cfg.password,
		"NEO4J_TX_TIMEOUT=10m")
	logf("generating %d people into %s", cfg.people, dir)
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	steps := [][]string{
		{"gen", "--people", strconv.Itoa(cfg.people), "--seed", strconv.Itoa(cfg.seed), dir},
		{"schema"},
		{"import", "--batch-size", "5000", dir},
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
