//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package fix

// Lock is a no-op where flock(2) is missing; the content hashes still
// refuse a file changed by a concurrent run.
func Lock(dir string, wait func()) (unlock func(), err error) { return func() {}, nil }
