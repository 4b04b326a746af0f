package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"

	"github.com/obscheck/obscheck/analyzers/all"
	"github.com/obscheck/obscheck/internal/docgen"
	"github.com/obscheck/obscheck/internal/finding"
	"github.com/obscheck/obscheck/internal/output"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/safefile"
)

// setSeverities gives each finding the severity its rule has in the
// policy of the finding's package (the nearest .obscheck.yaml, as for
// everything else the rule does).
func (s *session) setSeverities(findings []finding.Finding) {
	pols := map[string]*policy.Policy{}
	for i := range findings {
		f := &findings[i]
		dir := filepath.Dir(f.Abs)
		pol, ok := pols[dir]
		if !ok {
			pol = s.pol
			if f.Abs != "" {
				if p, err := s.src.ForDir(dir); err == nil {
					pol = p
				}
			}
			pols[dir] = pol
		}
		f.Severity = pol.Severity(f.Rule)
	}
}

// write writes every report --format asks for. Each is built in memory
// first: a file is replaced whole (safefile.Write), and a write error (a
// full disk, /dev/full, a closed pipe) is exit 3 with the error. With
// --diff, stdout holds the diff: reports meant for it are not written.
func (s *session) write(stdout, stderr io.Writer, findings []finding.Finding) error {
	var rules []output.RuleInfo
	for _, r := range all.Rules {
		short, full, _ := strings.Cut(r.Analyzer.Doc, "\n")
		rules = append(rules, output.RuleInfo{
			Name: r.Analyzer.Name, Short: short, Full: strings.TrimSpace(full), HelpURI: r.Analyzer.URL,
			Help: docgen.Text(r), HelpMarkdown: docgen.Section(r, "###"), Level: s.pol.Severity(r.Analyzer.Name),
		})
	}
	if findings == nil {
		findings = []finding.Finding{}
	}
	m := &s.opts.more
	for _, t := range m.targets {
		if t.path == "" && s.opts.diff {
			continue
		}
		var buf bytes.Buffer
		opts := output.Options{Root: repoRoot(s.dir), Version: version(), Source: m.showSource, Color: m.colorFor(t.path)}
		if err := output.Write(&buf, t.format, findings, rules, opts); err != nil {
			return err
		}
		var err error
		switch t.path {
		case "":
			_, err = stdout.Write(buf.Bytes())
		case "stderr":
			_, err = stderr.Write(buf.Bytes())
		default:
			err = safefile.Write(s.path(t.path), buf.Bytes(), safefile.Named)
		}
		if err != nil {
			return &exitError{code: exitIncomplete, msg: "writing the " + describeTarget(t) + " report: " + err.Error()}
		}
	}
	return nil
}
