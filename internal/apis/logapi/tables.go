package logapi

// The tables: every log function, level starter and logger derivation of
// the supported libraries, by go/types full name (verified against
// log/slog (go1.26), go.uber.org/zap v1.28.0, github.com/rs/zerolog
// v1.35.1, github.com/sirupsen/logrus v1.10.2, github.com/go-logr/logr
// v1.4.4, k8s.io/klog/v2 v2.140.0).

type kind uint8

const (
	kindKV       kind = iota // msg, then key-values (...any)
	kindZap                  // msg, then zap.Field values
	kindAttrs                // msg, then slog.Attr values
	kindPrint                // args ...any, Print-style
	kindPrintf               // format, args ...any
	kindZerolog              // the terminal call of a zerolog event chain
	kindZapWrite             // (*zapcore.CheckedEntry).Write(fields...)
)

// spec describes one log function. Argument indexes are -1 when absent.
type spec struct {
	lib      string
	kind     kind
	style    Style
	method   bool  // the receiver is the logger
	level    Level // fixed level; Unknown when levelArg gives it or there is none
	levelArg int
	ctxArg   int
	errArg   int
	msgArg   int
	rest     int // first field / operand argument
}

// calls maps a terminal log function to its spec.
var calls = map[string]spec{}

type starter struct {
	level    Level
	levelArg int
	errArg   int
	method   bool
}

// zerologStarters open a zerolog event.
var zerologStarters = map[string]starter{}

type deriveKind uint8

const (
	deriveNone         deriveKind = iota // no fields (zap Named, logr WithName, ...)
	deriveKV                             // key-values from rest
	deriveZap                            // zap.Fields from rest
	deriveGroup                          // slog WithGroup(name)
	deriveLogrusField                    // WithField(key, value)
	deriveLogrusFields                   // WithFields(logrus.Fields{...})
	deriveErrorKey                       // WithError(err): key "error"
	deriveCtx                            // WithContext(ctx)
	deriveZerolog                        // (zerolog.Context).Logger()
)

type deriveSpec struct {
	lib     string
	kind    deriveKind
	method  bool // Base is the receiver
	baseArg int  // Base is this argument (klog.LoggerWithValues); -1
	rest    int  // first field argument; -1
}

// derives maps a logger-deriving function to its spec.
var derives = map[string]deriveSpec{}

// loggerTypes maps "pkg/path.Type" of logger types to their library.
var loggerTypes = map[string]string{
	"log/slog.Logger":                            "slog",
	"go.uber.org/zap.Logger":                     "zap",
	"go.uber.org/zap.SugaredLogger":              "zap",
	"github.com/rs/zerolog.Logger":               "zerolog",
	"github.com/sirupsen/logrus.Logger":          "logrus",
	"github.com/sirupsen/logrus.Entry":           "logrus",
	"github.com/sirupsen/logrus.FieldLogger":     "logrus",
	"github.com/sirupsen/logrus.Ext1FieldLogger": "logrus",
	"github.com/go-logr/logr.Logger":             "logr",
	"log.Logger":                                 "log",
}

// levelMaps convert a library's numeric level constant to a Level.
var levelMaps = map[string]func(int64) (Level, bool){
	"slog": func(v int64) (Level, bool) { // Debug -4, Info 0, Warn 4, Error 8
		switch {
		case v >= 8:
			return Error, true
		case v >= 4:
			return Warn, true
		case v >= 0:
			return Info, true
		}
		return Debug, true
	},
	"zap": func(v int64) (Level, bool) { // zapcore: Debug -1 ... Fatal 5
		m := map[int64]Level{-1: Debug, 0: Info, 1: Warn, 2: Error, 3: DPanic, 4: Panic, 5: Fatal}
		l, ok := m[v]
		return l, ok
	},
	"zerolog": func(v int64) (Level, bool) { // Trace -1, Debug 0 ... Fatal 4, Panic 5, NoLevel 6
		m := map[int64]Level{-1: Debug, 0: Debug, 1: Info, 2: Warn, 3: Error, 4: Fatal, 5: Panic}
		l, ok := m[v]
		return l, ok
	},
	"logrus": func(v int64) (Level, bool) { // Panic 0, Fatal 1, Error 2, Warn 3, Info 4, Debug 5, Trace 6
		m := map[int64]Level{0: Panic, 1: Fatal, 2: Error, 3: Warn, 4: Info, 5: Debug, 6: Debug}
		l, ok := m[v]
		return l, ok
	},
}

