package main

import (
	"bytes"
	"encoding/json"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/gcexportdata"
)

// A dependency's facts-only run writes its declared types (bodies are not
// checked) and no facts; the user's packages, and runs that report, are
// left to unitchecker.
func TestVetDependencyShortcut(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, src string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	// The body's error is not the importer's business.
	a := write("a.go", "package a\n\ntype T struct{ X int }\n\nfunc New() *T { return undefined }\n")
	b := write("b.go", "package b\n\nimport \"example.com/dep/a\"\n\nvar V = a.New()\n")
	cfg := func(path, file string, vetx map[string]string, mod func(*vetConfig)) string {
		c := vetConfig{
			ImportPath: path, GoVersion: "go1.22", GoFiles: []string{file},
			ModulePath: "example.com/dep", ModuleVersion: "v1.0.0",
			ImportMap: map[string]string{}, PackageVetx: vetx,
			VetxOnly: true, VetxOutput: filepath.Join(dir, filepath.Base(path)+".vetx"),
		}
		for p := range vetx {
			c.ImportMap[p] = p
		}
		if mod != nil {
			mod(&c)
		}
		data, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, filepath.Base(path)+".cfg")
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return name
	}
	if !vetDependency(cfg("example.com/dep/a", a, nil, nil)) {
		t.Fatal("a versioned module's facts-only run did not take the shortcut")
	}
	aVetx := filepath.Join(dir, "a.vetx")
	if !vetDependency(cfg("example.com/dep/b", b, map[string]string{"example.com/dep/a": aVetx}, nil)) {
		t.Fatal("an importer of a shortcut package could not read its types")
	}
	data, err := os.ReadFile(filepath.Join(dir, "b.vetx"))
	if err != nil {
		t.Fatal(err)
	}
	typesData, err := vetxTypes(filepath.Join(dir, "b.vetx"))
	if err != nil {
		t.Fatal(err)
	}
	if len(data) != 12+len(typesData) {
		t.Errorf(".vetx holds %d bytes after its types, want no facts", len(data)-12-len(typesData))
	}
	pkg, err := gcexportdata.Read(bytes.NewReader(append([]byte{'i'}, typesData...)), token.NewFileSet(), map[string]*types.Package{}, "example.com/dep/b")
	if err != nil {
		t.Fatal(err)
	}
	if v := pkg.Scope().Lookup("V"); v == nil || v.Type().String() != "*example.com/dep/a.T" {
		t.Errorf("b.V = %v, want a var of type *example.com/dep/a.T", v)
	}

	for name, mod := range map[string]func(*vetConfig){
		"the user's module":   func(c *vetConfig) { c.ModuleVersion = "" },
		"a run that reports":  func(c *vetConfig) { c.VetxOnly = false },
		"a declaration error": func(c *vetConfig) { c.GoFiles = []string{write("bad.go", "package a\n\nvar X undefined\n")} },
	} {
		if vetDependency(cfg("example.com/dep/a", a, nil, mod)) {
			t.Errorf("%s took the shortcut", name)
		}
	}
	std := &vetConfig{ImportPath: "fmt"}
	if std.userCode() {
		t.Error("the standard library counts as the user's code")
	}
}
