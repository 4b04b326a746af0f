// Package apis is the home of obscheck's knowledge of third-party APIs.
// Each domain has a subpackage holding tables keyed by go/types full
// function names (see internal/funcname):
//
//	logapi     log calls: levels, message and field styles, logger derivation
//	metricapi  metric definitions: kinds, names, labels, attributes
//	traceapi   span starters, tracing middleware, handler registration, span sinks
//
// Adding a library is a change to one table, not to the analyzers.
package apis
