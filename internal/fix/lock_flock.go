//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package fix

import (
	"errors"
	"os"
	"syscall"
)

// Lock takes an advisory lock on the directory dir (the repository root)
// for a --fix run, so two runs never edit from the same analysis: the
// second waits (wait is called first, to say so), then analyzes what the
// first wrote. The lock is on the directory itself: no lock file is
// created, and the kernel drops it if the process dies.
func Lock(dir string, wait func()) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	fd := int(f.Fd())
	if err := syscall.Flock(fd, syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, err
		}
		wait()
		if err := syscall.Flock(fd, syscall.LOCK_EX); err != nil {
			f.Close()
			return nil, err
		}
	}
	return func() {
		syscall.Flock(fd, syscall.LOCK_UN)
		f.Close()
	}, nil
}
