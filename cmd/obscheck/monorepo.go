package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/obscheck/obscheck/internal/driver"
	"github.com/obscheck/obscheck/internal/finding"
)

// analyzeAll is analyze, except at the root of a repository that is not a
// Go module itself (a monorepo of several modules, no go.work): there the
// go command finds no packages, and `./...` means every module below, so
// each is checked in turn, from its own directory. Other patterns outside
// a module are a usage error that says how to run obscheck.
func (s *session) analyzeAll(patterns []string) (*driver.Result, []driver.PackageError, error) {
	if inModule(s.dir) {
		return s.analyze(patterns)
	}
	mods, err := modulesBelow(s.dir)
	if err != nil {
		return nil, nil, usageErrorf("%v", err)
	}
	if len(mods) == 0 {
		return nil, nil, usageErrorf("%s is not in a Go module and has none below it (no go.mod); run obscheck in a module's directory, or -C DIR", s.dir)
	}
	if len(patterns) > 0 && !slices.Equal(patterns, []string{"./..."}) {
		return nil, nil, usageErrorf("%s is not in a Go module, so the go command cannot resolve %s; run obscheck inside a module (obscheck -C %s %s), or ./... here to check every module below: %s",
			s.dir, strings.Join(patterns, " "), mods[0], strings.Join(patterns, " "), strings.Join(mods, ", "))
	}
	all := &driver.Result{}
	var bad []driver.PackageError
	for _, m := range mods {
		sub := *s
		sub.dir = filepath.Join(s.dir, filepath.FromSlash(m))
		res, b, err := sub.analyze([]string{"./..."})
		if err != nil {
			return nil, nil, err
		}
		for _, f := range res.Findings {
			all.Findings = append(all.Findings, s.relocate(f))
		}
		all.Failures = append(all.Failures, res.Failures...)
		all.Timing.Load += res.Timing.Load
		all.Timing.Analysis += res.Timing.Analysis
		bad = append(bad, b...)
	}
	return all, bad, nil
}

// relocate makes a module's finding's paths relative to the directory
// obscheck runs in, like every other finding's.
func (s *session) relocate(f finding.Finding) finding.Finding {
	f.File = s.relPath(f.Abs, f.File)
	f.Related = slices.Clone(f.Related)
	for i := range f.Related {
		f.Related[i].File = s.relPath(f.Related[i].Abs, f.Related[i].File)
	}
	f.Fixes = slices.Clone(f.Fixes)
	for i := range f.Fixes {
		f.Fixes[i].Edits = slices.Clone(f.Fixes[i].Edits)
		for j := range f.Fixes[i].Edits {
			e := &f.Fixes[i].Edits[j]
			e.File = s.relPath(e.Abs, e.File)
		}
	}
	return f
}

func (s *session) relPath(abs, fallback string) string {
	if abs == "" {
		return fallback
	}
	rel, err := filepath.Rel(s.dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fallback
	}
	return filepath.ToSlash(rel)
}

// inModule reports whether the go command sees a main module or a
// workspace in dir. When it cannot tell, it says yes: the go command's own
// error is then the message.
func inModule(dir string) bool {
	cmd := exec.Command("go", "env", "GOMOD", "GOWORK")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return true
	}
	lines := strings.Split(strings.TrimSpace(string(out))+"\n", "\n")
	gomod, gowork := strings.TrimSpace(lines[0]), strings.TrimSpace(lines[1])
	return gomod != "" && gomod != os.DevNull || gowork != "" && gowork != "off"
}

// modulesBelow lists the directories under root holding a go.mod, slash
// paths relative to root, skipping what ./... skips (testdata, vendor,
// directories starting with . or _) and node_modules.
func modulesBelow(root string) ([]string, error) {
	var mods []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			return nil // unreadable: the go command would not see it either
		}
		if d.IsDir() && path != root {
			name := d.Name()
			if name == "testdata" || name == "vendor" || name == "node_modules" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
		}
		if !d.IsDir() && d.Name() == "go.mod" {
			rel, err := filepath.Rel(root, filepath.Dir(path))
			if err != nil {
				return err
			}
			mods = append(mods, filepath.ToSlash(rel))
		}
		return nil
	})
	return mods, err
}
