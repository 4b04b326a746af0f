package driver

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"runtime"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/packages"
)

// check parses and type-checks p against its imports, which imp resolves.
// With full, function bodies are checked and types.Info is filled (for
// analysis); otherwise only declarations are, and the syntax is dropped
// once checked. Errors go to p.Errors, as go/packages would put them.
func check(fset *token.FileSet, p *packages.Package, full bool, imp func(path string) (*types.Package, error)) {
	p.Fset = fset
	defer func() {
		// A go/types crash on one package must not take the run down:
		// the package is reported as not loadable, like a type error.
		if v := recover(); v != nil {
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: fmt.Sprintf("internal error type-checking %s: %v", p.PkgPath, v), Kind: packages.UnknownError})
		}
	}()
	mode := parser.SkipObjectResolution
	if full {
		mode |= parser.ParseComments | parser.AllErrors
	}
	files := make([]*ast.File, 0, len(p.CompiledGoFiles))
	for _, name := range p.CompiledGoFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			p.Errors = append(p.Errors, packages.Error{Pos: name + ":1", Msg: err.Error(), Kind: packages.ParseError})
			continue
		}
		f, err := parser.ParseFile(fset, name, src, mode)
		if f != nil {
			if !full {
				dropBodies(f)
			}
			files = append(files, f)
		}
		var list scanner.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				p.Errors = append(p.Errors, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		} else if err != nil {
			p.Errors = append(p.Errors, packages.Error{Pos: name + ":1", Msg: err.Error(), Kind: packages.ParseError})
		}
	}
	var info *types.Info
	if full {
		info = &types.Info{
			Types:        map[ast.Expr]types.TypeAndValue{},
			Defs:         map[*ast.Ident]types.Object{},
			Uses:         map[*ast.Ident]types.Object{},
			Implicits:    map[ast.Node]types.Object{},
			Instances:    map[*ast.Ident]types.Instance{},
			Scopes:       map[ast.Node]*types.Scope{},
			Selections:   map[*ast.SelectorExpr]*types.Selection{},
			FileVersions: map[*ast.File]string{},
		}
	}
	conf := &types.Config{
		Importer: importerFunc(imp),
		Sizes:    p.TypesSizes,
		// A dependency is checked for its declarations only: its bodies
		// (and the imports only they use) are not our business.
		IgnoreFuncBodies:         !full,
		DisableUnusedImportCheck: !full,
		Error: func(err error) {
			var te types.Error
			if errors.As(err, &te) {
				p.TypeErrors = append(p.TypeErrors, te)
				p.Errors = append(p.Errors, packages.Error{Pos: te.Fset.Position(te.Pos).String(), Msg: te.Msg, Kind: packages.TypeError})
				return
			}
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
		},
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		conf.GoVersion = "go" + p.Module.GoVersion
	}
	pkg := types.NewPackage(p.PkgPath, p.Name)
	_ = types.NewChecker(conf, fset, pkg, info).Files(files) // errors went to conf.Error
	p.Types, p.TypesInfo = pkg, info
	if full {
		p.Syntax = files
	}
}

// cgoInSource reports whether a package the plan checks from source has a
// file importing "C": go/types can only check cgo's output.
func cgoInSource(pl *plan) bool {
	var files []string
	for _, n := range pl.order {
		files = append(files, n.p.GoFiles...)
	}
	var found atomic.Bool
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !found.Load() {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				f, _ := parser.ParseFile(token.NewFileSet(), files[i], nil, parser.ImportsOnly|parser.SkipObjectResolution)
				for _, imp := range fileImports(f) {
					if imp.Path.Value == `"C"` {
						found.Store(true)
					}
				}
			}
		}()
	}
	wg.Wait()
	return found.Load()
}

func fileImports(f *ast.File) []*ast.ImportSpec {
	if f == nil {
		return nil
	}
	return f.Imports
}

// dropBodies empties the function bodies of a dependency's file, which
// the type checker ignores (IgnoreFuncBodies): its declarations are all an
// importer needs. A body stays present, empty: a missing one is an error
// for generic functions and init.
func dropBodies(f *ast.File) {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			fd.Body = &ast.BlockStmt{Lbrace: fd.Body.Lbrace, Rbrace: fd.Body.Rbrace}
		}
	}
	f.Comments = nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
