package spanrequired

// Walks: from a served router to the handlers it serves, with routes as the server sees them.

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
)

// item is an uncovered handler found by a walk.
type item struct {
	fn     *hfunc
	ref    HandlerRef
	pos    token.Pos // where an ext handler is reported
	regPos token.Pos // where the handler was registered in this package
	route  string
	fw     traceapi.Framework
	traced bool   // covered: only walks with all set return these (the inventory)
	how    string // what covers it: span, middleware, router
}

// walkCtx is what a walk knows on its way down to a handler. Routes are
// shown as the server sees them: base is the path the current router's
// own patterns are relative to (a mount that strips its prefix, a group),
// route the pattern of the registration that led here.
type walkCtx struct {
	traced bool
	base   string
	route  string
	fw     traceapi.Framework
	regPos token.Pos // the registration the walk came through
	all    bool      // return the covered handlers too, as traced items
	how    string    // what covers the walk when traced
}

// walk collects the uncovered handlers served when n is served (with
// c.all, every handler: the covered ones as traced items).
func (s *state) walk(n *node, c walkCtx, seen map[*node]bool, out *[]item) {
	n = n.find()
	if seen[n] {
		return
	}
	seen[n] = true
	defer delete(seen, n)
	if n.prefix != "" {
		c.base = joinRoute(c.base, n.prefix)
	}
	if !c.traced && s.nodeTraced(n) {
		c.traced, c.how = true, "router"
	}
	if c.traced && !c.all {
		return
	}
	for _, r := range n.regs {
		if r.traced && !c.all {
			continue
		}
		rc := c
		if r.traced && !rc.traced {
			rc.traced, rc.how = true, "middleware"
		}
		rc.route = joinRoute(c.base, r.route)
		if r.mount { // chi Mount: the sub-router's patterns are relative
			rc.base = rc.route
		}
		rc.fw = r.fw
		rc.regPos = r.pos
		for _, m := range r.mws {
			if !rc.traced && s.tracingMiddleware(m) {
				rc.traced, rc.how = true, "middleware"
			}
		}
		if !rc.traced || rc.all {
			s.walk(r.target, rc, seen, out)
		}
	}
	for _, k := range n.kids {
		s.walk(k, c, seen, out)
	}
	for _, fn := range n.ctors {
		for _, r := range s.returns[fn] {
			s.walk(s.resolve(r), c, seen, out)
		}
	}
	for i := range n.funcs {
		f := &n.funcs[i]
		if f.fn == nil && f.obj != nil {
			if d := s.decls[f.obj]; d != nil {
				f.fn = d
			}
		}
		if f.fn == nil || s.exempt(c.route) {
			continue
		}
		if c.route == "" {
			// The package counts too: health.Handler.ServeHTTP.
			if _, name := s.funcInfo(f); s.exemptName(name) || s.exemptName(s.pass.Pkg.Name()) {
				continue
			}
		}
		u := s.units[f.fn]
		if u != nil && u.delegates && !s.unitStarts(u) {
			// A dispatcher (func (a *App) ServeHTTP(w, r) { a.router.ServeHTTP(w, r) })
			// serves what it hands on to.
			for _, h := range u.handsTo {
				switch x := ast.Unparen(h).(type) {
				case *ast.SelectorExpr:
					if v, ok := s.info.Uses[x.Sel].(*types.Var); ok && v.IsField() {
						s.walk(s.objNode(v), c, seen, out)
					}
				case *ast.Ident: // a captured handler: prev.ServeHTTP(w, r)
					if v, ok := s.info.Uses[x].(*types.Var); ok && !s.param(v) {
						s.walk(s.objNode(v), c, seen, out)
					}
				}
			}
		}
		if u == nil || u.delegates || s.unitStreams(u) {
			continue // middleware, or a long-lived stream (WebSocket, SSE)
		}
		if starts := s.unitStarts(u); starts || c.traced {
			if c.all {
				*out = append(*out, item{fn: f, route: c.route, fw: c.fw, regPos: c.regPos, traced: true, how: coveredBy(starts, c.how)})
			}
			continue
		}
		*out = append(*out, item{fn: f, route: c.route, fw: c.fw, regPos: c.regPos})
	}
	for _, sv := range n.svcs {
		if !c.traced {
			*out = append(*out, s.serviceItems(sv, c)...)
		} else if c.all {
			*out = append(*out, covered(s.serviceItems(sv, c), c.how)...)
		}
	}
	for _, r := range n.ext {
		rt := c.route // a handler registered here
		if r.Route != "" {
			rt = joinRoute(c.base, r.Route) // a route of a router built elsewhere
		}
		if s.exempt(rt) || rt == "" && s.exemptName(r.Name) {
			continue
		}
		r.Route = rt
		if r.Kind == "" {
			r.Kind = string(c.fw)
		}
		*out = append(*out, item{ref: r, pos: n.extPos, regPos: c.regPos, route: rt, fw: traceapi.Framework(r.Kind), traced: c.traced, how: c.how})
	}
}

func joinRoute(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	// Go 1.22 patterns: "GET /x" under a prefix keeps the method first.
	if m, p, ok := strings.Cut(b, " "); ok && strings.HasPrefix(p, "/") {
		return m + " " + strings.TrimSuffix(a, "/") + p
	}
	return strings.TrimSuffix(a, "/") + "/" + strings.TrimPrefix(b, "/")
}

// exempt reports whether route matches rules.spanrequired.exempt_routes.
func (s *state) exempt(route string) bool {
	if route == "" {
		return false
	}
	path := route
	if _, p, ok := strings.Cut(route, " "); ok { // "GET /healthz"
		path = strings.TrimSpace(p)
	}
	if i := strings.Index(path, "/"); i > 0 { // host patterns
		path = path[i:]
	}
	trimmed := strings.TrimSuffix(path, "/")
	for _, e := range s.pol.Rules.SpanRequired.ExemptRoutes {
		if e == "" {
			continue
		}
		et := strings.TrimSuffix(e, "/")
		if path == e || trimmed == et || strings.HasSuffix(trimmed, et) && strings.HasPrefix(et, "/") {
			return true
		}
		if strings.HasSuffix(e, "/") && strings.Contains(path+"/", e) {
			return true
		}
	}
	return false
}

// exemptName reports whether a handler whose route is not known statically
// is named after an exempt route (healthHandler, (*Server).readyz,
// servePprof): the route is then most likely exempt too.
func (s *state) exemptName(name string) bool {
	if strings.HasPrefix(name, "func literal") {
		return false
	}
	words := nameWords(name)
	for _, e := range s.pol.Rules.SpanRequired.ExemptRoutes {
		for _, seg := range strings.Split(strings.Trim(e, "/"), "/") {
			seg = strings.ToLower(strings.TrimRight(seg, "z"))
			if len(seg) < 4 {
				continue
			}
			for _, w := range words {
				if strings.HasPrefix(w, seg) { // health, healthz, liveness, readyz; not deliver
					return true
				}
			}
		}
	}
	return false
}

// nameWords splits an identifier into lower-case words at camelCase
// boundaries and non-letters: "Server.serveHealthz" -> server serve healthz.
func nameWords(name string) []string {
	var words []string
	cur := []rune{}
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	for _, r := range name {
		switch {
		case r >= 'A' && r <= 'Z':
			flush()
			cur = append(cur, r)
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return words
}
