// Package svc hands out a service whose logger is embedded: its importers
// log through it without importing zap.
package svc

import "go.uber.org/zap"

type Svc struct {
	*zap.SugaredLogger
}

func New() *Svc { return &Svc{SugaredLogger: zap.NewNop().Sugar()} }
