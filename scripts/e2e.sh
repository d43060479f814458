#!/usr/bin/env bash
# e2e.sh runs the browser tests (frontend/e2e) in Debian's Chromium against
# the real server, built with the web app, serving the demo data from the
# test Neo4j. make test-e2e builds the binary and starts that Neo4j first.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/wait-ready.sh

addr="127.0.0.1:${THELIST_E2E_PORT:-18080}"
export NEO4J_URI="${THELIST_TEST_NEO4J_URI:-bolt://127.0.0.1:7688}"
export NEO4J_PASSWORD="${THELIST_TEST_NEO4J_PASSWORD:-thelist-test}"
# The shortlists test signs in with the reader's key (e2e/shortlists.test.mjs),
# the editing test with the editor's (e2e/editing.test.mjs).
export THELIST_API_KEYS="e2e-reader-key:reader,e2e-editor-key:editor:e2e-editor"
# The browser tests share one client address, and the CSV export pages
# through every candidate: the rate limit (tested in Go, api/ratelimit) is off
# here so one test's burst cannot fail the next one's export.
export THELIST_RATE_LIMIT=off

go run ./internal/neo4jtest/reset
bin/thelist import data >/dev/null
# The demo data must be consistent: thelist check exits 1 on any finding.
bin/thelist check

mkdir -p frontend/e2e/output
bin/thelist serve --addr "$addr" >frontend/e2e/output/server.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT

wait_ready e2e "$addr" "$server" frontend/e2e/output/server.log

cd frontend
THELIST_URL="http://$addr" npm run test:e2e
