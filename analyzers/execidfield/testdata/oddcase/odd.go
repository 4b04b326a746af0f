// Package oddcase is unusual code the rule must survive without crashing
// or reporting wrongly.
package oddcase

import (
	"log/slog"

	"go.uber.org/zap"
)

func methodExpr(l *slog.Logger) {
	(*slog.Logger).Error(l, "method expression: not decoded")
	(*slog.Logger).With(l, "execution_id", "x").Error("ok: derived through a method expression is not followed, but the key is here", "execution_id", "x")
	f := l.Error
	f("func value: not decoded")
}

// recursive returns a logger through itself.
func recursive(n int) *slog.Logger {
	if n == 0 {
		return slog.With("execution_id", "x")
	}
	return recursive(n - 1)
}

func useRecursive() {
	recursive(3).Error("recursion: the cycle is not trusted") // want `slog ERROR log without`
}

func generic[T any](l *slog.Logger, v T) *slog.Logger { return l.With("execution_id", v) } // want generic:"carries execution_id"

func useGeneric(l *slog.Logger) {
	generic(l, 1).Error("ok: generic function returning a carrying logger")
	generic[string](l, "x").Warn("ok: explicit instantiation")
}

func named() (l *slog.Logger) {
	l = slog.With("execution_id", "x")
	return
}

func useNamed() {
	named().Error("bare return of a named result is not followed") // want `slog ERROR log without`
}

func shadow(l *slog.Logger) {
	slog := l.With("execution_id", "x")
	slog.Error("ok: a variable named slog")
}

func loops(l *slog.Logger, items []string) {
	for _, it := range items {
		l := l.With("execution_id", it)
		l.Error("ok: per-iteration logger")
	}
	var cur *slog.Logger
	for i := 0; i < 2; i++ {
	again:
		cur = l.With("execution_id", i)
		cur.Warn("ok: after the store in the loop body")
		if i > 5 {
			goto again
		}
	}
}

func zapOdd(l *zap.Logger, fields map[string]zap.Field) {
	l.Error("ok: field from a map is not visible", fields["a"])
	l.Error("a", zap.Skip()) // want `zap ERROR log without`
	l.Error("ok: inline object", zap.Inline(nil))
}
