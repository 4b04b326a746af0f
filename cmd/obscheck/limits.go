package main

import "runtime"

// maxJobs bounds --jobs: four per CPU. More only costs memory, and
// --jobs 100000 used to set GOMAXPROCS and go's -p that high and die of
// thread exhaustion.
func maxJobs() int { return 4 * runtime.NumCPU() }
