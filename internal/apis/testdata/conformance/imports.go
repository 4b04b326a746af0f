// Package conformance imports every library the knowledge files describe,
// so that go.mod keeps them: the conformance test resolves the tables'
// keys against these modules.
package conformance

import (
	_ "github.com/go-kit/log"
	_ "github.com/go-kit/log/level"
	_ "github.com/go-logr/logr"
	_ "github.com/hashicorp/go-hclog"
	_ "github.com/rs/zerolog"
	_ "github.com/rs/zerolog/log"
	_ "github.com/sirupsen/logrus"
	_ "go.uber.org/zap"
	_ "go.uber.org/zap/zapcore"
	_ "k8s.io/klog/v2"
	_ "log"
	_ "log/slog"
)
