// Package testutil has what the analyzer tests share.
package testutil

import (
	"bytes"
	"errors"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
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

// RunBroken loads pattern in the testdata module dir, which must be one
// package with type errors, and runs a with everything it requires (no
// facts), the way drivers that run analyzers despite errors would. It
// fails the test if an analyzer returns an error and lets a panic fail it;
// it returns how many diagnostics a reported.
func RunBroken(t testing.TB, dir, pattern string, target *analysis.Analyzer) (reported int) {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes |
			packages.NeedTypesInfo | packages.NeedImports | packages.NeedDeps,
		Dir: dir,
		Env: append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off"),
	}
	pkgs, err := packages.Load(cfg, pattern)
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != 1 || len(pkgs[0].Errors) == 0 {
		t.Fatalf("want one package with type errors, got %d packages", len(pkgs))
	}
	p := pkgs[0]
	results := map[*analysis.Analyzer]any{}
	var run func(a *analysis.Analyzer) any
	run = func(a *analysis.Analyzer) any {
		if r, ok := results[a]; ok {
			return r
		}
		pass := &analysis.Pass{
			Analyzer:          a,
			Fset:              p.Fset,
			Files:             p.Syntax,
			Pkg:               p.Types,
			TypesInfo:         p.TypesInfo,
			TypesSizes:        types.SizesFor("gc", "amd64"),
			ResultOf:          map[*analysis.Analyzer]any{},
			ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
			ExportObjectFact:  func(types.Object, analysis.Fact) {},
			ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
			ExportPackageFact: func(analysis.Fact) {},
			AllObjectFacts:    func() []analysis.ObjectFact { return nil },
			AllPackageFacts:   func() []analysis.PackageFact { return nil },
			ReadFile:          os.ReadFile,
		}
		if a == target {
			pass.Report = func(analysis.Diagnostic) { reported++ }
		} else {
			pass.Report = func(analysis.Diagnostic) {}
		}
		for _, req := range a.Requires {
			pass.ResultOf[req] = run(req)
		}
		r, err := a.Run(pass)
		if err != nil {
			t.Fatalf("%s: %v", a.Name, err)
		}
		results[a] = r
		return r
	}
	run(target)
	return reported
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
