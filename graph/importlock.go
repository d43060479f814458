package graph

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// The import lock is one (:ImportLock {id: "import"}) node. MERGE on its
// uniquely constrained id (schema.go) lets only one of several imports that
// start together create it; the others find it and are refused. Times are
// the database's (datetime()), so hosts with skewed clocks agree on how
// long a holder has been silent.

// lockFields are the fields of the lock l, as importLock reads them.
const lockFields = `{token: l.token, host: l.host, pid: l.pid, started: l.started, heartbeat: l.heartbeat,
	silentMs: duration.inSeconds(l.heartbeat, datetime()).milliseconds}`

// LockImport takes the import lock for lock (its Token, Host and PID). It
// returns the lock as it was found and whether it is now lock's: it is when
// no import held it, or when the holder had been silent (no heartbeat) for
// longer than breakAfter, when breakAfter > 0. A lock held by another import
// is left as it is.
func (db *DB) LockImport(ctx context.Context, lock thelist.ImportLock, breakAfter time.Duration) (thelist.ImportLock, bool, error) {
	type result struct {
		found thelist.ImportLock
		mine  bool
	}
	r, err := writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (result, error) {
		row, err := singleRow(ctx, tx, `
			MERGE (l:ImportLock {id: 'import'})
			ON CREATE SET l.token = $token, l.host = $host, l.pid = $pid, l.started = datetime(), l.heartbeat = datetime()
			WITH l, `+lockFields+` AS found
			WITH l, found, found.token = $token
				OR ($breakAfterMs > 0 AND found.silentMs > $breakAfterMs) AS mine
			FOREACH (_ IN CASE WHEN mine AND found.token <> $token THEN [1] ELSE [] END |
				SET l.token = $token, l.host = $host, l.pid = $pid, l.started = datetime(), l.heartbeat = datetime())
			RETURN found, mine`,
			map[string]any{"token": lock.Token, "host": lock.Host, "pid": lock.PID, "breakAfterMs": breakAfter.Milliseconds()})
		if err != nil {
			return result{}, err
		}
		found, err := importLock(row["found"])
		return result{found: found, mine: row["mine"] == true}, err
	})
	if err != nil {
		return thelist.ImportLock{}, false, fmt.Errorf("take the import lock: %w", err)
	}
	return r.found, r.mine, nil
}

// HeartbeatImport renews the import lock held with token. It fails with
// ECONFLICT when the lock is no longer token's: another import broke it as
// stale, and this one must stop writing.
func (db *DB) HeartbeatImport(ctx context.Context, token string) error {
	held, err := writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (bool, error) {
		row, err := singleRow(ctx, tx, `
			OPTIONAL MATCH (l:ImportLock {id: 'import'}) WHERE l.token = $token
			SET l.heartbeat = datetime()
			RETURN l IS NOT NULL AS held`, map[string]any{"token": token})
		if err != nil {
			return false, err
		}
		return row["held"] == true, nil
	})
	if err != nil {
		return fmt.Errorf("renew the import lock: %w", err)
	}
	if !held {
		return thelist.Errorf(thelist.ECONFLICT, "the import lock was taken by another import (broken as stale)")
	}
	return nil
}

// UnlockImport frees the import lock if token holds it, and does nothing
// otherwise.
func (db *DB) UnlockImport(ctx context.Context, token string) error {
	_, err := writeTx(ctx, db, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		res, err := tx.Run(ctx, `MATCH (l:ImportLock {id: 'import'}) WHERE l.token = $token DELETE l`,
			map[string]any{"token": token})
		if err != nil {
			return struct{}{}, err
		}
		_, err = res.Consume(ctx)
		return struct{}{}, err
	})
	if err != nil {
		return fmt.Errorf("free the import lock: %w", err)
	}
	return nil
}

// importLock reads the map lockFields returns.
func importLock(v any) (thelist.ImportLock, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return thelist.ImportLock{}, fmt.Errorf("import lock: got %T", v)
	}
	l := thelist.ImportLock{Token: str(m, "token"), Host: str(m, "host")}
	if pid, ok := m["pid"].(int64); ok {
		l.PID = int(pid)
	}
	if t, ok := m["started"].(time.Time); ok {
		l.Started = t
	}
	if t, ok := m["heartbeat"].(time.Time); ok {
		l.Heartbeat = t
	}
	if ms, ok := m["silentMs"].(int64); ok {
		l.Silent = time.Duration(ms) * time.Millisecond
	}
	return l, nil
}
