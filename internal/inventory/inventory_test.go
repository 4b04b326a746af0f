package inventory

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obscheck/obscheck/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const pkg = "example.com/svc/telemetry"

// sample is a hand-made inventory: what the rules would record on a small
// service.
func sample() *Inventory {
	at := func(p, file string, line int, fn string) Pos {
		return Pos{Package: p, File: "/src/" + file, Line: line, Col: 2, Func: fn}
	}
	items := []Item{
		&Metric{Pos: at(pkg, "telemetry/t.go", 10, pkg+".Requests"), Name: "svc_requests_total", Type: "counter", Help: "Requests served.",
			Labels: []string{"route", "code"}, Library: "prometheus", Holder: pkg + ".Requests"},
		&Metric{Pos: at(pkg, "telemetry/t.go", 20, pkg+".Latency"), Name: "svc_request_duration_seconds", Type: "histogram", Unit: "s",
			Help: "Request latency.", Labels: []string{"route"}, Library: "prometheus", Holder: pkg + ".Latency"},
		&Metric{Pos: at(pkg, "telemetry/t.go", 30, pkg+".NewDynamic"), Pattern: "svc_…_total", Type: "counter", HelpUnknown: true, Library: "prometheus"},
		// the same definition again (a test variant): one entry
		&Metric{Pos: at(pkg, "telemetry/t.go", 10, pkg+".Requests"), Name: "svc_requests_total", Type: "counter", Help: "Requests served.",
			Labels: []string{"route", "code"}, Library: "prometheus", Holder: pkg + ".Requests"},
		&LabelValue{Pos: at("example.com/svc/api", "api/api.go", 40, "(*example.com/svc/api.Server).get"), Holder: pkg + ".Requests", Index: 0, Source: SourceRoute},
		&LabelValue{Pos: at("example.com/svc/api", "api/api.go", 40, "(*example.com/svc/api.Server).get"), Holder: pkg + ".Requests", Index: 1, Source: SourceConstant},
		&LabelValue{Pos: at("example.com/svc/api", "api/api.go", 50, "(*example.com/svc/api.Server).put"), Holder: pkg + ".Requests", Label: "route",
			Index: -1, Source: SourceUnbounded, Detail: "the request path"},
		&Span{Pos: at("example.com/svc/api", "api/api.go", 38, "(*example.com/svc/api.Server).get"), Name: "api.get", Kind: "server",
			Attributes: []string{"execution_id", "route"}, Starter: "(go.opentelemetry.io/otel/trace.Tracer).Start"},
		&Span{Pos: at("example.com/svc/api", "api/api.go", 48, "(*example.com/svc/api.Server).put"), Dynamic: true},
		&Log{Pos: at("example.com/svc/api", "api/api.go", 42, "(*example.com/svc/api.Server).get"), Level: "error", Message: "get failed",
			Keys: []string{"err", "execution_id"}, Correlated: true, Library: "slog"},
		&Log{Pos: at("example.com/svc/api", "api/api.go", 52, "(*example.com/svc/api.Server).put"), Level: "warn", Message: "put | retried",
			Keys: []string{"err"}, Library: "slog"},
		&Log{Pos: at("example.com/svc/api", "api/api.go", 53, "(*example.com/svc/api.Server).put"), Level: "error", Dynamic: true, Library: "slog"},
		&Entry{Pos: at("example.com/svc/cmd", "cmd/main.go", 12, "example.com/svc/cmd.main"), Kind: "http", Route: "GET /get", Method: "GET", Path: "/get",
			Handler: "(*example.com/svc/api.Server).get", HandlerPos: at("example.com/svc/api", "api/api.go", 37, ""), Traced: true, How: "span"},
		&Entry{Pos: at("example.com/svc/cmd", "cmd/main.go", 12, "example.com/svc/cmd.main"), Kind: "http", Route: "PUT /put", Method: "PUT", Path: "/put",
			Handler: "(*example.com/svc/api.Server).put", HandlerPos: at("example.com/svc/api", "api/api.go", 47, "")},
		&Entry{Pos: at("example.com/svc/cmd", "cmd/main.go", 12, "example.com/svc/cmd.main"), Kind: "grpc", Route: "/svc.V1/Ping",
			Handler: "(*example.com/svc/grpcapi.Server).Ping", HandlerPos: at("example.com/svc/grpcapi", "grpcapi/g.go", 5, ""), Traced: true, How: "interceptor"},
		&Func{Pos: at("example.com/svc/api", "api/api.go", 37, ""), Name: "(*example.com/svc/api.Server).get", EndLine: 45,
			Calls: []string{"(*example.com/svc/api.Server).record"}},
		&Func{Pos: at("example.com/svc/api", "api/api.go", 60, ""), Name: "(*example.com/svc/api.Server).record", EndLine: 65,
			Metrics: []string{pkg + ".Requests", pkg + ".Latency"}},
		&Func{Pos: at("example.com/svc/api", "api/api.go", 47, ""), Name: "(*example.com/svc/api.Server).put", EndLine: 58},
	}
	inv := Collect(items)
	inv.Relativize("/src")
	return inv
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", name), got, *update)
}

