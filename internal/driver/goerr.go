package driver

import "errors"

// ErrNoPackages is returned when the patterns match no package at all
// (and none failed to load): an empty module, or a go command that could
// not list anything. The CLI asks the go command which.
var ErrNoPackages = errors.New("no packages match")
