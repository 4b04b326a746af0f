package a

// F is fine, though its package has an error the go command reports.
func F() {}
