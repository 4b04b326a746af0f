//go:build ignore

// This file is never built; it does not even type-check.
package main

func main() { undefined() }
