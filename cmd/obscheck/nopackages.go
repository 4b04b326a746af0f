package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// noPackages says why the patterns matched no package. The go command
// knows: a module it cannot list (an unusable module cache, a broken
// go.mod) is an error with its message, exit 3; an empty module is what
// go itself only warns about ("matched no packages"): there is nothing
// to check, said on stderr, exit 0.
func noPackages(dir string, patterns []string) error {
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	cmd := exec.Command("go", append([]string{"list", "-e", "--"}, patterns...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	msg := strings.TrimSpace(stderr.String())
	if err != nil {
		if msg == "" {
			msg = err.Error()
		}
		return &exitError{code: exitIncomplete, msg: "go list " + strings.Join(patterns, " ") + ": " + msg}
	}
	fmt.Fprintf(os.Stderr, "obscheck: %s matched no packages: nothing to check\n", strings.Join(patterns, " "))
	return &exitError{code: exitClean}
}
