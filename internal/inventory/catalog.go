package inventory

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// CatalogVersion is the catalog file format version.
const CatalogVersion = 1

// Catalog is what the code emits: the file teams check in.
type Catalog struct {
	Version int          `json:"version" yaml:"version"`
	Metrics []CatMetric  `json:"metrics" yaml:"metrics"`
	Spans   []CatSpan    `json:"spans" yaml:"spans"`
	Logs    []CatLog     `json:"logs" yaml:"logs"`
	Notes   []string     `json:"notes,omitempty" yaml:"notes,omitempty"`
	Counts  *CatalogSums `json:"counts,omitempty" yaml:"-"`
}

// CatalogSums counts the catalog's entries.
type CatalogSums struct {
	Metrics, UnresolvedMetrics, Spans, DynamicSpans, Logs, CorrelatedLogs int
}

// CatMetric is one metric of the catalog. Its identity is Name (or
// Pattern, for a name not known statically) and Declared.
type CatMetric struct {
	Name string `json:"name" yaml:"name"`
	// Unresolved is set when the name could not be evaluated; Pattern is
	// what is known of it.
	Unresolved bool     `json:"unresolved,omitempty" yaml:"unresolved,omitempty"`
	Pattern    string   `json:"pattern,omitempty" yaml:"pattern,omitempty"`
	Type       string   `json:"type" yaml:"type"`
	Unit       string   `json:"unit,omitempty" yaml:"unit,omitempty"`
	Help       string   `json:"help" yaml:"help"`
	Labels     []Label  `json:"labels" yaml:"labels"`
	Library    string   `json:"library" yaml:"library"`
	Declared   string   `json:"declared" yaml:"declared"`
	File       string   `json:"file" yaml:"file"`
	Line       int      `json:"line" yaml:"-"`
	Holder     string   `json:"-" yaml:"-"`
	Uses       []string `json:"-" yaml:"-"`
}

// Label is a metric label and where its values come from.
type Label struct {
	Name   string   `json:"name" yaml:"name"`
	Values []string `json:"values,omitempty" yaml:"values,omitempty,flow"`
}

// CatSpan is one span start of the catalog.
type CatSpan struct {
	Name       string   `json:"name" yaml:"name"` // "dynamic" when computed
	Kind       string   `json:"kind,omitempty" yaml:"kind,omitempty"`
	Attributes []string `json:"attributes" yaml:"attributes,flow"`
	Started    string   `json:"started" yaml:"started"`
	File       string   `json:"file" yaml:"file"`
	Line       int      `json:"line" yaml:"-"`
}

// CatLog is one WARN/ERROR log event of the catalog.
type CatLog struct {
	Level      string   `json:"level" yaml:"level"`
	Message    string   `json:"message" yaml:"message"` // "dynamic" when computed
	Keys       []string `json:"keys" yaml:"keys,flow"`
	Correlated bool     `json:"correlated" yaml:"correlated"`
	Declared   string   `json:"declared" yaml:"declared"`
	File       string   `json:"file" yaml:"file"`
	Line       int      `json:"line" yaml:"-"`
}

// Dynamic stands for a span name or log message computed at run time.
const Dynamic = "dynamic"

