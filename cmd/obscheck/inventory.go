package main

// obscheck catalog and obscheck coverage: what the rules resolved while
// judging the code, as a checked-in catalog and a per-entry-point
// coverage report. Both run the check's driver, policy and exclusions,
// with one load.

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/obscheck/obscheck/internal/driver"
	"github.com/obscheck/obscheck/internal/inventory"
	"github.com/obscheck/obscheck/internal/inventory/calls"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/safefile"
	"github.com/spf13/cobra"
)

// sources says which rule records each part of the inventory: a part
// whose rule is disabled is not collected, and the reports say so.
var sources = []struct{ rule, what string }{
	{"metricnaming", "metrics"},
	{"labelcardinality", "label-value sources"},
	{"spanrequired", "entry points and spans"},
	{"execidfield", "WARN/ERROR log events"},
	{"sanitizeboundary", "sanitizing"},
}

// collect runs the rules (and, for coverage, the call graph) on the
// packages and returns the inventory with module-relative paths.
func (s *session) collect(patterns []string, withCalls bool) (*inventory.Inventory, *driver.Result, []driver.PackageError, []string, error) {
	if withCalls {
		s.analyzers = append(slices.Clip(s.analyzers), calls.Analyzer)
	}
	res, bad, err := s.analyze(patterns)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	inv := inventory.Collect(res.Items)
	inv.Packages = res.Packages
	// Paths relative to the module obscheck runs in (not to the policy
	// file's, which --config may take from elsewhere).
	inv.Relativize(s.root())
	var notes []string
	running := map[string]bool{}
	for _, a := range s.analyzers {
		running[a.Name] = true
	}
	for _, src := range sources {
		if !running[src.rule] || !s.pol.Enabled(src.rule) {
			notes = append(notes, fmt.Sprintf("%s not collected: the %s rule is disabled", src.what, src.rule))
		}
	}
	if len(bad) > 0 {
		notes = append(notes, fmt.Sprintf("incomplete: %d package(s) could not be loaded or type-checked", len(bad)))
	}
	return inv, res, bad, notes, nil
}

// root is the module root of the working directory.
func (s *session) root() string { return policy.ModuleRoot(s.dir) }

// emit writes out where --output says (stdout by default).
func (s *session) emit(stdout io.Writer, data []byte) error {
	if s.opts.output == "" {
		if _, err := stdout.Write(data); err != nil {
			return &exitError{code: exitIncomplete, msg: "writing the report: " + err.Error()}
		}
		return nil
	}
	if err := safefile.Write(s.path(s.opts.output), data, safefile.Named); err != nil {
		return &exitError{code: exitIncomplete, msg: "--output: " + err.Error()}
	}
	return nil
}

