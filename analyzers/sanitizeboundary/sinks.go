package sanitizeboundary

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/apis/logapi"
	"github.com/obscheck/obscheck/internal/apis/metricapi"
	"github.com/obscheck/obscheck/internal/apis/otelattr"
	"github.com/obscheck/obscheck/internal/apis/sensitive"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
)

// style says how a sink renders a value passed whole.
type style int

const (
	scalar   style = iota // a string or attribute value: no whole-struct search
	jsonish               // reflection/JSON (slog.Any, zap.Reflect, zerolog Interface): exported fields
	dispatch              // String() when there is one, else JSON (zap.Any, zap.Stringer)
	fmtish                // fmt (%v, Sprint, logrus text): String(), else every field
)

// sink is one value reaching a log, a span or a metric.
type sink struct {
	key   eval.Value // the key it is attached under, when there is one
	keyed bool
	value ast.Expr
	style style
	where string // "log field \"pw\" of slog.Info"
}

const fixHint = "pass it through a sanitizer (policy.sanitizers or a Sanitize*/Redact*/Mask* function) or use only its len() or a hash"

// check reports a sink value that is sensitive: by where it comes from, by
// the key it is attached under, or as a whole struct with a sensitive field.
func (c *checker) check(s sink) {
	if s.value == nil {
		return
	}
	c.feedsSink(s.value)
	if o := c.sens(s.value); o != nil {
		if o.indirect {
			c.report(s.value.Pos(), "%s reaches the %s unsanitized and carries a sensitive value: %s; %s%s", exprString(s.value), s.where, o.desc, fixHint, c.tuneHint(o.key))
		} else {
			c.report(s.value.Pos(), "sensitive value %s reaches the %s unsanitized; %s%s", o.desc, s.where, fixHint, c.tuneHint(o.key))
		}
		return
	}
	if s.keyed && s.key.Known && c.typed(s.value) && !c.namesCredential(s.value) {
		if k, ok := c.keys.Match(s.key.Value); ok && !c.safe(s.value, 0) {
			via := ""
			if k != s.key.Value {
				via = fmt.Sprintf(" (matches %q)", k)
			}
			c.report(s.value.Pos(), "%s is attached under sensitive key %q%s in the %s unsanitized; %s%s",
				exprString(s.value), s.key.Value, via, s.where, fixHint, c.tuneHint(k))
			return
		}
	}
	if s.style != scalar {
		if path, typ := c.structLeak(s.value, s.style != jsonish, s.style == fmtish); path != "" {
			c.report(s.value.Pos(), "%s (type %s) reaches the %s whole, with sensitive field %s; log selected fields, sanitize it first, or give the type a LogValue/MarshalLogObject method that redacts%s",
				exprString(s.value), typ, s.where, path, c.tuneHint(c.leakKey(path)))
		}
	}
}

// tuneHint tells how to drop a policy key that matched, for teams whose
// code uses the word for something public (the OS account a host
// management API manages is its "username").
func (c *checker) tuneHint(key string) string {
	if key == "" {
		return ""
	}
	return fmt.Sprintf(" (matched policy key %q: if it names nothing secret in this code base, drop it from policy.sensitive_keys or rules.sanitizeboundary.extra_keys)", key)
}

// leakKey is the policy key the last field of a struct leak's path
// matched: "" for a credential field (a request's Header), and when
// several fields are sensitive (dropping one key would not do).
func (c *checker) leakKey(path string) string {
	if strings.Contains(path, "{") {
		return ""
	}
	if i := strings.LastIndex(path, "→"); i >= 0 {
		path = path[i+len("→"):]
	}
	k, _ := c.keys.Match(path[strings.LastIndexByte(path, '.')+1:])
	return k
}

// typed: the expression has a valid type (code that does not type-check
// is not judged by its key alone).
func (c *checker) typed(e ast.Expr) bool {
	t := c.typeOf(e)
	if t == nil {
		return false
	}
	b, ok := t.(*types.Basic)
	return !ok || b.Kind() != types.Invalid
}

