// Package logapi is obscheck's knowledge of logging libraries: which
// functions log at which level, how each passes its message and fields,
// and which calls derive a new logger with fields attached. The knowledge
// is in tables keyed by go/types full function names (tables.go); this
// file decodes calls with them.
//
// Supported: log/slog, go.uber.org/zap (Logger, SugaredLogger, Check+Write),
// github.com/rs/zerolog (event chains, With()...Logger()),
// github.com/sirupsen/logrus, github.com/go-logr/logr, k8s.io/klog/v2 and
// the standard library's log package (no fields).
package logapi

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"maps"
	"strings"
	"sync"

	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
)

// Level is a log level, ordered from least to most severe.
type Level int

// The levels. Libraries' own levels map onto these (trace is Debug, klog's
// Exit is Fatal).
const (
	Unknown Level = iota
	Debug
	Info
	Warn
	Error
	DPanic
	Panic
	Fatal
)

var levelNames = [...]string{"unknown", "debug", "info", "warn", "error", "dpanic", "panic", "fatal"}

// String returns the lower-case name of l, as policy files spell it.
func (l Level) String() string {
	if l >= 0 && int(l) < len(levelNames) {
		return levelNames[l]
	}
	return "unknown"
}

// ParseLevel parses a policy level name ("warn", "error", ...).
func ParseLevel(s string) (Level, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "warning" {
		return Warn, true
	}
	for i, n := range levelNames {
		if i > 0 && n == s {
			return Level(i), true
		}
	}
	return Unknown, false
}

// Call is one log call at any level, decoded.
type Call struct {
	Call       *ast.CallExpr // the terminal call (zerolog: Msg/Msgf/Send; zap: Error; zap Check+Write: Write)
	Fn         string        // full go/types name of the terminal function
	Lib        string        // "slog", "zap", "zerolog", "logrus", "logr", "klog", "log" (std log, no fields)
	Level      Level
	LevelKnown bool
	Msg        ast.Expr   // message or format string, nil if none
	Format     bool       // Msg is a printf format; Args are its operands
	Args       []ast.Expr // printf operands, or Print-style operands
	Fields     []Field    // fields attached by this call and its chain (zerolog .Str(...), logrus WithField chain)
	Logger     ast.Expr   // the logger expression the call/chain starts from, nil for package funcs
	HasCtx     bool       // a context.Context is passed (slog *Context, zerolog Ctx, logrus WithContext)

	// Ctx is the context expression passed, when HasCtx.
	Ctx ast.Expr
	// Err is the error argument of logr/klog Error(err, msg, ...) and
	// zerolog Err(err) starters, nil otherwise.
	Err ast.Expr
	// Structured is false for APIs that can never carry fields (std log,
	// klog's printf-style functions): no logger derivation reaches them.
	Structured bool
	// Styles says how fields are written in this call's library style, for
	// fixes: see Style.
	Style Style
	// Starter is the call that opened the event (zerolog Error(), zap Check),
	// nil when the terminal call is the whole log call.
	Starter *ast.CallExpr
}

// Style is how a call passes its fields; fixes insert a field in it.
type Style int

// The field styles.
const (
	StyleNone        Style = iota // no fields at the call (Print-style, printf)
	StyleKV                       // key-value pairs: slog, zap sugar *w, logr, klog *S
	StyleAttrs                    // slog.Attr values only (LogAttrs)
	StyleZap                      // zap.Field values
	StyleZerolog                  // zerolog event chain methods (.Str(k, v))
	StyleLogrusChain              // logrus WithField chain before the level method
)

// Field is one field a log call or derived logger attaches.
type Field struct {
	Key     eval.Value // key as far as statically known (the key as written, without group prefix)
	KeyExpr ast.Expr   // the key expression, nil when the key is implicit or unknown
	Value   ast.Expr   // the value expression (nil for groups and opaque fields)
	Node    ast.Expr   // the whole field expression (zap.String(...), slog.Attr, the kv pair's key)
	Group   string     // enclosing group path ("" at top level): slog.Group/WithGroup, zerolog Dict, zap.Namespace
	// IsGroup marks a group opener (slog.Group, zerolog Dict, zap.Namespace):
	// Key is the group name, its members follow with Group set.
	IsGroup bool
	// Opaque marks fields whose keys cannot be known statically: a spread
	// slice, an Attr variable, zerolog EmbedObject or Fields(var), zap.Inline.
	Opaque bool
}

