# The List in one image: the web app built by Node, embedded into the Go
# binary, shipped on a small Alpine base with the demo data bundle.
#
#   docker build -t thelist .
#   docker run --rm -e NEO4J_URI=neo4j+s://… -e NEO4J_PASSWORD=… -p 8080:8080 thelist
#
# The image's entry point is the `thelist` binary, so `docker run thelist
# import --if-empty /app/data` works too. docker-compose.yml runs that import
# and then `serve`; docs/docker.md describes both.

# 1. The web app. package.json and the lock file come first, so the npm ci
#    layer is rebuilt only when the dependencies change.
FROM node:20-bookworm-slim AS web
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

# 2. The Go binary, with the web app embedded (build tag embedfrontend).
#    The tag matches go.mod's go line (cmd/thelist/compose_test.go checks it).
FROM golang:1.26.8 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /src/frontend/dist ./frontend/dist
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -tags embedfrontend \
      -o /out/thelist ./cmd/thelist

# 3. The runtime image. Alpine rather than distroless: docker-compose.yml
#    needs a shell to run `import --if-empty` before `serve`, and wget to
#    probe /readyz for its healthcheck. Alpine ships the CA bundle that
#    neo4j+s:// (Aura) needs.
FROM alpine:3.22
RUN addgroup -S -g 10001 thelist && \
    adduser -S -D -H -u 10001 -G thelist -h /app thelist
COPY --from=build /out/thelist /usr/local/bin/thelist
COPY data/ /app/data/
WORKDIR /app
USER 10001:10001
ENV THELIST_ADDR=0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["thelist"]
CMD ["serve"]
