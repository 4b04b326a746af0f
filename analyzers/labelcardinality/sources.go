package labelcardinality

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/obscheck/obscheck/internal/funcname"
)

// A source is an expression kind whose values are unbounded.
type source struct {
	what  string // what the value is, for the message
	why   string // what it does to the series
	bound string // the bounded alternative
}

var (
	srcPath = source{"the request path", "every distinct path (ids in URLs, typos, scanners) becomes a new time series",
		"the route template the router matched (e.g. \"/users/{id}\")"}
	srcErr = source{"error text", "every distinct message (with ids, addresses, timestamps) becomes a new time series",
		"a bounded error class (e.g. \"timeout\", \"not_found\", from errors.Is/As)"}
	srcID = source{"a freshly generated id", "every call makes a new time series",
		"no label: put the id on a span attribute or log field"}
	srcTime = source{"a formatted timestamp", "every sample starts a new time series",
		"no label: record the time as the value (a _timestamp_seconds gauge) or on the span"}
	srcUser = source{"an id taken from the request", "one time series per user/tenant/request id",
		"no label, or a bounded class (plan, tier, region)"}
)

// fieldSources are struct fields, by "pkg/path.Type.Field".
var fieldSources = map[string]source{
	"net/url.URL.Path":            srcPath,
	"net/url.URL.RawPath":         srcPath,
	"net/url.URL.RawQuery":        srcPath,
	"net/http.Request.RequestURI": srcPath,
}

// funcSources are functions whose results are unbounded label values.
var funcSources = map[string]source{
	"(*net/url.URL).EscapedPath":       srcPath,
	"(*net/url.URL).RequestURI":        srcPath,
	"github.com/google/uuid.New":       srcID,
	"github.com/google/uuid.NewString": srcID,
	"github.com/google/uuid.NewRandom": srcID,
	"github.com/google/uuid.NewV7":     srcID,
	"github.com/google/uuid.Must":      srcID,
	"github.com/gofrs/uuid.NewV4":      srcID,
	"github.com/gofrs/uuid/v5.NewV4":   srcID,
	"github.com/gofrs/uuid/v5.NewV7":   srcID,
	"github.com/satori/go.uuid.NewV4":  srcID,
	"github.com/rs/xid.New":            srcID,
	"github.com/oklog/ulid/v2.Make":    srcID,
	"github.com/segmentio/ksuid.New":   srcID,
	"time.Now":                         srcTime,
}

// requestParams read a named value from a request; the index is the key
// argument. Keys that name a user, tenant, session or an id are unbounded.
var requestParams = map[string]int{
	"(net/http.Header).Get":                         0,
	"(*net/http.Request).FormValue":                 0,
	"(*net/http.Request).PostFormValue":             0,
	"(*net/http.Request).PathValue":                 0,
	"(net/url.Values).Get":                          0,
	"github.com/go-chi/chi/v5.URLParam":             1,
	"github.com/go-chi/chi.URLParam":                1,
	"(*github.com/gin-gonic/gin.Context).Param":     0,
	"(*github.com/gin-gonic/gin.Context).Query":     0,
	"(*github.com/gin-gonic/gin.Context).GetHeader": 0,
}

// requestMaps return a map of request values indexed by key.
var requestMaps = funcname.NewSet([]string{"github.com/gorilla/mux.Vars"})

// formatters only reformat their arguments: a source inside stays unbounded.
var formatters = funcname.NewSet([]string{
	"fmt.Sprint", "fmt.Sprintf", "fmt.Sprintln",
	"strconv.Itoa", "strconv.FormatInt", "strconv.FormatUint", "strconv.Quote",
	"strings.ToLower", "strings.ToUpper", "strings.TrimSpace", "strings.Clone",
})

// chainMethods keep the value of their receiver unbounded (uuid.New().String(),
// time.Now().UTC().Format(...)).
var chainMethods = map[string]bool{
	"String": true, "Format": true, "UTC": true, "Local": true, "Unix": true, "UnixNano": true,
	"UnixMilli": true, "UnixMicro": true, "Round": true, "Truncate": true, "AppendFormat": true,
}

