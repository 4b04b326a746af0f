// Command loadfloor measures the loading floor of a go/analysis driver:
// it only loads the named packages from source, with their dependencies
// from compiler export data (the build cache), with go/packages, and
// exits. Nothing is analyzed. (obscheck's streaming driver type-checks
// the named packages itself; this is the reference it is measured
// against.)
//
//	loadfloor [-tests] packages...
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"golang.org/x/tools/go/packages"
)

// mode: syntax and types for the named packages, export data for
// everything else (no NeedDeps), as internal/driver's two-phase Load.
const mode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
	packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule

func main() {
	tests := flag.Bool("tests", false, "include _test.go files")
	flag.Parse()
	start := time.Now()
	pkgs, err := packages.Load(&packages.Config{Mode: mode, Tests: *tests}, flag.Args()...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadfloor:", err)
		os.Exit(1)
	}
	bad := 0
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			bad++
		}
	}
	fmt.Fprintf(os.Stderr, "loadfloor: %d packages (%d with errors) in %.2fs\n", len(pkgs), bad, time.Since(start).Seconds())
}
