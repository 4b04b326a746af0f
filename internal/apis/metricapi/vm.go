package metricapi

import (
	"go/ast"
	"go/token"
	"strings"

	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
)

// A VictoriaMetrics metric is named by one string: `name{k="v",k2="v2"}`,
// often built with fmt.Sprintf or +. The string is flattened into constant
// text and holes (the non-constant expressions), then parsed.

const hole = '\x00'

type template struct {
	text  strings.Builder // constant text, one hole byte per hole
	holes []ast.Expr
}

func (m *Model) flatten(t *template, e ast.Expr, depth int) {
	if depth > 8 {
		t.text.WriteByte(hole)
		t.holes = append(t.holes, e)
		return
	}
	if v := m.eval(e); v.Known {
		t.text.WriteString(v.Value)
		return
	}
	r := m.resolve(e)
	switch x := r.(type) {
	case *ast.BinaryExpr:
		if x.Op == token.ADD {
			m.flatten(t, x.X, depth+1)
			m.flatten(t, x.Y, depth+1)
			return
		}
	case *ast.CallExpr:
		if funcname.CalleeName(m.Info, x) == "fmt.Sprintf" && len(x.Args) >= 1 && !x.Ellipsis.IsValid() {
			if f := m.eval(x.Args[0]); f.Known {
				if m.sprintf(t, f.Value, x.Args[1:], depth) {
					return
				}
			}
		}
	}
	t.text.WriteByte(hole)
	t.holes = append(t.holes, e)
}

// sprintf appends a Sprintf template; each verb is a hole filled by its
// argument. It returns false on formats it does not understand.
func (m *Model) sprintf(t *template, format string, args []ast.Expr, depth int) bool {
	var sub template
	ai := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			sub.text.WriteByte(c)
			continue
		}
		if i+1 >= len(format) {
			return false
		}
		if format[i+1] == '%' {
			sub.text.WriteByte('%')
			i++
			continue
		}
		// skip flags/width/precision up to the verb letter
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.", format[j]) >= 0 {
			j++
		}
		if j >= len(format) || format[j] == '[' || format[j] == '*' || ai >= len(args) {
			return false
		}
		if v := m.eval(args[ai]); v.Known && (format[j] == 's' || format[j] == 'v') && j == i+1 {
			sub.text.WriteString(v.Value)
		} else {
			sub.text.WriteByte(hole)
			sub.holes = append(sub.holes, args[ai])
		}
		ai++
		i = j
	}
	if ai != len(args) {
		return false
	}
	t.text.WriteString(sub.text.String())
	t.holes = append(t.holes, sub.holes...)
	return true
}

// vmName parses a VictoriaMetrics metric name expression into the name
// and its labels.
func (m *Model) vmName(e ast.Expr) (eval.Value, []Label) {
	var t template
	m.flatten(&t, e, 0)
	s := t.text.String()
	holeAt := func(pos int) int { // index of the hole at byte pos
		return strings.Count(s[:pos], string(hole))
	}
	name, rest, hasLabels := strings.Cut(s, "{")
	var v eval.Value
	if !strings.ContainsRune(name, hole) {
		v = eval.Value{Known: true, Value: name}
	} else {
		v.Prefix = name[:strings.IndexByte(name, hole)]
		v.Suffix = name[strings.LastIndexByte(name, hole)+1:]
	}
	if !hasLabels {
		return v, nil
	}
	var labels []Label
	base := len(name) + 1
	i := 0
	for i < len(rest) {
		// key
		k := i
		for i < len(rest) && rest[i] != '=' && rest[i] != '}' && rest[i] != ',' {
			i++
		}
		key := strings.TrimSpace(rest[k:i])
		if i >= len(rest) || rest[i] != '=' {
			break
		}
		i++ // '='
		l := Label{Expr: e}
		if !strings.ContainsRune(key, hole) {
			l.Name = eval.Value{Known: true, Value: key}
		}
		if i < len(rest) && rest[i] == '"' {
			i++
			vs := i
			for i < len(rest) && rest[i] != '"' {
				if rest[i] == '\\' {
					i++
				}
				i++
			}
			if h := strings.IndexByte(rest[vs:min(i, len(rest))], hole); h >= 0 {
				l.Value = t.holes[holeAt(base+vs+h)]
			}
			i++ // closing quote
		} else if i < len(rest) && rest[i] == hole {
			// %q supplies the quotes itself
			l.Value = t.holes[holeAt(base+i)]
			i++
		} else {
			break
		}
		if key != "" {
			labels = append(labels, l)
		}
		for i < len(rest) && (rest[i] == ',' || rest[i] == ' ') {
			i++
		}
		if i < len(rest) && rest[i] == '}' {
			break
		}
	}
	return v, labels
}