func newCatalogCmd(o *options) *cobra.Command {
	var format, check, update string
	cmd := &cobra.Command{
		Use:   "catalog [packages]",
		Short: "List the metrics, spans and WARN/ERROR log events the code emits",
		Long: `catalog writes what the code emits, as the rules resolved it: every metric
metricnaming judged (name, type, unit, help, labels and where their values
come from, library, declaration), every span start (name or "dynamic", kind,
attributes, where started), every WARN/ERROR log event execidfield judged
(message, keys, whether the correlation key is present). Names that cannot
be evaluated statically are listed as unresolved, never dropped.

--check FILE compares the code with a checked-in catalog and exits 1 on any
difference, printed by metric: added, removed, renamed (same declaration,
new name), type, unit and label changes, the breaking ones called out.
--update (with --check FILE, or --update=FILE) rewrites the file instead.

Exit codes: 0 written or matching, 1 --check found differences, 2 usage
error, 3 some packages could not be loaded (the catalog is incomplete).`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains([]string{"yaml", "json", "markdown"}, format) {
				return usageErrorf("unknown catalog --format %q; want yaml, json or markdown", format)
			}
			if update == "\x00" {
				if check == "" {
					return usageErrorf("--update needs the file: --check FILE --update, or --update=FILE")
				}
				update = check
			}
			if check != "" && update != "" && check != update {
				return usageErrorf("--check %s and --update=%s name different files", check, update)
			}
			o.format = []string{"text"} // the check's --format is not this command's
			s, err := o.prepare()
			if err != nil {
				return err
			}
			inv, res, bad, notes, err := s.collect(args, false)
			if err != nil {
				return err
			}
			cat := inventory.BuildCatalog(inv, notes)
			stderr := cmd.ErrOrStderr()
			for _, n := range notes {
				fmt.Fprintln(stderr, "obscheck: "+n)
			}
			incomplete := reportIncomplete(stderr, bad, res.Failures, o.debug)
			var buf bytes.Buffer
			switch {
			case update != "":
				if err := cat.WriteYAML(&buf); err != nil {
					return err
				}
				if err := safefile.Write(s.path(update), buf.Bytes(), safefile.Named); err != nil {
					return &exitError{code: exitIncomplete, msg: "--update: " + err.Error()}
				}
				fmt.Fprintf(stderr, "obscheck: wrote %s: %s\n", update, catalogCounts(cat))
			case check != "":
				data, err := safefile.Read(s.path(check), 64<<20)
				if err != nil {
					return usageErrorf("--check: %v", err)
				}
				old, err := inventory.ReadCatalog(data)
				if err != nil {
					return usageErrorf("--check %s: %v", check, err)
				}
				if changes := inventory.Diff(old, cat); len(changes) > 0 {
					if err := inventory.WriteDiff(&buf, check, changes); err != nil {
						return err
					}
					fmt.Fprintf(&buf, "run 'obscheck catalog --check %s --update' to accept the code's catalog\n", check)
					if err := s.emit(cmd.OutOrStdout(), buf.Bytes()); err != nil {
						return err
					}
					if incomplete {
						return &exitError{code: exitIncomplete}
					}
					return &exitError{code: exitFindings}
				}
				fmt.Fprintf(stderr, "obscheck: %s matches the code: %s\n", check, catalogCounts(cat))
			default:
				var err error
				switch format {
				case "yaml":
					err = cat.WriteYAML(&buf)
				case "json":
					err = cat.WriteJSON(&buf)
				case "markdown":
					err = cat.WriteMarkdown(&buf)
				}
				if err != nil {
					return err
				}
				if err := s.emit(cmd.OutOrStdout(), buf.Bytes()); err != nil {
					return err
				}
				fmt.Fprintf(stderr, "obscheck: catalog: %s\n", catalogCounts(cat))
			}
			if incomplete {
				return &exitError{code: exitIncomplete}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "yaml", "catalog format: yaml, json or markdown")
	f.StringVar(&check, "check", "", "compare the code with the catalog in `FILE`; exit 1 on any difference")
	f.StringVar(&update, "update", "", "rewrite the --check FILE (or --update=FILE) with the code's catalog")
	f.Lookup("update").NoOptDefVal = "\x00"
	return cmd
}

func catalogCounts(c *inventory.Catalog) string {
	s := c.Counts
	return fmt.Sprintf("%d metrics (%d unresolved), %d spans (%d dynamic), %d WARN/ERROR log events (%d correlated)",
		s.Metrics, s.UnresolvedMetrics, s.Spans, s.DynamicSpans, s.Logs, s.CorrelatedLogs)
}

func newCoverageCmd(o *options) *cobra.Command {
	var format, min string
	cmd := &cobra.Command{
		Use:   "coverage [packages]",
		Short: "Show, per entry point, its span, metrics and correlated logs",
		Long: `coverage lists every entry point spanrequired judged (HTTP route with its
method and path, gRPC method, message subject or topic) and, for each:
whether it is traced and how (its own span, middleware, an interceptor),
the metrics recorded on its path, its WARN/ERROR logs with and without the
correlation key, and whether sensitive values reach telemetry unsanitized.
The path is the handler and the functions of the module it calls (static
calls and function values; calls through interfaces are not followed).

Formats: text (a table grouped by package), json, markdown, html (one
self-contained page: a sortable table, red/amber/green per artefact).
--min PERCENT exits 1 when fewer entry points than that have all three
artefacts (a span, a metric, no WARN/ERROR log without the correlation key).`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains([]string{"text", "json", "markdown", "html"}, format) {
				return usageErrorf("unknown coverage --format %q; want text, json, markdown or html", format)
			}
			want := -1.0
			if min != "" {
				v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(min), "%"), 64)
				if err != nil || v < 0 || v > 100 {
					return usageErrorf("--min %q: want a percentage from 0 to 100", min)
				}
				want = v
			}
			o.format = []string{"text"}
			s, err := o.prepare()
			if err != nil {
				return err
			}
			inv, res, bad, notes, err := s.collect(args, true)
			if err != nil {
				return err
			}
			var leaks []inventory.Pos
			for _, f := range res.Findings {
				if f.Rule == "sanitizeboundary" {
					file := f.Abs
					if rel, err := filepath.Rel(s.root(), f.Abs); err == nil && !strings.HasPrefix(rel, "..") {
						file = filepath.ToSlash(rel)
					}
					leaks = append(leaks, inventory.Pos{File: file, Line: f.Line, Col: f.Column})
				}
			}
			cov := inventory.BuildCoverage(inv, leaks, notes)
			cov.Title = "obscheck coverage: " + filepath.Base(s.root())
			var buf bytes.Buffer
			switch format {
			case "text":
				err = cov.WriteText(&buf)
			case "json":
				err = cov.WriteJSON(&buf)
			case "markdown":
				err = cov.WriteMarkdown(&buf)
			case "html":
				err = cov.WriteHTML(&buf)
			}
			if err != nil {
				return err
			}
			if err := s.emit(cmd.OutOrStdout(), buf.Bytes()); err != nil {
				return err
			}
			stderr := cmd.ErrOrStderr()
			if format != "text" {
				fmt.Fprintln(stderr, "obscheck: "+cov.SummaryLine())
			}
			incomplete := reportIncomplete(stderr, bad, res.Failures, o.debug)
			if incomplete {
				return &exitError{code: exitIncomplete}
			}
			if got := 100 * cov.Summary.Share; want >= 0 && got < want {
				return &exitError{code: exitFindings, msg: fmt.Sprintf("coverage %.1f%% is below --min %s%%", got, strings.TrimSuffix(min, "%"))}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "text", "coverage format: text, json, markdown or html")
	f.StringVar(&min, "min", "", "fail (exit 1) when the share of entry points with all three artefacts is below `PERCENT`")
	return cmd
}
