// Package frontend carries the built web app (frontend/dist) into the Go
// binary. The Vite app itself lives beside this file; see README.md.
//
// The files are embedded only when the binary is built with the tag
// embedfrontend (make build does so, after npm run build). Without the tag,
// FS returns nil and the server says how to build the app: go build and
// go test then work on a fresh clone where dist/ does not exist yet, which
// //go:embed would otherwise refuse.
package frontend