// BuildCatalog makes the catalog of inv. notes say what could not be
// collected (a rule disabled by the policy).
func BuildCatalog(inv *Inventory, notes []string) *Catalog {
	c := &Catalog{Version: CatalogVersion, Metrics: []CatMetric{}, Spans: []CatSpan{}, Logs: []CatLog{}, Notes: notes}
	byHolder := map[string][]int{}
	byName := map[string][]int{}
	for _, m := range mergeMetrics(inv.Metrics) {
		cm := CatMetric{
			Name: m.Name, Type: m.Type, Unit: m.Unit, Help: m.Help, Library: m.Library,
			Declared: m.Func, File: m.File, Line: m.Line, Holder: m.Holder, Labels: []Label{},
		}
		if m.Name == "" {
			cm.Unresolved, cm.Pattern = true, m.Pattern
			if cm.Pattern == "" {
				cm.Pattern = "…"
			}
		}
		if m.HelpUnknown {
			cm.Help = Dynamic
		}
		for _, l := range m.Labels {
			cm.Labels = append(cm.Labels, Label{Name: l})
		}
		if m.LabelsUnknown {
			cm.Labels = append(cm.Labels, Label{Name: "?"})
		}
		c.Metrics = append(c.Metrics, cm)
	}
	slices.SortStableFunc(c.Metrics, func(a, b CatMetric) int {
		return cmp.Or(cmpBool(a.Unresolved, b.Unresolved), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Pattern, b.Pattern),
			cmp.Compare(a.Declared, b.Declared), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	for i, m := range c.Metrics {
		if m.Holder != "" {
			byHolder[m.Holder] = append(byHolder[m.Holder], i)
		}
		if m.Name != "" {
			byName[m.Name] = append(byName[m.Name], i)
		}
	}
	// Label values: each use joins its metric by holder, else by name.
	sources := map[int]map[string][]string{}
	for _, lv := range inv.Labels {
		idx := byHolder[lv.Holder]
		if lv.Holder == "" || len(idx) == 0 {
			idx = byName[lv.Metric]
		}
		if len(idx) != 1 {
			continue // not traced to one metric
		}
		i := idx[0]
		name := lv.Label
		if name == "" && lv.Index >= 0 && lv.Index < len(c.Metrics[i].Labels) {
			name = c.Metrics[i].Labels[lv.Index].Name
		}
		if name == "" {
			continue
		}
		src := lv.Source
		if lv.Detail != "" {
			src += " (" + lv.Detail + ")"
		}
		if sources[i] == nil {
			sources[i] = map[string][]string{}
		}
		sources[i][name] = append(sources[i][name], src)
	}
	for i, byLabel := range sources {
		for j, l := range c.Metrics[i].Labels {
			if v := byLabel[l.Name]; len(v) > 0 {
				c.Metrics[i].Labels[j].Values = sortedUnique(v)
			}
		}
	}
	for _, s := range inv.Spans {
		cs := CatSpan{Name: s.Name, Kind: s.Kind, Attributes: sortedUnique(s.Attributes), Started: s.Func, File: s.File, Line: s.Line}
		if s.Dynamic || s.Name == "" {
			cs.Name = Dynamic
		}
		if cs.Attributes == nil {
			cs.Attributes = []string{}
		}
		c.Spans = append(c.Spans, cs)
	}
	slices.SortStableFunc(c.Spans, func(a, b CatSpan) int {
		return cmp.Or(cmpBool(a.Name == Dynamic, b.Name == Dynamic), cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.Started, b.Started), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	for _, l := range inv.Logs {
		cl := CatLog{Level: l.Level, Message: l.Message, Keys: sortedUnique(l.Keys), Correlated: l.Correlated, Declared: l.Func, File: l.File, Line: l.Line}
		if l.Dynamic {
			cl.Message = Dynamic
		}
		if cl.Keys == nil {
			cl.Keys = []string{}
		}
		c.Logs = append(c.Logs, cl)
	}
	slices.SortStableFunc(c.Logs, func(a, b CatLog) int {
		return cmp.Or(cmp.Compare(a.Declared, b.Declared), cmp.Compare(a.Message, b.Message),
			cmp.Compare(a.Level, b.Level), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	c.Counts = c.sums()
	return c
}

func (c *Catalog) sums() *CatalogSums {
	s := &CatalogSums{Metrics: len(c.Metrics), Spans: len(c.Spans), Logs: len(c.Logs)}
	for _, m := range c.Metrics {
		if m.Unresolved {
			s.UnresolvedMetrics++
		}
	}
	for _, sp := range c.Spans {
		if sp.Name == Dynamic {
			s.DynamicSpans++
		}
	}
	for _, l := range c.Logs {
		if l.Correlated {
			s.CorrelatedLogs++
		}
	}
	return s
}

// mergeMetrics joins records of one metric: a prometheus.NewDesc recorded
// without a type and the const metric that gives it one.
func mergeMetrics(ms []*Metric) []*Metric {
	type id struct {
		file      string
		line, col int
	}
	var out []*Metric
	at := map[id]*Metric{}
	for _, m := range ms {
		k := id{m.File, m.Line, m.Col}
		if prev := at[k]; prev != nil && prev.Name == m.Name && prev.Pattern == m.Pattern {
			if prev.Type == "" {
				prev.Type = m.Type
			}
			continue
		}
		cp := *m
		at[k] = &cp
		out = append(out, &cp)
	}
	return out
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// WriteYAML writes the catalog as YAML: stable order, no line numbers, so
// a checked-in catalog changes only when the telemetry does.
func (c *Catalog) WriteYAML(w io.Writer) error {
	var buf bytes.Buffer
	buf.WriteString("# obscheck catalog: the metrics, spans and WARN/ERROR log events the code emits.\n")
	buf.WriteString("# Regenerate with 'obscheck catalog --update FILE'; 'obscheck catalog --check FILE' fails on any difference.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(c); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// WriteJSON writes the catalog as indented JSON (with lines and counts).
func (c *Catalog) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(c)
}

// WriteMarkdown writes the catalog as tables a human reads.
func (c *Catalog) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	s := c.sums()
	fmt.Fprintf(&b, "# Telemetry catalog\n\n%d metrics (%d unresolved), %d spans (%d dynamic), %d WARN/ERROR log events (%d correlated).\n",
		s.Metrics, s.UnresolvedMetrics, s.Spans, s.DynamicSpans, s.Logs, s.CorrelatedLogs)
	for _, n := range c.Notes {
		fmt.Fprintf(&b, "\n> %s\n", mdCell(n))
	}
	b.WriteString("\n## Metrics\n\n| name | type | unit | labels | help | library | declared |\n|---|---|---|---|---|---|---|\n")
	for _, m := range c.Metrics {
		name := "`" + m.Name + "`"
		if m.Unresolved {
			name = "unresolved: `" + m.Pattern + "`"
		}
		var labels []string
		for _, l := range m.Labels {
			s := "`" + l.Name + "`"
			if len(l.Values) > 0 {
				s += " (" + strings.Join(l.Values, ", ") + ")"
			}
			labels = append(labels, s)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", name, m.Type, mdCell(m.Unit), strings.Join(labels, "<br>"),
			mdCell(m.Help), m.Library, mdPlace(m.Declared, m.File, m.Line))
	}
	b.WriteString("\n## Spans\n\n| name | kind | attributes | started in |\n|---|---|---|---|\n")
	for _, sp := range c.Spans {
		name := "`" + sp.Name + "`"
		if sp.Name == Dynamic {
			name = "(dynamic)"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", name, sp.Kind, codeList(sp.Attributes), mdPlace(sp.Started, sp.File, sp.Line))
	}
	b.WriteString("\n## WARN/ERROR log events\n\n| level | message | keys | correlated | in |\n|---|---|---|---|---|\n")
	for _, l := range c.Logs {
		msg := mdCell(l.Message)
		if l.Message == Dynamic {
			msg = "(dynamic)"
		}
		corr := "no"
		if l.Correlated {
			corr = "yes"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", l.Level, msg, codeList(l.Keys), corr, mdPlace(l.Declared, l.File, l.Line))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func codeList(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = "`" + x + "`"
	}
	return strings.Join(q, ", ")
}

func mdPlace(decl, file string, line int) string {
	return fmt.Sprintf("`%s` (%s:%d)", shortDecl(decl), file, line)
}

// shortDecl drops the import path's directories from a declaration:
// "(*example.com/svc/api.Server).login" -> "(*api.Server).login".
func shortDecl(d string) string {
	prefix, rest, suffix := "", d, ""
	if strings.HasPrefix(rest, "(") {
		if i := strings.Index(rest, ")"); i > 0 {
			prefix, rest, suffix = "(", rest[1:i], rest[i:]
			if strings.HasPrefix(rest, "*") {
				prefix, rest = "(*", rest[1:]
			}
		}
	}
	if i := strings.LastIndex(rest, "/"); i >= 0 {
		rest = rest[i+1:]
	}
	return prefix + rest + suffix
}

// mdCell escapes a value for a Markdown table cell.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	s = strings.ReplaceAll(s, "\n", " ")
	return s
}

// ReadCatalog reads a catalog written by WriteYAML or WriteJSON.
func ReadCatalog(data []byte) (*Catalog, error) {
	var c Catalog
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
		if err := json.Unmarshal(data, &c); err != nil {
			return nil, err
		}
	} else {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&c); err != nil && err != io.EOF {
			return nil, err
		}
	}
	if c.Version != CatalogVersion {
		return nil, fmt.Errorf("catalog version %d, want %d (regenerate it with obscheck catalog --update)", c.Version, CatalogVersion)
	}
	return &c, nil
}
