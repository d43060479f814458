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
	case errors.As(err, &nerr):
		code, msg = neo4jCode(nerr.Code)
	case neo4j.IsConnectivityError(err), neo4j.IsUsageError(err) && strings.Contains(err.Error(), "closed"):
		code, msg = thelist.EUNAVAILABLE, "the database is not answering"
	default:
		var terr *neo4j.TransactionExecutionLimit
		if errors.As(err, &terr) {
			code, msg = thelist.EUNAVAILABLE, "the database is not answering"
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
