//go:build unix

package safefile

import "syscall"

// nonblock keeps an open from waiting for a FIFO's writer if the file was
// swapped for one after it was checked.
const nonblock = syscall.O_NONBLOCK
