package inventory

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// Artefact states, as the reports colour them.
const (
	Green = "green" // present
	Amber = "amber" // partly present (some logs carry the key, some do not)
	Red   = "red"   // missing
	None  = "none"  // nothing to judge (no WARN/ERROR log on the path)
)

// Coverage is, for every entry point spanrequired judged, which
// artefacts its path has: a span, metrics, correlated WARN/ERROR logs, and
// no sensitive value reaching telemetry unsanitized.
type Coverage struct {
	Entries []CovEntry `json:"entries"`
	Summary CovSummary `json:"summary"`
	Notes   []string   `json:"notes,omitempty"`
	Title   string     `json:"-"`
	byPkg   [][]CovEntry
}

// CovEntry is one entry point and its artefacts.
type CovEntry struct {
	Package   string    `json:"package"`
	Kind      string    `json:"kind"`
	Route     string    `json:"route"`
	Method    string    `json:"method,omitempty"`
	Path      string    `json:"path,omitempty"`
	Handler   string    `json:"handler"`
	File      string    `json:"file"`
	Line      int       `json:"line"`
	Span      SpanArt   `json:"span"`
	Metrics   MetricArt `json:"metrics"`
	Logs      LogArt    `json:"logs"`
	Sanitized SanitArt  `json:"sanitized"`
	Complete  bool      `json:"complete"`
	// PathKnown is false when the handler's body was not analyzed (its
	// package was not named): metrics and logs are then unknown.
	PathKnown bool `json:"path_known"`
}

// SpanArt is the span artefact.
type SpanArt struct {
	State string `json:"state"`
	How   string `json:"how,omitempty"`
}

// MetricArt is the metrics artefact: the metrics recorded on the path.
type MetricArt struct {
	State string   `json:"state"`
	Names []string `json:"names"`
}

// LogArt is the correlation artefact: WARN/ERROR events on the path with
// and without the correlation key.
type LogArt struct {
	State      string `json:"state"`
	WithKey    int    `json:"with_key"`
	WithoutKey int    `json:"without_key"`
}

// SanitArt is the sanitizing artefact: sensitive values reaching logs,
// spans or labels unsanitized on the path (sanitizeboundary findings).
type SanitArt struct {
	State string `json:"state"`
	Leaks int    `json:"leaks"`
}

// CovSummary counts entry points by artefact.
type CovSummary struct {
	Total      int     `json:"total"`
	Complete   int     `json:"complete"`
	Share      float64 `json:"share"` // Complete/Total, 1 when there is none
	Traced     int     `json:"traced"`
	WithMetric int     `json:"with_metrics"`
	Correlated int     `json:"correlated"`
	Sanitized  int     `json:"sanitized"`
}

