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
exec bin/thelist serve