// call dispatches a call to the sink decoders.
func (c *checker) call(call *ast.CallExpr, stack []ast.Node) {
	c.deleteInSanitizer(call, stack)
	fn := funcname.Callee(c.info, call)
	if fn == nil {
		return
	}
	name := funcname.Of(fn)
	if ss, ok := sensitive.SpanSinks[name]; ok {
		c.spanSink(call, name, ss)
		return
	}
	if name == metricWithAttributes {
		for _, a := range c.attrList(call.Args) {
			c.check(sink{key: a.key, keyed: a.keyed, value: a.value, where: fmt.Sprintf("metric attribute %s of %s", keyText(a.key), shortName(name))})
		}
		return
	}
	c.logSinks(call, name)
	c.metricSinks(call, name)
	c.fieldSink(call, fn)
}

const metricWithAttributes = "go.opentelemetry.io/otel/metric.WithAttributes"

func (c *checker) spanSink(call *ast.CallExpr, name string, ss sensitive.SpanSink) {
	short := shortName(name)
	if ss.Attrs >= 0 && ss.Attrs <= len(call.Args) {
		for _, a := range c.attrList(call.Args[ss.Attrs:]) {
			c.check(sink{key: a.key, keyed: a.keyed, value: a.value, where: fmt.Sprintf("%s %s of %s", ss.Where, keyText(a.key), short)})
		}
	}
	for _, i := range ss.Strs {
		if i < len(call.Args) {
			c.check(sink{value: call.Args[i], where: ss.Where + " of " + short})
		}
	}
	if ss.Err >= 0 && ss.Err < len(call.Args) {
		c.check(sink{value: call.Args[ss.Err], where: ss.Where + " of " + short})
	}
}

func keyText(k eval.Value) string {
	if k.Known {
		return fmt.Sprintf("%q", k.Value)
	}
	return "(dynamic key)"
}

// attr is one OpenTelemetry attribute reaching a span or a metric.
type attr struct {
	key   eval.Value
	keyed bool
	value ast.Expr
}

func (c *checker) attrList(args []ast.Expr) []attr {
	var out []attr
	for _, a := range otelattr.ListWith(c.info, c.locals(), args) {
		out = append(out, attr{key: a.Key, keyed: a.KeyExpr != nil, value: a.Value})
	}
	return out
}

// resolve lets the log decoder follow `ev := l.Error(); ev.Msg(...)`.
func (c *checker) resolve(id *ast.Ident) ast.Expr { return c.locals().Init(id) }

func (c *checker) locals() *eval.Locals {
	if c.loc == nil {
		c.loc, _ = c.pass.ResultOf[eval.Analyzer].(*eval.Locals)
	}
	return c.loc
}

// metricSinks: label values supplied when recording (Prometheus
// WithLabelValues/With, OTel Add/Record attributes, VictoriaMetrics names).
func (c *checker) metricSinks(call *ast.CallExpr, name string) {
	if c.metrics == nil {
		c.metrics = &metricapi.Model{Info: c.info, Locals: c.locals()}
	}
	u, ok := c.metrics.Use(call)
	if !ok {
		return
	}
	for _, l := range u.Labels {
		if l.Value == nil {
			continue
		}
		c.check(sink{key: l.Name, keyed: l.Name.Known, value: l.Value, where: fmt.Sprintf("metric label %s of %s", keyText(l.Name), shortName(name))})
	}
}

