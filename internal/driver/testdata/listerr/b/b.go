package b

import "example.com/listerr/a"

func use() { a.F() }
