package execidfield

import "github.com/obscheck/obscheck/internal/ruledoc"

// Explain is the long-form documentation.
var Explain = ruledoc.Explain{
	Rationale: `During an incident the first question about a WARN or ERROR line is "which
execution was this?". A line without the correlation field (policy.correlation_keys,
execution_id by default) cannot be joined to the execution's other logs, its span or its
events: it is noise that has to be guessed at. INFO and DEBUG lines are not checked: the
rule is about the lines people read when something failed.

Attach the field once, where the execution starts, by deriving a logger
(log.With("execution_id", id)) and passing that logger on; the rule then accepts every
call made through it. It follows loggers derived earlier in the same function, functions
that always return a logger carrying the key (also across packages), struct fields and
package variables every store into which carries it, the carriers named in the policy,
and, with context_handler, slog *Context calls when the team's handler adds the id from
the context.`,
	Bad: `func (w *Worker) run(ctx context.Context, cmd Command) error {
	if err := w.exec(ctx, cmd); err != nil {
		w.log.Error("command failed", "err", err) // which execution?
		return err
	}
	return nil
}`,
	Good: `func (w *Worker) run(ctx context.Context, cmd Command) error {
	log := w.log.With("execution_id", cmd.ExecutionID) // once per execution
	if err := w.exec(ctx, cmd); err != nil {
		log.Error("command failed", "err", err)
		return err
	}
	return nil
}`,
	Notes: `Libraries and levels (functions are matched by their go/types names):
- log/slog: Warn, Error, their *Context forms, and Log/LogAttrs with a constant level
  at LevelWarn or above; key-value pairs and slog.Attr values (slog.String, slog.Any,
  slog.Attr{Key: ...}). A key inside slog.Group or after WithGroup is "group.key" and
  counts only if correlation_keys names it so. Derive with l.With(...).
- go.uber.org/zap: Logger Warn/Error/DPanic/Panic/Fatal with zap.Field values (any
  constructor: the key argument is read), Log(level, ...) and Check(level, msg) +
  Write(fields...); SugaredLogger *w key-values. Sugared Warnf/Errorf/Warn/Error take no
  fields: derive with s.With(...) first. Derive with l.With(zap.String(...)).
- github.com/rs/zerolog: Warn()/Error()/Err(err)/Fatal()/Panic() and WithLevel(constant)
  event chains (.Str, .Stringer, .Interface, .Dict, ...) ending in Msg/Msgf/Send.
  Derive with l.With().Str("execution_id", id).Logger().
- github.com/sirupsen/logrus: Warn*/Error*/Fatal*/Panic* of *Logger, *Entry, FieldLogger
  and the package; fields through WithField/WithFields(logrus.Fields{...}).
- github.com/go-logr/logr: Logger.Error(err, msg, kv...); derive with WithValues.
- k8s.io/klog/v2: ErrorS and ErrorSDepth key-values (klog's printf-style functions and
  the standard library's log package cannot carry fields and are not checked).

Keys may be literals or constants from any package. A field whose key cannot be known
statically (a spread slice, an Attr variable, zerolog Fields(m)) is given the benefit of
the doubt. A logger parameter of an unexported function counts when every call site in the package
passes a carrying logger (and the function is not used as a value); parameters of
exported functions and loggers taken from a context are not known to carry the key:
name such functions in rules.execidfield.carriers
(e.g. example.com/svc/logging.FromContext) when they do. Test files are not checked,
nor log adapters whose message comes from their own variadic or []byte parameter (an
io.Writer or Println bridge relaying another library's log lines cannot know the
execution).

Outside any execution (rules.execidfield.skip_startup, on by default): a line written
while the process starts, serves or stops belongs to no execution and has no id to
attach, so it is not checked. Start-up code is decided from the code, not from names:
- entry points: main (package main), init, and functions taking a *cobra.Command (a
  command's Run/RunE) or *testing.M;
- functions that serve: they call, themselves or in a closure, a function that starts
  serving or listening or waits for the stop signal (http.ListenAndServe, (*http.Server)
  .Serve, net.Listen, (*grpc.Server).Serve, signal.Notify, gin Run, echo Start: the
  table internal/apis/lifecycle.go), or a function of the module that does (known
  across packages by fact);
- functions every call of which in their package is in start-up code, used only by
  direct calls (not as a value, and not a method of the same name as an interface
  method called in the package);
- functional options: a closure returned by a function, taking only a pointer to a
  struct type of the package (func(s *Server)), run when the component is built.
A function taking an execution is never start-up code: a parameter of a request, a
response writer, gin/echo contexts, a gRPC stream or interceptor info, a NATS, Kafka
(sarama, kafka-go, franz-go) message. A closure inside start-up code is start-up code
unless it takes one of those: an HTTP handler or a message callback registered during
start-up is checked. A context.Context parameter is not an execution (start-up code
passes one too), so a function with one is checked unless the rules above say otherwise.
The limit: a function's callers in other packages are not known when its package is
analyzed (go vet analyzes a package before its importers), so an exported constructor
or configuration getter called only from another package's start-up code
(driver.New(ctx, cfg)) is checked; name it in rules.execidfield.exclude_functions
(main and init by default; closures inside excluded functions are excluded too). Set
skip_startup: false to check start-up code like any other.

A suggested fix adds the field in the library's style when a variable named executionID
or execID, or a variable with an ExecutionID field, is in scope.`,
}
