package b

import "example.com/facts/a"

// Marked calls a marked function, so it is marked.
func Marked() { a.Marked() }

func use() {
	a.Plain()
	a.T{}.Marked()
}