// BuildCoverage judges every entry point of inv. leaks are the places
// where sanitizeboundary found a sensitive value reaching telemetry.
func BuildCoverage(inv *Inventory, leaks []Pos, notes []string) *Coverage {
	g := newGraph(inv.Funcs)
	metricsByHolder := map[string][]string{}
	metricsIn := map[string][]string{}
	for _, m := range mergeMetrics(inv.Metrics) {
		name := m.Name
		if name == "" {
			name = "unresolved " + cmp.Or(m.Pattern, "…")
		}
		if m.Holder != "" {
			metricsByHolder[m.Holder] = append(metricsByHolder[m.Holder], name)
		}
		// A metric defined where it is recorded (GetOrCreateCounter(name).Inc()).
		if n := g.at(m.Pos); n != nil {
			metricsIn[n.ID()] = append(metricsIn[n.ID()], name)
		}
	}
	logsIn := map[string][2]int{}
	for _, l := range inv.Logs {
		if n := g.at(l.Pos); n != nil {
			c := logsIn[n.ID()]
			if l.Correlated {
				c[0]++
			} else {
				c[1]++
			}
			logsIn[n.ID()] = c
		}
	}
	leaksIn := map[string]int{}
	for _, p := range leaks {
		if n := g.at(p); n != nil {
			leaksIn[n.ID()]++
		}
	}

	cov := &Coverage{Entries: []CovEntry{}, Notes: notes}
	for _, e := range inv.Entries {
		ce := CovEntry{
			Package: cmp.Or(e.HandlerPos.Package, e.Package), Kind: e.Kind, Route: e.Route, Method: e.Method, Path: e.Path,
			Handler: e.Handler, File: cmp.Or(e.HandlerPos.File, e.File), Line: e.HandlerPos.Line,
		}
		if ce.Line == 0 {
			ce.Line = e.Line
		}
		if ce.Handler == "" {
			ce.Handler = "func literal"
			if e.HandlerPos.Func != "" {
				ce.Handler += " in " + e.HandlerPos.Func
			}
		}
		ce.Span = SpanArt{State: Red}
		if e.Traced {
			ce.Span = SpanArt{State: Green, How: e.How}
		}
		// The handler's node: the function declared where the rule says
		// the handler is (a handler known by fact has a position, not a
		// full name), else by name.
		root := g.at(e.HandlerPos)
		if root == nil {
			root = g.nodes[e.Handler]
		}
		var names []string
		with, without, leak := 0, 0, 0
		if root != nil {
			ce.PathKnown = true
			ce.Package = root.Package
			if root.Name != "func literal" {
				ce.Handler = root.Name // the full name, also for a handler known by fact
			}
			for _, n := range g.reach(root.ID()) {
				for _, h := range n.Metrics {
					names = append(names, metricsByHolder[h]...)
				}
				names = append(names, metricsIn[n.ID()]...)
				c := logsIn[n.ID()]
				with += c[0]
				without += c[1]
				leak += leaksIn[n.ID()]
			}
		}
		names = sortedUnique(names)
		if names == nil {
			names = []string{}
		}
		ce.Metrics = MetricArt{State: Red, Names: names}
		if len(names) > 0 {
			ce.Metrics.State = Green
		}
		ce.Logs = LogArt{State: logState(with, without), WithKey: with, WithoutKey: without}
		ce.Sanitized = SanitArt{State: Green, Leaks: leak}
		if leak > 0 {
			ce.Sanitized.State = Red
		}
		ce.Complete = ce.Span.State == Green && ce.Metrics.State == Green && (ce.Logs.State == Green || ce.Logs.State == None)
		cov.Entries = append(cov.Entries, ce)
	}
	slices.SortStableFunc(cov.Entries, func(a, b CovEntry) int {
		return cmp.Or(cmp.Compare(a.Package, b.Package), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Route, b.Route),
			cmp.Compare(a.Handler, b.Handler), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	cov.Entries = slices.CompactFunc(cov.Entries, func(a, b CovEntry) bool {
		return a.Package == b.Package && a.Kind == b.Kind && a.Route == b.Route && a.Handler == b.Handler && a.File == b.File && a.Line == b.Line
	})
	s := &cov.Summary
	for _, e := range cov.Entries {
		s.Total++
		if e.Complete {
			s.Complete++
		}
		if e.Span.State == Green {
			s.Traced++
		}
		if e.Metrics.State == Green {
			s.WithMetric++
		}
		if e.Logs.State == Green || e.Logs.State == None {
			s.Correlated++
		}
		if e.Sanitized.State == Green {
			s.Sanitized++
		}
	}
	s.Share = 1
	if s.Total > 0 {
		s.Share = float64(s.Complete) / float64(s.Total)
	}
	return cov
}

func logState(with, without int) string {
	switch {
	case with == 0 && without == 0:
		return None
	case without == 0:
		return Green
	case with == 0:
		return Red
	}
	return Amber
}

// graph is the module's functions and their edges.
type graph struct {
	nodes  map[string]*Func
	byFile map[string][]*Func // sorted by start
}

func newGraph(funcs []*Func) *graph {
	g := &graph{nodes: map[string]*Func{}, byFile: map[string][]*Func{}}
	for _, f := range funcs {
		id := f.ID()
		if prev, ok := g.nodes[id]; ok {
			// Test variants: the same function twice; keep the union of edges.
			prev.Calls = sortedUnique(append(prev.Calls, f.Calls...))
			prev.Metrics = sortedUnique(append(prev.Metrics, f.Metrics...))
			continue
		}
		cp := *f
		g.nodes[id] = &cp
		g.byFile[f.File] = append(g.byFile[f.File], &cp)
	}
	for _, fs := range g.byFile {
		slices.SortFunc(fs, func(a, b *Func) int { return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col)) })
	}
	return g
}

// at returns the innermost function containing p.
func (g *graph) at(p Pos) *Func {
	var best *Func
	for _, f := range g.byFile[p.File] {
		if f.Line > p.Line || f.Line == p.Line && f.Col > p.Col {
			break
		}
		if p.Line <= f.EndLine {
			best = f // later starts are nested deeper
		}
	}
	return best
}

