//go:build !embedfrontend

package frontend

import "io/fs"

// FS returns nil: this binary was built without the frontend.
func FS() fs.FS { return nil }