// slogAttrCtors build a slog.Attr from (key, value).
var slogAttrCtors = map[string]bool{
	"log/slog.String": true, "log/slog.Int": true, "log/slog.Int64": true, "log/slog.Uint64": true,
	"log/slog.Float64": true, "log/slog.Bool": true, "log/slog.Time": true, "log/slog.Duration": true,
	"log/slog.Any": true,
}

// zapFixedKeys are zap field constructors whose key is implied.
var zapFixedKeys = map[string]string{
	"go.uber.org/zap.Error": "error",
}

// zapOpaque constructors add fields whose keys are not visible.
var zapOpaque = map[string]bool{
	"go.uber.org/zap.Inline": true,
}

// zapNoField constructors add nothing.
var zapNoField = map[string]bool{
	"go.uber.org/zap.Skip": true,
}

type zlSpecial uint8

const (
	zlNone   zlSpecial = iota // a `key string` method adds a field; others add nothing
	zlErr                     // Err(err): key "error"
	zlFields                  // Fields(map or kv slice)
	zlDict                    // Dict(key, zerolog.Dict()...)
	zlOpaque                  // EmbedObject, Func: fields not visible
	zlCtx                     // Ctx(ctx)
)

// zerologSpecial are zerolog Event/Context methods beyond `key string` ones.
var zerologSpecial = map[string]zlSpecial{
	"Err": zlErr, "Fields": zlFields, "Dict": zlDict, "EmbedObject": zlOpaque, "Func": zlOpaque,
	"Ctx": zlCtx,
}

