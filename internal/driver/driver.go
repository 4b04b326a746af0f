// Package driver loads Go packages and runs the analyzers on them: the
// engine of the obscheck command (go vet and golangci-lint bring their own).
//
// There is one scheduler (Analyze). It asks the go command for the import
// graph, then decides per package how its types are obtained:
//
//   - the named packages, and the packages of the user's own modules they
//     import, are parsed and type-checked from source and analyzed; only
//     the named ones are reported, the others are analyzed for their facts,
//     so `obscheck ./cmd/...` sees what `obscheck ./...` sees in cmd/;
//   - every other dependency comes from export data: the build cache's
//     (`go list -export`, a warm cache), or, when the cache is cold and
//     compiling would dominate the run, obscheck's own export data, written
//     the first time the dependency is type-checked from declarations-only
//     source (function bodies are never checked);
//   - a dependency that imports a package checked from source (a test
//     variant, an import cycle through the user's module) is checked from
//     declarations-only source too, since its export data would refer to
//     other types.
//
// A package is type-checked as soon as its imports are, analyzed as soon as
// the packages whose facts it needs are, and its syntax and types.Info are
// dropped once analyzed: memory does not grow with the number of packages.
//
// golang.org/x/tools/go/analysis/checker is not used because it loads
// every package through go/packages first (all syntax alive at once, every
// dependency from source or export data, no choice per package), and it
// does not isolate a panicking analyzer per package, which a CI gate needs
// to report the rest.
package driver

import (
	"context"
	"time"

	"github.com/obscheck/obscheck/internal/finding"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// LoadConfig says what to load.
type LoadConfig struct {
	Context    context.Context // nil: context.Background()
	Dir        string          // working directory for the go command
	Patterns   []string        // package patterns; default ./...
	Tests      bool            // include _test.go files
	Env        []string        // extra environment, appended to os.Environ
	BuildFlags []string        // extra go command flags (-tags=...)
	// Mode is how dependencies are loaded: "export" (the build cache's
	// export data; compiles what is missing), "source" (obscheck's own
	// export data, else declarations-only source; never compiles), or
	// "auto"/"" (export data when the build cache has it, else source).
	Mode string
}

// RunConfig says how to run.
type RunConfig struct {
	Analyzers []*analysis.Analyzer // the rules to report; their Requires run too
	Jobs      int                  // packages analyzed at once; <= 0 means GOMAXPROCS
	Dir       string               // findings' paths are relative to it
	// Progress, if set, is told what the run is doing.
	Progress func(Progress)
	// DespiteErrors runs every analyzer on packages with type errors, not
	// only those with RunDespiteErrors: robustness tests use it.
	DespiteErrors bool
}

// Progress is a step of a run.
type Progress struct {
	Phase       string // "listing", "dependencies", "analyzing"
	Done, Total int    // packages analyzed so far, of Total ("analyzing")
}

// PackageError is a package that could not be loaded or type-checked.
type PackageError struct {
	Package string
	Errors  []string // the go command's or compiler's messages
}

// Loaded is what was loaded.
type Loaded struct {
	Packages []*packages.Package // the named packages that were analyzed
	Errors   []PackageError      // could not be loaded or type-checked
	// Mode is where dependencies came from: "export" (the build cache) or
	// "source" (obscheck's cache, or declarations-only source).
	Mode string
	// Deps counts the dependencies by how their types were obtained.
	Deps DepCounts
	// FactPackages lists the packages analyzed only for their facts.
	FactPackages []string
}

// DepCounts counts dependencies by how their types were obtained.
type DepCounts struct {
	Export, Cached, Source int
}

// Failure is an analyzer that failed on a package: it returned an error or
// panicked (a bug in obscheck). Other analyzers and packages still run.
type Failure struct {
	Analyzer string
	Package  string
	File     string // the package's first file, to help reproduce
	Err      string
	Stack    string // set for panics
}

// Result is what a run found.
type Result struct {
	Findings []finding.Finding
	Failures []Failure
	Packages int // packages analyzed and reported
	Timing   Timing
	// Bugs are driver inconsistencies (a fact looked up in a package of
	// the user's module that was never analyzed); --debug prints them.
	Bugs []string
}

// Timing splits a run's wall time between loading (the go command,
// parsing, type-checking) and analysis. The two interleave, so the wall
// time they share is split in proportion to the CPU time each took.
type Timing struct {
	Load, Analysis time.Duration
}