// Path is the full key of f: "group.key" inside a group, else the key.
func (f Field) Path() (string, bool) {
	if !f.Key.Known {
		return "", false
	}
	if f.Group == "" {
		return f.Key.Value, true
	}
	return f.Group + "." + f.Key.Value, true
}

// Derive is a call that returns a new logger with fields attached: slog
// With/WithGroup, zap With, zerolog With()...Logger(), logrus
// WithField/WithFields, logr WithValues, and field-less derivations (zap
// Named, Sugar, logr WithName, ...). Base is the receiver logger, nil for
// package functions deriving from the default logger.
type Derive struct {
	Call   *ast.CallExpr
	Fn     string
	Lib    string
	Base   ast.Expr
	Fields []Field
	// Group is the group opened for later fields (slog WithGroup), "" if none.
	Group string
	// Ctx is the context attached (logrus WithContext, zerolog Context.Ctx).
	Ctx ast.Expr
}

// Resolver maps a local variable to the expression it was assigned, so
// the decoder can follow `ev := l.Error(); ev.Msg("")` and
// `if ce := l.Check(...); ce != nil { ce.Write() }`. It returns nil when
// unknown.
type Resolver func(*ast.Ident) ast.Expr

// Decode decodes a log call at any level. It reports false for calls that
// are not the terminal call of a log statement.
func Decode(info *types.Info, call *ast.CallExpr) (*Call, bool) {
	return DecodeWith(info, call, nil)
}

// callsFilter spares DecodeWith resolving the callee of most calls. It is
// built on first use: the table is filled by init functions.
var callsFilter = sync.OnceValue(func() funcname.Filter { return funcname.NewFilter(maps.Keys(calls)) })

// Packages are the packages of the functions the tables describe.
var Packages = sync.OnceValue(func() map[string]bool { return funcname.Packages(maps.Keys(calls)) })

// MayLog reports whether call may be a call of the tables, by the name it
// is spelled with: a cheap test before DecodeWith, which resolves it.
func MayLog(call *ast.CallExpr) bool { return callsFilter().May(call) }

// DecodeWith is Decode following local variables through resolve.
func DecodeWith(info *types.Info, call *ast.CallExpr, resolve Resolver) (*Call, bool) {
	if info == nil || call == nil {
		return nil, false
	}
	if !callsFilter().May(call) {
		return nil, false
	}
	fn := funcname.CalleeName(info, call)
	sp, ok := calls[fn]
	if !ok {
		return nil, false
	}
	if sp.method && !isMethodCall(info, call) {
		return nil, false // a method expression, (*slog.Logger).Error(l, ...): arguments are shifted
	}
	d := &decoder{info: info, resolve: resolve}
	c := &Call{Call: call, Fn: fn, Lib: sp.lib, Structured: sp.style != StyleNone || sp.lib == "logrus" || sp.lib == "zap", Style: sp.style}
	if sp.kind == kindZerolog {
		if !d.zerologChain(c, call) {
			return nil, false
		}
		return c, true
	}
	if sp.kind == kindZapWrite {
		if !d.zapWrite(c, call) {
			return nil, false
		}
		return c, true
	}
	args := call.Args
	arg := func(i int) ast.Expr {
		if i >= 0 && i < len(args) {
			return args[i]
		}
		return nil
	}
	c.Level, c.LevelKnown = sp.level, sp.level != Unknown
	if sp.levelArg >= 0 {
		c.Level, c.LevelKnown = d.constLevel(sp.lib, arg(sp.levelArg))
	}
	if sp.ctxArg >= 0 {
		c.Ctx = arg(sp.ctxArg)
		c.HasCtx = c.Ctx != nil && !isNil(info, c.Ctx)
	}
	if sp.errArg >= 0 {
		c.Err = arg(sp.errArg)
	}
	switch sp.kind {
	case kindPrint:
		if sp.rest < len(args) {
			c.Args = args[sp.rest:]
		}
	case kindPrintf:
		c.Msg, c.Format = arg(sp.msgArg), true
		if sp.rest < len(args) {
			c.Args = args[sp.rest:]
		}
	case kindKV, kindZap, kindAttrs:
		c.Msg = arg(sp.msgArg)
		var rest []ast.Expr
		if sp.rest < len(args) {
			rest = args[sp.rest:]
		}
		c.Fields = d.fields(sp.kind, rest, call.Ellipsis.IsValid(), "")
	}
	// The logger: the receiver, through inline derivations.
	if sp.method {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			c.Logger, c.Fields = d.unwind(sel.X, c.Fields, c)
		}
	}
	return c, true
}

