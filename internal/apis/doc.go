// Package apis is the home of obscheck's knowledge of third-party APIs.
//
// Each library has a knowledge file in this package (slog.go, zap.go,
// zerolog.go, logrus.go, logr.go, klog.go, gokit.go, hclog.go, stdlog.go)
// declaring it as one Library literal: its packages and everything the
// rules know about it (for logging libraries, Log: calls, levels,
// derivations, logger types, field constructors, how it renders values).
// Functions are named by their go/types full names (see internal/funcname)
// and their parameters by role ("ctx msg kv..."); the conformance test
// (log_conformance_test.go, with internal/apis/apitest) resolves every key
// against the real modules and checks the roles against the signatures.
//
// The domain packages decode calls with the knowledge:
//
//	logapi     log calls: levels, message and field styles, logger derivation
//	metricapi  metric definitions: kinds, names, labels, attributes (tables of its own, for now)
//	traceapi   span starters, tracing middleware, handler registration (tables of its own, for now)
//
// Adding a library is one knowledge file plus tests, not a change to the
// analyzers.
package apis
