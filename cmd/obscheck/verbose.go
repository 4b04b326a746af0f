package main

import (
	"fmt"
	"io"
	"strings"
)

// describe prints, for -v, what the run will apply: the policy of the
// working directory, the rules with their severities, test files, tags
// and where the reports go.
func (s *session) describe(w io.Writer) {
	src := s.pol.Source
	if src == "" {
		src = "built-in defaults (no " + ".obscheck.yaml found up to the repository root)"
	}
	fmt.Fprintf(w, "obscheck: policy: %s (a package with its own .obscheck.yaml nearer to it uses that)\n", src)
	var rules []string
	for _, a := range s.analyzers {
		rules = append(rules, a.Name+"="+s.pol.Severity(a.Name))
	}
	fmt.Fprintf(w, "obscheck: rules: %s\n", strings.Join(rules, ", "))
	tests := "excluded (--tests or exclude.tests: false includes them; go vet and golangci-lint always load them)"
	if s.opts.tests {
		tests = "included"
	}
	fmt.Fprintf(w, "obscheck: _test.go files: %s\n", tests)
	if t := s.opts.more.buildTags; t != "" {
		fmt.Fprintf(w, "obscheck: build tags: %s\n", t)
	}
	var reports []string
	for _, t := range s.opts.more.targets {
		reports = append(reports, describeTarget(t))
	}
	fmt.Fprintf(w, "obscheck: reports: %s\n", strings.Join(reports, ", "))
}