// unwind walks inline derivations (l.With(...).Error, logrus
// WithField(...).Errorf), prepending their fields, and returns the
// expression the chain starts from.
func (d *decoder) unwind(x ast.Expr, fields []Field, c *Call) (ast.Expr, []Field) {
	for i := 0; i < 64; i++ {
		call, ok := ast.Unparen(x).(*ast.CallExpr)
		if !ok {
			return x, fields
		}
		dv, ok := DecodeDerive(d.info, call)
		if !ok {
			return x, fields
		}
		if dv.Ctx != nil && c != nil && !c.HasCtx && !isNil(d.info, dv.Ctx) {
			c.HasCtx, c.Ctx = true, dv.Ctx
		}
		fields = append(append([]Field(nil), dv.Fields...), applyGroup(fields, dv.Group)...)
		if dv.Base == nil {
			return nil, fields
		}
		x = dv.Base
	}
	return x, fields
}

func applyGroup(fields []Field, group string) []Field {
	if group == "" {
		return fields
	}
	out := make([]Field, len(fields))
	for i, f := range fields {
		if f.Group == "" {
			f.Group = group
		} else {
			f.Group = group + "." + f.Group
		}
		out[i] = f
	}
	return out
}

// DecodeDerive decodes a call returning a logger derived from another.
func DecodeDerive(info *types.Info, call *ast.CallExpr) (*Derive, bool) {
	if info == nil || call == nil {
		return nil, false
	}
	fn := funcname.CalleeName(info, call)
	sp, ok := derives[fn]
	if !ok {
		return nil, false
	}
	d := &decoder{info: info}
	dv := &Derive{Call: call, Fn: fn, Lib: sp.lib}
	args := call.Args
	if sp.baseArg >= 0 {
		if sp.baseArg >= len(args) {
			return nil, false
		}
		dv.Base = args[sp.baseArg]
	} else if sp.method {
		if !isMethodCall(info, call) {
			return nil, false
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil, false
		}
		dv.Base = sel.X
	}
	var rest []ast.Expr
	if sp.rest >= 0 && sp.rest < len(args) {
		rest = args[sp.rest:]
	}
	switch sp.kind {
	case deriveKV:
		dv.Fields = d.fields(kindKV, rest, call.Ellipsis.IsValid(), "")
	case deriveZap:
		dv.Fields = d.fields(kindZap, rest, call.Ellipsis.IsValid(), "")
	case deriveGroup:
		if len(args) > 0 {
			if v := eval.Eval(info, args[0]); v.Known {
				dv.Group = v.Value
			} else {
				dv.Group = "?"
			}
		}
	case deriveLogrusField:
		if len(args) >= 2 {
			dv.Fields = []Field{keyField(info, args[0], args[1], args[0], "")}
		}
	case deriveLogrusFields:
		if len(args) >= 1 {
			dv.Fields = d.mapFields(args[0], "")
		}
	case deriveErrorKey:
		if len(args) >= 1 {
			dv.Fields = []Field{{Key: eval.Value{Known: true, Value: "error"}, Value: args[0], Node: call}}
		}
	case deriveCtx:
		if len(args) >= 1 {
			dv.Ctx = args[0]
		}
	case deriveZerolog:
		// (zerolog.Context).Logger(): walk the Context chain back to With().
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil, false
		}
		base, fields, ctx, ok := d.zerologContext(sel.X)
		if !ok {
			return nil, false
		}
		dv.Base, dv.Fields, dv.Ctx = base, fields, ctx
	}
	return dv, true
}

