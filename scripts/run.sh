#!/usr/bin/env bash
# run.sh is `make run`: it uses the Neo4j at NEO4J_URI when one answers there,
# or else starts the local one (neo4j/neo4jctl start dev); it loads data/
# when the database is empty, then serves until interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."

uri="${NEO4J_URI:-bolt://127.0.0.1:7687}"
if neo4j/neo4jctl answers "$uri"; then
  echo "run: using the Neo4j that answers at $uri"
elif [[ -z "${NEO4J_URI:-}" ]]; then
  neo4j/neo4jctl start dev
else
  echo "run: nothing answers at NEO4J_URI=$NEO4J_URI; unset it to use a local Neo4j" >&2
  exit 1
fi
bin/thelist import --if-empty data

# Shortlists and saved searches belong to an API key. So that someone trying
# the demo can use them without setting up keys, make run (and only make
# run: the binary has no default key) gives the local demo a reader's key
# when no keys are configured, and says so. The server listens on
# 127.0.0.1 unless THELIST_ADDR says otherwise, and then no demo key is made.
if [[ -z "${THELIST_API_KEYS:-}" && -z "${THELIST_API_KEYS_FILE:-}" ]]; then
  if [[ -z "${THELIST_ADDR:-}" || "${THELIST_ADDR}" == 127.0.0.1:* || "${THELIST_ADDR}" == localhost:* ]]; then
    export THELIST_API_KEYS="local-demo-key-not-for-production:reader"
    echo "run: no API keys configured; for this local demo only, sign in with the key: local-demo-key-not-for-production"
  else
    echo "run: THELIST_ADDR=$THELIST_ADDR is not local, so no demo key; set THELIST_API_KEYS to use shortlists"
  fi
fi
exec bin/thelist serve
