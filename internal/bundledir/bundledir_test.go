package bundledir

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/thelist/thelist"
)

func TestCheckNew(t *testing.T) {
	dir := t.TempDir()
	for name, d := range map[string]string{"missing": filepath.Join(dir, "new"), "empty": dir} {
		if err := CheckNew(d, "hint"); err != nil {
			t.Errorf("%s folder: %v, want nil", name, err)
		}
	}
	file := filepath.Join(dir, "people.csv")
	if err := os.WriteFile(file, []byte("id\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := CheckNew(dir, "choose another")
	if thelist.ErrorCode(err) != thelist.EINVALID || !strings.HasSuffix(thelist.ErrorMessage(err), "is not empty: choose another") {
		t.Errorf("a folder with a file: %v, want EINVALID ending with the hint", err)
	}
	if err := CheckNew(file, "hint"); err == nil || thelist.ErrorCode(err) == thelist.EINVALID {
		t.Errorf("a file: %v, want a read error", err)
	}
}
