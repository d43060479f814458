package main

import (
	"flag"
	"os"
	"time"

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
	return cfg
}

// serveFlags registers the settings of the HTTP server.
func serveFlags(fs *flag.FlagSet) *string {
	return fs.String("addr", env("THELIST_ADDR", "127.0.0.1:8080"), "HTTP listen address (env THELIST_ADDR)")
}

func env(name, fallback string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
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
