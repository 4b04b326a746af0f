// Command obscheck checks Go services against observability rules: every
// handler traced, metrics named for dashboards, the execution id on every
// WARN/ERROR log, no unbounded metric labels, no secrets in telemetry.
//
//	obscheck [flags] [packages]          check (default ./...)
//	go vet -vettool=$(command -v obscheck) ./...
package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
)

// Exit codes.
const (
	exitClean      = 0 // no findings
	exitFindings   = 1 // findings
	exitUsage      = 2 // usage or configuration error
	exitIncomplete = 3 // some packages could not be loaded, type-checked or analyzed
)

func main() {
	if vetMode(os.Args[1:]) {
		vetMain(os.Args[1:]) // never returns
	}
	os.Exit(run(os.Args[1:]))
}

// vetMode reports whether the go command invoked us as a vet tool: it
// asks for -V=full and -flags, then passes one *.cfg file per package.
func vetMode(args []string) bool {
	if len(args) == 0 {
		return false
	}
	for _, a := range args {
		if a == "-V=full" || a == "-flags" {
			return true
		}
	}
	return strings.HasSuffix(args[len(args)-1], ".cfg")
}

func run(args []string) int {
	cmd := newRootCmd()
	cmd.SetArgs(args)
	err := cmd.Execute()
	var ee *exitError
	switch {
	case err == nil:
		return exitClean
	case errors.As(err, &ee):
		if ee.msg != "" {
			fmt.Fprintln(os.Stderr, "obscheck: "+ee.msg)
		}
		return ee.code
	default: // cobra's own usage errors: unknown flag, bad argument
		fmt.Fprintln(os.Stderr, "obscheck: "+err.Error())
		fmt.Fprintln(os.Stderr, "Run 'obscheck --help' for usage.")
		return exitUsage
	}
}

// exitError ends the command with a code; msg (if any) goes to stderr.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &exitError{code: exitUsage, msg: fmt.Sprintf(format, args...)}
}
