package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/obscheck/obscheck/internal/output"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/spf13/pflag"
)

// moreOptions are the flags golangci-lint users expect: several reports
// in one run, colour, source lines, verbosity, --enable-only, build tags,
// a time limit.
type moreOptions struct {
	color      string
	showSource bool
	verbose    bool
	quiet      bool
	enableOnly []string
	buildTags  string
	timeout    time.Duration

	targets []target // parsed --format values
}

func (m *moreOptions) register(f *pflag.FlagSet) {
	f.StringVar(&m.color, "color", "auto", "`WHEN` to colour text reports: auto (on a terminal, unless $NO_COLOR is set), always or never")
	f.BoolVar(&m.showSource, "show-source", true, "print each finding's source line with a caret under it (text reports)")
	f.BoolVarP(&m.verbose, "verbose", "v", false, "say which policy and rules apply and how long loading and analysis took")
	f.BoolVarP(&m.quiet, "quiet", "q", false, "print no summary and no progress on stderr")
	f.StringSliceVar(&m.enableOnly, "enable-only", nil, "run only these `RULES` (comma-separated or repeated), whatever the policy enables")
	f.StringVar(&m.buildTags, "build-tags", "", "build `TAGS` (comma-separated) that select files, as go build -tags")
	f.DurationVar(&m.timeout, "timeout", 0, "give up after `DURATION` (e.g. 5m) with exit code 3; 0: no limit")
}

// target is one report: a format and where it goes ("" is stdout).
type target struct {
	format string
	path   string // a file, or "" for stdout, or "stderr"
}

// check validates the flags declared here and the report targets, and
// turns --enable-only into --enable and --disable.
func (o *options) check() error {
	m := &o.more
	if !slices.Contains([]string{"auto", "always", "never"}, m.color) {
		return usageErrorf("unknown --color %q; want auto, always or never", m.color)
	}
	if m.verbose && m.quiet {
		return usageErrorf("-v and --quiet contradict each other")
	}
	if m.timeout < 0 {
		return usageErrorf("--timeout must not be negative")
	}
	if m.verbose {
		o.stats = true
	}
	targets, err := parseTargets(o.format, o.output)
	if err != nil {
		return err
	}
	m.targets = targets
	if len(m.enableOnly) > 0 {
		if len(o.enable) > 0 || len(o.disable) > 0 {
			return usageErrorf("--enable-only replaces --enable and --disable; give one or the other")
		}
		for _, r := range m.enableOnly {
			if !slices.Contains(policy.RuleNames, r) {
				return usageErrorf("--enable-only %s: unknown rule; run 'obscheck rules' for the list", r)
			}
		}
		for _, r := range policy.RuleNames {
			if slices.Contains(m.enableOnly, r) {
				o.enable = append(o.enable, r)
			} else {
				o.disable = append(o.disable, r)
			}
		}
	}
	return nil
}

// parseTargets reads --format values, FORMAT or FORMAT:PATH as in
// golangci-lint's output.formats. A format without a path goes to
// --output if given, else stdout; two reports cannot share a destination.
func parseTargets(formats []string, outputFile string) ([]target, error) {
	var out []target
	used := map[string]string{}
	for _, v := range formats {
		format, path, hasPath := strings.Cut(v, ":")
		if !slices.Contains(output.Formats, format) {
			return nil, usageErrorf("unknown --format %q; want one of %s, optionally followed by :FILE", format, strings.Join(output.Formats, ", "))
		}
		switch {
		case hasPath && path == "":
			return nil, usageErrorf("--format %s: no file after the colon", v)
		case hasPath && (path == "stdout" || path == "-"):
			path = ""
		case !hasPath:
			path = outputFile
		}
		key := path
		if key != "" && key != "stderr" {
			key = filepath.Clean(key)
		}
		if prev, ok := used[key]; ok {
			where := key
			if where == "" {
				where = "stdout"
			}
			return nil, usageErrorf("--format %s and --format %s both write to %s; give one of them a file (FORMAT:FILE)", prev, v, where)
		}
		used[key] = v
		out = append(out, target{format: format, path: path})
	}
	if outputFile != "" && len(formats) > 1 {
		for _, t := range out {
			if t.path == outputFile {
				return out, nil // --output names the one report without its own file
			}
		}
		return nil, usageErrorf("--output is for a single report; with several, name each file: --format FORMAT:FILE")
	}
	return out, nil
}

// colorFor reports whether a text report to path should be coloured:
// --color always, or auto with a terminal and neither $NO_COLOR
// (https://no-color.org) nor TERM=dumb.
func (m *moreOptions) colorFor(path string) bool {
	switch m.color {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	switch path {
	case "":
		return isTerminal(os.Stdout)
	case "stderr":
		return isTerminal(os.Stderr)
	}
	return false
}

// isTerminal reports whether f is a character device (a terminal), without
// a dependency on a terminal package.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// buildFlags are the go command flags the build tags become.
func (m *moreOptions) buildFlags() []string {
	if m.buildTags == "" {
		return nil
	}
	return []string{"-tags=" + m.buildTags}
}

func describeTarget(t target) string {
	switch t.path {
	case "":
		return t.format + " on stdout"
	case "stderr":
		return t.format + " on stderr"
	}
	return fmt.Sprintf("%s in %s", t.format, t.path)
}
