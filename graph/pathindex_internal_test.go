package graph

import (
	"testing"
	"time"
)

// After a failed read of the path index, path searches do not start
// another at once (it would read the whole graph for minutes again), and
// the wait doubles with each failure up to half an hour.
func TestPathIndex_RetryWaitsAfterAFailure(t *testing.T) {
	p := &pathIndexes{failed: true, failures: 1, retryAt: time.Now().Add(time.Minute)}
	if done := p.startBuild(nil); done != nil || p.building != nil {
		t.Fatalf("a read started right after a failure")
	}
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 16 * time.Minute,
		30 * time.Minute, 30 * time.Minute, 30 * time.Minute}
	for i, w := range want {
		if got := pathIndexRetry(i + 1); got != w {
			t.Errorf("wait after %d failures = %s, want %s", i+1, got, w)
		}
	}
}
