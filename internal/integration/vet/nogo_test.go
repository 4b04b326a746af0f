package vet

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/obscheck/obscheck/analyzers/all"
	"github.com/obscheck/obscheck/internal/integration/itest"
)

// Bazel's nogo runs each analyzer package's exported Analyzer once per Go
// package, with facts from dependencies, and configures analyzers only
// through their flags (nogo_config.json analyzer_flags). This test drives
// a bare unitchecker over all.Analyzers() the same way, through go vet:
// no obscheck command set-up, no policy installed, configuration only by
// -<analyzer>.config flags.
func TestNogoStyleFlagsOnly(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// OBSCHECK_CONFIG set but empty: nothing leaks in from the environment.
	env := []string{unitcheckerEnv + "=1", "OBSCHECK_CONFIG="}
	tool := "-vettool=" + self

	for _, a := range all.Analyzers() {
		if a.Flags.Lookup("config") == nil {
			t.Errorf("analyzer %s has no -config flag: nogo could not configure it", a.Name)
		}
	}

	dir := itest.Vetmini(t) // each configuration is a cold go vet: a module with few dependencies
	defaults := itest.CLI(t, dir, "./...")
	if r := itest.Rules(defaults); !slices.Contains(r, "directive") || !slices.Contains(r, "sanitizeboundary") || len(r) < 3 {
		t.Fatalf("testdata/vetmini gives findings of %v; the test needs directive, sanitizeboundary and one more", r)
	}
	// The policy lives outside the module (as in a Bazel workspace, where
	// nogo sees no .obscheck.yaml next to the sources): only the flags
	// can bring it in.
	policy := filepath.Join(t.TempDir(), "obscheck.yaml")
	// It turns one rule off and changes what another finds (password is
	// no longer a sensitive key).
	off := "directive"
	data := "version: 1\npolicy:\n  sensitive_keys: [api_key]\nrules:\n  " + off + ":\n    enabled: false\n"
	if err := os.WriteFile(policy, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	want := itest.CLI(t, dir, "--config", policy, "./...")
	args := []string{tool}
	for _, a := range all.Analyzers() {
		args = append(args, "-"+a.Name+".config="+policy)
	}
	got, _ := itest.Vet(t, dir, env, append(args, "./...")...)
	itest.SameFindings(t, "unitchecker with -<analyzer>.config flags", got, want)
	if len(itest.Rules(want)) == len(itest.Rules(defaults)) {
		t.Errorf("disabling %s through the flags changed no rule set: test is void", off)
	}

	// Flags are per analyzer, like nogo's analyzer_flags: configuring one
	// analyzer leaves the others on their defaults (this run is also the
	// check that, unconfigured, they find what the CLI finds by default:
	// each configuration is a cold go vet, so there is no run of its own).
	one := "sanitizeboundary"
	got, _ = itest.Vet(t, dir, env, tool, "-"+one+".config="+policy, "./...")
	var mixed []itest.Finding
	for _, f := range defaults {
		if f.Rule != one {
			mixed = append(mixed, f)
		}
	}
	for _, f := range want {
		if f.Rule == one {
			mixed = append(mixed, f)
		}
	}
	itest.SameFindings(t, "unitchecker with only -"+one+".config", got, itest.Sorted(mixed))
}
