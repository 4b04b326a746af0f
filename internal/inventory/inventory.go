// Package inventory is what obscheck's rules learn about a service's
// telemetry while they judge it: the metrics metricnaming judged, the
// label values labelcardinality classified, the spans, the WARN/ERROR log
// events execidfield judged, and the entry points spanrequired judged.
// The rules record items through their Reporter (report.Reporter.Record);
// the driver hands the items of the reported packages to the obscheck
// catalog and coverage commands, which build the catalog and the
// per-entry-point coverage from them. Nothing here parses code: an item
// exists only where a rule resolved it, and what a rule could not resolve
// is an item too (an unresolved metric name, a dynamic span name), so it
// is listed, never dropped.
package inventory

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// Pos is where an item is in the code. Identity never rests on Line: a
// metric is its name and declaration, so moving code changes nothing.
type Pos struct {
	Package string `json:"package" yaml:"-"`
	File    string `json:"file" yaml:"-"` // absolute when recorded; module-relative after Relativize
	Line    int    `json:"line" yaml:"-"`
	Col     int    `json:"-" yaml:"-"`
	// Func is the declaration the item is in: the enclosing function
	// ("(*example.com/svc/api.Server).login"), or the package-level
	// variable it initializes ("example.com/svc/telemetry.Requests"), or
	// the package path at package level otherwise.
	Func string `json:"declaration" yaml:"-"`
}

// Item is one thing a rule recorded.
type Item interface {
	// Where is the item's position, filled in by the Reporter.
	Where() *Pos
	// key identifies the item among duplicates (test variants analyze the
	// same files twice).
	key() string
}

// Metric is a metric definition metricnaming judged.
type Metric struct {
	Pos
	// Name is the full name as the code gives it (namespace and subsystem
	// applied; OTel instrument names as written). Empty when it could not
	// be evaluated: Pattern then says what is known.
	Name    string
	Pattern string // "noetl_…_total": the known head and tail of an unresolved name
	Type    string // counter, gauge, histogram, summary, untyped, updowncounter; "" unknown
	Unit    string
	Help    string
	// HelpUnknown is set when the help text is not known statically.
	HelpUnknown bool
	Labels      []string // declared label names ("?" for a name not known statically)
	// LabelsUnknown is set when a label list exists but could not be read.
	LabelsUnknown bool
	Library       string // prometheus, otel, victoriametrics
	// Holder is the variable or field the metric is stored in
	// ("example.com/svc/telemetry.Requests", "example.com/svc/api.metrics.requests"),
	// the key that joins it to its uses; "" if not stored in one.
	Holder string
}

func (m *Metric) Where() *Pos { return &m.Pos }
func (m *Metric) key() string {
	return fmt.Sprint("metric|", m.Name, "|", m.Pattern, "|", m.Type, "|", m.Labels)
}

// LabelValue is where a metric's label gets its values, as
// labelcardinality classified them at a use site (With, WithLabelValues,
// OTel attributes at Add/Record, const labels).
type LabelValue struct {
	Pos
	Holder string // the metric's variable or field, if the use names one
	Metric string // the metric's name, when the use was traced to its definition
	Label  string // label name; "" when only Index is known
	Index  int    // position in WithLabelValues, -1 otherwise
	// Source is where the values come from: constant, enum, route,
	// unbounded (with Detail saying which: "the request path"), or
	// unknown (a variable the rule does not follow).
	Source string
	Detail string
}

func (l *LabelValue) Where() *Pos { return &l.Pos }
func (l *LabelValue) key() string {
	return fmt.Sprint("label|", l.Holder, "|", l.Metric, "|", l.Label, "|", l.Index, "|", l.Source)
}

// The label-value sources, from the most to the least bounded.
const (
	SourceConstant  = "constant"
	SourceEnum      = "enum"
	SourceRoute     = "route"
	SourceUnknown   = "unknown"
	SourceUnbounded = "unbounded"
)

// Span is a span start.
type Span struct {
	Pos
	Name       string   // "" when not known statically (Dynamic)
	Dynamic    bool     // the name is computed at run time
	Kind       string   // server, client, producer, consumer, internal; "" not given
	Attributes []string // attribute keys set at the start or on the span in the same function ("?" for a computed key)
	Starter    string   // the function called to start it
}

func (s *Span) Where() *Pos { return &s.Pos }
func (s *Span) key() string { return fmt.Sprint("span|", s.Name, "|", s.Dynamic) }

// Log is a WARN/ERROR log event execidfield judged.
type Log struct {
	Pos
	Level   string // warn, error, fatal, panic
	Message string // "" when not known statically (Dynamic)
	Dynamic bool
	Keys    []string // field keys given at the call (and its chain)
	// Correlated is execidfield's verdict: the event carries a
	// correlation key (at the call, through its logger, or its context).
	Correlated bool
	Library    string
}

