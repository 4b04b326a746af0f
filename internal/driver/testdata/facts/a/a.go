package a

// Marked is marked by the test analyzer.
func Marked() {}

// Plain is not.
func Plain() {}

// T has a marked method.
type T struct{}

// Marked is marked too.
func (T) Marked() {}
