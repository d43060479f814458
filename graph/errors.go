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

// neo4jCode maps a Neo4j status code (Neo.ClientError.Schema.…) to a thelist
// code and a message.
func neo4jCode(status string) (string, string) {
	switch {
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
	case errors.As(last, &nerr) && strings.HasPrefix(nerr.Code, "Neo.TransientError.Transaction"):
		return errRecordBusy.Code, errRecordBusy.Message
	}
	return thelist.EUNAVAILABLE, "the database is not answering"
}
