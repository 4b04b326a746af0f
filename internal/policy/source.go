package policy

import (
	"flag"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// Source decides which policy governs each package. Every analyzer is
// built from one (see analyzers/all.New), so there is no process-wide
// policy: the CLI, go vet, golangci-lint and tests each build analyzers
// from the Source that fits them, and two sets of analyzers with
// different policies can run side by side.
//
// A nil *Source is the default used by the package-level analyzers (go
// vet, nogo, gopls): the analyzer's -policy or -config flag, else
// $OBSCHECK_CONFIG, else the nearest .obscheck.yaml (Find).
type Source struct {
	fixed  *Policy
	adjust func(*Policy)

	mu    sync.Mutex
	dirs  map[string]string   // package directory -> policy file ("" for none)
	files map[string]*cached  // policy file -> its policy, adjusted
	used  map[string]struct{} // policy files that governed a package
}

type cached struct {
	p   *Policy
	err error
}

// Fixed returns a Source that gives every package p.
func Fixed(p *Policy) *Source { return &Source{fixed: p} }

// Nearest returns a Source that gives each package the policy of its
// nearest .obscheck.yaml (or the defaults), after adjust (which may be
// nil) has been applied to a copy of it: the CLI's --enable, --disable
// and --tests apply to every policy file of the run.
func Nearest(adjust func(*Policy)) *Source { return &Source{adjust: adjust} }

// For returns the policy governing pass's package.
func (s *Source) For(pass *analysis.Pass) (*Policy, error) {
	if s != nil && s.fixed != nil {
		return s.fixed, nil
	}
	if f := pass.Analyzer.Flags.Lookup("policy"); f != nil && f.Value.String() != "" {
		return s.load("policy-flag\x00"+f.Value.String(), func() (*Policy, error) {
			p, err := Parse("-policy flag", []byte(f.Value.String()))
			if p != nil {
				p.Source = "-policy flag"
			}
			return p, err
		})
	}
	if f := pass.Analyzer.Flags.Lookup("config"); f != nil && f.Value.String() != "" {
		return s.file(f.Value.String())
	}
	if env := os.Getenv(EnvConfig); env != "" {
		return s.file(env)
	}
	path, err := s.find(packageDir(pass))
	if err != nil {
		return nil, err
	}
	return s.file(path)
}

// ForDir returns the policy governing the package in dir, as For does
// for a package without flags.
func (s *Source) ForDir(dir string) (*Policy, error) {
	if s != nil && s.fixed != nil {
		return s.fixed, nil
	}
	if env := os.Getenv(EnvConfig); env != "" {
		return s.file(env)
	}
	path, err := s.find(dir)
	if err != nil {
		return nil, err
	}
	return s.file(path)
}

// Used lists the policy files that governed a package so far, sorted; ""
// stands for the built-in defaults.
func (s *Source) Used() []string {
	if s == nil {
		return nil
	}
	if s.fixed != nil {
		return []string{s.fixed.Source}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.used))
	for f := range s.used {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// The default Source (nil) shares one cache per process: go vet runs one
// package per process, gopls and golangci-lint many.
var defaultSource = &Source{}

func (s *Source) self() *Source {
	if s == nil {
		return defaultSource
	}
	return s
}

func (s *Source) find(dir string) (string, error) {
	s = s.self()
	if dir == "" {
		return "", nil
	}
	s.mu.Lock()
	path, ok := s.dirs[dir]
	s.mu.Unlock()
	if ok {
		return path, nil
	}
	path, err := Find(dir)
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	if s.dirs == nil {
		s.dirs = map[string]string{}
	}
	s.dirs[dir] = path
	s.mu.Unlock()
	return path, nil
}

// file returns the adjusted policy of path ("" for the defaults), parsed
// once per Source.
func (s *Source) file(path string) (*Policy, error) {
	if path != "" {
		abs, err := filepath.Abs(path)
		if err != nil {
			return nil, err
		}
		path = abs
	}
	return s.load(path, func() (*Policy, error) {
		if path == "" {
			return Default(), nil
		}
		return Load(path)
	})
}

func (s *Source) load(key string, parse func() (*Policy, error)) (*Policy, error) {
	s = s.self()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.used == nil {
		s.used = map[string]struct{}{}
		s.files = map[string]*cached{}
	}
	s.used[key] = struct{}{}
	if c, ok := s.files[key]; ok {
		return c.p, c.err
	}
	p, err := parse()
	if err == nil && s.adjust != nil {
		cp := *p
		s.adjust(&cp)
		p = &cp
	}
	s.files[key] = &cached{p, err}
	return p, err
}

// RegisterFlags adds the flags every analyzer carries (nogo and go vet
// pass configuration only through analyzer flags): -config names a policy
// file, -policy gives the policy YAML itself (for sandboxes such as
// Bazel's, where no file is at hand).
func RegisterFlags(fs *flag.FlagSet) {
	fs.String("config", "", "path to "+FileName+" (default: found by walking up from each package's directory)")
	fs.String("policy", "", "the policy as YAML text, instead of a file")
}

// packageDir is the directory of the package's source files.
func packageDir(pass *analysis.Pass) string {
	for _, f := range pass.Files {
		if name, ok := UserFile(pass.Fset, f); ok && filepath.IsAbs(name) {
			return filepath.Dir(name)
		}
	}
	return ""
}

// UserFile returns the name of the file the user wrote that f was parsed
// from, or ok false when f is cmd/cgo's own (_cgo_gotypes.go). A file
// using cgo is analyzed as cmd/cgo's rewrite of it, which lives in the
// build cache and says it is generated; its //line directive names the
// user's file.
func UserFile(fset *token.FileSet, f *ast.File) (name string, ok bool) {
	tf := fset.File(f.Pos())
	if tf == nil {
		return "", false
	}
	if !cgoOutput(f) {
		return tf.Name(), true
	}
	if orig := fset.Position(f.Package).Filename; orig != tf.Name() {
		return orig, true
	}
	return "", false
}

// cgoOutput reports whether f is a file cmd/cgo wrote.
func cgoOutput(f *ast.File) bool {
	for _, cg := range f.Comments {
		if cg.Pos() > f.Package {
			break
		}
		for _, c := range cg.List {
			if c.Text == "// Code generated by cmd/cgo; DO NOT EDIT." {
				return true
			}
		}
	}
	return false
}
