package apis

import (
	"fmt"
	"strings"
)

// Log is what obscheck knows about a logging library: which functions
// write a line and at which level, how each takes its message and fields,
// which calls derive a logger with fields (or a level) attached, and how
// the library renders a value. A library's knowledge file fills one in;
// internal/apis/logapi decodes calls with it.
type Log struct {
	// Loggers are the library's logger types, "pkg/path.Type": a value
	// of one (or a pointer to one) is a logger.
	Loggers []string
	// Calls write a log line.
	Calls map[string]LogFunc
	// Starters open an event that a Calls entry with Event writes:
	// zerolog's l.Error() before .Msg(""), zap's l.Check(level, msg)
	// before .Write(fields...).
	Starters map[string]LogFunc
	// Derives return a logger with fields, a group or a level attached
	// (slog With, logrus WithField, go-kit level.Error(l)), or a renamed
	// copy (zap Named: Args "_").
	Derives map[string]LogFunc
	// Chain describes a builder chain (zerolog's event and context
	// methods), nil for libraries without one.
	Chain *Chain
	// FieldCtors are the library's field constructors whose key is not
	// simply their first string parameter: a fixed key (zap.Error), an
	// opaque or empty field, a group.
	FieldCtors map[string]FieldCtor
	// Levels maps the numeric value of a "level" argument to a level.
	Levels map[int64]Level
	// LevelsAtLeast: a value between two entries of Levels has the lower
	// one's level (slog's custom levels).
	LevelsAtLeast bool
	// LevelConsts are the library's level constants; the conformance test
	// checks that Levels maps their values to these levels.
	LevelConsts map[string]Level
	// PrintCarries: print-style calls (no field argument) still write the
	// fields of the logger they are called on (zap's sugared logger,
	// logrus entries); false where a print-style call can have none
	// (klog's printf functions, the standard log package).
	PrintCarries bool
	// FieldChain: fields are attached by a WithField chain before the
	// level method (logrus), which is how a fix adds one.
	FieldChain bool
	// Attach says how to attach a field once per execution, for
	// messages; %[1]q is the key. AttachSugar is the sugared logger's
	// form (zap), used for calls of the types in SugarLoggers.
	Attach       string
	AttachSugar  string
	SugarLoggers []string
	// Render is how the library renders a whole value given as a field;
	// RenderKV, when set, is how it renders one given as a key-value
	// pair (zap's sugared logger passes them through zap.Any).
	Render   Render
	RenderKV Render
	// FieldRender overrides Render per field constructor (zap.Any
	// dispatches to String(), zap.Reflect marshals).
	FieldRender map[string]Render
	// Builders are the library's field constructors as a family: a call
	// building a (key, value) field anywhere is headed for a log, even
	// through a service's own wrapper the tables do not know.
	Builders *FieldBuilders
}

// LogFunc is one log function, starter or derivation.
type LogFunc struct {
	// Level is the level the function logs at (or, for a derivation, the
	// level it gives the logger: go-kit's level.Error(l)); Unknown when a
	// "level" argument or a level wrapper gives it, or nothing does.
	Level Level
	// Args names the function's parameters by role, space-separated, one
	// word per parameter (see Role): "ctx msg kv...". The conformance test
	// checks them against the real signature.
	Args string
	// Event (Calls): the receiver is an event opened by a Starter,
	// reached through Chain methods (zerolog's Msg, zap's Write).
	Event bool
	// Context (Derives): the receiver is a Chain context opened by one of
	// Chain.Open (zerolog's With()...Logger()).
	Context bool
}

// Roles parses f.Args.
func (f LogFunc) Roles() ([]Role, error) {
	var out []Role
	for i, w := range strings.Fields(f.Args) {
		r, ok := roleWords[w]
		if !ok {
			return nil, fmt.Errorf("unknown role %q in %q", w, f.Args)
		}
		if r.Variadic() && i != len(strings.Fields(f.Args))-1 {
			return nil, fmt.Errorf("variadic role %q is not last in %q", w, f.Args)
		}
		out = append(out, r)
	}
	return out, nil
}

// Role is what one parameter of a log function carries.
type Role uint8

