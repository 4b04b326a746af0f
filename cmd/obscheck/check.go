package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/obscheck/obscheck/analyzers/all"
	"github.com/obscheck/obscheck/internal/baseline"
	"github.com/obscheck/obscheck/internal/driver"
	"github.com/obscheck/obscheck/internal/finding"
	"github.com/obscheck/obscheck/internal/gitdiff"
	"github.com/obscheck/obscheck/internal/output"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/safefile"
	"github.com/spf13/cobra"
	"golang.org/x/tools/go/analysis"
)

// options are the check flags.
type options struct {
	format     []string
	output     string
	config     string
	baseline   string
	enable     []string
	disable    []string
	fix        string // "", "safe" or "unsafe"
	diff       bool
	dir        string
	tests      bool
	jobs       int
	debug      bool
	newFromRev string
	mergeBase  string
	pprof      string
	stats      bool
	load       string
	more       moreOptions // flags declared in flags.go
}

func (o *options) register(cmd *cobra.Command) {
	f := cmd.PersistentFlags()
	f.StringArrayVar(&o.format, "format", []string{output.Text}, "report `FORMAT[:FILE]` (repeatable; FILE, stdout or stderr): "+strings.Join(output.Formats, ", "))
	f.StringVar(&o.output, "output", "", "write the report to `FILE` instead of stdout (with one --format)")
	f.StringVar(&o.config, "config", "", "policy `FILE` for every package (default: each package's nearest "+policy.FileName+", up to the repository root; or $"+policy.EnvConfig+")")
	f.StringVar(&o.baseline, "baseline", "", "baseline `FILE`: findings recorded in it do not fail the run")
	f.StringArrayVar(&o.enable, "enable", nil, "enable `RULE` (repeatable)")
	f.StringArrayVar(&o.disable, "disable", nil, "disable `RULE` (repeatable)")
	f.StringVar(&o.fix, "fix", "", "apply suggested fixes; --fix=unsafe also applies fixes that change more than the code (metric renames)")
	f.Lookup("fix").NoOptDefVal = "safe"
	f.BoolVar(&o.diff, "diff", false, "with --fix: print the fixes as a unified diff instead of writing them")
	f.StringVarP(&o.dir, "chdir", "C", "", "run as if started in `DIR`")
	f.BoolVar(&o.tests, "tests", false, "include _test.go files")
	f.IntVar(&o.jobs, "jobs", 0, "packages analyzed at once (default: number of CPUs)")
	f.BoolVar(&o.debug, "debug", false, "print stack traces of analyzer failures")
	f.StringVar(&o.newFromRev, "new-from-rev", "", "report only findings on lines changed since git `REV`")
	f.StringVar(&o.mergeBase, "new-from-merge-base", "", "report only findings on lines changed since the merge base of git `BRANCH` and HEAD")
	f.StringVar(&o.pprof, "pprof", "", "write CPU and heap profiles of the run to `DIR`")
	f.BoolVar(&o.stats, "stats", false, "print package count and load/analysis times on stderr")
	f.StringVar(&o.load, "load", "auto", "where dependencies' types come from: auto, export (the build cache's export data; compiles what is missing) or source (obscheck's cache, else declarations-only source; never compiles)")
	o.more.register(f)
}

// session is a prepared run: working directory, policy, analyzers.
type session struct {
	opts      *options
	dir       string
	pol       *policy.Policy  // the policy of the working directory
	src       *policy.Source  // the policy of each package
	ctx       context.Context // ends at --timeout
	analyzers []*analysis.Analyzer
	progress  *progress // the driver reports phase and packages done to it; nil: not shown
}

