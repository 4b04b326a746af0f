// Package labels declares label names used by other packages.
package labels

// Exec is a label list holding a forbidden id.
var Exec = []string{"pool", "execution_id"} // want Exec:`labels\[pool execution_id\]`

// Fine is a bounded label list.
var Fine = []string{"pool", "tool"} // want Fine:`labels\[pool tool\]`

const (
	RequestID = "request_id"
	Tool      = "tool"
)
