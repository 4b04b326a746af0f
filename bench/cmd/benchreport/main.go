// Command benchreport turns a bench/run.sh work directory (raw.tsv,
// meta.tsv, out/<module>/...) into results.json and the generated part of
// RESULTS.md (between the BEGIN/END GENERATED markers; the rest of the
// file is left as written).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Run is one timed command.
type Run struct {
	Rep   int     `json:"rep"`
	Wall  float64 `json:"wall_s"`
	User  float64 `json:"user_s"`
	Sys   float64 `json:"sys_s"`
	RSSMB float64 `json:"peak_rss_mb"`
	Exit  int     `json:"exit"`
}

// Median is the per-field median of a tool's runs.
type Median struct {
	Wall  float64 `json:"wall_s"`
	CPU   float64 `json:"cpu_s"`
	RSSMB float64 `json:"peak_rss_mb"`
}

// Tool is one measured command on one module.
type Tool struct {
	Runs   []Run  `json:"runs"`
	Median Median `json:"median"`
}

// Stats is what obscheck --stats printed (medians over the repetitions).
type Stats struct {
	Packages    int     `json:"packages"`
	Load        float64 `json:"load_s"`
	Analysis    float64 `json:"analysis_s"`
	AnalysisPct float64 `json:"analysis_pct"`
}

// Module is everything measured on one module.
type Module struct {
	Name         string           `json:"name"`
	Module       string           `json:"module"`
	Version      string           `json:"version"`
	Packages     int              `json:"packages"`
	WithDeps     int              `json:"packages_with_deps"`
	Touched      string           `json:"touched_file"`
	TouchUsers   int              `json:"touched_package_importers"` // packages (test variants included) importing the touched file's package, directly or not
	Excluded     string           `json:"excluded_packages,omitempty"`
	Tools        map[string]*Tool `json:"tools"`
	Stats        *Stats           `json:"obscheck_stats,omitempty"`
	Findings     map[string]int   `json:"findings_project_policy"`
	FindingsDef  map[string]int   `json:"findings_default_policy"`
	FindingsWS   int              `json:"findings_in_copy"`
	GolangciByLn map[string]int   `json:"golangci_findings"`
	Targets      []Target         `json:"targets"`
}

// Target is one issue-7 target on one module.
type Target struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	Goal  string  `json:"goal"`
	Met   bool    `json:"met"`
}

// Results is results.json.
type Results struct {
	Meta    map[string]string `json:"meta"`
	Modules []*Module         `json:"modules"`
}

var toolOrder = []string{"floor", "obscheck", "obscheck_export", "obscheck_cmd", "obscheck_pkg", "obscheck_ws", "govet_cold", "govet_warm", "vettool_cold", "vettool_warm", "vettool_touch", "govet_touch", "nullvet_touch", "golangci", "obscheck_empty", "obscheck_empty2", "golangci_empty"}

