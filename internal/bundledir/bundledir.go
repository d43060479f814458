// Package bundledir checks the folder a new bundle is written into, for
// the commands that write one (thelist gen, thelist openalex).
package bundledir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/thelist/thelist"
)

// CheckNew returns nil when dir is missing or an empty folder, so that a
// bundle written there mixes with no other files; otherwise an EINVALID
// error that ends with hint, what the user may do instead.
func CheckNew(dir, hint string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("read the bundle's folder: %w", err)
	case len(entries) > 0:
		return thelist.Errorf(thelist.EINVALID, "%s is not empty: %s", dir, hint)
	}
	return nil
}
