package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/thelist/thelist/api"
	"github.com/thelist/thelist/graph"
)

// This file is the one place that lists The List's configuration. Every
// setting is a flag whose default comes from an environment variable, so
// the same binary is configured by flags on a laptop and by env in a
// container. The README's configuration table mirrors this list.

// neo4jFlags registers the settings for reaching Neo4j.
func neo4jFlags(fs *flag.FlagSet) *graph.Config {
	cfg := &graph.Config{}
	fs.StringVar(&cfg.URI, "neo4j-uri", env("NEO4J_URI", "bolt://127.0.0.1:7687"),
		"Neo4j address: bolt://host:port for one server, neo4j://host:port to route reads to a cluster's readers (env NEO4J_URI)")
	fs.StringVar(&cfg.User, "neo4j-user", env("NEO4J_USER", "neo4j"), "Neo4j user (env NEO4J_USER)")
	fs.StringVar(&cfg.Password, "neo4j-password", env("NEO4J_PASSWORD", "thelist-dev"),
		"Neo4j password (env NEO4J_PASSWORD; prefer the env variable, flags show in ps)")
	fs.StringVar(&cfg.Database, "neo4j-database", env("NEO4J_DATABASE", "neo4j"), "Neo4j database name (env NEO4J_DATABASE)")
	fs.DurationVar(&cfg.TxTimeout, "neo4j-tx-timeout", envDuration("NEO4J_TX_TIMEOUT", 30*time.Second),
		"longest a single database transaction may run (env NEO4J_TX_TIMEOUT)")
	fs.DurationVar(&cfg.Health.ProbeInterval, "neo4j-probe-interval", envDuration("NEO4J_PROBE_INTERVAL", graph.DefaultProbeInterval),
		"how often the server asks Neo4j whether it answers; while it does not, requests answer UNAVAILABLE at once (env NEO4J_PROBE_INTERVAL)")
	fs.DurationVar(&cfg.Health.ProbeTimeout, "neo4j-probe-timeout", envDuration("NEO4J_PROBE_TIMEOUT", graph.DefaultProbeTimeout),
		"how long that question may take before Neo4j counts as not answering (env NEO4J_PROBE_TIMEOUT)")
	return cfg
}

// serveSettings are the settings of the HTTP server, as given; config
// turns them into what api.New takes once the flags are parsed.
type serveSettings struct {
	addr           string
	reads          string
	apiKeys        string
	apiKeysFile    string
	rateLimit      string
	trustedProxies string
	limits         api.Limits
	http           api.HTTPTimeouts
	admission      api.Admission
	// writeRetryTime is the graph's bound on retrying a write that
	// clashes, short for the server since a person waits for the answer.
	writeRetryTime time.Duration
	// maxPathFrontier is the graph's bound on the path search, a setting
	// of the server since only the server's requests search for paths.
	maxPathFrontier int
}

