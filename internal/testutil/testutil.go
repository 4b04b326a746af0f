// Package testutil has what the analyzer tests share.
package testutil

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

var downloaded sync.Map

// Module prepares the testdata module in dir for analysistest and returns
// dir. analysistest loads modules with GOPROXY=off, so the module's
// requirements are downloaded here first, through the normal proxy. The
// test is skipped (not failed) only when -short is given and the download
// fails; otherwise a failed download fails the test.
func Module(t testing.TB, dir string) string {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	once, _ := downloaded.LoadOrStore(abs, new(sync.Once))
	var dlErr error
	var out []byte
	once.(*sync.Once).Do(func() {
		cmd := exec.Command("go", "mod", "download")
		cmd.Dir = abs
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		out, dlErr = cmd.CombinedOutput()
	})
	if dlErr != nil {
		t.Fatalf("go mod download in %s: %v\n%s", dir, dlErr, out)
	}
	return abs
}
