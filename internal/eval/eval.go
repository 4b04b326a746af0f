// Package eval computes the static string value of expressions: constants
// (from any package), concatenations and calls to known pure functions
// (fmt.Sprintf with constant arguments, prometheus.BuildFQName, ...).
// Rules use it for metric names, label names and log keys, so a name
// spelled through a constant is checked like a literal.
package eval

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/obscheck/obscheck/internal/funcname"
)

// String returns the value of e if it is known statically.
func String(info *types.Info, e ast.Expr) (string, bool) {
	v := Eval(info, e)
	return v.Value, v.Known
}

// Value is what is statically known of a string expression.
type Value struct {
	Known  bool   // Value is the whole string
	Value  string // the string, when Known
	Suffix string // a known tail of the string, when not Known ("" if none)
	Prefix string // a known head of the string, when not Known
}

// Eval evaluates e as far as it is statically known.
func Eval(info *types.Info, e ast.Expr) Value {
	return evalWith(info, nil, nil, e, 0)
}

// Subst gives the stand-in text of an identifier or selector whose value
// is not known here (a function's parameter, or a field of one), so a
// wrapper's body can be evaluated as a template of its parameters: see
// Marker.
type Subst func(e ast.Expr) (string, bool)

// Marker is the stand-in text of parameter i (or of its field, when field
// is not "") in a template; it cannot occur in a real name.
func Marker(i int, field string) string {
	if field != "" {
		return "\x00" + strconv.Itoa(i) + "." + field + "\x00"
	}
	return "\x00" + strconv.Itoa(i) + "\x00"
}

// Template splits a value evaluated with markers into the text before and
// after the one marker it holds. ok is false unless exactly one marker
// occurs; beforeKnown is false when the text before it is not known.
func Template(v Value) (param int, field, before, after string, beforeKnown, ok bool) {
	s := v.Value
	if !v.Known {
		s = v.Suffix
	}
	i := strings.IndexByte(s, 0)
	if i < 0 {
		return 0, "", "", "", false, false
	}
	j := strings.IndexByte(s[i+1:], 0)
	if j < 0 {
		return 0, "", "", "", false, false
	}
	num, field, _ := strings.Cut(s[i+1:i+1+j], ".")
	n, err := strconv.Atoi(num)
	rest := s[i+2+j:]
	if err != nil || strings.IndexByte(rest, 0) >= 0 || strings.IndexByte(s[:i], 0) >= 0 {
		return 0, "", "", "", false, false
	}
	return n, field, s[:i], rest, v.Known, true
}

// HasMarker reports whether s holds a parameter's stand-in.
func HasMarker(s string) bool { return strings.IndexByte(s, 0) >= 0 }

func evalWith(info *types.Info, l *Locals, sub Subst, e ast.Expr, depth int) Value {
	if info == nil || e == nil || depth > 8 {
		return Value{}
	}
	e = ast.Unparen(e)
	if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return Value{Known: true, Value: constant.StringVal(tv.Value)}
	}
	switch e := e.(type) {
	case *ast.Ident, *ast.SelectorExpr:
		if sub != nil {
			if s, ok := sub(e); ok {
				return Value{Known: true, Value: s}
			}
		}
		if init := l.Init(e); init != nil {
			return evalWith(info, l, sub, init, depth+1)
		}
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return Value{}
		}
		x, y := evalWith(info, l, sub, e.X, depth+1), evalWith(info, l, sub, e.Y, depth+1)
		switch {
		case x.Known && y.Known:
			return Value{Known: true, Value: x.Value + y.Value}
		case y.Known:
			return Value{Suffix: y.Value + "", Prefix: x.Prefix}
		case x.Known:
			return Value{Prefix: x.Value, Suffix: y.Suffix}
		default:
			return Value{Prefix: x.Prefix, Suffix: y.Suffix}
		}
	case *ast.CallExpr:
		fn := funcname.CalleeName(info, e)
		if pure, ok := Pure[fn]; ok {
			args := make([]Value, len(e.Args))
			for i, a := range e.Args {
				args[i] = evalWith(info, l, sub, a, depth+1)
			}
			if e.Ellipsis.IsValid() {
				return Value{}
			}
			return pure(args)
		}
	}
	return Value{}
}

// Pure maps a function's full name to its static evaluation. Adding a
// name-building helper of a library is one entry here.
var Pure = map[string]func(args []Value) Value{
	"fmt.Sprintf": sprintf,
	"github.com/prometheus/client_golang/prometheus.BuildFQName": buildFQName,
	"strings.ToLower": func(a []Value) Value { return mapKnown(a, strings.ToLower) },
	"strings.ToUpper": func(a []Value) Value { return mapKnown(a, strings.ToUpper) },
}

func mapKnown(a []Value, f func(string) string) Value {
	if len(a) == 1 && a[0].Known {
		return Value{Known: true, Value: f(a[0].Value)}
	}
	return Value{}
}

// sprintf evaluates fmt.Sprintf with a constant format. With unknown
// arguments only the text after the last verb is known (a suffix).
func sprintf(a []Value) Value {
	if len(a) == 0 || !a[0].Known {
		return Value{}
	}
	format := a[0].Value
	allKnown := true
	vals := make([]any, 0, len(a)-1)
	for _, v := range a[1:] {
		allKnown = allKnown && v.Known
		vals = append(vals, v.Value)
	}
	if allKnown && onlyStringVerbs(format) {
		return Value{Known: true, Value: fmt.Sprintf(format, vals...)}
	}
	v := Value{}
	if i := strings.LastIndex(format, "%"); i >= 0 && i+2 <= len(format) {
		v.Suffix = format[i+2:]
	}
	if i := strings.Index(format, "%"); i >= 0 {
		v.Prefix = format[:i]
	}
	return v
}

// onlyStringVerbs reports whether format uses only %s and %v (and %%):
// other verbs applied to strings would print garbage, not a name.
func onlyStringVerbs(format string) bool {
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		if i+1 >= len(format) {
			return false
		}
		switch format[i+1] {
		case 's', 'v', '%':
			i++
		default:
			return false
		}
	}
	return true
}

// buildFQName mirrors prometheus.BuildFQName: the non-empty parts joined
// by "_", and "" when name is empty.
func buildFQName(a []Value) Value {
	if len(a) != 3 {
		return Value{}
	}
	if a[2].Known && a[2].Value == "" {
		return Value{Known: true}
	}
	if !a[0].Known || !a[1].Known || !a[2].Known {
		if a[2].Known {
			return Value{Suffix: "_" + a[2].Value}
		}
		return Value{}
	}
	var parts []string
	for _, p := range a {
		if p.Value != "" {
			parts = append(parts, p.Value)
		}
	}
	return Value{Known: true, Value: strings.Join(parts, "_")}
}
