package main

import (
	"fmt"
	"io"

	"github.com/obscheck/obscheck/internal/finding"
	"github.com/obscheck/obscheck/internal/fix"
	"github.com/obscheck/obscheck/internal/safefile"
)

// checkFixFlags validates --fix and --diff.
func (o *options) checkFixFlags() error {
	switch o.fix {
	case "", "safe", "unsafe":
	case "true":
		o.fix = "safe"
	case "false":
		o.fix = ""
	default:
		return usageErrorf("unknown --fix=%s; want --fix (safe fixes) or --fix=unsafe (metric renames too)", o.fix)
	}
	if o.diff && o.fix == "" {
		return usageErrorf("--diff shows what --fix would change: use it with --fix")
	}
	return nil
}

// lockForFix serializes --fix runs on one repository: a second run
// waits, then analyzes what the first one wrote.
func lockForFix(dir string, stderr io.Writer) (func(), error) {
	root := safefile.Root(dir)
	if root == "" {
		root = dir
	}
	unlock, err := fix.Lock(root, func() {
		fmt.Fprintf(stderr, "obscheck: waiting for another obscheck --fix in %s\n", root)
	})
	if err != nil {
		return nil, &exitError{code: exitIncomplete, msg: "--fix: locking " + root + ": " + err.Error()}
	}
	return unlock, nil
}

// applyFixes applies (or with --diff, prints) the findings' fixes and
// returns the findings still standing. The error, if any, is for after
// the report: files changed since they were analyzed, or a write failure.
func (o *options) applyFixes(stdout, stderr io.Writer, findings []finding.Finding) ([]finding.Finding, error) {
	out, err := fix.Apply(findings, fix.Options{Unsafe: o.fix == "unsafe", DryRun: o.diff})
	for _, r := range out.Refused {
		fmt.Fprintln(stderr, "obscheck: "+r)
	}
	if o.diff {
		for _, c := range out.Changes {
			fmt.Fprint(stdout, fix.Unified(c.File, c.Old, c.New))
		}
		return findings, nil
	}
	if err != nil {
		return findings, &exitError{code: exitIncomplete, msg: "applying fixes: " + err.Error()}
	}
	fixed := map[int]bool{}
	for _, i := range out.Fixed {
		fixed[i] = true
	}
	var rest []finding.Finding
	for i, f := range findings {
		if !fixed[i] {
			rest = append(rest, f)
		}
	}
	if len(out.Fixed) > 0 {
		fmt.Fprintf(stderr, "obscheck: fixed %d finding(s) in %d file(s)\n", len(out.Fixed), len(out.Files))
	}
	if len(out.Stale) > 0 {
		return rest, &exitError{code: exitIncomplete, msg: fmt.Sprintf("--fix: %d file(s) changed since they were analyzed, their fixes not applied: %v", len(out.Stale), out.Stale)}
	}
	return rest, nil
}