// reach lists the functions reachable from root, root first.
func (g *graph) reach(root string) []*Func {
	seen := map[string]bool{root: true}
	queue := []string{root}
	var out []*Func
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		n := g.nodes[id]
		if n == nil {
			continue
		}
		out = append(out, n)
		for _, c := range n.Calls {
			if !seen[c] {
				seen[c] = true
				queue = append(queue, c)
			}
		}
	}
	return out
}

// Groups returns the entries grouped by package, in order.
func (c *Coverage) Groups() [][]CovEntry {
	if c.byPkg != nil {
		return c.byPkg
	}
	for i, e := range c.Entries {
		if i == 0 || e.Package != c.Entries[i-1].Package {
			c.byPkg = append(c.byPkg, nil)
		}
		c.byPkg[len(c.byPkg)-1] = append(c.byPkg[len(c.byPkg)-1], e)
	}
	return c.byPkg
}

// SummaryLine is the one-line verdict.
func (c *Coverage) SummaryLine() string {
	s := c.Summary
	return fmt.Sprintf("coverage: %d of %d entry points (%.1f%%) have all three artefacts (a span, a metric, correlated WARN/ERROR logs); traced %d, with metrics %d, correlated %d, sanitized %d",
		s.Complete, s.Total, 100*s.Share, s.Traced, s.WithMetric, s.Correlated, s.Sanitized)
}

// Cells are an entry's report cells: entry point, handler, span,
// metrics, logs, sanitized.
func (e CovEntry) spanText() string {
	if e.Span.State == Green {
		return "yes (" + e.Span.How + ")"
	}
	return "NO"
}

func (e CovEntry) metricsText() string {
	if !e.PathKnown {
		return "? (handler not analyzed)"
	}
	if len(e.Metrics.Names) == 0 {
		return "NONE"
	}
	return strings.Join(e.Metrics.Names, ", ")
}

func (e CovEntry) logsText() string {
	if !e.PathKnown {
		return "?"
	}
	if e.Logs.State == None {
		return "none on path"
	}
	return fmt.Sprintf("%d with key, %d without", e.Logs.WithKey, e.Logs.WithoutKey)
}

func (e CovEntry) sanitizedText() string {
	if e.Sanitized.Leaks == 0 {
		return "yes"
	}
	return fmt.Sprintf("NO (%d unsanitized)", e.Sanitized.Leaks)
}

func (e CovEntry) entryText() string {
	return strings.TrimSpace(e.Kind + " " + e.Route)
}

// WriteText writes the terminal table, grouped by package.
func (c *Coverage) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, n := range c.Notes {
		fmt.Fprintf(tw, "note: %s\n", n)
	}
	for _, group := range c.Groups() {
		fmt.Fprintf(tw, "%s\n", group[0].Package)
		fmt.Fprintf(tw, "  ENTRY POINT\tHANDLER\tSPAN\tMETRICS\tWARN/ERROR LOGS\tSANITIZED\n")
		for _, e := range group {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", e.entryText(), shortDecl(e.Handler), e.spanText(), e.metricsText(), e.logsText(), e.sanitizedText())
		}
	}
	fmt.Fprintln(tw, c.SummaryLine())
	return tw.Flush()
}

// WriteJSON writes the coverage as JSON.
func (c *Coverage) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(c)
}

var mdState = map[string]string{Green: "🟢", Amber: "🟡", Red: "🔴", None: "⚪"}

// WriteMarkdown writes the coverage as a Markdown table.
func (c *Coverage) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# Telemetry coverage\n\n")
	b.WriteString(c.SummaryLine() + ".\n")
	for _, n := range c.Notes {
		fmt.Fprintf(&b, "\n> %s\n", mdCell(n))
	}
	for _, group := range c.Groups() {
		fmt.Fprintf(&b, "\n## `%s`\n\n| entry point | handler | span | metrics | WARN/ERROR logs | sanitized |\n|---|---|---|---|---|---|\n", group[0].Package)
		for _, e := range group {
			fmt.Fprintf(&b, "| %s | `%s` (%s:%d) | %s %s | %s %s | %s %s | %s %s |\n",
				mdCell(e.entryText()), shortDecl(e.Handler), e.File, e.Line,
				mdState[e.Span.State], mdCell(e.spanText()), mdState[e.Metrics.State], mdCell(e.metricsText()),
				mdState[e.Logs.State], e.logsText(), mdState[e.Sanitized.State], e.sanitizedText())
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
