// Package importertest holds what tests of the packages that write bundles
// (synth, openalex) need to check them with the importer, without Neo4j.
package importertest

import (
	"context"
	"errors"
	"testing"

	"github.com/thelist/thelist"
)

// EmptyStore is an importer.Store for a dry run on a database that holds
// nothing: every id it is asked about is missing, so a bundle that refers
// outside itself fails validation. It only plans; a write fails the test.
type EmptyStore struct{ TB testing.TB }

func (s EmptyStore) MissingIDs(_ context.Context, _ string, ids []string) ([]string, error) {
	return ids, nil
}

func (s EmptyStore) EmptyKinds(context.Context) ([]string, error) { return nil, nil }

func (s EmptyStore) PlanBundle(context.Context, thelist.Bundle) (thelist.ImportResult, error) {
	return thelist.ImportResult{}, nil
}

func (s EmptyStore) WriteBundle(context.Context, thelist.Bundle) (thelist.ImportResult, error) {
	s.TB.Error("WriteBundle called in a dry run")
	return thelist.ImportResult{}, errors.New("not in a dry run")
}

func (s EmptyStore) RecordImport(context.Context, thelist.ImportMeta, thelist.ImportResult) (string, error) {
	s.TB.Error("RecordImport called in a dry run")
	return "", errors.New("not in a dry run")
}
