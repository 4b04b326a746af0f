package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/obscheck/obscheck/internal/inventory"
	"github.com/obscheck/obscheck/internal/testutil"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files of the catalog and coverage tests")

const example = "../../testdata/example"

// golden compares got with testdata/inventory/name.
func golden(t *testing.T, name, got string) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", "inventory", name), []byte(got), *updateGolden)
}

// TestCatalogExample: the example service's catalog lists every metric,
// span and WARN/ERROR log event it has, in each format.
func TestCatalogExample(t *testing.T) {
	t.Parallel()
	dir := testutil.Module(t, example)
	for _, format := range []string{"yaml", "markdown", "json"} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			r := obscheck(t, dir, "catalog", "--format", format)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			golden(t, "catalog."+map[string]string{"yaml": "yaml", "markdown": "md", "json": "json"}[format], r.stdout)
			if format == "yaml" && !strings.Contains(r.stderr, "catalog: 5 metrics (0 unresolved), 3 spans (1 dynamic), 7 WARN/ERROR log events (3 correlated)") {
				t.Errorf("stderr lacks the counts:\n%s", r.stderr)
			}
		})
	}
}

// TestCatalogCheck: --check fails with a readable diff after a metric
// rename, a label addition and a type change, and passes after --update
// (shown on the rename: each run analyzes the example service).
func TestCatalogCheck(t *testing.T) {
	t.Parallel()
	src := testutil.Module(t, example)
	checked, err := os.ReadFile(filepath.Join("testdata", "inventory", "catalog.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, old, new string
		want           []string
	}{
		{"rename", `Name:      "commands_claimed_total",`, `Name:      "commands_started_total",`, []string{
			"catalog.yaml does not match the code: 1 difference(s), 1 breaking",
			"metrics:",
			"~ renamed noetl_worker_commands_claimed_total -> noetl_worker_commands_started_total  BREAKING: dashboards and alerts that query the old name find nothing",
			"declared in example.com/noetl-svc/internal/telemetry.CommandsClaimed",
		}},
		{"label added", `}, []string{"pool"})`, `}, []string{"pool", "tool"})`, []string{
			"~ changed noetl_worker_commands_claimed_total  BREAKING: queries that aggregate or filter by labels change meaning or fail",
			"labels [pool] -> [pool, tool]; added tool",
		}},
		{"type changed", "QueueLag = promauto.NewGauge(prometheus.GaugeOpts{", "QueueLag = promauto.NewCounter(prometheus.CounterOpts{", []string{
			"~ changed noetl_worker_queue_lag_seconds  BREAKING: queries written for the old type (rate, histogram_quantile) break",
			"type gauge -> counter",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := testutil.CopyDir(t, src)
			if err := os.WriteFile(filepath.Join(dir, "catalog.yaml"), checked, 0o644); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, "internal", "telemetry", "telemetry.go")
			code, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(code, []byte(tc.old)) {
				t.Fatalf("telemetry.go lacks %q", tc.old)
			}
			if err := os.WriteFile(file, bytes.Replace(code, []byte(tc.old), []byte(tc.new), 1), 0o644); err != nil {
				t.Fatal(err)
			}
			r := obscheck(t, dir, "catalog", "--check", "catalog.yaml")
			if r.code != 1 {
				t.Fatalf("--check after the edit: exit %d, want 1\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("the diff lacks %q:\n%s", w, r.stdout)
				}
			}
			if tc.name != "rename" {
				return // --update and the check after it: once is enough
			}
			if r := obscheck(t, dir, "catalog", "--check", "catalog.yaml", "--update"); r.code != 0 {
				t.Fatalf("--update: exit %d\n%s", r.code, r.stderr)
			}
			if r := obscheck(t, dir, "catalog", "--check", "catalog.yaml"); r.code != 0 || !strings.Contains(r.stderr, "catalog.yaml matches the code") {
				t.Fatalf("--check after --update: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			}
		})
	}
}

// TestCoverageExample: golden text, JSON and Markdown coverage of the
// example service, and --min.
func TestCoverageExample(t *testing.T) {
	t.Parallel()
	dir := testutil.Module(t, example)
	for _, tc := range []struct {
		format, file string
	}{{"text", "coverage.txt"}, {"json", "coverage.json"}, {"markdown", "coverage.md"}} {
		t.Run(tc.format, func(t *testing.T) {
			t.Parallel()
			r := obscheck(t, dir, "coverage", "--format", tc.format)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			golden(t, tc.file, r.stdout)
		})
	}
	t.Run("min", func(t *testing.T) {
		t.Parallel()
		r := obscheck(t, dir, "coverage", "--min", "90%")
		if r.code != 1 || !strings.Contains(r.stderr, "is below --min 90%") {
			t.Errorf("--min 90%%: exit %d, want 1\n%s", r.code, r.stderr)
		}
		if r := obscheck(t, dir, "coverage", "--min", "abc"); r.code != 2 {
			t.Errorf("--min abc: exit %d, want 2", r.code)
		}
	})
}

var (
	chromiumOnce sync.Once
	chromiumPath string
	chromiumWhy  string
)

// chromium finds headless Chromium, installing Debian's chromium package
// when it is absent and the test runs as root with apt-get.
func chromium(t *testing.T) string {
	chromiumOnce.Do(func() {
		find := func() string {
			for _, name := range []string{"chromium", "chromium-browser", "chrome", "google-chrome", "headless_shell"} {
				if p, err := exec.LookPath(name); err == nil {
					return p
				}
			}
			return ""
		}
		if chromiumPath = find(); chromiumPath != "" {
			return
		}
		apt, err := exec.LookPath("apt-get")
		switch {
		case err != nil:
			chromiumWhy = "no chromium and no apt-get to install it"
			return
		case os.Getuid() != 0:
			chromiumWhy = "no chromium, and installing it with apt-get needs root"
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
		defer cancel()
		install := func() ([]byte, error) {
			cmd := exec.CommandContext(ctx, apt, "install", "-y", "--no-install-recommends", "chromium")
			cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
			return cmd.CombinedOutput()
		}
		out, err := install()
		if err != nil {
			// The package lists may be missing or stale.
			if up, uerr := exec.CommandContext(ctx, apt, "update").CombinedOutput(); uerr != nil {
				out = append(out, up...)
			} else {
				out, err = install()
			}
		}
		if chromiumPath = find(); chromiumPath == "" {
			chromiumWhy = "apt-get install chromium failed: " + lastLine(string(out))
		}
	})
	if chromiumPath == "" {
		t.Skip("skipping the HTML report test: " + chromiumWhy)
	}
	return chromiumPath
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

var (
	rowRE  = regexp.MustCompile(`(?s)<tr class="entry"[^>]*>(.*?)</tr>`)
	cellRE = regexp.MustCompile(`(?s)<td class="([a-z]*)[^"]*" data-col="([a-z]+)"[^>]*>(.*?)</td>`)
	pkgRE  = regexp.MustCompile(`<tbody data-package="([^"]+)">`)
)

type renderedRow struct {
	pkg    string
	cells  map[string]string // column -> text
	states map[string]string // column -> red/amber/green/none
}

// render opens page in headless Chromium and reads the table back from
// the DOM the page's script left.
func render(t *testing.T, browser, page, hash string) []renderedRow {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	profile := t.TempDir()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--no-first-run", "--user-data-dir="+profile, "--dump-dom", "file://"+page+hash)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	dom := string(out)
	var rows []renderedRow
	bodies := pkgRE.FindAllStringSubmatchIndex(dom, -1)
	for i, b := range bodies {
		end := len(dom)
		if i+1 < len(bodies) {
			end = bodies[i+1][0]
		}
		pkg := dom[b[2]:b[3]]
		for _, m := range rowRE.FindAllStringSubmatch(dom[b[1]:end], -1) {
			r := renderedRow{pkg: pkg, cells: map[string]string{}, states: map[string]string{}}
			for _, c := range cellRE.FindAllStringSubmatch(m[1], -1) {
				r.cells[c[2]] = html.UnescapeString(c[3])
				r.states[c[2]] = c[1]
			}
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		t.Fatalf("no table rows in the rendered page:\n%s", dom)
	}
	return rows
}

// TestCoverageHTML opens the HTML report in headless Chromium and reads
// the rendered table back: one row per entry point of the JSON report,
// in its package, with the same colours; a #sort=COLUMN link sorts the
// rows of each package.
func TestCoverageHTML(t *testing.T) {
	t.Parallel()
	browser := chromium(t)
	dir := testutil.Module(t, example)
	r := obscheck(t, dir, "coverage", "--format", "html")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	page := filepath.Join(t.TempDir(), "coverage.html")
	if err := os.WriteFile(page, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"<script src", "<link ", "http://", "https://"} {
		if strings.Contains(r.stdout, ref) {
			t.Errorf("the report is not self-contained: it has %q", ref)
		}
	}
	jr := obscheck(t, dir, "coverage", "--format", "json")
	var cov inventory.Coverage
	if err := json.Unmarshal([]byte(jr.stdout), &cov); err != nil {
		t.Fatal(err)
	}

	// One browser run (about 2 CPU-seconds each): the page sorted by the
	// span column, descending (green first), by its script; each package's
	// rows in that order, packages kept together, and each entry point of
	// the JSON report a row with its states.
	sorted := render(t, browser, page, "#sort=-span")
	if len(sorted) != len(cov.Entries) {
		t.Fatalf("%d rows rendered, %d entry points in the JSON report", len(sorted), len(cov.Entries))
	}
	// Entry points without a route share a row label: compared as
	// multisets of (label, states).
	describe := func(key string, states map[string]string) string {
		return fmt.Sprintf("%s span=%s metrics=%s logs=%s sanitized=%s", key, states["span"], states["metrics"], states["logs"], states["sanitized"])
	}
	var got, want []string
	for _, row := range sorted {
		got = append(got, describe(row.pkg+" "+row.cells["entry"], row.states))
	}
	for _, e := range cov.Entries {
		want = append(want, describe(e.Package+" "+strings.TrimSpace(e.Kind+" "+e.Route),
			map[string]string{"span": e.Span.State, "metrics": e.Metrics.State, "logs": e.Logs.State, "sanitized": e.Sanitized.State}))
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("rendered rows differ from the JSON report:\n got %q\nwant %q", got, want)
	}
	for i := 1; i < len(sorted); i++ {
		a, b := sorted[i-1], sorted[i]
		if a.pkg == b.pkg && rankOf(a.states["span"]) < rankOf(b.states["span"]) {
			t.Errorf("#sort=-span: row %d (%s) before row %d (%s)", i-1, a.states["span"], i, b.states["span"])
		}
	}
	var pkgs []string
	for _, r := range sorted {
		if len(pkgs) == 0 || pkgs[len(pkgs)-1] != r.pkg {
			pkgs = append(pkgs, r.pkg)
		}
	}
	if !slices.IsSorted(pkgs) || len(slices.Compact(slices.Clone(pkgs))) != len(pkgs) {
		t.Errorf("packages not grouped after sorting: %v", pkgs)
	}
}

func rankOf(state string) int {
	return map[string]int{"red": 0, "amber": 1, "none": 2, "green": 3}[state]
}
