package metricapi

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/obscheck/obscheck/internal/policy"
)

// An OTel instrument's Prometheus name is decided by the exporter, which
// is configured once per service, usually far from the instruments (in
// main or a telemetry package the instruments' packages do not import):
// otelprom.New(otelprom.WithNamespace("svc")) exports "requests" as
// svc_requests, and otlptranslator.NoTranslation (or WithoutUnits,
// WithoutCounterSuffixes) exports names without the unit and _total
// suffixes. So the exporter settings are read from the whole module.

const otelProm = "go.opentelemetry.io/otel/exporters/prometheus"

// The exporter's constructor and options, and the translation strategies
// (otlptranslator's variables), matched by name: files are read
// syntactically (verified against the exporter v0.69 and otlptranslator
// v1.0).
const (
	expNew                       = "New"
	expWithNamespace             = "WithNamespace"
	expWithoutUnits              = "WithoutUnits"
	expWithoutCounterSuffixes    = "WithoutCounterSuffixes"
	expWithTranslationStrategy   = "WithTranslationStrategy"
	otlpTranslator               = "github.com/prometheus/otlptranslator"
	strategyUnderscoreSuffixes   = "UnderscoreEscapingWithSuffixes"
	strategyUnderscoreNoSuffixes = "UnderscoreEscapingWithoutSuffixes"
	strategyNoEscapingSuffixes   = "NoUTF8EscapingWithSuffixes"
)

// Export is how the module's OTel Prometheus exporter names metrics.
type Export struct {
	Found            bool   // an exporter configuration was seen in the module
	Namespace        string // prepended as Namespace + "_"
	NamespaceUnknown bool   // a namespace is set, to a value not known here (or exporters disagree)
	NoEscape         bool   // names are kept as written (NoTranslation, NoUTF8Escaping...)
	NoUnits          bool   // no unit suffix is appended
	NoTotal          bool   // no _total is appended to counters
}

// Exporter returns the OTel Prometheus exporter settings of the module
// holding the package directory dir (zero if none is configured in it).
// Each module is read once per process.
func Exporter(dir string) Export {
	root := moduleRoot(dir)
	if root == "" {
		return Export{}
	}
	v, _ := exporters.LoadOrStore(root, sync.OnceValue(func() Export { return scanModule(root) }))
	return v.(func() Export)()
}

var exporters sync.Map // module root -> func() Export

func moduleRoot(dir string) string {
	for d := dir; d != ""; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return ""
}

// scanModule reads the non-test Go files of the module at root (not
// descending into nested modules, vendor or testdata) that import the
// exporter, and merges what their otelprom.New calls configure.
func scanModule(root string) Export {
	var found []Export
	policy.WalkModule(root, func(path string, _ fs.DirEntry) {
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return
		}
		src, err := os.ReadFile(path)
		if err != nil || !bytes.Contains(src, []byte(`"`+otelProm+`"`)) {
			return
		}
		found = append(found, exportsIn(path, src)...)
	})
	if len(found) == 0 {
		return Export{}
	}
	out := found[0]
	for _, e := range found[1:] {
		if e.Namespace != out.Namespace || e.NamespaceUnknown {
			out.NamespaceUnknown = true
		}
		// Where exporters differ, assume the suffixes may be missing.
		out.NoEscape = out.NoEscape || e.NoEscape
		out.NoUnits = out.NoUnits || e.NoUnits
		out.NoTotal = out.NoTotal || e.NoTotal
	}
	if out.NamespaceUnknown {
		out.Namespace = ""
	}
	return out
}

// exportsIn decodes the otelprom.New calls of one file, syntactically:
// option calls written in the New call, with literal (or file-level
// constant) namespaces.
func exportsIn(path string, src []byte) []Export {
	f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	name := ""
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == otelProm {
			name = "prometheus"
			if imp.Name != nil {
				name = imp.Name.Name
			}
		}
	}
	if name == "" || name == "_" {
		return nil
	}
	consts := map[string]string{}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							consts[n.Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			}
		}
	}
	sel := func(e ast.Expr) string {
		c, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return ""
		}
		s, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
		if !ok {
			return ""
		}
		if x, ok := s.X.(*ast.Ident); !ok || x.Name != name {
			return ""
		}
		return s.Sel.Name
	}
	// Options collected in a slice first (opts := []otelprom.Option{...};
	// opts = append(opts, ...); otelprom.New(opts...)): the elements of
	// every literal and append assigned to that name in the file.
	slices := map[string][]ast.Expr{}
	ast.Inspect(f, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, l := range as.Lhs {
			id, ok := l.(*ast.Ident)
			if !ok {
				continue
			}
			switch r := ast.Unparen(as.Rhs[i]).(type) {
			case *ast.CompositeLit:
				slices[id.Name] = append(slices[id.Name], r.Elts...)
			case *ast.CallExpr:
				if fn, ok := r.Fun.(*ast.Ident); ok && fn.Name == "append" && len(r.Args) > 1 {
					slices[id.Name] = append(slices[id.Name], r.Args[1:]...)
				}
			}
		}
		return true
	})
	var out []Export
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || sel(call) != expNew {
			return true
		}
		e := Export{Found: true}
		args := call.Args
		if call.Ellipsis.IsValid() && len(args) > 0 {
			if id, ok := ast.Unparen(args[len(args)-1]).(*ast.Ident); ok {
				args = append(args[:len(args)-1:len(args)-1], slices[id.Name]...)
			}
		}
		for _, a := range args {
			opt, _ := ast.Unparen(a).(*ast.CallExpr)
			switch sel(a) {
			case expWithNamespace:
				if len(opt.Args) != 1 {
					e.NamespaceUnknown = true
					break
				}
				switch x := ast.Unparen(opt.Args[0]).(type) {
				case *ast.BasicLit:
					if s, err := strconv.Unquote(x.Value); err == nil && x.Kind == token.STRING {
						e.Namespace = s
					} else {
						e.NamespaceUnknown = true
					}
				case *ast.Ident:
					if s, ok := consts[x.Name]; ok {
						e.Namespace = s
					} else {
						e.NamespaceUnknown = true
					}
				default:
					e.NamespaceUnknown = true
				}
			case expWithoutUnits:
				e.NoUnits = true
			case expWithoutCounterSuffixes:
				e.NoTotal = true
			case expWithTranslationStrategy:
				if len(opt.Args) != 1 {
					break
				}
				strategy := ""
				switch x := ast.Unparen(opt.Args[0]).(type) {
				case *ast.SelectorExpr:
					strategy = x.Sel.Name
				case *ast.BasicLit:
					strategy, _ = strconv.Unquote(x.Value)
				}
				switch strategy {
				case strategyUnderscoreSuffixes:
				case strategyUnderscoreNoSuffixes:
					e.NoUnits, e.NoTotal = true, true
				case strategyNoEscapingSuffixes:
					e.NoEscape = true
				default: // NoTranslation, or not known here: assume nothing is added
					e.NoEscape, e.NoUnits, e.NoTotal = true, true, true
				}
			}
		}
		// The exporter escapes the namespace like a name.
		e.Namespace = strings.Trim(promSafeNS(e.Namespace), "_")
		out = append(out, e)
		return true
	})
	return out
}

// promSafeNS replaces what a Prometheus name does not allow by '_'.
func promSafeNS(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}
