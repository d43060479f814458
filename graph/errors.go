package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// translate gives a Neo4j or driver error a thelist code, keeping the
// original in the chain for the server's logs. Messages are written for the
// API's clients, so they never quote Cypher or the server's text.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var te *thelist.Error
	if errors.As(err, &te) {
		return err
	}
	var code, msg string
	var nerr *neo4j.Neo4jError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		code, msg = thelist.ETIMEOUT, "the query took too long"
	case errors.Is(err, context.Canceled):
		code, msg = thelist.ETIMEOUT, "the request was cancelled"
	case neo4j.IsConnectivityError(err) && strings.Contains(err.Error(), context.DeadlineExceeded.Error()):
		// The driver reports a read cut short by the request's deadline
		// as a connectivity error that does not wrap the context's: the
		// database was slow, not gone, and the log must say TIMEOUT.
		code, msg = thelist.ETIMEOUT, "the query took too long"
	case errors.As(err, &nerr):
		code, msg = neo4jCode(nerr.Code)
	case neo4j.IsConnectivityError(err), neo4j.IsUsageError(err) && strings.Contains(err.Error(), "closed"):
		code, msg = thelist.EUNAVAILABLE, "the database is not answering"
	default:
		var terr *neo4j.TransactionExecutionLimit
		if errors.As(err, &terr) {
			code, msg = retriesCode(terr)
		} else {
			return err
		}
	}
	return fmt.Errorf("%w: %w", thelist.Errorf(code, "%s", msg), err)
}

// tooBroadMessage is what a read that ran out of memory answers: the
// question is valid, but answering it in one read takes more of the graph
// than a transaction may hold.
const tooBroadMessage = "the question needs more memory than one read may use: narrow it (name a lab, " +
	"ask for a credential or a higher citation count, or a shorter period) and ask again"

// isMemoryStatus says whether a Neo4j status is a query that hit the
// memory limit of its transaction or of all transactions together
// (db.memory.transaction.max, dbms.memory.transaction.total.max) or the heap.
func isMemoryStatus(status string) bool {
	return strings.HasSuffix(status, ".MemoryPoolOutOfMemoryError") ||
		strings.HasSuffix(status, ".TransactionOutOfMemoryError") ||
		strings.HasSuffix(status, ".General.OutOfMemoryError")
}

// stopOnMemory turns a read's out-of-memory error into TOO_BROAD before the
// driver sees it. The pool's limit is a transient error, which the driver
// would retry until the request's deadline and then report as a database
// that does not answer (UNAVAILABLE); the same read would run out of
// memory again, so it is not retried. The Neo4j error is kept in the text
// for the server's log, not in the chain, which is what stops the retry.
func stopOnMemory(err error) error {
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) && isMemoryStatus(nerr.Code) {
		return fmt.Errorf("%w (%s)", thelist.Errorf(thelist.ETOOBROAD, "%s", tooBroadMessage), nerr.Error())
	}
	return err
}

// neo4jCode maps a Neo4j status code (Neo.ClientError.Schema.…) to a thelist
// code and a message.
func neo4jCode(status string) (string, string) {
	switch {
	case isMemoryStatus(status):
		return thelist.ETOOBROAD, tooBroadMessage
	case strings.HasPrefix(status, "Neo.ClientError.Schema.ConstraintValidationFailed"):
		return thelist.ECONFLICT, "the write clashes with a record that already exists"
	case strings.Contains(status, "TransactionTimedOut"), strings.Contains(status, "Transaction.TransactionTimedOutClientConfiguration"):
		return thelist.ETIMEOUT, "the query took too long"
	case strings.HasPrefix(status, "Neo.TransientError"),
		strings.HasPrefix(status, "Neo.ClientError.Cluster"),
		strings.HasPrefix(status, "Neo.ClientError.Database.DatabaseNotFound"),
		strings.HasPrefix(status, "Neo.ClientError.Security"):
		// A wrong password or a missing database is the operator's problem;
		// to a client it looks like a database that does not answer.
		return thelist.EUNAVAILABLE, "the database is not answering"
	}
	return thelist.EINTERNAL, "internal error"
}

// retriesCode gives the code of a transaction the driver gave up retrying,
// by why it gave up and the last attempt's error: the request's deadline
// is a timeout (the driver reports it as its own limit, and it was logged
// as UNAVAILABLE), a deadlock or another transient clash that outlasted
// the retries is a conflict the caller may try again, and only failed
// connections mean the database is not answering.
func retriesCode(terr *neo4j.TransactionExecutionLimit) (string, string) {
	var last error
	if n := len(terr.Errors); n > 0 {
		last = terr.Errors[n-1]
	}
	var nerr *neo4j.Neo4jError
	switch {
	case strings.Contains(terr.Cause, context.DeadlineExceeded.Error()), errors.Is(last, context.DeadlineExceeded):
		return thelist.ETIMEOUT, "the query took too long"
	case strings.Contains(terr.Cause, context.Canceled.Error()), errors.Is(last, context.Canceled):
		return thelist.ETIMEOUT, "the request was cancelled"
	case errors.As(last, &nerr) && isMemoryStatus(nerr.Code):
		return thelist.ETOOBROAD, tooBroadMessage
	case errors.As(last, &nerr) && strings.HasPrefix(nerr.Code, "Neo.TransientError.Transaction"):
		return errRecordBusy.Code, errRecordBusy.Message
	}
	return thelist.EUNAVAILABLE, "the database is not answering"
}
