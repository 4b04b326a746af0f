package driver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"

	"go/token"
	"go/types"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// coldThreshold is how many dependencies missing from the build cache
// make compiling them slower than checking their declarations from source.
const coldThreshold = 20

// errCold is returned when the build cache is too cold to compile from.
var errCold = errors.New("build cache cold")

// exportFiles asks the go command for the export data of ids, compiling
// what the build cache lacks. With probe, it gives up (errCold) once the go
// command has started coldThreshold compiles: it runs with -x, and the
// commands it prints say so as they start, at no cost to a warm run.
func exportFiles(lc LoadConfig, ids []string, probe bool) (map[string]exportResult, error) {
	if len(ids) == 0 {
		return map[string]exportResult{}, nil
	}
	ctx, cancel := context.WithCancel(lc.context())
	defer cancel()
	var cold atomic.Bool
	args := append([]string{"list", "-e", "-export", "-json=ImportPath,Export,Error", "-pgo=off", "-buildvcs=false"}, lc.BuildFlags...)
	args = append(append(args, "--"), ids...)
	var out []byte
	var err error
	if probe {
		compiles := 0
		watch := &lineWriter{line: func(line string) {
			if compiles += isCompile(line); compiles >= coldThreshold && !cold.Load() {
				cold.Store(true)
				cancel()
			}
		}}
		out, err = goCmdStderr(ctx, lc, watch, append([]string{"list", "-x"}, args[1:]...)...)
		if err != nil && !cold.Load() {
			// -x fills stderr with commands: ask again for the go
			// command's own message.
			out, err = goCmd(ctx, lc, args...)
		}
	} else {
		out, err = goCmd(ctx, lc, args...)
	}
	if cold.Load() {
		return nil, errCold
	}
	if err != nil {
		return nil, err
	}
	res := map[string]exportResult{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var r struct {
			ImportPath, Export string
			Error              *struct{ Err string }
		}
		if err := dec.Decode(&r); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list -export: %v", err)
		}
		er := exportResult{file: r.Export}
		if r.Error != nil {
			er.err = r.Error.Err
		}
		res[r.ImportPath] = er
	}
	return res, nil
}

type exportResult struct {
	file, err string
}

// stdBuilt reports whether the build cache holds the standard library's
// export data for this configuration, asking about internal/goarch, a
// leaf every program depends on: a few milliseconds, where the probe of
// exportFiles needs a running compile to notice. On a fresh CI runner it
// is false, and obscheck goes straight to declarations-only source:
// nothing is compiled, and no interrupted build leaves the next run's
// `go list -compiled` (the relisting for net, a cgo package checked from
// source) redoing the standard library's cgo work.
func stdBuilt(lc LoadConfig) (bool, error) {
	args := append([]string{"list", "-f", "{{.Stale}}"}, lc.BuildFlags...)
	out, err := goCmd(lc.context(), lc, append(args, "--", "internal/goarch")...)
	if err != nil {
		return false, err
	}
	return strings.TrimSpace(string(out)) == "false", nil
}

// isCompile reports whether a line of go -x output runs the compiler,
// $GOROOT/pkg/tool/GOOS_GOARCH/compile (perhaps through -toolexec): 1 or 0.
func isCompile(line string) int {
	fields := strings.Fields(line)
	for i := 0; i < len(fields) && i < 2; i++ {
		parts := strings.FieldsFunc(fields[i], func(r rune) bool { return r == '/' || r == '\\' })
		if n := len(parts); n >= 3 && strings.TrimSuffix(parts[n-1], ".exe") == "compile" && parts[n-3] == "tool" {
			return 1
		}
	}
	return 0
}

// lineWriter calls line for each line written to it.
type lineWriter struct {
	buf  []byte
	line func(string)
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			break
		}
		w.line(string(w.buf[:i]))
		w.buf = w.buf[i+1:]
	}
	return len(p), nil
}

// goCmd runs the go command in lc.Dir; its error carries the go command's
// own message, not only its exit status.
func goCmd(ctx context.Context, lc LoadConfig, args ...string) ([]byte, error) {
	return goCmdStderr(ctx, lc, nil, args...)
}

// goCmdStderr is goCmd that also copies the go command's stderr to w.
func goCmdStderr(ctx context.Context, lc LoadConfig, w io.Writer, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = lc.Dir
	cmd.Env = lc.env()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if w != nil {
		cmd.Stderr = io.MultiWriter(&stderr, w)
	}
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("go %s: %s", args[0], msg)
		}
		return nil, fmt.Errorf("go %s: %v", args[0], err)
	}
	return out, nil
}

// view holds every package read from export data in a run, by path:
// export data refers to other packages, which must be the same objects
// for every importer.
type view struct {
	fset *token.FileSet
	mu   sync.Mutex
	pkgs map[string]*types.Package
}

// read reads the export data of p from file. Reads are serialized:
// gcexportdata may complete any package of the view.
func (v *view) read(p *packages.Package, file string) (*types.Package, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if t := v.pkgs[p.PkgPath]; t != nil && t.Complete() {
		return t, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("reading export data of %s: %v", p.PkgPath, err)
	}
	t, err := gcexportdata.Read(r, v.fset, v.pkgs, p.PkgPath)
	if err != nil {
		return nil, fmt.Errorf("reading export data of %s: %v", p.PkgPath, err)
	}
	return t, nil
}

// readData is read for export data in memory: a dependency checked from
// source, read back so that its importers, and the run, hold the compact
// objects export data gives instead of the checker's.
func (v *view) readData(p *packages.Package, data []byte) (*types.Package, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return gcexportdata.Read(bytes.NewReader(data), v.fset, v.pkgs, p.PkgPath)
}