func (o *options) prepare() (*session, error) {
	dir := o.dir
	if dir == "" {
		dir = "."
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, usageErrorf("-C %s: not a directory", o.dir)
	}
	if err := o.check(); err != nil {
		return nil, err
	}
	if !slices.Contains([]string{"auto", "export", "source"}, o.load) {
		return nil, usageErrorf("unknown --load %q; want auto, export or source", o.load)
	}
	if o.jobs < 0 {
		return nil, usageErrorf("--jobs must be positive")
	}
	o.jobs = min(o.jobs, maxJobs())
	if err := o.checkFixFlags(); err != nil {
		return nil, err
	}
	for flag, rules := range map[string][]string{"--enable": o.enable, "--disable": o.disable} {
		for _, r := range rules {
			if !policy.Default().SetEnabled(r, true) {
				return nil, usageErrorf("%s %s: unknown rule; run 'obscheck rules' for the list", flag, r)
			}
		}
	}
	// Every policy file of the run gets the command line's overrides.
	adjust := func(p *policy.Policy) {
		if o.tests {
			p.Exclude.Tests = false
		}
		for _, r := range o.enable {
			p.SetEnabled(r, true)
		}
		for _, r := range o.disable {
			p.SetEnabled(r, false)
		}
	}
	var src *policy.Source
	if o.config != "" || os.Getenv(policy.EnvConfig) != "" {
		// One file for every package: --config, else $OBSCHECK_CONFIG
		// (as under go vet).
		pol, err := loadPolicy(dir, o.config)
		if err != nil {
			return nil, &exitError{code: exitUsage, msg: err.Error()}
		}
		adjust(pol)
		src = policy.Fixed(pol)
	} else {
		// Each package is judged by the policy file nearest to it, as
		// under go vet and golangci-lint.
		src = policy.Nearest(adjust)
	}
	// The policy where obscheck runs decides whether test files are
	// loaded; the files themselves are reported per package's policy.
	pol, err := src.ForDir(dir)
	if err != nil {
		return nil, &exitError{code: exitUsage, msg: err.Error()}
	}
	o.tests = !pol.Exclude.Tests
	off := map[string]bool{}
	for _, r := range o.disable {
		off[r] = true
	}
	for _, r := range o.enable {
		off[r] = false
	}
	var analyzers []*analysis.Analyzer
	for _, a := range all.New(src) {
		if !off[a.Name] {
			analyzers = append(analyzers, a)
		}
	}
	if len(analyzers) == 0 || len(analyzers) == 1 && analyzers[0].Name == "directive" {
		return nil, usageErrorf("every rule is disabled")
	}
	return &session{opts: o, dir: dir, pol: pol, src: src, analyzers: analyzers}, nil
}

// loadPolicy loads the policy file named by config, else by
// $OBSCHECK_CONFIG, else the one nearest to dir (or the defaults).
func loadPolicy(dir, config string) (*policy.Policy, error) {
	path := config
	if path == "" {
		path = os.Getenv(policy.EnvConfig)
	}
	if path == "" {
		found, err := policy.Find(dir)
		if err != nil {
			return nil, err
		}
		path = found
	} else if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	if path == "" {
		p := policy.Default()
		p.Root = policy.ModuleRoot(dir)
		return p, nil
	}
	return policy.Load(path)
}

// analyze loads and analyzes the packages. Load failures are returned
// separately: the rest is still analyzed.
func (s *session) analyze(patterns []string) (*driver.Result, []driver.PackageError, error) {
	var env []string
	goflags := strings.Fields(os.Getenv("GOFLAGS"))
	if j := s.opts.jobs; j > 0 {
		// --jobs bounds the whole run: type-checking (GOMAXPROCS) and the
		// go command's builds of export data (-p), not only analysis.
		runtime.GOMAXPROCS(j)
		goflags = append(goflags, "-p="+strconv.Itoa(j))
	}
	if len(goflags) > 0 {
		env = append(env, "GOFLAGS="+strings.Join(goflags, " "))
	}
	lc := driver.LoadConfig{Context: s.ctx, Dir: s.dir, Patterns: patterns, Tests: s.opts.tests, Env: env, Mode: s.opts.load, BuildFlags: s.opts.more.buildFlags()}
	loaded, res, err := driver.Analyze(lc, driver.RunConfig{Analyzers: s.analyzers, Jobs: s.opts.jobs, Dir: s.dir, Progress: s.progress.driver})
	if errors.Is(err, driver.ErrNoPackages) {
		return nil, nil, noPackages(s.dir, patterns)
	}
	if s.ctx != nil && s.ctx.Err() != nil {
		return nil, nil, &exitError{code: exitIncomplete, msg: fmt.Sprintf("--timeout %v reached; the run is incomplete, nothing was reported", s.opts.more.timeout)}
	}
	if err != nil {
		return nil, nil, &exitError{code: exitIncomplete, msg: err.Error()}
	}
	bad := loaded.Errors
	if s.opts.stats {
		load, analysis := res.Timing.Load, res.Timing.Analysis
		fmt.Fprintf(os.Stderr, "obscheck: %d packages (dependencies from %s); load %.2fs, analysis %.2fs (%.0f%% of %.2fs)\n",
			len(loaded.Packages)+len(bad), loaded.Mode, load.Seconds(), analysis.Seconds(),
			100*analysis.Seconds()/(load+analysis).Seconds(), (load + analysis).Seconds())
	}
	return res, bad, nil
}

