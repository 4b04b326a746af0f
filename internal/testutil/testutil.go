// Package testutil has what the analyzer tests share.
package testutil

import (
	"bytes"
	"errors"
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

// CopyDir copies the tree at src to a new temporary directory and returns
// it, for tests that write policy files or apply fixes.
func CopyDir(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// Run runs cmd and returns its output and exit status. Only a command that
// could not be started fails the test: a non-zero exit is what the caller
// checks.
func Run(t testing.TB, cmd *exec.Cmd) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

// ReadOnlyDir makes creating files in dir fail until the test ends: mode
// 0555, and, where that is not enough (tests running as root), the
// immutable attribute. It skips the test when neither works.
func ReadOnlyDir(t testing.TB, dir string) {
	t.Helper()
	writable := func() bool {
		f, err := os.CreateTemp(dir, "probe")
		if err != nil {
			return false
		}
		f.Close()
		os.Remove(f.Name())
		return true
	}
	os.Chmod(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if !writable() {
		return
	}
	if exec.Command("chattr", "+i", dir).Run() == nil {
		t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
		if !writable() {
			return
		}
	}
	t.Skip("cannot make a directory read-only here")
}
