package graph

import (
	"errors"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// TestStopOnMemory holds a read that hit a memory limit to TOO_BROAD, and
// to an error the driver does not retry (no Neo4j error in its chain).
func TestStopOnMemory(t *testing.T) {
	for _, status := range []string{
		"Neo.TransientError.General.MemoryPoolOutOfMemoryError",
		"Neo.ClientError.General.TransactionOutOfMemoryError",
		"Neo.TransientError.General.OutOfMemoryError",
	} {
		err := stopOnMemory(&neo4j.Neo4jError{Code: status, Msg: "the allocation would use more than the limit"})
		if code := thelist.ErrorCode(translate(err)); code != thelist.ETOOBROAD {
			t.Errorf("%s: got %s, want %s", status, code, thelist.ETOOBROAD)
		}
		var nerr *neo4j.Neo4jError
		if errors.As(err, &nerr) {
			t.Errorf("%s: the Neo4j error is still in the chain, so the driver would retry it", status)
		}
		if code, _ := neo4jCode(status); code != thelist.ETOOBROAD {
			t.Errorf("neo4jCode(%s) = %s, want %s", status, code, thelist.ETOOBROAD)
		}
	}
	other := &neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected"}
	if err := stopOnMemory(other); err != error(other) {
		t.Errorf("a deadlock: got %v, want it unchanged", err)
	}
}
