// Package integration checks that obscheck, as a CI gate, gives the same
// findings however it is run (./... or any subset of packages, moved
// lines, --new-from-rev) and that the README shows what the obscheck
// command prints. The go vet and nogo-style hosts are tested in
// internal/integration/vet, the GitHub Action in internal/integration/action;
// the golangci-lint and pre-commit proofs are scripts/ci-golangci.sh and
// scripts/ci-precommit.sh.
package integration

import (
	"testing"

	"github.com/obscheck/obscheck/internal/integration/itest"
)

func TestMain(m *testing.M) { itest.Main(m) }