func (l *Log) Where() *Pos { return &l.Pos }
func (l *Log) key() string { return fmt.Sprint("log|", l.Level, "|", l.Message, "|", l.Correlated) }

// Entry is an entry point spanrequired judged.
type Entry struct {
	Pos               // where the rule judged it (the handler, or where its router is served)
	Kind       string // http, grpc, connect, message, entry (a policy handler signature)
	Route      string // as the server sees it: "GET /api/x", "/pkg.Svc/Method", a subject
	Method     string // HTTP method, "" for any
	Path       string // HTTP path
	Handler    string // the handler function's full name; "" for a literal
	HandlerPos Pos    // where the handler is declared
	Traced     bool
	// How says what traces it: "span" (it or a function it calls starts
	// one), "middleware", "interceptor", "router" (its router is wrapped
	// where served); "" when untraced.
	How string
}

func (e *Entry) Where() *Pos { return &e.Pos }
func (e *Entry) key() string {
	return fmt.Sprint("entry|", e.Kind, "|", e.Route, "|", e.Handler, "|", e.HandlerPos.File, ":", e.HandlerPos.Line, ":", e.HandlerPos.Col)
}

// Func is a function of the module with what it calls and the metric
// holders it touches: the edges coverage follows from an entry point.
type Func struct {
	Pos
	Name    string // full name, or "func literal" for literals
	EndLine int
	Calls   []string // functions of the module it calls or refers to (literal keys for literals)
	Metrics []string // metric holders (variables, fields) it refers to
}

func (f *Func) Where() *Pos { return &f.Pos }
func (f *Func) key() string { return "func|" + f.ID() }

// ID is the node's key in the call graph: the full name, or for a
// literal its position.
func (f *Func) ID() string {
	if f.Name != "func literal" {
		return f.Name
	}
	return LiteralID(f.File, f.Line, f.Col)
}

// LiteralID is the call-graph key of a function literal.
func LiteralID(file string, line, col int) string {
	return fmt.Sprintf("func literal@%s:%d:%d", file, line, col)
}

// Inventory is the items of one run, deduplicated.
type Inventory struct {
	Metrics []*Metric
	Labels  []*LabelValue
	Spans   []*Span
	Logs    []*Log
	Entries []*Entry
	Funcs   []*Func
	// Packages are the packages analyzed and reported.
	Packages int
}

// Collect sorts items into an Inventory, dropping duplicates.
func Collect(items []Item) *Inventory {
	inv := &Inventory{}
	seen := map[string]bool{}
	for _, it := range items {
		p := it.Where()
		k := fmt.Sprintf("%s:%d:%d|%s", p.File, p.Line, p.Col, it.key())
		if seen[k] {
			continue
		}
		seen[k] = true
		switch x := it.(type) {
		case *Metric:
			inv.Metrics = append(inv.Metrics, x)
		case *LabelValue:
			inv.Labels = append(inv.Labels, x)
		case *Span:
			inv.Spans = append(inv.Spans, x)
		case *Log:
			inv.Logs = append(inv.Logs, x)
		case *Entry:
			inv.Entries = append(inv.Entries, x)
		case *Func:
			inv.Funcs = append(inv.Funcs, x)
		}
	}
	return inv
}

// Relativize makes the items' file names relative to root (the module
// root), slash-separated, as baselines are: the catalog must not depend
// on where it was produced.
func (inv *Inventory) Relativize(root string) {
	rel := func(p *Pos) {
		if p.File == "" || root == "" || !filepath.IsAbs(p.File) {
			return
		}
		if r, err := filepath.Rel(root, p.File); err == nil && !strings.HasPrefix(r, "..") {
			p.File = filepath.ToSlash(r)
		}
	}
	for _, m := range inv.Metrics {
		rel(&m.Pos)
	}
	for _, l := range inv.Labels {
		rel(&l.Pos)
	}
	for _, s := range inv.Spans {
		rel(&s.Pos)
	}
	for _, l := range inv.Logs {
		rel(&l.Pos)
	}
	for _, e := range inv.Entries {
		rel(&e.Pos)
		rel(&e.HandlerPos)
	}
	for _, f := range inv.Funcs {
		rel(&f.Pos)
		for i, c := range f.Calls {
			f.Calls[i] = relLiteral(c, root)
		}
	}
}

// relLiteral relativizes the file in a literal's call-graph key.
func relLiteral(id, root string) string {
	rest, ok := strings.CutPrefix(id, "func literal@")
	if !ok || root == "" {
		return id
	}
	i := strings.LastIndex(rest, ":")
	if i < 0 {
		return id
	}
	j := strings.LastIndex(rest[:i], ":")
	if j < 0 {
		return id
	}
	file := rest[:j]
	if r, err := filepath.Rel(root, file); err == nil && filepath.IsAbs(file) && !strings.HasPrefix(r, "..") {
		return "func literal@" + filepath.ToSlash(r) + rest[j:]
	}
	return id
}

func sortedUnique(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}
