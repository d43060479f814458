# The List. `make run` serves the demo; `make test` runs every test (CI runs
# exactly that, through .ci/run). Each target does one thing.

BIN     := bin/thelist
NEO4J   := neo4j/neo4jctl
# The test Neo4j has its own port and data folder (neo4j/neo4jctl), so tests
# never touch the data of make run. Parallel work on one machine can point
# the tests at a scratch instance instead, e.g.
#   NEO4J_BOLT_PORT=7700 NEO4J_HTTP_PORT=7701 make test TEST_INSTANCE=mine \
#     THELIST_TEST_NEO4J_URI=bolt://127.0.0.1:7700 THELIST_TEST_NEO4J_PASSWORD=thelist-mine
TEST_INSTANCE ?= test
export THELIST_TEST_NEO4J_URI ?= bolt://127.0.0.1:7688
export THELIST_TEST_NEO4J_PASSWORD ?= thelist-test

.PHONY: help run build frontend test vet lint test-go test-frontend test-e2e \
	neo4j-dev neo4j-test stop clean bench-import bench-api bench-frontend bench-overload

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | column -t -s "$$(printf '\t')"

run: build ## serve the demo data on http://localhost:8080 (starts Neo4j, imports data/ when empty)
	scripts/run.sh

build: frontend ## build bin/thelist with the web app inside
	go build -tags embedfrontend -o $(BIN) ./cmd/thelist

frontend: frontend/node_modules ## build the web app into frontend/dist
	cd frontend && npm run build

frontend/node_modules: frontend/package-lock.json
	cd frontend && npm ci
	touch $@

test: vet lint test-go test-frontend test-e2e ## run every test: Go, frontend unit, browser

# GOPKGS are the project's Go packages. ./... alone would take in Go files
# that npm packages ship under frontend/node_modules (flatted does).
GOPKGS = $$(go list ./... | grep -v /node_modules/)

vet: ## go vet
	go vet $(GOPKGS)

# The linters run through go run at a fixed version, so a fresh machine needs
# nothing but Go. deadcode exits 0 whatever it finds, so its output fails.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
DEADCODE    := golang.org/x/tools/cmd/deadcode@v0.53.0

lint: ## staticcheck, and deadcode (unreachable functions, tests counting as callers)
	go run $(STATICCHECK) $(GOPKGS)
	@out="$$(go run $(DEADCODE) -test $(GOPKGS))" || exit 1; if [ -n "$$out" ]; then echo "$$out"; echo "deadcode: unreachable functions above"; exit 1; fi

# -p 1: the packages that use the test database wipe it, so they take turns.
test-go: neo4j-test ## Go tests (unit and against the test Neo4j), with the race detector
	go test -race -p 1 -count=1 -timeout 30m $(GOPKGS)

test-frontend: frontend/node_modules ## frontend unit and component tests (Vitest)
	cd frontend && npm test

test-e2e: build neo4j-test ## browser tests: Chromium against the real server and the demo data
	scripts/e2e.sh

neo4j-dev: ## start the local Neo4j that make run uses (Bolt 7687)
	$(NEO4J) start dev

neo4j-test: ## start the test Neo4j (Bolt 7688, or TEST_INSTANCE)
	$(NEO4J) start $(TEST_INSTANCE)

stop: ## stop both local Neo4j servers
	$(NEO4J) stop dev
	$(NEO4J) stop test

# The import benchmark (BENCHMARKS.md): SIZES=100000 make bench-import for a
# quick run. It uses only the bench Neo4j (Bolt 7691), which it empties.
SIZES ?= 100000 1000000

bench-import: ## import benchmark: thelist import vs LOAD CSV on the bench Neo4j (SIZES="100000 1000000")
	$(NEO4J) start bench
	go build -o bench/out/thelist ./cmd/thelist
	go build -o bench/out/bench-import ./bench/import
	SIZES="$(SIZES)" bench/out/bench-import