// serveFlags registers the settings of the HTTP server.
func serveFlags(fs *flag.FlagSet) *serveSettings {
	s := &serveSettings{}
	d := api.DefaultConfig()
	fs.StringVar(&s.addr, "addr", env("THELIST_ADDR", "127.0.0.1:8080"), "HTTP listen address (env THELIST_ADDR)")
	fs.StringVar(&s.reads, "reads", env("THELIST_READS", "open"),
		"open: anyone may read; key: reads need an API key too (env THELIST_READS)")
	fs.StringVar(&s.apiKeys, "api-keys", env("THELIST_API_KEYS", ""),
		`API keys, their roles and optional owner names, "key1:editor,key2:reader:newsroom" (env THELIST_API_KEYS; prefer the env variable or a keys file, flags show in ps)`)
	fs.StringVar(&s.apiKeysFile, "api-keys-file", env("THELIST_API_KEYS_FILE", ""),
		`file of API keys, one "sha256-of-key role name" a line (env THELIST_API_KEYS_FILE)`)
	fs.StringVar(&s.rateLimit, "rate-limit", env("THELIST_RATE_LIMIT", "20,40"),
		`requests per second per API key, or per client address without one, and the burst: "20,40"; off for none (env THELIST_RATE_LIMIT)`)
	fs.StringVar(&s.trustedProxies, "trusted-proxies", env("THELIST_TRUSTED_PROXIES", ""),
		"comma-separated addresses or CIDR ranges of proxies whose X-Forwarded-For names the client (env THELIST_TRUSTED_PROXIES)")
	fs.DurationVar(&s.limits.Timeout, "request-timeout", envDuration("THELIST_REQUEST_TIMEOUT", d.Limits.Timeout),
		"longest one GraphQL request may run (env THELIST_REQUEST_TIMEOUT)")
	fs.IntVar(&s.limits.MaxDepth, "max-depth", envInt("THELIST_MAX_DEPTH", d.Limits.MaxDepth),
		"deepest nesting of fields a query may have (env THELIST_MAX_DEPTH)")
	fs.IntVar(&s.limits.MaxCost, "max-cost", envInt("THELIST_MAX_COST", d.Limits.MaxCost),
		"highest cost of a request: 1 a field, times first/limit (or 10) inside lists, variables at their values (env THELIST_MAX_COST)")
	fs.IntVar(&s.limits.MaxAliases, "max-aliases", envInt("THELIST_MAX_ALIASES", d.Limits.MaxAliases),
		"most aliased fields in one query (env THELIST_MAX_ALIASES)")
	fs.IntVar(&s.limits.MaxRootFields, "max-root-fields", envInt("THELIST_MAX_ROOT_FIELDS", d.Limits.MaxRootFields),
		"most root fields in one operation (env THELIST_MAX_ROOT_FIELDS)")
	fs.IntVar(&s.limits.MaxTokens, "max-tokens", envInt("THELIST_MAX_TOKENS", d.Limits.MaxTokens),
		"most tokens in one GraphQL document, counted before it is parsed; 0 for no limit (env THELIST_MAX_TOKENS)")
	fs.IntVar(&s.limits.MaxValueDepth, "max-value-depth", envInt("THELIST_MAX_VALUE_DEPTH", d.Limits.MaxValueDepth),
		"deepest nesting of lists and input objects in one argument value or variable type (env THELIST_MAX_VALUE_DEPTH)")
	fs.IntVar(&s.limits.MaxFields, "max-fields", envInt("THELIST_MAX_FIELDS", d.Limits.MaxFields),
		"most fields in one operation or fragment once its fragment spreads are expanded (env THELIST_MAX_FIELDS)")
	fs.IntVar(&s.limits.MaxDirectives, "max-directives", envInt("THELIST_MAX_DIRECTIVES", d.Limits.MaxDirectives),
		"most directives in one GraphQL document (env THELIST_MAX_DIRECTIVES)")
	fs.IntVar(&s.limits.HeavyReads, "heavy-reads", envInt("THELIST_HEAVY_READS", d.Limits.HeavyReads),
		"heavy reads (people, labAlumni, talentFlows) run at once; more wait their turn; 0 for no limit (env THELIST_HEAVY_READS)")
	fs.IntVar(&s.admission.PathSearches, "path-searches", envInt("THELIST_PATH_SEARCHES", d.Admission.PathSearches),
		"path searches run at once; more wait their turn; 0 for no limit (env THELIST_PATH_SEARCHES)")
	fs.IntVar(&s.admission.MaxQueue, "max-queue", envInt("THELIST_MAX_QUEUE", d.Admission.MaxQueue),
		"most heavy reads, and most path searches, waiting for a turn; one more is refused OVERLOADED (env THELIST_MAX_QUEUE)")
	fs.DurationVar(&s.admission.MaxWait, "max-queue-wait", envDuration("THELIST_MAX_QUEUE_WAIT", d.Admission.MaxWait),
		"longest wait for a turn, waited or foreseen from recent run times; longer is refused OVERLOADED; below --request-timeout (env THELIST_MAX_QUEUE_WAIT)")
	fs.IntVar(&s.admission.Recovering, "recovering-requests", envInt("THELIST_RECOVERING_REQUESTS", d.Admission.Recovering),
		"requests run at once while the plans are warmed after the database's return; more are refused OVERLOADED after a second; 0 for no limit (env THELIST_RECOVERING_REQUESTS)")
	fs.DurationVar(&s.http.ReadHeader, "read-header-timeout", envDuration("THELIST_READ_HEADER_TIMEOUT", d.HTTP.ReadHeader),
		"longest a request's line and headers may take to arrive (env THELIST_READ_HEADER_TIMEOUT)")
	fs.DurationVar(&s.http.Read, "read-timeout", envDuration("THELIST_READ_TIMEOUT", d.HTTP.Read),
		"longest a whole request, headers and body, may take to arrive; slower bodies are cut off (env THELIST_READ_TIMEOUT)")
	fs.DurationVar(&s.http.Idle, "idle-timeout", envDuration("THELIST_IDLE_TIMEOUT", d.HTTP.Idle),
		"longest a kept-alive connection may wait for its next request (env THELIST_IDLE_TIMEOUT)")
	fs.DurationVar(&s.writeRetryTime, "write-retry-time", envDuration("THELIST_WRITE_RETRY_TIME", time.Second),
		"longest an edit that clashes with others (a deadlock) is retried, backing off; then CONFLICT (env THELIST_WRITE_RETRY_TIME)")
	fs.IntVar(&s.maxPathFrontier, "max-path-frontier", envInt("THELIST_MAX_PATH_FRONTIER", graph.DefaultMaxPathFrontier),
		"most people one level of a path search may expand from; more is TOO_BROAD (env THELIST_MAX_PATH_FRONTIER)")
	return s
}