// The roles, with the word Args spells each with.
const (
	RoleOther    Role = iota // "_": nothing the rules use (a name, options, a time)
	RoleCtx                  // "ctx": a context.Context
	RoleLevel                // "level": the level, a constant of the library's numbering
	RoleMsg                  // "msg": the message
	RoleMsgFunc              // "msgfunc": a function producing the message
	RoleFormat               // "format": a printf format; "args..." are its operands
	RoleErr                  // "err": an error (logged under key "error" by derivations)
	RoleDepth                // "depth": a call depth
	RoleKey                  // "key": a field's key; "value" follows
	RoleValue                // "value": a field's value
	RoleFieldMap             // "fieldmap": a map (or key-value slice) of fields
	RoleGroup                // "group": a group name for the fields after it
	RoleLogger               // "logger": the logger derived from (a package function's argument)
	RoleKV                   // "kv...": key-value pairs
	RoleFields               // "fields...": typed fields (zap.Field)
	RoleAttrs                // "attrs...": slog.Attr values
	RoleArgs                 // "args...": Print-style operands, or a format's operands
	RoleRest                 // "_...": variadic, nothing the rules use (options)
)

var roleWords = map[string]Role{
	"_": RoleOther, "ctx": RoleCtx, "level": RoleLevel, "msg": RoleMsg, "msgfunc": RoleMsgFunc,
	"format": RoleFormat, "err": RoleErr, "depth": RoleDepth, "key": RoleKey, "value": RoleValue,
	"fieldmap": RoleFieldMap, "group": RoleGroup, "logger": RoleLogger, "kv...": RoleKV,
	"fields...": RoleFields, "attrs...": RoleAttrs, "args...": RoleArgs, "_...": RoleRest,
}

// Variadic reports whether r is a variadic parameter's role.
func (r Role) Variadic() bool { return r >= RoleKV }

// String returns the word Args spells r with.
func (r Role) String() string {
	for w, x := range roleWords {
		if x == r {
			return w
		}
	}
	return "?"
}

// Chain is a builder chain: methods of an event (or context) type that
// each add a field and return the receiver, ending in a Calls entry with
// Event (or a Derives entry with Context).
type Chain struct {
	Event   string   // the event type: "github.com/rs/zerolog.Event"
	Context string   // the context type: "github.com/rs/zerolog.Context"
	Open    []string // functions returning a fresh Context from a logger (the receiver, if a method)
	Dicts   []string // functions opening a nested dictionary whose fields form a group
	// Methods are the chain methods that do anything but add one field
	// under their first `key string` parameter.
	Methods map[string]ChainMethod
}

// ChainMethod is what a special chain method does.
type ChainMethod uint8

// The special chain methods.
const (
	ChainErr    ChainMethod = iota + 1 // Err(err): a field under key "error"
	ChainFields                        // Fields(map or key-value slice)
	ChainDict                          // Dict(key, dict): a group
	ChainOpaque                        // EmbedObject, Func: fields whose keys are not visible
	ChainCtx                           // Ctx(ctx): a context
)

// FieldCtor is a field constructor with a special key.
type FieldCtor struct {
	Key     string // the key it always uses ("error" for zap.Error), if any
	Opaque  bool   // adds fields whose keys are not visible (zap.Inline)
	None    bool   // adds no field (zap.Skip)
	Group   bool   // opens a group: members follow (zap.Namespace) or are its arguments (slog.Group)
	KeyArgs bool   // a (key, value) constructor whose parameters are not typed as such (slog.Any)
}

// Render is how a library renders a whole value given to it.
type Render uint8

// The renderings.
const (
	RenderScalar   Render = iota // a typed value: no struct is searched
	RenderJSON                   // reflection or JSON: exported fields (slog, zerolog, zap.Reflect)
	RenderDispatch               // String() when there is one, else JSON (zap.Any)
	RenderFmt                    // fmt: String(), else every field, unexported too (logrus, klog)
)

// FieldBuilders describe a library's field constructors as a family.
type FieldBuilders struct {
	Result    string          // package-level constructors return this type
	Receivers map[string]bool // or are methods of these types (zerolog's Event, Context)
	Skip      map[string]bool // not (key, value) constructors
	Package   string          // the package declaring them
	Dispatch  map[string]bool // render through String() when there is one
	Scalar    bool            // typed values: rendered whole only by Interface/Any/Reflect/Fields
}

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

// LevelOf maps a numeric level value of the library to a level.
func (l *Log) LevelOf(v int64) (Level, bool) {
	if lv, ok := l.Levels[v]; ok {
		return lv, true
	}
	if !l.LevelsAtLeast || len(l.Levels) == 0 {
		return Unknown, false
	}
	best, found := int64(0), false
	for k := range l.Levels {
		if k <= v && (!found || k > best) {
			best, found = k, true
		}
	}
	if !found {
		// Below the lowest: the lowest level.
		for k := range l.Levels {
			if !found || k < best {
				best, found = k, true
			}
		}
	}
	return l.Levels[best], true
}
