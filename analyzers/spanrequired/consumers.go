package spanrequired

// Message consumers: subscriptions, per-message loops, batches.

import (
	"go/ast"
	"go/types"
	"sort"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/funcname"
	"golang.org/x/tools/go/ast/inspector"
)

type consumerLoop struct {
	loop ast.Node
	fn   *ast.FuncDecl
	ch   types.Object // loopChan: the channel
}

type subRec struct {
	call    *ast.CallExpr
	subject string
	handler ast.Expr
}

// messageChan reports whether t is a channel of messages a consumer
// loop handles one at a time (amqp.Delivery).
func (s *state) messageChan(t types.Type) bool {
	if t == nil {
		return false
	}
	ch, ok := t.Underlying().(*types.Chan)
	if !ok {
		return false
	}
	k, ok := funcname.KeyOf(ch.Elem())
	return ok && messageChans[k]
}

// messageRange reports whether ranging over x handles messages one at a
// time: a channel of messages, or the message field of a receive result
// (out.Messages of sqs.ReceiveMessage).
func (s *state) messageRange(x ast.Expr) bool {
	t := s.info.TypeOf(x)
	if s.messageChan(t) {
		return true
	}
	sel, ok := ast.Unparen(x).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	rt := s.info.TypeOf(sel.X)
	if rt == nil {
		return false
	}
	ptr := ""
	if p, ok := rt.(*types.Pointer); ok {
		rt, ptr = p.Elem(), "*"
	}
	k, ok := funcname.KeyOf(rt)
	return ok && traceapi.MessageRanges[ptr+k.Path+"."+k.Name] == sel.Sel.Name
}

var messageChans = funcname.TypeKeys(traceapi.MessageChans)

// receivedInto reports whether x is a variable holding what a loop
// receiver returned: records := fetches.Records(); for _, r := range
// records is the same loop as ranging over fetches.Records() directly.
func (s *state) receivedInto(x ast.Expr) bool {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := s.info.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	for _, e := range s.varValues[v] {
		if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && traceapi.LoopReceivers[calleeName(s.info, call)] {
			return true
		}
	}
	return false
}

// bookkeeping reports whether a call does not handle a message: a
// builtin, a conversion, the loop's own receive, or a call into a
// traceapi.Bookkeeping package (metrics, strings, the message client).
func (s *state) bookkeeping(call *ast.CallExpr, fn *types.Func, name string) bool {
	if fn == nil {
		if tv, ok := s.info.Types[call.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
			return true
		}
		return false // a function value: unknown work
	}
	if fn.Pkg() == nil || traceapi.LoopReceivers[name] {
		return true // error.Error, the receive itself
	}
	path := fn.Pkg().Path()
	b, ok := s.bookMemo[path]
	if !ok {
		b = traceapi.IsBookkeeping(path)
		s.bookMemo[path] = b
	}
	return b
}

// linkLit marks the units around a trace.Link literal (links =
// append(links, trace.Link{SpanContext: ...})) as linking.
func (s *state) linkLit(cl *ast.CompositeLit, c inspector.Cursor) {
	if !funcname.TypeIs(s.info.TypeOf(cl), traceapi.LinkType) {
		return
	}
	for e := range c.Enclosing(unitTypes...) {
		if u := s.units[e.Node()]; u != nil {
			u.links = true
		}
	}
}

// tracingFlags records the clients whose configuration turns on
// per-message tracing (pubsub.ClientConfig{EnableOpenTelemetryTracing: true}).
func (s *state) tracingFlags(cl *ast.CompositeLit) {
	if len(traceapi.TracingFlags) == 0 {
		return
	}
	t := s.info.TypeOf(cl)
	if t == nil {
		return
	}
	k, ok := funcname.KeyOf(t)
	if !ok {
		return
	}
	for _, el := range cl.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok || !traceapi.TracingFlags[k.Path+"."+k.Name+"."+key.Name] {
			continue
		}
		if tv, ok := s.info.Types[kv.Value]; ok && tv.Value != nil && tv.Value.String() == "true" {
			s.tracedClients[k.Path] = true
		}
	}
}

func (s *state) reportSubs() {
	for _, sub := range s.subs {
		c := walkCtx{fw: fwMessage, route: sub.subject, all: true}
		if fn := callee(s.info, sub.call); fn != nil && fn.Pkg() != nil && s.tracedClients[fn.Pkg().Path()] {
			c.traced, c.how = true, "client" // the client runs every callback in a span
		}
		var items []item
		s.walk(s.resolve(sub.handler), c, map[*node]bool{}, &items)
		kept := items[:0]
		for _, it := range items {
			// A callback that only does bookkeeping or links each
			// message to a batch span is not a per-message handler.
			if it.fn != nil {
				if u := s.units[it.fn.fn]; u != nil && (u.links || !u.handles || s.unitDispatches(u)) {
					continue
				}
			}
			kept = append(kept, it)
		}
		items = kept
		for i := range items {
			items[i].fw = fwMessage
			items[i].route = sub.subject
		}
		s.reportItems(items, sub.call.Pos())
	}
}

func (s *state) reportLoops() {
	loops := append([]consumerLoop(nil), s.loops...)
	for obj := range s.chans {
		loops = append(loops, s.chanLoops[obj]...)
	}
	sort.Slice(loops, func(i, j int) bool { return loops[i].loop.Pos() < loops[j].loop.Pos() })
	for _, l := range loops {
		if l.fn == nil || s.reported[l.loop.Pos()] {
			continue
		}
		// Not a per-message handler: a dispatcher, a loop that starts its
		// span, links each message to a batch span, or only does
		// bookkeeping (metrics, concatenating a bounded read, acking).
		if u := s.units[l.loop]; u == nil || u.delegates || s.unitStarts(u) || u.links || !u.handles || s.unitDispatches(u) {
			s.recordCoveredLoop(l, u)
			continue
		}
		s.reported[l.loop.Pos()] = true
		name := l.fn.Name.Name
		if fn, ok := s.info.Defs[l.fn.Name].(*types.Func); ok {
			name = funcDisplayName(fn)
		}
		if s.startsBefore(s.units[l.fn], l.loop.Pos()) {
			if s.units[l.fn].links {
				s.recordLoop(l, "links")
				continue // a batch span linked to its messages: links count as coverage
			}
			s.recordLoop(l, "")
			s.r.Reportf(l.loop.Pos(), "message loop in %s handles every message in one span started outside the loop: start one per message inside the loop with tracer.Start(ctx, %q)", name, name)
			continue
		}
		s.recordLoop(l, "")
		s.r.Reportf(l.loop.Pos(), "message loop in %s handles each message without a span: start one per message inside the loop with tracer.Start(ctx, %q)", name, name)
	}
}