// IsLogger reports whether t (or what it points to) is a logger type of a
// known library.
func IsLogger(t types.Type) bool {
	return LoggerLib(t) != ""
}

// LoggerLib returns the library of logger type t ("slog", "zap", ...), or "".
func LoggerLib(t types.Type) string {
	if t == nil {
		return ""
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	k, ok := funcname.KeyOf(t)
	if !ok {
		return ""
	}
	return loggerTypeKeys[k] // asked for most assignments: no string built
}

var loggerTypeKeys = funcname.TypeKeys(loggerTypes)

type decoder struct {
	info    *types.Info
	resolve Resolver
}

func (d *decoder) typeOf(e ast.Expr) types.Type {
	if tv, ok := d.info.Types[e]; ok {
		return tv.Type
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if obj := d.info.ObjectOf(id); obj != nil {
			return obj.Type()
		}
	}
	return nil
}

// follow resolves a local variable to its assigned expression.
func (d *decoder) follow(x ast.Expr) ast.Expr {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok || d.resolve == nil {
		return x
	}
	if r := d.resolve(id); r != nil {
		return r
	}
	return x
}

// constLevel evaluates a constant level argument in lib's numbering.
func (d *decoder) constLevel(lib string, e ast.Expr) (Level, bool) {
	if e == nil {
		return Unknown, false
	}
	tv, ok := d.info.Types[e]
	if !ok || tv.Value == nil {
		return Unknown, false
	}
	v, ok := constant.Int64Val(constant.ToInt(tv.Value))
	if !ok {
		return Unknown, false
	}
	m := levelMaps[lib]
	if m == nil {
		return Unknown, false
	}
	return m(v)
}

func isNil(info *types.Info, e ast.Expr) bool {
	if e == nil {
		return true
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil || (info.Uses[id] == nil && id.Name == "nil")
}

// fields decodes the variadic field arguments of one call.
func (d *decoder) fields(k kind, args []ast.Expr, spread bool, group string) []Field {
	var out []Field
	for i := 0; i < len(args); i++ {
		a := args[i]
		if spread && i == len(args)-1 {
			out = append(out, Field{Node: a, Opaque: true, Group: group})
			break
		}
		t := d.typeOf(a)
		switch {
		case k != kindZap && funcname.IsNamed(t, "log/slog", "Attr"):
			out = append(out, d.slogAttr(a, group)...)
		case isZapField(t):
			out = append(out, d.zapField(a, &group)...)
		case k == kindKV && isStringType(t):
			var v ast.Expr
			if i+1 < len(args) {
				v = args[i+1]
			}
			out = append(out, keyField(d.info, a, v, a, group))
			i++
		case k == kindKV:
			// A non-string key (slog's !BADKEY, a []any spread by hand...):
			// nothing is known of it.
			out = append(out, Field{Node: a, Opaque: true, Group: group})
		default:
			out = append(out, Field{Node: a, Opaque: true, Group: group})
		}
	}
	return out
}

func keyField(info *types.Info, key, val, node ast.Expr, group string) Field {
	return Field{Key: eval.Eval(info, key), KeyExpr: key, Value: val, Node: node, Group: group}
}

// slogAttr decodes a slog.Attr expression.
func (d *decoder) slogAttr(a ast.Expr, group string) []Field {
	switch e := ast.Unparen(a).(type) {
	case *ast.CallExpr:
		fn := funcname.CalleeName(d.info, e)
		if fn == "log/slog.Group" && len(e.Args) >= 1 {
			g := Field{Key: eval.Eval(d.info, e.Args[0]), KeyExpr: e.Args[0], Node: e, Group: group, IsGroup: true}
			sub := groupPath(group, g.Key)
			return append([]Field{g}, d.fields(kindKV, e.Args[1:], e.Ellipsis.IsValid(), sub)...)
		}
		if slogAttrCtors[fn] && len(e.Args) >= 2 {
			return []Field{keyField(d.info, e.Args[0], e.Args[1], e, group)}
		}
	case *ast.CompositeLit:
		f := Field{Node: e, Group: group}
		for _, el := range e.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			id, _ := kv.Key.(*ast.Ident)
			switch {
			case id == nil:
			case id.Name == "Key":
				f.Key, f.KeyExpr = eval.Eval(d.info, kv.Value), kv.Value
			case id.Name == "Value":
				f.Value = kv.Value
			}
		}
		if f.KeyExpr == nil {
			f.Opaque = len(e.Elts) > 0 && f.Value == nil
			f.Key = eval.Value{Known: len(e.Elts) == 0 || !f.Opaque}
		}
		return []Field{f}
	}
	return []Field{{Node: a, Opaque: true, Group: group}}
}

func groupPath(group string, key eval.Value) string {
	name := "?"
	if key.Known {
		name = key.Value
	}
	if group == "" {
		return name
	}
	return group + "." + name
}

// zapField decodes a zap.Field expression; zap.Namespace opens a group for
// the fields after it (group is updated).
func (d *decoder) zapField(a ast.Expr, group *string) []Field {
	switch e := ast.Unparen(a).(type) {
	case *ast.CallExpr:
		fn := funcname.CalleeName(d.info, e)
		if key, ok := zapFixedKeys[fn]; ok {
			var v ast.Expr
			if len(e.Args) > 0 {
				v = e.Args[len(e.Args)-1]
			}
			return []Field{{Key: eval.Value{Known: true, Value: key}, Value: v, Node: e, Group: *group}}
		}
		if zapOpaque[fn] {
			return []Field{{Node: e, Opaque: true, Group: *group}}
		}
		if zapNoField[fn] {
			return nil
		}
		callee := funcname.Callee(d.info, e)
		if callee == nil {
			break
		}
		sig, ok := callee.Type().(*types.Signature)
		if !ok {
			break
		}
		for i := 0; i < sig.Params().Len() && i < len(e.Args); i++ {
			if !isStringType(sig.Params().At(i).Type()) {
				continue
			}
			f := keyField(d.info, e.Args[i], nil, e, *group)
			if i+1 < len(e.Args) {
				f.Value = e.Args[i+1]
			}
			if fn == "go.uber.org/zap.Namespace" {
				f.IsGroup = true
				*group = groupPath(*group, f.Key)
			}
			return []Field{f}
		}
	case *ast.CompositeLit:
		f := Field{Node: e, Group: *group}
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Key" {
					f.Key, f.KeyExpr = eval.Eval(d.info, kv.Value), kv.Value
				}
			}
		}
		f.Opaque = f.KeyExpr == nil
		return []Field{f}
	}
	return []Field{{Node: a, Opaque: true, Group: *group}}
}

