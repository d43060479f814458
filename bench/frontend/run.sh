#!/usr/bin/env bash
# run.sh is the frontend benchmark (BENCHMARKS.md, "Frontend"): it starts
# its own Neo4j, loads the demo data and a synthetic bundle big enough that a
# neighbourhood holds 5,000 nodes (once; later runs reuse them), serves the
# built binary (bin/thelist, web app embedded) and runs bench.mjs in Debian's
# Chromium against it. make bench-frontend builds the binary first.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/wait-ready.sh

instance="${FRONTBENCH_INSTANCE:-frontbench}"
export NEO4J_BOLT_PORT="${FRONTBENCH_BOLT_PORT:-7710}"
export NEO4J_HTTP_PORT="${FRONTBENCH_HTTP_PORT:-7711}"
export NEO4J_URI="bolt://127.0.0.1:$NEO4J_BOLT_PORT"
export NEO4J_PASSWORD="thelist-$instance"
people="${BENCH_PEOPLE:-20000}"
addr="127.0.0.1:${FRONTBENCH_PORT:-18110}"
bin=bin/thelist
synth="bench/out/frontend-synth-$people"

neo4j/neo4jctl start "$instance"
$bin schema >/dev/null

mkdir -p bench/out
# The rate limit is off: the benchmark is one client asking as fast as the
# page does, and a limit would measure the limiter.
$bin serve --addr "$addr" --rate-limit off >bench/out/frontend-server.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
wait_ready bench-frontend "$addr" "$server" bench/out/frontend-server.log

# has answers whether a person is in the database, so the data is loaded
# once and a second run measures the same graph without a 2-minute import.
has() {
  curl -fsS "http://$addr/graphql" -H 'content-type: application/json' \
    -d "{\"query\":\"{ person(id: \\\"$1\\\") { id } }\"}" | grep -q "\"id\":\"$1\""
}
if ! has matt-deitke; then
  echo "bench-frontend: importing the demo data" >&2
  $bin import data >/dev/null
fi
if ! has syn-person-0000002; then
  echo "bench-frontend: generating and importing $people synthetic people" >&2
  $bin gen --people "$people" --seed 1 --force "$synth" >/dev/null
  $bin import "$synth" >/dev/null
fi

THELIST_URL="http://$addr" node bench/frontend/bench.mjs "$@"
