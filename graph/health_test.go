package graph_test

import (
	"context"
	"testing"
	"time"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/internal/neo4jtest"
)

// While the database cannot be reached, reads fail with UNAVAILABLE within
// 2 s rather than waiting in the driver's retries, and once it can be
// reached again the DB recovers by itself.
func TestHealth_UnavailableFastAndRecovers(t *testing.T) {
	neo4jtest.Open(t) // the schema, and the test database up
	proxy := neo4jtest.NewProxy(t)
	cfg := neo4jtest.Config()
	cfg.URI = proxy.URI()
	db := neo4jtest.Connect(t, cfg)
	ctx := context.Background()
	if _, err := db.SearchPeople(ctx, "nobody", 1); err != nil {
		t.Fatalf("search through the proxy: %v", err)
	}

	proxy.Cut()
	for i := range 5 {
		start := time.Now()
		_, err := db.SearchPeople(ctx, "nobody", 1)
		elapsed := time.Since(start)
		if code := thelist.ErrorCode(err); code != thelist.EUNAVAILABLE {
			t.Errorf("read %d with the database gone: %v (code %q), want UNAVAILABLE", i, err, code)
		}
		if elapsed > 2*time.Second {
			t.Errorf("read %d with the database gone answered after %s, want within 2 s", i, elapsed)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if db.Available() {
		t.Error("Available() with the database gone")
	}

	proxy.Restore()
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, err := db.SearchPeople(ctx, "nobody", 1)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still failing 10 s after the database came back: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !db.Available() {
		t.Error("not Available() once reads succeed again")
	}
}
