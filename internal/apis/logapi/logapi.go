// Package logapi decodes log calls with obscheck's knowledge of logging
// libraries (the knowledge files in internal/apis: slog.go, zap.go, ...):
// which functions log at which level, how each passes its message and
// fields, and which calls derive a new logger with fields attached.
//
// The decoder is split by what it decodes: a log call (this file), a
// logger derivation (derive.go), field arguments (fields.go), builder
// chains such as zerolog's and zap's Check/Write (chain.go), and what the
// rules ask of a decoded call (hint.go, render.go).
package logapi

import (
	"go/ast"
	"go/types"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/eval"
	"github.com/obscheck/obscheck/internal/funcname"
)

// Level is a log level, ordered from least to most severe.
type Level = apis.Level

// The levels. Libraries' own levels map onto these (trace is Debug, klog's
// Exit is Fatal).
const (
	Unknown = apis.Unknown
	Debug   = apis.Debug
	Info    = apis.Info
	Warn    = apis.Warn
	Error   = apis.Error
	DPanic  = apis.DPanic
	Panic   = apis.Panic
	Fatal   = apis.Fatal
)

// ParseLevel parses a policy level name ("warn", "error", ...).
func ParseLevel(s string) (Level, bool) { return apis.ParseLevel(s) }

// Call is one log call at any level, decoded.
type Call struct {
	Call       *ast.CallExpr // the terminal call (zerolog: Msg/Msgf/Send; zap: Error; zap Check+Write: Write)
	Fn         string        // full go/types name of the terminal function
	Lib        *apis.Library // the library
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
	// Style says how fields are written in this call's library style, for
	// fixes: see Style.
	Style Style
	// Starter is the call that opened the event (zerolog Error(), zap Check),
	// nil when the terminal call is the whole log call.
	Starter *ast.CallExpr
	// Wrapper is the project's own function the call invokes, when it is
	// a log wrapper (see Wrappers), nil for a library call.
	Wrapper *types.Func
}

// Wrappers are a project's own log functions and derivations, decoded
// like the library functions they pass their arguments to (found by
// internal/apis/logapi/logwrap, as x/tools' printf finds printf wrappers).
type Wrappers interface {
	// Wrapper returns the library and the shape of fn if it is a wrapper:
	// a log function, or a derivation when derive is set.
	Wrapper(fn *types.Func) (lib *apis.Library, f apis.LogFunc, derive, ok bool)
	// May reports whether a function spelled name may be a wrapper.
	May(name string) bool
}

// wrapperEntry is the entry of a wrapper function, nil if fn is none.
func wrapperEntry(w Wrappers, fn *types.Func, derive bool) *entry {
	if w == nil || fn == nil {
		return nil
	}
	lib, f, d, ok := w.Wrapper(fn)
	if !ok || d != derive || lib == nil || lib.Log == nil {
		return nil
	}
	roles, err := f.Roles()
	if err != nil {
		return nil
	}
	return &entry{lib: lib, fn: f, method: fn.Signature().Recv() != nil, shape: newShape(roles)}
}

// Style is how a call passes its fields; fixes insert a field in it.
type Style int

// The field styles.
const (
	StyleNone        Style = iota // no fields at the call (Print-style, printf)
	StyleKV                       // key-value pairs: slog, zap sugar *w, logr, klog *S, hclog, go-kit
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

// DecodeWith is Decode following local variables through resolve.
func DecodeWith(info *types.Info, call *ast.CallExpr, resolve Resolver) (*Call, bool) {
	return DecodeWrapped(info, call, resolve, nil)
}

// MayLogWrapped reports whether call may be a log call (of the knowledge
// files, or of the project's wrappers w, which may be nil), by the name it
// is spelled with: a cheap test before DecodeWrapped, which resolves it.
func MayLogWrapped(call *ast.CallExpr, w Wrappers) bool {
	return idx().callsFilter.May(call) || w != nil && w.May(funcname.Spelled(call))
}

// DecodeWrapped is DecodeWith decoding calls of the project's log
// wrappers w (may be nil) too, and derivations through them.
func DecodeWrapped(info *types.Info, call *ast.CallExpr, resolve Resolver, w Wrappers) (*Call, bool) {
	if info == nil || call == nil {
		return nil, false
	}
	x := idx()
	if !MayLogWrapped(call, w) {
		return nil, false
	}
	var wrapper *types.Func
	fn := funcname.CalleeName(info, call)
	e, ok := x.calls[fn]
	if !ok {
		callee := funcname.Callee(info, call)
		if e = wrapperEntry(w, callee, false); e == nil {
			return nil, false
		}
		wrapper = callee
	}
	if e.method && !isMethodCall(info, call) {
		return nil, false // a method expression, (*slog.Logger).Error(l, ...): arguments are shifted
	}
	d := &decoder{info: info, resolve: resolve, w: w}
	c := &Call{Call: call, Fn: fn, Lib: e.lib, Style: e.style(), Wrapper: wrapper}
	c.Structured = c.Style != StyleNone || e.lib.Log.PrintCarries
	c.Level, c.LevelKnown = e.fn.Level, e.fn.Level != Unknown
	d.args(c, e, call)
	if e.fn.Event {
		return c, d.event(c, e, call)
	}
	// The logger: the receiver, through inline derivations.
	if e.method {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			c.Logger, c.Fields = d.unwind(sel.X, c.Fields, c)
		}
	}
	return c, true
}

// style is the field style of a call of e.
func (e *entry) style() Style {
	switch {
	case e.restRole == apis.RoleKV:
		return StyleKV
	case e.restRole == apis.RoleFields:
		return StyleZap
	case e.restRole == apis.RoleAttrs:
		return StyleAttrs
	case e.fn.Event && e.lib.Log.Chain != nil:
		return StyleZerolog
	case e.lib.Log.FieldChain:
		return StyleLogrusChain
	}
	return StyleNone
}

// args decodes the arguments of a call of e by their roles.
func (d *decoder) args(c *Call, e *entry, call *ast.CallExpr) {
	args := call.Args
	arg := func(i int) ast.Expr {
		if i >= 0 && i < len(args) {
			return args[i]
		}
		return nil
	}
	if e.level >= 0 {
		c.Level, c.LevelKnown = d.constLevel(e.lib, arg(e.level))
	}
	if e.ctx >= 0 {
		c.Ctx = arg(e.ctx)
		c.HasCtx = c.Ctx != nil && !isNil(d.info, c.Ctx)
	}
	if e.err >= 0 {
		c.Err = arg(e.err)
	}
	c.Msg, c.Format = arg(e.msg), e.format && e.msg >= 0 && e.msg < len(args)
	var rest []ast.Expr
	if e.rest >= 0 && e.rest < len(args) {
		rest = args[e.rest:]
	}
	switch e.restRole {
	case apis.RoleArgs:
		c.Args = rest
	case apis.RoleKV, apis.RoleFields, apis.RoleAttrs:
		c.Fields = d.fields(e.restRole, rest, call.Ellipsis.IsValid(), "")
	}
}

type decoder struct {
	info    *types.Info
	resolve Resolver
	w       Wrappers
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

// isMethodCall reports whether call is x.M(...) on a method value.
func isMethodCall(info *types.Info, call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := info.Selections[sel]
	return ok && s.Kind() == types.MethodVal
}

func isStringType(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}
