//go:build !linux

package tags

// OS does nothing elsewhere.
func OS() {}