# The frontend benchmark (BENCHMARKS.md): RUNS=5 make bench-frontend for a
# quick run. Its own Neo4j (FRONTBENCH_INSTANCE, Bolt FRONTBENCH_BOLT_PORT
# 7710) keeps the demo data and 20,000 synthetic people between runs.
bench-frontend: build ## frontend benchmark: person page time to usable, 5,000-node panning (headless Chromium)
	bench/frontend/run.sh

clean: ## remove build output (not the databases: see neo4j/README.md)
	rm -rf bin frontend/dist frontend/e2e/output

# The API benchmark (BENCHMARKS.md): ours vs the same Cypher through the Go
# driver vs @neo4j/graphql, on a scratch instance (Bolt 7708) that it fills
# with 100k synthetic people once. BENCH_API_FLAGS passes flags, e.g.
# BENCH_API_FLAGS="-concurrency 1,4 -duration 10s".
#
# Its scale mode (issue 16) times every read of the web app at several sizes
# (seed 11), at 1 and 4 clients, on the bench instance's sizes (3 GB heap,
# 3 GB page cache); each size is imported once and its store kept in
# -stores (about 8 GB for 100k + 300k + 1M), e.g.:
#   make bench-api BENCH_API_INSTANCE=scalebench \
#     BENCH_API_ENV="NEO4J_BOLT_PORT=7724 NEO4J_HTTP_PORT=7725 NEO4J_HEAP=3g NEO4J_PAGECACHE=3g" \
#     BENCH_API_FLAGS="-scale 100000,300000,1000000 -label before"
# -prepare "derive" runs a backfill on each size first; -scale-compare
# before.json,after.json prints the two runs side by side with the goals.
BENCH_API_INSTANCE ?= apibench
BENCH_API_ENV      ?= NEO4J_BOLT_PORT=7708 NEO4J_HTTP_PORT=7709 NEO4J_HEAP=2g NEO4J_PAGECACHE=2g
BENCH_API_FLAGS    ?=

bench-api: ## API benchmark: ours vs hand-written Cypher vs @neo4j/graphql at 100k people, or each read at 100k-1M (-scale) (BENCH_API_FLAGS)
	$(BENCH_API_ENV) $(NEO4J) start $(BENCH_API_INSTANCE)
	cd bench/api/neo4j-graphql && npm ci --no-audit --no-fund
	go build -o bench/out/thelist ./cmd/thelist
	go build -o bench/out/bench-api ./bench/api
	$(BENCH_API_ENV) bench/out/bench-api -instance $(BENCH_API_INSTANCE) $(BENCH_API_FLAGS)

# The overload benchmark (BENCHMARKS.md): 100 path searches at once with the
# rate limit off, on the demo data plus 20,000 generated people, on a
# scratch instance (Bolt 7712) that it fills once. It fails unless every
# request is answered within its timeout, as an answer or OVERLOADED, at
# least half answered and none TIMEOUT. Another instance:
#   make bench-overload BENCH_OVERLOAD_INSTANCE=mine BENCH_OVERLOAD_ENV="NEO4J_BOLT_PORT=7700 NEO4J_HTTP_PORT=7701" \
#     BENCH_OVERLOAD_FLAGS="-uri bolt://127.0.0.1:7700 -password thelist-mine"
BENCH_OVERLOAD_ENV      ?= NEO4J_BOLT_PORT=7712 NEO4J_HTTP_PORT=7713 NEO4J_HEAP=1g NEO4J_PAGECACHE=512m
BENCH_OVERLOAD_INSTANCE ?= overloadbench
BENCH_OVERLOAD_FLAGS    ?=

bench-overload: ## overload benchmark: 100 concurrent path searches are answered or shed OVERLOADED, none TIMEOUT (BENCH_OVERLOAD_FLAGS)
	$(BENCH_OVERLOAD_ENV) $(NEO4J) start $(BENCH_OVERLOAD_INSTANCE)
	go build -o bench/out/thelist ./cmd/thelist
	go build -o bench/out/bench-overload ./bench/overload
	$(BENCH_OVERLOAD_ENV) bench/out/bench-overload -instance $(BENCH_OVERLOAD_INSTANCE) $(BENCH_OVERLOAD_FLAGS)
