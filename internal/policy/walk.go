package policy

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// WalkModule calls fn for every file of the module rooted at root that
// the go command's ./... can see: it does not descend into nested modules,
// vendor, testdata, or directories starting with "." or "_".
func WalkModule(root string, fn func(path string, d fs.DirEntry)) {
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if !d.IsDir() {
			fn(path, d)
			return nil
		}
		if path == root {
			return nil
		}
		name := d.Name()
		if name == "vendor" || name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			return filepath.SkipDir
		}
		if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
			return filepath.SkipDir
		}
		return nil
	})
}
