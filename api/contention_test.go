package api

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/thelist/thelist"
)

// Fifty editors upsert one person at once, a person that does not exist
// yet: each is answered within 2 s, as a change or as CONFLICT (never
// TIMEOUT, UNAVAILABLE or INTERNAL), and the history holds exactly the
// changes answered, each one's before the after of the change before it.
func TestMutations_ConcurrentUpsertsOfOnePerson(t *testing.T) {
	ts, _ := mutationServerWith(t, time.Second) // thelist serve's default write retry time
	// One upsert of someone else first, as a running server has done:
	// Neo4j plans the write's statements (the record, its history and the
	// facts derived from it) once, outside the budget the burst measures.
	if r := gqlAs(t, ts, "editor-key", upsertPersonQ, map[string]any{"in": map[string]any{
		"id": "cy-warm", "name": "Cy Warm", "sources": []string{"src-a"}, "reason": "warm up"}}); len(r.codes()) > 0 {
		t.Fatalf("warm-up upsert: %v", r.codes())
	}
	const n = 50
	type outcome struct {
		r       tpResponse
		elapsed time.Duration
	}
	outcomes := make([]outcome, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			t0 := time.Now()
			r := gqlAs(t, ts, "editor-key", upsertPersonQ, map[string]any{"in": map[string]any{
				"id": "cy-contended", "name": fmt.Sprintf("Cy Contended %02d", i),
				"sources": []string{"src-a"}, "reason": fmt.Sprintf("editor %02d", i),
			}})
			outcomes[i] = outcome{r, time.Since(t0)}
		}()
	}
	close(start)
	wg.Wait()

	// The race detector makes the fifty requests' own work (GraphQL, JSON)
	// several times slower on two cores; the write budget is the same.
	within := 2 * time.Second
	if raceDetector {
		within = 4 * time.Second
	}
	written := 0
	for i, o := range outcomes {
		codes := o.r.codes()
		switch {
		case len(codes) == 0:
			written++
		case slices.Equal(codes, []string{thelist.ECONFLICT}):
		default:
			t.Errorf("upsert %d: status %d, codes %v (%s); want a change or CONFLICT", i, o.r.status, codes, o.r.body)
		}
		if o.elapsed > within {
			t.Errorf("upsert %d answered after %s, want within %s (codes %v)", i, o.elapsed, within, codes)
		}
	}
	if written == 0 {
		t.Fatal("no upsert was written")
	}
	t.Logf("%d of %d written, %d CONFLICT", written, n, n-written)

	r := gqlAs(t, ts, "", `query { history(kind: "people", id: "cy-contended", first: 100) { reason before after } }`, nil)
	var h struct {
		History []struct {
			Reason, After string
			Before        *string
		}
	}
	ok(t, "history", r, &h)
	if len(h.History) != written {
		t.Fatalf("history holds %d changes, want the %d written", len(h.History), written)
	}
	for i, c := range h.History { // newest first
		if i+1 < len(h.History) {
			if prev := h.History[i+1]; c.Before == nil || *c.Before != prev.After {
				t.Errorf("change %q: before %v, want the after of the change before it, %s", c.Reason, c.Before, prev.After)
			}
		} else if c.Before != nil {
			t.Errorf("the first change %q has a before, %s; the person did not exist", c.Reason, *c.Before)
		}
	}
	var p struct{ Person struct{ Name string } }
	ok(t, "person", gqlAs(t, ts, "", `{ person(id: "cy-contended") { name } }`, nil), &p)
	if last := props(t, h.History[0].After); last["name"] != p.Person.Name {
		t.Errorf("the person is named %q, the last change says %v", p.Person.Name, last["name"])
	}
}