// mapFields decodes logrus.Fields{...} / map[string]any{...} / []any{k, v}
// literals; anything else is opaque.
func (d *decoder) mapFields(a ast.Expr, group string) []Field {
	lit, ok := ast.Unparen(a).(*ast.CompositeLit)
	if !ok {
		return []Field{{Node: a, Opaque: true, Group: group}}
	}
	var out []Field
	t := d.typeOf(lit)
	if t == nil {
		return []Field{{Node: a, Opaque: true, Group: group}}
	}
	switch t.Underlying().(type) {
	case *types.Map:
		for _, el := range lit.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			out = append(out, keyField(d.info, kv.Key, kv.Value, kv.Key, group))
		}
	case *types.Slice:
		return d.fields(kindKV, lit.Elts, false, group)
	default:
		return []Field{{Node: a, Opaque: true, Group: group}}
	}
	return out
}

// zerologChain decodes an event chain ending in Msg/Msgf/Send.
func (d *decoder) zerologChain(c *Call, term *ast.CallExpr) bool {
	sel, ok := ast.Unparen(term.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	c.Lib, c.Style, c.Structured = "zerolog", StyleZerolog, true
	switch sel.Sel.Name {
	case "Msg", "MsgFunc": // MsgFunc's Msg is the func producing the message
		if len(term.Args) > 0 {
			c.Msg = term.Args[0]
		}
	case "Msgf":
		if len(term.Args) > 0 {
			c.Msg, c.Format, c.Args = term.Args[0], true, term.Args[1:]
		}
	}
	var fields []Field
	x := sel.X
	for i := 0; i < 128; i++ {
		x = d.follow(x)
		call, ok := ast.Unparen(x).(*ast.CallExpr)
		if !ok {
			// An event from elsewhere (a parameter, a field): level unknown.
			c.Fields = fields
			return true
		}
		fn := funcname.CalleeName(d.info, call)
		if st, ok := zerologStarters[fn]; ok {
			c.Starter = call
			c.Level, c.LevelKnown = st.level, st.level != Unknown
			if st.levelArg >= 0 && st.levelArg < len(call.Args) {
				c.Level, c.LevelKnown = d.constLevel("zerolog", call.Args[st.levelArg])
			}
			if st.errArg >= 0 && st.errArg < len(call.Args) {
				c.Err = call.Args[st.errArg]
			}
			if st.method {
				if s, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
					c.Logger, fields = d.unwind(s.X, fields, c)
				}
			}
			c.Fields = fields
			return true
		}
		f, next, ok := d.zerologLink(call, "(*github.com/rs/zerolog.Event).", c)
		if !ok {
			c.Fields = fields
			return true
		}
		fields = append(f, fields...)
		x = next
	}
	c.Fields = fields
	return true
}

