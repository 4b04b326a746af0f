package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"os"

	"golang.org/x/tools/go/gcexportdata"
)

// vetConfig is the part of go vet's per-package config (unitchecker.Config)
// the dependency shortcut reads.
type vetConfig struct {
	ImportPath    string
	GoVersion     string
	GoFiles       []string
	ModulePath    string
	ModuleVersion string
	Module        *struct{ Path, Version string }
	ImportMap     map[string]string
	PackageVetx   map[string]string
	VetxOnly      bool
	VetxOutput    string
}

// userCode mirrors the driver's rule: a package of a module without a
// version (the main module, a workspace module). The standard library and
// versioned modules are known to the rules through their tables only.
func (c *vetConfig) userCode() bool {
	path, version := c.ModulePath, c.ModuleVersion
	if c.Module != nil {
		path, version = c.Module.Path, c.Module.Version
	}
	return path != "" && path != "std" && version == ""
}

// vetDependency does go vet's facts-only run of a package that is not the
// user's. The rules never derive facts there (the CLI never analyzes such
// a package), so the run only has to hand the package's types to its
// importers: checked for its declarations alone, it costs a fraction of
// unitchecker's full check and analysis, which a cold go vet pays for
// every package of the standard library and of each dependency. It reports
// false when the run is not such a run or the shortcut cannot do it; then
// unitchecker does the run as usual (and reports any error).
func vetDependency(cfgFile string) bool {
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return false
	}
	var cfg vetConfig
	if json.Unmarshal(data, &cfg) != nil || !cfg.VetxOnly || cfg.VetxOutput == "" || cfg.userCode() {
		return false
	}
	out, err := declTypes(&cfg)
	if err != nil {
		return false
	}
	return os.WriteFile(cfg.VetxOutput, out, 0o666) == nil
}

// vetxMagic starts unitchecker's .vetx file: the magic, the lengths of the
// types and facts sections (little-endian uint32), then the sections.
const vetxMagic = "vetx"

// declTypes checks the package's declarations and returns its .vetx file:
// its types in export data, no facts.
func declTypes(cfg *vetConfig) ([]byte, error) {
	fset := token.NewFileSet()
	files := make([]*ast.File, 0, len(cfg.GoFiles))
	for _, name := range cfg.GoFiles {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	imports := map[string]*types.Package{}
	importer := importerFunc(func(imported string) (*types.Package, error) {
		path, ok := cfg.ImportMap[imported]
		if !ok {
			return nil, fmt.Errorf("cannot resolve import %q", imported)
		}
		if path == "unsafe" {
			return types.Unsafe, nil
		}
		if p := imports[path]; p != nil && p.Complete() {
			return p, nil
		}
		typesData, err := vetxTypes(cfg.PackageVetx[path])
		if err != nil {
			return nil, err
		}
		return gcexportdata.Read(bytes.NewReader(append([]byte{'i'}, typesData...)), fset, imports, path)
	})
	var firstErr error
	conf := types.Config{
		Importer:                 importer,
		Sizes:                    types.SizesFor("gc", build.Default.GOARCH),
		GoVersion:                cfg.GoVersion,
		IgnoreFuncBodies:         true,
		DisableUnusedImportCheck: true,
		Error: func(err error) {
			if firstErr == nil {
				firstErr = err
			}
		},
	}
	pkg, _ := conf.Check(cfg.ImportPath, fset, files, nil)
	if firstErr != nil {
		return nil, firstErr
	}
	var buf bytes.Buffer
	buf.WriteString(vetxMagic)
	buf.Write(make([]byte, 8))
	// gcexportdata.Write prefixes the indexed format's 'i', which a .vetx
	// file does not hold.
	if err := gcexportdata.Write(&buf, fset, pkg); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	out = append(out[:12], out[13:]...)
	binary.LittleEndian.PutUint32(out[4:8], uint32(len(out)-12))
	return out, nil // facts section empty
}

// vetxTypes returns the types section of a .vetx file.
func vetxTypes(file string) ([]byte, error) {
	if file == "" {
		return nil, fmt.Errorf("no .vetx file")
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	if len(data) < 12 || string(data[:4]) != vetxMagic {
		return nil, fmt.Errorf("%s: not a .vetx file", file)
	}
	n := uint64(binary.LittleEndian.Uint32(data[4:8]))
	if 12+n > uint64(len(data)) {
		return nil, fmt.Errorf("%s: truncated", file)
	}
	return data[12 : 12+n], nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
