package spanrequired

import (
	"go/ast"
	"go/types"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
)

// Message-subscribe wrappers: a function of the module that passes its
// parameter as the handler of a subscription (func (b *Bus)
// Subscribe(subject string, h nats.MsgHandler) { b.nc.Subscribe(subject,
// h) }) is a subscription itself; so is the method of a local interface
// whose implementations in the package all are. A subscribes fact carries
// it to other packages, as x/tools' printf carries printf wrappers.

// subscribeWrapper records the enclosing function as a wrapper when the
// subscription's handler (and subject) are its parameters, and reports
// whether it did.
func (s *state) subscribeWrapper(call *ast.CallExpr, sub traceapi.Subscription, d *ast.FuncDecl) bool {
	if d == nil {
		return false
	}
	fn, ok := s.info.Defs[d.Name].(*types.Func)
	if !ok {
		return false
	}
	h := s.paramIndex(fn, call.Args[sub.Handler])
	if h < 0 {
		return false
	}
	w := traceapi.Subscription{Subject: -1, Handler: h}
	if sub.Subject >= 0 && sub.Subject < len(call.Args) {
		w.Subject = s.paramIndex(fn, call.Args[sub.Subject])
	}
	s.subWrappers[fn] = w
	return true
}

// paramIndex returns the index of the parameter of fn that e denotes, or -1.
func (s *state) paramIndex(fn *types.Func, e ast.Expr) int {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return -1
	}
	v, ok := s.info.Uses[id].(*types.Var)
	if !ok {
		return -1
	}
	ps := fn.Signature().Params()
	for i := 0; i < ps.Len(); i++ {
		if ps.At(i) == v {
			return i
		}
	}
	return -1
}

func (s *state) importedSubscribes(fn *types.Func) (traceapi.Subscription, bool) {
	if fn == nil || fn.Pkg() == nil || fn.Pkg() == s.pass.Pkg || !s.sameModule(fn.Pkg()) {
		return traceapi.Subscription{}, false
	}
	var f subscribes
	if !s.pass.ImportObjectFact(fn, &f) {
		return traceapi.Subscription{}, false
	}
	return traceapi.Subscription{Subject: f.Subject, Handler: f.Handler}, true
}

// localSubscriptions turns calls of the package's own wrappers into
// subscriptions (or, inside another wrapper, into a wrapper), and gives
// local interface methods implemented only by wrappers the same meaning.
func (s *state) localSubscriptions() {
	for round := 0; round < 4; round++ {
		s.interfaceWrappers()
		grew := false
		for i, c := range s.calls {
			w, ok := s.subWrappers[c.fn]
			if !ok || s.subDone[i] || w.Handler >= len(c.call.Args) {
				continue
			}
			s.subDone[i] = true
			grew = true
			if s.subscribeWrapper(c.call, w, c.decl) {
				continue
			}
			subj := ""
			if w.Subject >= 0 && w.Subject < len(c.call.Args) {
				subj = s.str(c.call.Args[w.Subject])
			}
			s.subs = append(s.subs, subRec{c.call, subj, c.call.Args[w.Handler]})
		}
		if !grew {
			return
		}
	}
}

// interfaceWrappers marks the methods of the package's interfaces whose
// implementations in the package are all subscribe wrappers.
func (s *state) interfaceWrappers() {
	if len(s.subWrappers) == 0 {
		return
	}
	sc := s.pass.Pkg.Scope()
	for _, n := range sc.Names() {
		tn, ok := sc.Lookup(n).(*types.TypeName)
		if !ok {
			continue
		}
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok || iface.NumMethods() == 0 {
			continue
		}
		for i := 0; i < iface.NumMethods(); i++ {
			m := iface.Method(i)
			if _, done := s.subWrappers[m]; done {
				continue
			}
			var w *traceapi.Subscription
			all := true
			for _, n2 := range sc.Names() {
				impl, ok := sc.Lookup(n2).(*types.TypeName)
				if !ok || types.IsInterface(impl.Type()) {
					continue
				}
				t := types.Type(impl.Type())
				if !types.Implements(t, iface) {
					t = types.NewPointer(t)
					if !types.Implements(t, iface) {
						continue
					}
				}
				obj, _, _ := types.LookupFieldOrMethod(t, true, s.pass.Pkg, m.Name())
				fn, ok := obj.(*types.Func)
				sw, isW := s.subWrappers[fn]
				if !ok || !isW || w != nil && *w != sw {
					all = false
					break
				}
				w = &sw
			}
			if all && w != nil {
				s.subWrappers[m] = *w
			}
		}
	}
}