// zerologLink decodes one field method of a zerolog Event or Context chain
// (prefix is "(*github.com/rs/zerolog.Event)." or
// "(github.com/rs/zerolog.Context).") and returns its fields and receiver.
func (d *decoder) zerologLink(call *ast.CallExpr, prefix string, c *Call) ([]Field, ast.Expr, bool) {
	fn := funcname.CalleeName(d.info, call)
	if !strings.HasPrefix(fn, prefix) {
		return nil, nil, false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, nil, false
	}
	method := fn[len(prefix):]
	var out []Field
	switch zerologSpecial[method] {
	case zlErr:
		if len(call.Args) > 0 {
			out = []Field{{Key: eval.Value{Known: true, Value: "error"}, Value: call.Args[0], Node: call}}
		}
	case zlFields:
		if len(call.Args) > 0 {
			out = d.mapFields(call.Args[0], "")
		}
	case zlDict:
		if len(call.Args) >= 2 {
			g := keyField(d.info, call.Args[0], nil, call, "")
			g.IsGroup = true
			out = append([]Field{g}, d.zerologDict(call.Args[1], groupPath("", g.Key))...)
		}
	case zlOpaque:
		out = []Field{{Node: call, Opaque: true}}
	case zlCtx:
		if c != nil && len(call.Args) > 0 && !isNil(d.info, call.Args[0]) {
			c.HasCtx, c.Ctx = true, call.Args[0]
		}
	case zlNone:
		if f := d.keyedMethod(call); f != nil {
			out = []Field{*f}
		}
	}
	return out, sel.X, true
}

// keyedMethod decodes a zerolog method whose first parameter is `key string`.
func (d *decoder) keyedMethod(call *ast.CallExpr) *Field {
	callee := funcname.Callee(d.info, call)
	if callee == nil {
		return nil
	}
	sig, ok := callee.Type().(*types.Signature)
	if !ok || sig.Params().Len() == 0 || len(call.Args) == 0 {
		return nil
	}
	p := sig.Params().At(0)
	if p.Name() != "key" || !isStringType(p.Type()) {
		return nil
	}
	var v ast.Expr
	if len(call.Args) > 1 {
		v = call.Args[1]
	}
	f := keyField(d.info, call.Args[0], v, call, "")
	return &f
}

