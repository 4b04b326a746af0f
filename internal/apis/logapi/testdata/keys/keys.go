// Package keys holds key constants used from another package.
package keys

const ExecutionID = "execution_id"
