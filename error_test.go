package thelist_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/thelist/thelist"
)

func TestErrorCode(t *testing.T) {
	notFound := thelist.Errorf(thelist.ENOTFOUND, "no person with id %q", "x")
	tests := []struct {
		name     string
		err      error
		wantCode string
		wantMsg  string
	}{
		{"nil", nil, "", ""},
		{"thelist error", notFound, thelist.ENOTFOUND, `no person with id "x"`},
		{"wrapped", fmt.Errorf("read person: %w", notFound), thelist.ENOTFOUND, `no person with id "x"`},
		{"other error is internal and hidden", errors.New("neo4j: connection reset by 10.0.0.3"), thelist.EINTERNAL, "internal error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := thelist.ErrorCode(tt.err); got != tt.wantCode {
				t.Errorf("ErrorCode = %q, want %q", got, tt.wantCode)
			}
			if got := thelist.ErrorMessage(tt.err); got != tt.wantMsg {
				t.Errorf("ErrorMessage = %q, want %q", got, tt.wantMsg)
			}
		})
	}
}