// config checks the settings and builds the server's configuration.
func (s *serveSettings) config() (api.Config, error) {
	cfg := api.DefaultConfig()
	cfg.Limits = s.limits
	if s.http.ReadHeader <= 0 || s.http.Read <= 0 || s.http.Idle <= 0 {
		return cfg, fmt.Errorf("read-header-timeout, read-timeout and idle-timeout: want durations above 0")
	}
	cfg.HTTP = s.http
	if s.admission.Recovering < 0 {
		return cfg, fmt.Errorf("recovering-requests %d: want 0 or more", s.admission.Recovering)
	}
	if s.admission.PathSearches < 0 || s.admission.MaxQueue < 1 {
		return cfg, fmt.Errorf("path-searches %d, max-queue %d: want 0 or more searches and a queue of 1 or more",
			s.admission.PathSearches, s.admission.MaxQueue)
	}
	if s.admission.MaxWait <= 0 || s.admission.MaxWait >= s.limits.Timeout {
		return cfg, fmt.Errorf("max-queue-wait %s: want a wait above 0 and below the request timeout (%s), which must leave an admitted request time to run",
			s.admission.MaxWait, s.limits.Timeout)
	}
	cfg.Admission = s.admission
	switch s.reads {
	case "open":
	case "key":
		cfg.Access.ReadsNeedKey = true
	default:
		return cfg, fmt.Errorf("reads %q: want open or key", s.reads)
	}
	if err := cfg.Access.ParseKeys(s.apiKeys); err != nil {
		return cfg, err
	}
	if s.apiKeysFile != "" {
		if err := cfg.Access.LoadKeysFile(s.apiKeysFile); err != nil {
			return cfg, err
		}
	}
	rl, err := api.ParseRateLimit(s.rateLimit)
	if err != nil {
		return cfg, err
	}
	cfg.RateLimit = rl
	if s.writeRetryTime <= 0 {
		return cfg, fmt.Errorf("write-retry-time %s: want a duration above 0", s.writeRetryTime)
	}
	if s.maxPathFrontier < 1 {
		return cfg, fmt.Errorf("max-path-frontier %d: want a number of people, 1 or more", s.maxPathFrontier)
	}
	for _, p := range strings.Split(s.trustedProxies, ",") {
		if p = strings.TrimSpace(p); p != "" {
			cfg.TrustedProxies = append(cfg.TrustedProxies, p)
		}
	}
	return cfg, nil
}

func env(name, fallback string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return fallback
}

func envInt(name string, fallback int) int {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return fallback
}

func envDuration(name string, fallback time.Duration) time.Duration {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			return d
		}
	}
	return fallback
}
