// Package mid imports no logging library: its package variable holds a
// logger from a function with a fact, and mid exports a fact about it.
package mid

import "example.com/eid/logging"

var Log = logging.LoggerFor(logging.Command{ExecutionID: "e-1"})