func main() {
	work := flag.String("work", "", "run.sh work directory")
	resultsPath := flag.String("results", "", "results.json to write")
	mdPath := flag.String("md", "", "RESULTS.md whose generated part to rewrite")
	section := flag.String("section", "main", "name of the generated section of RESULTS.md to rewrite")
	flag.Parse()
	res, err := collect(*work)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
	data, _ := json.MarshalIndent(res, "", "  ")
	if err := os.WriteFile(*resultsPath, append(data, '\n'), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
	if err := writeMD(*mdPath, *section, markdown(res)); err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
}

func collect(work string) (*Results, error) {
	res := &Results{Meta: map[string]string{}}
	byName := map[string]*Module{}
	if err := eachLine(filepath.Join(work, "meta.tsv"), func(f []string) {
		if f[0] == "module" && len(f) >= 8 {
			m := &Module{Name: f[1], Module: f[2], Version: f[3], Touched: f[6], Tools: map[string]*Tool{}}
			m.Packages, _ = strconv.Atoi(f[4])
			m.WithDeps, _ = strconv.Atoi(f[5])
			if f[7] != "-" {
				m.Excluded = f[7]
			}
			if len(f) >= 9 {
				m.TouchUsers, _ = strconv.Atoi(f[8])
			}
			res.Modules = append(res.Modules, m)
			byName[m.Name] = m
		} else if len(f) >= 2 {
			res.Meta[f[0]] = strings.Join(f[1:], " ")
		}
	}); err != nil {
		return nil, err
	}
	if err := eachLine(filepath.Join(work, "raw.tsv"), func(f []string) {
		m := byName[f[0]]
		if m == nil || len(f) < 8 {
			return
		}
		t := m.Tools[f[1]]
		if t == nil {
			t = &Tool{}
			m.Tools[f[1]] = t
		}
		var r Run
		r.Rep, _ = strconv.Atoi(f[2])
		r.Wall, _ = strconv.ParseFloat(f[3], 64)
		r.User, _ = strconv.ParseFloat(f[4], 64)
		r.Sys, _ = strconv.ParseFloat(f[5], 64)
		kb, _ := strconv.ParseFloat(f[6], 64)
		r.RSSMB = kb / 1024
		r.Exit, _ = strconv.Atoi(f[7])
		t.Runs = append(t.Runs, r)
	}); err != nil {
		return nil, err
	}
	for _, m := range res.Modules {
		for _, t := range m.Tools {
			var w, c, r []float64
			for _, run := range t.Runs {
				w = append(w, run.Wall)
				c = append(c, run.User+run.Sys)
				r = append(r, run.RSSMB)
			}
			t.Median = Median{Wall: median(w), CPU: median(c), RSSMB: median(r)}
		}
		out := filepath.Join(work, "out", m.Name)
		m.Stats = readStats(out)
		m.Findings = lastFindings(out, "findings.")
		m.FindingsDef = countFindings(filepath.Join(out, "findings_default.json"))
		for _, n := range lastFindings(out, "findings_ws.") {
			m.FindingsWS += n
		}
		m.GolangciByLn = golangciFindings(out)
		m.Targets = targets(m)
	}
	return res, nil
}

var statsRE = regexp.MustCompile(`obscheck: (\d+) packages[^;]*; load ([\d.]+)s, analysis ([\d.]+)s \(([\d.]+)% of`)

// readStats takes the median of obscheck --stats over the repetitions of
// the standalone run.
func readStats(out string) *Stats {
	files, _ := filepath.Glob(filepath.Join(out, "obscheck.*.err"))
	var load, ana, pct []float64
	pkgs := 0
	for _, f := range files {
		data, _ := os.ReadFile(f)
		if m := statsRE.FindStringSubmatch(string(data)); m != nil {
			pkgs, _ = strconv.Atoi(m[1])
			l, _ := strconv.ParseFloat(m[2], 64)
			a, _ := strconv.ParseFloat(m[3], 64)
			p, _ := strconv.ParseFloat(m[4], 64)
			load, ana, pct = append(load, l), append(ana, a), append(pct, p)
		}
	}
	if len(load) == 0 {
		return nil
	}
	return &Stats{Packages: pkgs, Load: median(load), Analysis: median(ana), AnalysisPct: median(pct)}
}

func lastFindings(out, prefix string) map[string]int {
	files, _ := filepath.Glob(filepath.Join(out, prefix+"*.json"))
	sort.Strings(files)
	if len(files) == 0 {
		return nil
	}
	return countFindings(files[len(files)-1])
}

func countFindings(path string) map[string]int {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var fs []struct{ Rule string }
	if json.Unmarshal(data, &fs) != nil {
		return nil
	}
	n := map[string]int{}
	for _, f := range fs {
		n[f.Rule]++
	}
	return n
}

func golangciFindings(out string) map[string]int {
	files, _ := filepath.Glob(filepath.Join(out, "golangci.*.out"))
	sort.Strings(files)
	if len(files) == 0 {
		return nil
	}
	data, _ := os.ReadFile(files[len(files)-1])
	var rep struct{ Issues []struct{ FromLinter string } }
	// The JSON report is the first line; a text summary may follow.
	line, _, _ := strings.Cut(string(data), "\n")
	if json.Unmarshal([]byte(line), &rep) != nil {
		return nil
	}
	n := map[string]int{}
	for _, is := range rep.Issues {
		n[is.FromLinter]++
	}
	return n
}

func targets(m *Module) []Target {
	med := func(t string) *Median {
		if x := m.Tools[t]; x != nil && len(x.Runs) > 0 {
			return &x.Median
		}
		return nil
	}
	var ts []Target
	add := func(name string, v float64, goal string, met bool) {
		ts = append(ts, Target{Name: name, Value: round(v), Goal: goal, Met: met})
	}
	obs, gl, floor := med("obscheck"), med("golangci"), med("floor")
	if obs != nil && gl != nil {
		add("golangci wall / obscheck wall", gl.Wall/obs.Wall, ">= 4", gl.Wall/obs.Wall >= 4)
		add("obscheck peak RSS / golangci peak RSS", obs.RSSMB/gl.RSSMB, "<= 0.25", obs.RSSMB/gl.RSSMB <= 0.25)
	}
	if ws := med("obscheck_ws"); ws != nil && gl != nil {
		add("same directory: golangci wall / obscheck_ws wall", gl.Wall/ws.Wall, ">= 4", gl.Wall/ws.Wall >= 4)
	}
	if oe, ge := med("obscheck_empty"), med("golangci_empty"); oe != nil && ge != nil {
		add("empty build cache: golangci wall / obscheck wall", ge.Wall/oe.Wall, "> 1", ge.Wall/oe.Wall > 1)
	}
	if obs != nil && floor != nil {
		add("obscheck wall / loading floor wall", obs.Wall/floor.Wall, "<= 1.5", obs.Wall/floor.Wall <= 1.5)
	}
	if ex := med("obscheck_export"); ex != nil && floor != nil {
		add("obscheck --load export wall / loading floor wall", ex.Wall/floor.Wall, "<= 1.5", ex.Wall/floor.Wall <= 1.5)
	}
	if w := med("vettool_warm"); w != nil {
		add("vettool warm wall (s)", w.Wall, "<= 1", w.Wall <= 1)
	}
	if c, t := med("vettool_cold"), med("vettool_touch"); c != nil && t != nil {
		add("vettool touched / cold wall", t.Wall/c.Wall, "<= 0.20", t.Wall/c.Wall <= 0.20)
	}
	if t, g := med("vettool_touch"), med("govet_touch"); t != nil && g != nil {
		add("context: vettool touched / go vet touched wall", t.Wall/g.Wall, "~1 (go vet's own cost)", t.Wall/g.Wall <= 1.25)
	}
	if c, g := med("govet_cold"), med("govet_touch"); c != nil && g != nil {
		add("context: go vet touched / go vet cold wall", g.Wall/c.Wall, "(go vet's own ratio)", g.Wall/c.Wall <= 0.20)
	}
	if c, z := med("vettool_cold"), med("nullvet_touch"); c != nil && z != nil {
		// A vet tool that does nothing, after an edit, against obscheck's
		// cold run: the lowest touched/cold ratio any vet tool can reach.
		add("context: null vet tool touched / vettool cold wall", z.Wall/c.Wall, "(floor of the ratio above)", z.Wall/c.Wall <= 0.20)
	}
	if m.Stats != nil {
		add("analysis % of obscheck total (--stats)", m.Stats.AnalysisPct, "< 15", m.Stats.AnalysisPct < 15)
	}
	return ts
}

func markdown(res *Results) string {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	keys := []string{"date", "cpu", "cores", "memory", "kernel", "go", "golangci-lint", "obscheck", "reps", "quick"}
	p("| run | |\n|---|---|\n")
	for _, k := range keys {
		p("| %s | %s |\n", k, res.Meta[k])
	}
	p("\n### Medians: wall s / CPU (user+sys) s / peak RSS MB\n\n")
	p("| tool |")
	for _, m := range res.Modules {
		p(" %s %s (%d pkgs, %d with deps; touched: %s, %d importers) |", m.Name, m.Version, m.Packages, m.WithDeps, m.Touched, m.TouchUsers)
	}
	p("\n|---|")
	for range res.Modules {
		p("---|")
	}
	p("\n")
	for _, t := range toolOrder {
		row, any := fmt.Sprintf("| %s |", t), false
		for _, m := range res.Modules {
			if x := m.Tools[t]; x != nil && len(x.Runs) > 0 {
				any = true
				row += fmt.Sprintf(" %.2f / %.1f / %.0f%s |", x.Median.Wall, x.Median.CPU, x.Median.RSSMB, exits(x))
			} else {
				row += " – |"
			}
		}
		if any {
			p("%s\n", row)
		}
	}
	hasStats, hasFindings := false, false
	for _, m := range res.Modules {
		hasStats = hasStats || m.Stats != nil
		hasFindings = hasFindings || m.Findings != nil || m.FindingsDef != nil || m.GolangciByLn != nil
	}
	if hasStats {
		p("| obscheck --stats load / analysis s (analysis %%) |")
		for _, m := range res.Modules {
			if m.Stats != nil {
				p(" %.2f / %.2f (%.1f%%) |", m.Stats.Load, m.Stats.Analysis, m.Stats.AnalysisPct)
			} else {
				p(" – |")
			}
		}
	}
	p("\n\n### Targets\n\n| target | goal |")
	for _, m := range res.Modules {
		p(" %s |", m.Name)
	}
	p("\n|---|---|")
	for range res.Modules {
		p("---|")
	}
	p("\n")
	var names []string
	goals := map[string]string{}
	for _, m := range res.Modules {
		for _, t := range m.Targets {
			if _, ok := goals[t.Name]; !ok {
				names = append(names, t.Name)
				goals[t.Name] = t.Goal
			}
		}
	}
	for _, name := range names {
		p("| %s | %s |", name, goals[name])
		for _, m := range res.Modules {
			cell := " – |"
			for _, t := range m.Targets {
				if t.Name == name {
					mark := "no"
					if t.Met {
						mark = "yes"
					}
					cell = fmt.Sprintf(" %.2f (%s) |", t.Value, mark)
				}
			}
			p("%s", cell)
		}
		p("\n")
	}
	if !hasFindings {
		return b.String()
	}
	p("\n### Findings per rule\n\nobscheck with the project policy (`bench/policies/<module>.yaml`) / with the default NoETL policy; golangci-lint per linter.\n\n| rule |")
	for _, m := range res.Modules {
		p(" %s |", m.Name)
	}
	p("\n|---|")
	for range res.Modules {
		p("---|")
	}
	p("\n")
	rules := map[string]bool{}
	linters := map[string]bool{}
	for _, m := range res.Modules {
		for r := range m.Findings {
			rules[r] = true
		}
		for r := range m.FindingsDef {
			rules[r] = true
		}
		for l := range m.GolangciByLn {
			linters[l] = true
		}
	}
	for _, r := range sorted(rules) {
		p("| %s |", r)
		for _, m := range res.Modules {
			p(" %d / %d |", m.Findings[r], m.FindingsDef[r])
		}
		p("\n")
	}
	p("| obscheck total (project / default) |")
	for _, m := range res.Modules {
		p(" %d / %d |", sum(m.Findings), sum(m.FindingsDef))
	}
	p("\n")
	for _, l := range sorted(linters) {
		p("| golangci-lint %s |", l)
		for _, m := range res.Modules {
			p(" %d |", m.GolangciByLn[l])
		}
		p("\n")
	}
	return b.String()
}

func exits(t *Tool) string {
	codes := map[int]bool{}
	for _, r := range t.Runs {
		codes[r.Exit] = true
	}
	var s []string
	for c := range codes {
		s = append(s, strconv.Itoa(c))
	}
	sort.Strings(s)
	if len(s) == 1 && s[0] == "0" {
		return ""
	}
	return " (exit " + strings.Join(s, ",") + ")"
}

func writeMD(path, section, gen string) error {
	begin := "<!-- BEGIN GENERATED " + section + " by bench/cmd/benchreport: do not edit -->"
	end := "<!-- END GENERATED " + section + " -->"
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	s := string(old)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	block := begin + "\n" + gen + end
	if i >= 0 && j > i {
		s = s[:i] + block + s[j+len(end):]
	} else if s == "" {
		s = "# Benchmark results\n\n" + block + "\n"
	} else {
		s = strings.TrimRight(s, "\n") + "\n\n" + block + "\n"
	}
	return os.WriteFile(path, []byte(s), 0o644)
}

func eachLine(path string, f func([]string)) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		if line := sc.Text(); line != "" {
			f(strings.Split(line, "\t"))
		}
	}
	return sc.Err()
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func round(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func sorted(m map[string]bool) []string {
	var s []string
	for k := range m {
		s = append(s, k)
	}
	sort.Strings(s)
	return s
}
