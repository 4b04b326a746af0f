package spanrequired_test

import (
	"testing"

	"github.com/obscheck/obscheck/analyzers/spanrequired"
	"github.com/obscheck/obscheck/internal/testutil"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestHTTP(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, spanrequired.Analyzer, "./nethttp", "./chipkg", "./muxpkg")
}

func TestCrossPackage(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, spanrequired.Analyzer, "./routes", "./cmd/wrapped", "./cmd/unwrapped")
}

func TestGinEcho(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, spanrequired.Analyzer, "./ginpkg", "./echopkg")
}

func TestGRPC(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, spanrequired.Analyzer, "./grpcsvc/...")
}

func TestConsumers(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, spanrequired.Analyzer, "./consumers")
}

func TestPolicy(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.Run(t, dir, spanrequired.Analyzer, "./policycfg", "./lib/...")
}

func TestFixes(t *testing.T) {
	dir := testutil.Module(t, "testdata")
	analysistest.RunWithSuggestedFixes(t, dir, spanrequired.Analyzer, "./fixes")
}