// logSinks: every log call at any level (fields, message, printf and
// Print operands, error argument) and every logger derivation (fields
// attached there reach every later line).
func (c *checker) logSinks(call *ast.CallExpr, name string) {
	if lc, ok := logapi.DecodeWrapped(c.info, call, c.resolve, c.wrappers); ok {
		c.wrapper = lc.Wrapper
		defer func() { c.wrapper = nil }()
		short := shortName(name) // only for log calls: it parses name
		c.logFields(lc.Fields, lc.Lib, lc.Style, "log field %s of "+short)
		if lc.Msg != nil {
			c.check(sink{value: lc.Msg, where: "log message of " + short})
		}
		var verbs []byte
		if lc.Format && lc.Msg != nil {
			if f, ok := eval.String(c.info, lc.Msg); ok {
				verbs = parseVerbs(f)
			}
		}
		for i, a := range lc.Args {
			st, verb := fmtish, byte('v')
			if verbs != nil && i < len(verbs) {
				verb = verbs[i]
			}
			switch verb {
			case 'T', 'p':
				continue
			case 'v', 'V', 's', 'q':
			default:
				st = scalar
			}
			what := "argument"
			if lc.Format {
				what = "printf argument"
			}
			c.check(sink{value: a, style: st, where: "log " + what + " of " + short})
		}
		if lc.Err != nil {
			c.check(sink{value: lc.Err, where: "error logged by " + short})
		}
		return
	}
	if dv, ok := logapi.DecodeDeriveWrapped(c.info, call, c.wrappers); ok {
		c.logFields(dv.Fields, dv.Lib, logapi.StyleNone, "field %s of the logger derived by "+shortName(name))
	}
}

func (c *checker) logFields(fields []logapi.Field, lib *apis.Library, st logapi.Style, where string) {
	for _, f := range fields {
		if f.Opaque || f.IsGroup || f.Value == nil {
			continue
		}
		key := f.Key
		c.check(sink{key: key, keyed: f.KeyExpr != nil || key.Known, value: f.Value, style: c.fieldStyle(f, lib, st), where: fmt.Sprintf(where, keyText(key))})
	}
}

// fieldStyle: how a library renders a whole value in a field (the
// knowledge files' Render): zap.Any, the sugared logger, logrus, klog,
// hclog and go-kit go through fmt or dispatch to String(); slog,
// zap.Reflect, zerolog Interface and logr marshal to JSON or reflect over
// the fields.
func (c *checker) fieldStyle(f logapi.Field, lib *apis.Library, st logapi.Style) style {
	switch logapi.Render(c.info, f, lib, st) {
	case apis.RenderFmt:
		return fmtish
	case apis.RenderDispatch:
		return dispatch
	case apis.RenderScalar:
		return scalar
	}
	return jsonish
}

// fieldSink: a log field built anywhere (zap.String, slog.Any, a zerolog
// event's Str) is headed for a log even when the call that logs it is a
// service's own wrapper (logger.Info(msg, fields ...zap.Field)) that the
// log tables do not know.
func (c *checker) fieldSink(call *ast.CallExpr, fn *types.Func) {
	if fn.Pkg() == nil || len(call.Args) < 2 {
		return
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Params().Len() < 2 || sig.Results().Len() != 1 || !isStringType(sig.Params().At(0).Type()) {
		return
	}
	lib, ok := logapi.Builders()[fn.Pkg().Path()]
	if !ok {
		return
	}
	res := typeName(sig.Results().At(0).Type())
	if recv := sig.Recv(); recv != nil {
		if !lib.Receivers[typeName(recv.Type())] {
			return
		}
	} else if res != lib.Result {
		return
	}
	if lib.Skip[fn.Name()] {
		return
	}
	st := jsonish
	switch {
	case lib.Dispatch[fn.Name()]:
		st = dispatch
	case lib.Scalar:
		st = scalar
	}
	if fn.Name() == "Interface" || fn.Name() == "Any" || fn.Name() == "Reflect" || fn.Name() == "Fields" {
		if st == scalar {
			st = jsonish
		}
	}
	key := eval.Eval(c.info, call.Args[0])
	c.check(sink{key: key, keyed: true, value: call.Args[1], style: st, where: fmt.Sprintf("log field %s built by %s", keyText(key), shortName(funcname.Of(fn)))})
}

func isStringType(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.String
}
