//go:build race

package api

// raceDetector says whether the tests run with the race detector, which
// makes code five to twenty times slower: the bounds on time the tests
// assert are that much looser then.
const raceDetector = true
