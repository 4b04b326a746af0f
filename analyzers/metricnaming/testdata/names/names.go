// Package names holds metric name parts used from other packages.
package names

const (
	Namespace = "noetl"
	Subsystem = "worker"
	Bad       = "worker_commands" // a counter name without _total
	Dispatch  = "noetl_dispatch_duration_ms"
)
