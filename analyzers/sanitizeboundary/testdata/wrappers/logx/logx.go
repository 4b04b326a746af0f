// Package logx is a project's Logger interface over zap's sugared logger.
package logx

import "go.uber.org/zap"

type Logger interface {
	Info(msg string, kv ...any)
	Error(msg string, kv ...any)
}

type zapLogger struct{ s *zap.SugaredLogger }

func (z *zapLogger) Info(msg string, kv ...any)  { z.s.Infow(msg, kv...) }
func (z *zapLogger) Error(msg string, kv ...any) { z.s.Errorw(msg, kv...) }

func New(s *zap.SugaredLogger) Logger { return &zapLogger{s: s} }

// Infof is a helper over a helper.
func Infof(l Logger, msg string, kv ...any) { l.Info(msg, kv...) }
