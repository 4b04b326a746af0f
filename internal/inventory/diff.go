package inventory

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Change is one difference between a checked-in catalog and the code.
type Change struct {
	Section string // "metrics", "spans", "logs"
	Op      string // "added", "removed", "renamed", "moved", "changed"
	Subject string // the metric name (old -> new for a rename), span name, log message
	Decl    string // the declaration it is in (the code's, for added and changed)
	Details []string
	// Breaking names why dashboards or alerts break; "" when they do not.
	Breaking string
}

// Why a change breaks dashboards and alerts.
const (
	breakName   = "dashboards and alerts that query the old name find nothing"
	breakRemove = "dashboards and alerts that query it find nothing"
	breakType   = "queries written for the old type (rate, histogram_quantile) break"
	breakUnit   = "thresholds and panels read the values in the old unit"
	breakLabels = "queries that aggregate or filter by labels change meaning or fail"
)

// Diff lists the differences from old (the checked-in catalog) to cur
// (the code). A metric is its name and declaration: one removed and one
// added in the same declaration is a rename; the same name in another
// declaration is a move. Lines never matter.
func Diff(old, cur *Catalog) []Change {
	var out []Change
	out = append(out, diffMetrics(old.Metrics, cur.Metrics)...)
	out = append(out, diffSpans(old.Spans, cur.Spans)...)
	out = append(out, diffLogs(old.Logs, cur.Logs)...)
	return out
}

func metricID(m CatMetric) string {
	if m.Unresolved {
		return "unresolved " + m.Pattern
	}
	return m.Name
}

func diffMetrics(old, cur []CatMetric) []Change {
	key := func(m CatMetric) string { return m.Declared + "\x00" + metricID(m) }
	removed, added, pairs := match(old, cur, key)
	var out []Change
	for _, p := range pairs {
		if c, ok := compareMetric(p[0], p[1]); ok {
			out = append(out, c)
		}
	}
	// Renames: one removed and one added in the same declaration.
	byDecl := func(ms []CatMetric) map[string][]int {
		m := map[string][]int{}
		for i, x := range ms {
			m[x.Declared] = append(m[x.Declared], i)
		}
		return m
	}
	rd, ad := byDecl(removed), byDecl(added)
	gone, fresh := map[int]bool{}, map[int]bool{}
	for decl, ri := range rd {
		ai := ad[decl]
		if len(ri) != 1 || len(ai) != 1 || decl == "" {
			continue
		}
		o, n := removed[ri[0]], added[ai[0]]
		gone[ri[0]], fresh[ai[0]] = true, true
		c, _ := compareMetric(o, n)
		c.Op = "renamed"
		c.Subject = metricID(o) + " -> " + metricID(n)
		c.Breaking = joinWhy(breakName, c.Breaking)
		out = append(out, c)
	}
	// Moves: the same name, another declaration.
	for i, o := range removed {
		if gone[i] {
			continue
		}
		for j, n := range added {
			if fresh[j] || metricID(n) != metricID(o) {
				continue
			}
			gone[i], fresh[j] = true, true
			c, _ := compareMetric(o, n)
			c.Op = "moved"
			c.Details = append([]string{"declared in " + n.Declared + ", was " + o.Declared}, c.Details...)
			out = append(out, c)
			break
		}
	}
	for i, o := range removed {
		if !gone[i] {
			out = append(out, Change{Section: "metrics", Op: "removed", Subject: metricID(o), Decl: o.Declared, Breaking: breakRemove})
		}
	}
	for j, n := range added {
		if !fresh[j] {
			out = append(out, Change{Section: "metrics", Op: "added", Subject: metricID(n), Decl: n.Declared, Details: []string{describeMetric(n)}})
		}
	}
	sortChanges(out)
	return out
}

func describeMetric(m CatMetric) string {
	s := m.Type
	if s == "" {
		s = "type unknown"
	}
	if m.Unit != "" {
		s += ", unit " + m.Unit
	}
	return s + ", labels [" + strings.Join(labelNames(m.Labels), ", ") + "]"
}

func labelNames(ls []Label) []string {
	n := make([]string, len(ls))
	for i, l := range ls {
		n[i] = l.Name
	}
	return n
}

// compareMetric lists what changed between two records of one metric.
func compareMetric(o, n CatMetric) (Change, bool) {
	c := Change{Section: "metrics", Op: "changed", Subject: metricID(n), Decl: n.Declared}
	var why []string
	if o.Type != n.Type {
		c.Details = append(c.Details, fmt.Sprintf("type %s -> %s", orNone(o.Type), orNone(n.Type)))
		why = append(why, breakType)
	}
	if o.Unit != n.Unit {
		c.Details = append(c.Details, fmt.Sprintf("unit %q -> %q", o.Unit, n.Unit))
		why = append(why, breakUnit)
	}
	on, nn := labelNames(o.Labels), labelNames(n.Labels)
	if !slices.Equal(sortedUnique(on), sortedUnique(nn)) {
		gained, lost := setDiff(nn, on), setDiff(on, nn)
		d := fmt.Sprintf("labels [%s] -> [%s]", strings.Join(on, ", "), strings.Join(nn, ", "))
		if len(gained) > 0 {
			d += "; added " + strings.Join(gained, ", ")
		}
		if len(lost) > 0 {
			d += "; removed " + strings.Join(lost, ", ")
		}
		c.Details = append(c.Details, d)
		why = append(why, breakLabels)
	} else {
		ov := map[string][]string{}
		for _, l := range o.Labels {
			ov[l.Name] = l.Values
		}
		for _, l := range n.Labels {
			if !slices.Equal(ov[l.Name], l.Values) {
				c.Details = append(c.Details, fmt.Sprintf("label %s values [%s] -> [%s]", l.Name, strings.Join(ov[l.Name], ", "), strings.Join(l.Values, ", ")))
			}
		}
	}
	if o.Help != n.Help {
		c.Details = append(c.Details, fmt.Sprintf("help %q -> %q", o.Help, n.Help))
	}
	if o.Library != n.Library {
		c.Details = append(c.Details, fmt.Sprintf("library %s -> %s", o.Library, n.Library))
	}
	c.Breaking = strings.Join(why, "; ")
	return c, len(c.Details) > 0
}

