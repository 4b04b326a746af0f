package c

import (
	"strings"

	"example.com/facts/b"
)

func use() { b.Marked() }

func boom() { _ = strings.ToUpper("x") }