func runCheck(cmd *cobra.Command, o *options, patterns []string) error {
	s, err := o.prepare()
	if err != nil {
		return err
	}
	if o.more.verbose {
		s.describe(cmd.ErrOrStderr())
	}
	ctx, stop := startTimeout(o.more.timeout, cmd.ErrOrStderr())
	defer stop()
	s.ctx = ctx
	s.progress = newProgress(o.more.quiet)
	if o.pprof != "" {
		stop, err := startProfiles(o.pprof)
		if err != nil {
			return usageErrorf("--pprof: %v", err)
		}
		defer stop()
	}
	if o.fix != "" && !o.diff {
		unlock, err := lockForFix(s.dir, cmd.ErrOrStderr())
		if err != nil {
			return err
		}
		defer unlock()
	}
	s.progress.Start()
	res, bad, err := s.analyzeAll(patterns)
	s.progress.Stop()
	if err != nil {
		return err
	}
	stderr := cmd.ErrOrStderr()
	findings := res.Findings

	if changed, err := o.changedLines(s.dir); err != nil {
		return err
	} else if changed != nil {
		// A finding is new when its place or any place it is about
		// changed: a handler added to a router in internal/api is
		// reported at the unchanged serve site in cmd/.
		findings = slices.DeleteFunc(findings, func(f finding.Finding) bool {
			if changed.Contains(f.Abs, f.Line) || f.PhysLine > 0 && changed.Contains(f.PhysAbs, f.PhysLine) {
				return false
			}
			for _, r := range f.Related {
				if changed.Contains(r.Abs, r.Line) {
					return false
				}
			}
			return true
		})
	}

	baselined := 0
	if o.baseline != "" {
		b, err := readBaseline(s.dir, o.baseline)
		if err != nil {
			return usageErrorf("%v", err)
		}
		findings, baselined = applyBaseline(b, findings, s.pol.Root)
	}

	// A fix that cannot be written (a stale file, a read-only
	// directory) still leaves a report: fixErr is returned after it.
	var fixErr error
	if o.fix != "" {
		findings, fixErr = o.applyFixes(cmd.OutOrStdout(), stderr, findings)
	}

	s.setSeverities(findings)
	// With --diff, stdout holds the diff: reports go only to files.
	if err := s.write(cmd.OutOrStdout(), stderr, findings); err != nil {
		return err
	}
	if !o.more.quiet {
		output.Summary(stderr, findings, output.Totals{Baselined: baselined, TestsExcluded: !o.tests})
		if used := s.policyFiles(); used != "" {
			fmt.Fprintln(stderr, "obscheck: policy: "+used)
		}
	}
	if o.debug {
		for _, b := range res.Bugs {
			fmt.Fprintln(stderr, "obscheck: driver bug: "+b)
		}
	}
	incomplete := reportIncomplete(stderr, bad, res.Failures, o.debug)
	switch {
	case fixErr != nil:
		return fixErr
	case incomplete:
		return &exitError{code: exitIncomplete}
	case slices.ContainsFunc(findings, func(f finding.Finding) bool { return f.Severity != output.Warning }):
		return &exitError{code: exitFindings}
	}
	return nil
}

// policyFiles names the policy files that governed the run's packages,
// relative to the working directory ("built-in defaults" for none).
func (s *session) policyFiles() string {
	var names []string
	for _, f := range s.src.Used() {
		switch {
		case f == "":
			names = append(names, "built-in defaults")
		case strings.HasPrefix(f, "policy-flag\x00"):
			names = append(names, "-policy flag")
		default:
			if rel, err := filepath.Rel(s.dir, f); err == nil && !strings.HasPrefix(rel, "..") {
				f = filepath.ToSlash(rel)
			}
			names = append(names, f)
		}
	}
	return strings.Join(names, ", ")
}