func joinWhy(a, b string) string {
	if b == "" {
		return a
	}
	return a + "; " + b
}

func orNone(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}

func setDiff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func diffSpans(old, cur []CatSpan) []Change {
	key := func(s CatSpan) string { return s.Started + "\x00" + s.Name }
	removed, added, pairs := match(old, cur, key)
	var out []Change
	for _, p := range pairs {
		o, n := p[0], p[1]
		c := Change{Section: "spans", Op: "changed", Subject: n.Name, Decl: n.Started}
		if o.Kind != n.Kind {
			c.Details = append(c.Details, fmt.Sprintf("kind %s -> %s", orNone(o.Kind), orNone(n.Kind)))
		}
		if !slices.Equal(o.Attributes, n.Attributes) {
			c.Details = append(c.Details, fmt.Sprintf("attributes [%s] -> [%s]", strings.Join(o.Attributes, ", "), strings.Join(n.Attributes, ", ")))
		}
		if len(c.Details) > 0 {
			out = append(out, c)
		}
	}
	for _, o := range removed {
		out = append(out, Change{Section: "spans", Op: "removed", Subject: o.Name, Decl: o.Started})
	}
	for _, n := range added {
		out = append(out, Change{Section: "spans", Op: "added", Subject: n.Name, Decl: n.Started,
			Details: []string{"attributes [" + strings.Join(n.Attributes, ", ") + "]"}})
	}
	sortChanges(out)
	return out
}

func diffLogs(old, cur []CatLog) []Change {
	key := func(l CatLog) string { return l.Declared + "\x00" + l.Level + "\x00" + l.Message }
	removed, added, pairs := match(old, cur, key)
	var out []Change
	subject := func(l CatLog) string { return l.Level + " " + fmt.Sprintf("%q", l.Message) }
	for _, p := range pairs {
		o, n := p[0], p[1]
		c := Change{Section: "logs", Op: "changed", Subject: subject(n), Decl: n.Declared}
		if !slices.Equal(o.Keys, n.Keys) {
			c.Details = append(c.Details, fmt.Sprintf("keys [%s] -> [%s]", strings.Join(o.Keys, ", "), strings.Join(n.Keys, ", ")))
		}
		if o.Correlated != n.Correlated {
			c.Details = append(c.Details, fmt.Sprintf("correlated %t -> %t", o.Correlated, n.Correlated))
		}
		if len(c.Details) > 0 {
			out = append(out, c)
		}
	}
	for _, o := range removed {
		out = append(out, Change{Section: "logs", Op: "removed", Subject: subject(o), Decl: o.Declared})
	}
	for _, n := range added {
		out = append(out, Change{Section: "logs", Op: "added", Subject: subject(n), Decl: n.Declared,
			Details: []string{fmt.Sprintf("keys [%s], correlated %t", strings.Join(n.Keys, ", "), n.Correlated)}})
	}
	sortChanges(out)
	return out
}

// match pairs old and new entries with equal keys (in order, for keys
// that repeat) and returns the rest.
func match[T any](old, cur []T, key func(T) string) (removed, added []T, pairs [][2]T) {
	byKey := map[string][]int{}
	for i, n := range cur {
		byKey[key(n)] = append(byKey[key(n)], i)
	}
	used := make([]bool, len(cur))
	for _, o := range old {
		k := key(o)
		if idx := byKey[k]; len(idx) > 0 {
			byKey[k] = idx[1:]
			used[idx[0]] = true
			pairs = append(pairs, [2]T{o, cur[idx[0]]})
			continue
		}
		removed = append(removed, o)
	}
	for i, n := range cur {
		if !used[i] {
			added = append(added, n)
		}
	}
	return removed, added, pairs
}

var opOrder = map[string]int{"removed": 0, "renamed": 1, "changed": 2, "moved": 3, "added": 4}

func sortChanges(cs []Change) {
	slices.SortStableFunc(cs, func(a, b Change) int {
		return cmp.Or(cmp.Compare(opOrder[a.Op], opOrder[b.Op]), cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.Decl, b.Decl))
	})
}

// WriteDiff prints changes by section, one entry per metric, span or log
// event, breaking changes called out.
func WriteDiff(w io.Writer, file string, changes []Change) error {
	var b strings.Builder
	breaking := 0
	for _, c := range changes {
		if c.Breaking != "" {
			breaking++
		}
	}
	fmt.Fprintf(&b, "%s does not match the code: %d difference(s), %d breaking\n", file, len(changes), breaking)
	sign := map[string]string{"added": "+", "removed": "-", "renamed": "~", "changed": "~", "moved": "~"}
	section := ""
	for _, c := range changes {
		if c.Section != section {
			section = c.Section
			fmt.Fprintf(&b, "%s:\n", section)
		}
		fmt.Fprintf(&b, "  %s %s %s", sign[c.Op], c.Op, c.Subject)
		if c.Breaking != "" {
			fmt.Fprintf(&b, "  BREAKING: %s", c.Breaking)
		}
		b.WriteString("\n")
		if c.Decl != "" {
			fmt.Fprintf(&b, "      declared in %s\n", c.Decl)
		}
		for _, d := range c.Details {
			fmt.Fprintf(&b, "      %s\n", d)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