func init() {
	const (
		slogPkg   = "log/slog"
		slogL     = "(*log/slog.Logger)."
		zapL      = "(*go.uber.org/zap.Logger)."
		zapS      = "(*go.uber.org/zap.SugaredLogger)."
		zlEvent   = "(*github.com/rs/zerolog.Event)."
		zlLogger  = "(*github.com/rs/zerolog.Logger)."
		zlLoggerV = "(github.com/rs/zerolog.Logger)."
		zlPkg     = "github.com/rs/zerolog/log."
		lrPkg     = "github.com/sirupsen/logrus."
		lrLogger  = "(*github.com/sirupsen/logrus.Logger)."
		lrEntry   = "(*github.com/sirupsen/logrus.Entry)."
		lrFL      = "(github.com/sirupsen/logrus.FieldLogger)."
		lrExt1    = "(github.com/sirupsen/logrus.Ext1FieldLogger)."
		logrL     = "(github.com/go-logr/logr.Logger)."
		klog      = "k8s.io/klog/v2."
		klogV     = "(k8s.io/klog/v2.Verbose)."
		stdPkg    = "log."
		stdL      = "(*log.Logger)."
	)
	add := func(name string, s spec) { calls[name] = s }
	none := spec{levelArg: -1, ctxArg: -1, errArg: -1, msgArg: -1}

	// log/slog: Debug/Info/Warn/Error(msg, kv...), *Context(ctx, msg, kv...),
	// Log(ctx, level, msg, kv...), LogAttrs(ctx, level, msg, attrs...).
	for name, lvl := range map[string]Level{"Debug": Debug, "Info": Info, "Warn": Warn, "Error": Error} {
		s := none
		s.lib, s.kind, s.style, s.level, s.msgArg, s.rest = "slog", kindKV, StyleKV, lvl, 0, 1
		add(slogPkg+"."+name, s)
		s.method = true
		add(slogL+name, s)
		s.ctxArg, s.msgArg, s.rest = 0, 1, 2
		add(slogL+name+"Context", s)
		s.method = false
		add(slogPkg+"."+name+"Context", s)
	}
	for _, m := range []bool{false, true} {
		prefix := slogPkg + "."
		if m {
			prefix = slogL
		}
		s := none
		s.lib, s.kind, s.style, s.method, s.ctxArg, s.levelArg, s.msgArg, s.rest = "slog", kindKV, StyleKV, m, 0, 1, 2, 3
		add(prefix+"Log", s)
		s.kind, s.style = kindAttrs, StyleAttrs
		add(prefix+"LogAttrs", s)
	}

	// zap: Logger leveled methods (msg, fields...), Log(level, msg, fields...);
	// SugaredLogger Print-style, f, ln and w variants.
	zapLevels := map[string]Level{"Debug": Debug, "Info": Info, "Warn": Warn, "Error": Error, "DPanic": DPanic, "Panic": Panic, "Fatal": Fatal}
	for name, lvl := range zapLevels {
		s := none
		s.lib, s.kind, s.style, s.method, s.level, s.msgArg, s.rest = "zap", kindZap, StyleZap, true, lvl, 0, 1
		add(zapL+name, s)
		p := none
		p.lib, p.kind, p.method, p.level, p.rest = "zap", kindPrint, true, lvl, 0
		add(zapS+name, p)
		add(zapS+name+"ln", p)
		p.kind, p.msgArg, p.rest = kindPrintf, 0, 1
		add(zapS+name+"f", p)
		w := none
		w.lib, w.kind, w.style, w.method, w.level, w.msgArg, w.rest = "zap", kindKV, StyleKV, true, lvl, 0, 1
		add(zapS+name+"w", w)
	}
	{
		s := none
		s.lib, s.kind, s.style, s.method, s.levelArg, s.msgArg, s.rest = "zap", kindZap, StyleZap, true, 0, 1, 2
		add(zapL+"Log", s)
		p := none
		p.lib, p.kind, p.method, p.levelArg, p.rest = "zap", kindPrint, true, 0, 1
		add(zapS+"Log", p)
		add(zapS+"Logln", p)
		p.kind, p.msgArg, p.rest = kindPrintf, 1, 2
		add(zapS+"Logf", p)
		w := none
		w.lib, w.kind, w.style, w.method, w.levelArg, w.msgArg, w.rest = "zap", kindKV, StyleKV, true, 0, 1, 2
		add(zapS+"Logw", w)
		c := none
		c.lib, c.kind, c.style = "zap", kindZapWrite, StyleZap
		add("(*go.uber.org/zap/zapcore.CheckedEntry).Write", c)
	}

	// zerolog: events end in Msg/Msgf/Send/MsgFunc; they start at a level
	// method of a Logger or of package log.
	for _, t := range []string{"Msg", "Msgf", "Send", "MsgFunc"} {
		s := none
		s.lib, s.kind, s.style = "zerolog", kindZerolog, StyleZerolog
		add(zlEvent+t, s)
	}
	zlLevels := map[string]Level{"Trace": Debug, "Debug": Debug, "Info": Info, "Warn": Warn, "Error": Error, "Fatal": Fatal, "Panic": Panic, "Log": Unknown}
	for name, lvl := range zlLevels {
		zerologStarters[zlLogger+name] = starter{level: lvl, levelArg: -1, errArg: -1, method: true}
		zerologStarters[zlPkg+name] = starter{level: lvl, levelArg: -1, errArg: -1}
	}
	zerologStarters[zlLogger+"Err"] = starter{level: Error, levelArg: -1, errArg: 0, method: true}
	zerologStarters[zlPkg+"Err"] = starter{level: Error, levelArg: -1, errArg: 0}
	zerologStarters[zlLogger+"WithLevel"] = starter{levelArg: 0, errArg: -1, method: true}
	zerologStarters[zlPkg+"WithLevel"] = starter{levelArg: 0, errArg: -1}

	// logrus: level methods on *Logger, *Entry and package functions, each
	// Print-style, f and ln; Log/Logf/Logln(level, ...).
	lrLevels := map[string]Level{"Trace": Debug, "Debug": Debug, "Info": Info, "Print": Info, "Warn": Warn, "Warning": Warn, "Error": Error, "Fatal": Fatal, "Panic": Panic}
	// The interfaces' methods are named by the embedded interface declaring
	// them: (github.com/sirupsen/logrus.ErrorLogger).Errorf.
	lrIfaces := []string{lrFL, lrExt1}
	for _, i := range []string{"StdLogger", "DebugLogger", "InfoLogger", "WarnLogger", "ErrorLogger", "TraceLogger"} {
		lrIfaces = append(lrIfaces, "(github.com/sirupsen/logrus."+i+").")
	}
	for _, prefix := range append([]string{lrPkg, lrLogger, lrEntry}, lrIfaces...) {
		m := prefix != lrPkg
		for name, lvl := range lrLevels {
			p := none
			p.lib, p.kind, p.style, p.method, p.level, p.rest = "logrus", kindPrint, StyleLogrusChain, m, lvl, 0
			add(prefix+name, p)
			add(prefix+name+"ln", p)
			p.kind, p.msgArg, p.rest = kindPrintf, 0, 1
			add(prefix+name+"f", p)
		}
		if prefix == lrLogger || prefix == lrEntry {
			p := none
			p.lib, p.kind, p.style, p.method, p.levelArg, p.rest = "logrus", kindPrint, StyleLogrusChain, true, 0, 1
			add(prefix+"Log", p)
			add(prefix+"Logln", p)
			p.kind, p.msgArg, p.rest = kindPrintf, 1, 2
			add(prefix+"Logf", p)
		}
	}

	// logr: Error(err, msg, kv...), Info(msg, kv...).
	{
		s := none
		s.lib, s.kind, s.style, s.method, s.level, s.errArg, s.msgArg, s.rest = "logr", kindKV, StyleKV, true, Error, 0, 1, 2
		add(logrL+"Error", s)
		s.level, s.errArg, s.msgArg, s.rest = Info, -1, 0, 1
		add(logrL+"Info", s)
	}

	// klog: structured ErrorS/InfoS (+Depth, + Verbose), printf-style rest.
	{
		s := none
		s.lib, s.kind, s.style, s.level, s.errArg, s.msgArg, s.rest = "klog", kindKV, StyleKV, Error, 0, 1, 2
		add(klog+"ErrorS", s)
		s.method = true
		add(klogV+"ErrorS", s)
		add(klogV+"Error", s)
		s.method = false
		s.errArg, s.msgArg, s.rest = 1, 2, 3
		add(klog+"ErrorSDepth", s)
		s.level, s.errArg, s.msgArg, s.rest = Info, -1, 0, 1
		add(klog+"InfoS", s)
		s.method = true
		add(klogV+"InfoS", s)
		s.method = false
		s.msgArg, s.rest = 1, 2
		add(klog+"InfoSDepth", s)
		s.method = true
		add(klogV+"InfoSDepth", s)
		klogLevels := map[string]Level{"Info": Info, "Warning": Warn, "Error": Error, "Fatal": Fatal, "Exit": Fatal}
		for name, lvl := range klogLevels {
			p := none
			p.lib, p.kind, p.level, p.rest = "klog", kindPrint, lvl, 0
			add(klog+name, p)
			add(klog+name+"ln", p)
			p.rest = 1
			add(klog+name+"Depth", p)
			add(klog+name+"lnDepth", p)
			p.kind, p.msgArg, p.rest = kindPrintf, 0, 1
			add(klog+name+"f", p)
			p.msgArg, p.rest = 1, 2
			add(klog+name+"fDepth", p)
		}
		for _, v := range []string{"Info", "Infoln"} {
			p := none
			p.lib, p.kind, p.method, p.level, p.rest = "klog", kindPrint, true, Info, 0
			add(klogV+v, p)
		}
		p := none
		p.lib, p.kind, p.method, p.level, p.msgArg, p.rest = "klog", kindPrintf, true, Info, 0, 1
		add(klogV+"Infof", p)
	}

	// std log: no levels but Fatal and Panic, no fields.
	for _, prefix := range []string{stdPkg, stdL} {
		m := prefix == stdL
		for name, lvl := range map[string]Level{"Print": Unknown, "Fatal": Fatal, "Panic": Panic} {
			p := none
			p.lib, p.kind, p.method, p.level, p.rest = "log", kindPrint, m, lvl, 0
			add(prefix+name, p)
			add(prefix+name+"ln", p)
			p.kind, p.msgArg, p.rest = kindPrintf, 0, 1
			add(prefix+name+"f", p)
		}
	}

	// Derivations.
	dv := func(name, lib string, k deriveKind, method bool, rest int) {
		derives[name] = deriveSpec{lib: lib, kind: k, method: method, baseArg: -1, rest: rest}
	}
	dv(slogL+"With", "slog", deriveKV, true, 0)
	dv(slogPkg+".With", "slog", deriveKV, false, 0)
	dv(slogL+"WithGroup", "slog", deriveGroup, true, -1)
	dv(zapL+"With", "zap", deriveZap, true, 0)
	dv(zapL+"WithLazy", "zap", deriveZap, true, 0)
	for _, n := range []string{"Named", "WithOptions", "Sugar"} {
		dv(zapL+n, "zap", deriveNone, true, -1)
	}
	dv(zapS+"With", "zap", deriveKV, true, 0)
	dv(zapS+"WithLazy", "zap", deriveKV, true, 0)
	for _, n := range []string{"Named", "WithOptions", "Desugar"} {
		dv(zapS+n, "zap", deriveNone, true, -1)
	}
	dv("(github.com/rs/zerolog.Context).Logger", "zerolog", deriveZerolog, true, -1)
	for _, n := range []string{"Level", "Output", "Hook", "Sample"} {
		dv(zlLoggerV+n, "zerolog", deriveNone, true, -1)
	}
	for _, prefix := range []string{lrPkg, lrLogger, lrEntry, lrFL, lrExt1} {
		m := prefix != lrPkg
		dv(prefix+"WithField", "logrus", deriveLogrusField, m, -1)
		dv(prefix+"WithFields", "logrus", deriveLogrusFields, m, -1)
		dv(prefix+"WithError", "logrus", deriveErrorKey, m, -1)
		dv(prefix+"WithContext", "logrus", deriveCtx, m, -1)
		dv(prefix+"WithTime", "logrus", deriveNone, m, -1)
	}
	dv(logrL+"WithValues", "logr", deriveKV, true, 0)
	for _, n := range []string{"WithName", "V", "WithCallDepth", "WithSink"} {
		dv(logrL+n, "logr", deriveNone, true, -1)
	}
	derives[klog+"LoggerWithValues"] = deriveSpec{lib: "klog", kind: deriveKV, baseArg: 0, rest: 1}
	derives[klog+"LoggerWithName"] = deriveSpec{lib: "klog", kind: deriveNone, baseArg: 0, rest: -1}
}

// attachHints say how to attach a field once per execution in each
// library's style; %[1]q is the key.
var attachHints = map[string]string{
	"slog":      `l = l.With(%[1]q, id)`,
	"zap":       `l = l.With(zap.String(%[1]q, id))`,
	"zap-sugar": `s = s.With(%[1]q, id)`,
	"zerolog":   `l = l.With().Str(%[1]q, id).Logger()`,
	"logrus":    `e := l.WithField(%[1]q, id)`,
	"logr":      `l = l.WithValues(%[1]q, id)`,
	"klog":      `logger := klog.LoggerWithValues(logger, %[1]q, id)`,
}