// idKey reports whether a request key names a per-user/tenant/request value.
func idKey(k string) bool {
	var words []string
	cur := strings.Builder{}
	rs := []rune(k)
	for i, r := range rs {
		switch {
		case r == '-' || r == '_' || r == '.' || r == ' ':
			words = append(words, cur.String())
			cur.Reset()
			continue
		case r >= 'A' && r <= 'Z':
			if i > 0 && rs[i-1] >= 'a' && rs[i-1] <= 'z' {
				words = append(words, cur.String())
				cur.Reset()
			}
			r += 'a' - 'A'
		}
		cur.WriteRune(r)
	}
	words = append(words, cur.String())
	for i, w := range words {
		switch w {
		case "user", "userid", "tenant", "tenantid", "session", "sessionid", "account", "customer", "email", "uuid", "uid":
			return true
		case "id":
			if i == len(words)-1 {
				return true
			}
		}
	}
	return false
}

// classify reports whether e (a label value) comes from an unbounded source.
func (c *checker) classify(e ast.Expr, depth int) (source, bool) {
	if e == nil || depth > 6 {
		return source{}, false
	}
	info := c.info
	e = c.m.Locals.Resolve(e)
	switch x := e.(type) {
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[x]; ok && sel.Kind() == types.FieldVal {
			if key := fieldKey(sel); key != "" {
				if s, ok := fieldSources[key]; ok {
					return s, true
				}
			}
		}
	case *ast.BinaryExpr:
		if s, ok := c.classify(x.X, depth+1); ok {
			return s, true
		}
		return c.classify(x.Y, depth+1)
	case *ast.IndexExpr:
		if call, ok := ast.Unparen(x.X).(*ast.CallExpr); ok && requestMaps[funcname.CalleeName(info, call)] {
			if k, ok := c.str(x.Index); ok && idKey(k) {
				return srcUser, true
			}
		}
	case *ast.CallExpr:
		fn := funcname.Callee(info, x)
		if fn == nil {
			// a conversion: string(b)
			if tv, ok := info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
				return c.classify(x.Args[0], depth+1)
			}
			return source{}, false
		}
		name := funcname.Of(fn)
		if s, ok := funcSources[name]; ok {
			if s == srcTime && depth == 0 {
				return source{}, false // a time.Time itself is not a label value
			}
			return s, true
		}
		if c.extra[name] {
			return source{name + "()", "it is listed in rules.labelcardinality.unbounded_sources",
				"a bounded value"}, true
		}
		if i, ok := requestParams[name]; ok && i < len(x.Args) {
			if k, ok := c.str(x.Args[i]); ok && idKey(k) {
				return srcUser, true
			}
			return source{}, false
		}
		if name == "(*net/url.URL).String" {
			// r.URL.String() of a request is its path and query; the String
			// of a configured endpoint URL is bounded.
			if sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr); ok {
				if inner, ok := ast.Unparen(sel.X).(*ast.SelectorExpr); ok {
					if s, ok := info.Selections[inner]; ok && s.Kind() == types.FieldVal && fieldKey(s) == "net/http.Request.URL" {
						return srcPath, true
					}
				}
			}
			return source{}, false
		}
		if isErrorMethod(fn) {
			return srcErr, true
		}
		sig, _ := fn.Type().(*types.Signature)
		if sig != nil && sig.Recv() != nil && chainMethods[fn.Name()] {
			if sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr); ok {
				if s, ok := c.classify(sel.X, depth+1); ok {
					return s, true
				}
			}
		}
		if formatters[name] {
			for _, a := range x.Args {
				if isError(info.TypeOf(a)) {
					return srcErr, true
				}
				if s, ok := c.classify(a, depth+1); ok {
					return s, true
				}
			}
		}
	}
	return source{}, false
}

func (c *checker) str(e ast.Expr) (string, bool) {
	v := c.m.Locals.Eval(e)
	return v.Value, v.Known
}

// fieldKey names a selected field "pkg/path.Type.Field".
func fieldKey(sel *types.Selection) string {
	t := sel.Recv()
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	// the field may be promoted from an embedded struct: use the field's own struct
	f, ok := sel.Obj().(*types.Var)
	if !ok || len(sel.Index()) != 1 {
		return ""
	}
	return n.Obj().Pkg().Path() + "." + n.Obj().Name() + "." + f.Name()
}

var errorType = types.Universe.Lookup("error").Type()
var errorIface = errorType.Underlying().(*types.Interface)

func isError(t types.Type) bool {
	return t != nil && types.Implements(t, errorIface)
}

// isErrorMethod reports whether fn is the Error method of an error type.
func isErrorMethod(fn *types.Func) bool {
	if fn.Name() != "Error" {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || sig.Params().Len() != 0 || sig.Results().Len() != 1 {
		return false
	}
	if b, ok := sig.Results().At(0).Type().(*types.Basic); !ok || b.Kind() != types.String {
		return false
	}
	return isError(sig.Recv().Type())
}