// changedLines is what --new-from-rev or --new-from-merge-base select,
// nil when neither is given.
func (o *options) changedLines(dir string) (*gitdiff.Lines, error) {
	switch {
	case o.newFromRev != "" && o.mergeBase != "":
		return nil, usageErrorf("--new-from-rev and --new-from-merge-base exclude each other")
	case o.newFromRev != "":
		changed, err := gitdiff.Changed(dir, o.newFromRev)
		if err != nil {
			return nil, usageErrorf("--new-from-rev %s: %v", o.newFromRev, err)
		}
		return changed, nil
	case o.mergeBase != "":
		changed, err := gitdiff.ChangedFromMergeBase(dir, o.mergeBase)
		if err != nil {
			return nil, usageErrorf("--new-from-merge-base %s: %v", o.mergeBase, err)
		}
		return changed, nil
	}
	return nil, nil
}

// path makes a path given on the command line absolute, from -C's
// directory.
func (s *session) path(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(s.dir, p)
}

// reportIncomplete lists what could not be checked; it reports whether
// the run is incomplete.
func reportIncomplete(w io.Writer, bad []driver.PackageError, failures []driver.Failure, debug bool) bool {
	for _, b := range bad {
		fmt.Fprintf(w, "obscheck: package %s could not be checked:\n", b.Package)
		for _, e := range b.Errors {
			fmt.Fprintf(w, "\t%s\n", e)
		}
	}
	for _, f := range failures {
		fmt.Fprintf(w, "obscheck: analyzer %s failed on package %s (%s): %s\n", f.Analyzer, f.Package, f.File, f.Err)
		if f.Stack != "" {
			if debug {
				fmt.Fprintln(w, f.Stack)
			} else {
				fmt.Fprintln(w, "\tthis is a bug in obscheck; rerun with --debug for the stack trace and report it")
			}
		}
	}
	return len(bad) > 0 || len(failures) > 0
}

// withModulePaths rewrites File relative to the module root: baselines
// must not depend on where obscheck was started.
func withModulePaths(findings []finding.Finding, root string) []finding.Finding {
	out := slices.Clone(findings)
	for i := range out {
		if rel, err := filepath.Rel(root, out[i].Abs); err == nil && root != "" {
			out[i].File = filepath.ToSlash(rel)
		}
	}
	return out
}

// applyBaseline drops the findings b knows; it matches on module-relative
// paths and returns the survivors with their working-directory paths.
func applyBaseline(b *baseline.Baseline, findings []finding.Finding, root string) ([]finding.Finding, int) {
	type key struct {
		abs, rule, msg string
		line, col      int
	}
	keyOf := func(f finding.Finding) key { return key{f.Abs, f.Rule, f.Message, f.Line, f.Column} }
	fresh, n := b.Filter(withModulePaths(findings, root))
	keep := map[key]int{}
	for _, f := range fresh {
		keep[keyOf(f)]++
	}
	var out []finding.Finding
	for _, f := range findings {
		if k := keyOf(f); keep[k] > 0 {
			keep[k]--
			out = append(out, f)
		}
	}
	return out, n
}

// maxBaseline caps a baseline file (about 200 bytes a finding).
const maxBaseline = 256 << 20

func readBaseline(dir, path string) (*baseline.Baseline, error) {
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	data, err := safefile.Read(path, maxBaseline)
	if err != nil {
		return nil, fmt.Errorf("--baseline: %v", err)
	}
	b, err := baseline.Read(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("--baseline %s: %v", path, err)
	}
	return b, nil
}

// repoRoot is the git work tree root (SARIF paths are relative to it),
// else the module root. It is spelled from dir (git's --show-toplevel
// resolves symlinks, the findings' paths do not), so that a module reached
// through a symlinked directory keeps its sub-directory in the paths.
func repoRoot(dir string) string {
	out, err := exec.Command("git", "-C", dir, "-c", "core.fsmonitor=false", "rev-parse", "--show-cdup").Output()
	if err == nil {
		return filepath.Join(dir, strings.TrimSuffix(string(out), "\n"))
	}
	return policy.ModuleRoot(dir)
}