func TestCatalogFormats(t *testing.T) {
	c := BuildCatalog(sample(), nil)
	if len(c.Metrics) != 3 {
		t.Fatalf("%d metrics, want 3 (the duplicate merged, the unresolved one listed)", len(c.Metrics))
	}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"catalog.yaml": func(b *bytes.Buffer) error { return c.WriteYAML(b) },
		"catalog.json": func(b *bytes.Buffer) error { return c.WriteJSON(b) },
		"catalog.md":   func(b *bytes.Buffer) error { return c.WriteMarkdown(b) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		golden(t, name, b.Bytes())
		back, err := ReadCatalog(b.Bytes())
		if name == "catalog.md" {
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d := Diff(back, c); len(d) > 0 {
			t.Errorf("%s read back differs: %+v", name, d)
		}
	}
}

func TestDiff(t *testing.T) {
	old := BuildCatalog(sample(), nil)
	for _, tc := range []struct {
		name   string
		edit   func(*Inventory)
		want   []string // lines the diff must contain
		breaks bool
	}{
		{"rename", func(inv *Inventory) { inv.Metrics[0].Name = "svc_http_requests_total" },
			[]string{"~ renamed svc_requests_total -> svc_http_requests_total  BREAKING: dashboards and alerts that query the old name find nothing",
				"declared in example.com/svc/telemetry.Requests"}, true},
		{"label added", func(inv *Inventory) { inv.Metrics[1].Labels = append(inv.Metrics[1].Labels, "method") },
			[]string{"~ changed svc_request_duration_seconds  BREAKING: queries that aggregate or filter by labels",
				"labels [route] -> [route, method]; added method"}, true},
		{"type change", func(inv *Inventory) { inv.Metrics[1].Type = "summary" },
			[]string{"BREAKING: queries written for the old type", "type histogram -> summary"}, true},
		{"moved line", func(inv *Inventory) { inv.Metrics[0].Line += 30; inv.Logs[0].Line += 3 }, nil, false},
		{"help", func(inv *Inventory) { inv.Metrics[0].Help = "HTTP requests." },
			[]string{`help "Requests served." -> "HTTP requests."`}, false},
		{"metric removed", func(inv *Inventory) { inv.Metrics = inv.Metrics[1:] },
			[]string{"- removed svc_requests_total  BREAKING"}, true},
		{"log lost its key", func(inv *Inventory) { inv.Logs[0].Correlated = false },
			[]string{"logs:", `~ changed error "get failed"`, "correlated true -> false"}, false},
		{"span attribute", func(inv *Inventory) { inv.Spans[0].Attributes = []string{"route"} },
			[]string{"spans:", "attributes [execution_id, route] -> [route]"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inv := sample()
			tc.edit(inv)
			changes := Diff(old, BuildCatalog(inv, nil))
			if tc.want == nil {
				if len(changes) > 0 {
					t.Fatalf("differences after moving lines: %+v", changes)
				}
				return
			}
			var b bytes.Buffer
			WriteDiff(&b, "catalog.yaml", changes)
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("diff lacks %q:\n%s", w, b.String())
				}
			}
			if got := strings.Contains(b.String(), "BREAKING"); got != tc.breaks {
				t.Errorf("breaking = %v, want %v:\n%s", got, tc.breaks, b.String())
			}
		})
	}
}

func TestCoverage(t *testing.T) {
	cov := BuildCoverage(sample(), []Pos{{File: "api/api.go", Line: 55}}, []string{"a note"})
	if len(cov.Entries) != 3 {
		t.Fatalf("%d entries, want 3", len(cov.Entries))
	}
	byRoute := map[string]CovEntry{}
	for _, e := range cov.Entries {
		byRoute[e.Route] = e
	}
	get := byRoute["GET /get"]
	if !get.Complete || strings.Join(get.Metrics.Names, ",") != "svc_request_duration_seconds,svc_requests_total" || get.Logs.State != Green {
		t.Errorf("GET /get: %+v", get)
	}
	put := byRoute["PUT /put"]
	if put.Complete || put.Span.State != Red || put.Logs.State != Red || put.Logs.WithoutKey != 2 || put.Sanitized.Leaks != 1 {
		t.Errorf("PUT /put: %+v", put)
	}
	if ping := byRoute["/svc.V1/Ping"]; ping.PathKnown || ping.Metrics.State != Red {
		t.Errorf("gRPC Ping's handler was not analyzed: %+v", ping)
	}
	if cov.Summary.Total != 3 || cov.Summary.Complete != 1 {
		t.Errorf("summary %+v", cov.Summary)
	}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"coverage.txt":  func(b *bytes.Buffer) error { return cov.WriteText(b) },
		"coverage.json": func(b *bytes.Buffer) error { return cov.WriteJSON(b) },
		"coverage.md":   func(b *bytes.Buffer) error { return cov.WriteMarkdown(b) },
		"coverage.html": func(b *bytes.Buffer) error { return cov.WriteHTML(b) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		golden(t, name, b.Bytes())
	}
}

func TestShortDecl(t *testing.T) {
	for in, want := range map[string]string{
		"(*example.com/svc/api.Server).login": "(*api.Server).login",
		"(example.com/svc/api.T).m":           "(api.T).m",
		"example.com/svc/telemetry.Requests":  "telemetry.Requests",
		"gopkg.in/yaml.v3.Marshal":            "yaml.v3.Marshal",
		"example.com/svc":                     "svc",
		"main.main":                           "main.main",
	} {
		if got := shortDecl(in); got != want {
			t.Errorf("shortDecl(%q) = %q, want %q", in, got, want)
		}
	}
}
