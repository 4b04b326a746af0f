package a_test

import (
	"testing"

	"example.com/facts/b"
)

// TestUse calls b, which imports a: with tests, b is recompiled for a's
// test ("b [a.test]") and is analyzed as that variant for its facts.
func TestUse(t *testing.T) { b.Marked() }