// zerologDict decodes zerolog.Dict().Str(...)... used as a Dict value.
func (d *decoder) zerologDict(x ast.Expr, group string) []Field {
	var out []Field
	for i := 0; i < 128; i++ {
		call, ok := ast.Unparen(x).(*ast.CallExpr)
		if !ok {
			return []Field{{Node: x, Opaque: true, Group: group}}
		}
		fn := funcname.CalleeName(d.info, call)
		if fn == "github.com/rs/zerolog.Dict" || fn == "(*github.com/rs/zerolog.Event).CreateDict" || fn == "(github.com/rs/zerolog.Context).CreateDict" {
			return out
		}
		f, next, ok := d.zerologLink(call, "(*github.com/rs/zerolog.Event).", nil)
		if !ok {
			return append(out, Field{Node: x, Opaque: true, Group: group})
		}
		out = append(applyGroup(f, group), out...)
		x = next
	}
	return out
}

// zerologContext walks a zerolog Context chain back to With().
func (d *decoder) zerologContext(x ast.Expr) (base ast.Expr, fields []Field, ctx ast.Expr, ok bool) {
	c := &Call{}
	for i := 0; i < 128; i++ {
		call, isCall := ast.Unparen(x).(*ast.CallExpr)
		if !isCall {
			// A Context held in a variable: its fields are unknown.
			return x, append([]Field{{Node: x, Opaque: true}}, fields...), c.Ctx, true
		}
		fn := funcname.CalleeName(d.info, call)
		switch fn {
		case "(github.com/rs/zerolog.Logger).With":
			if s, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr); isSel {
				return s.X, fields, c.Ctx, true
			}
			return nil, fields, c.Ctx, true
		case "github.com/rs/zerolog/log.With":
			return nil, fields, c.Ctx, true
		}
		f, next, linkOK := d.zerologLink(call, "(github.com/rs/zerolog.Context).", c)
		if !linkOK {
			return x, append([]Field{{Node: x, Opaque: true}}, fields...), c.Ctx, true
		}
		fields = append(f, fields...)
		x = next
	}
	return nil, nil, nil, false
}

// zapWrite decodes (*zapcore.CheckedEntry).Write after Check(level, msg).
func (d *decoder) zapWrite(c *Call, term *ast.CallExpr) bool {
	sel, ok := ast.Unparen(term.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	c.Lib, c.Style, c.Structured = "zap", StyleZap, true
	c.Fields = d.fields(kindZap, term.Args, term.Ellipsis.IsValid(), "")
	x := d.follow(sel.X)
	check, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok || funcname.CalleeName(d.info, check) != "(*go.uber.org/zap.Logger).Check" {
		return true // level unknown
	}
	c.Starter = check
	if len(check.Args) >= 2 {
		c.Level, c.LevelKnown = d.constLevel("zap", check.Args[0])
		c.Msg = check.Args[1]
	}
	if s, ok := ast.Unparen(check.Fun).(*ast.SelectorExpr); ok {
		c.Logger, c.Fields = d.unwind(s.X, c.Fields, c)
	}
	return true
}

// isMethodCall reports whether call is x.M(...) on a method value.
func isMethodCall(info *types.Info, call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := info.Selections[sel]
	return ok && s.Kind() == types.MethodVal
}

func isZapField(t types.Type) bool { return funcname.IsNamed(t, "go.uber.org/zap/zapcore", "Field") }

func isStringType(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// AttachHint says how to attach key once per execution to the logger of
// c's library, e.g. `l = l.With("execution_id", id)`.
func AttachHint(c *Call, key string) string {
	lib := c.Lib
	if lib == "zap" && strings.HasPrefix(c.Fn, "(*go.uber.org/zap.SugaredLogger).") {
		lib = "zap-sugar"
	}
	h, ok := attachHints[lib]
	if !ok {
		return ""
	}
	return fmt.Sprintf(h, key)
}
