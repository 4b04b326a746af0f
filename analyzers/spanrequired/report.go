package spanrequired

// Reporting handlers, at their declaration or where their router is served.

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/obscheck/obscheck/internal/apis/traceapi"
	"github.com/obscheck/obscheck/internal/report"
	"golang.org/x/tools/go/analysis"
)

func (s *state) reportItems(items []item, servePos token.Pos) {
	for _, it := range items {
		s.recordItem(it, servePos)
		if it.traced {
			continue
		}
		if it.fn != nil {
			s.reportFunc(it.fn, it.route, it.fw, it.regPos, servePos)
			continue
		}
		pos := it.pos
		if pos == token.NoPos {
			pos = servePos
		}
		key := fmt.Sprint(pos, it.ref.Name, it.ref.Decl, it.route)
		if s.reportedExt[key] {
			continue
		}
		s.reportedExt[key] = true
		name := it.ref.Name
		if it.ref.Kind == gatewayService {
			d := analysis.Diagnostic{
				Pos:     pos,
				Message: fmt.Sprintf("gRPC-gateway service %s answers HTTP requests without a span: wrap the gateway mux with otelhttp.NewHandler where it is served", name),
			}
			if it.ref.Reg != report.PositionOf(s.pass.Fset, pos) {
				d.Related = s.r.Related(it.ref.Reg, "service "+name+" is registered here")
			}
			if servePos != token.NoPos && servePos != pos {
				d.Related = append(d.Related, report.RelatedHere(servePos, "served here")...)
			}
			s.r.Report(d)
			continue
		}
		// The handler and its registration are in another package: they
		// are related locations, never part of the message, so the
		// finding keeps its identity when lines move there.
		related := s.r.Related(it.ref.Decl, "handler "+name+" is declared here")
		if it.ref.Reg.IsValid() {
			related = append(related, s.r.Related(it.ref.Reg, "handler "+name+" is registered here")...)
		} else if it.regPos != token.NoPos && it.regPos != pos {
			related = append(related, report.RelatedHere(it.regPos, "handler "+name+" is registered here")...)
		}
		s.r.Report(analysis.Diagnostic{
			Pos:     pos,
			Message: fmt.Sprintf("handler %s %s without a span: %s", name, serves(it.fw, it.route), hint(it.fw, spanName(name, it.route))),
			Related: related,
		})
	}
}

func serves(fw traceapi.Framework, route string) string {
	switch fw {
	case fwMessage, traceapi.WaterF:
		if route == "" {
			return "consumes messages"
		}
		return "consumes " + route
	case fwGRPC:
		return "serves gRPC method " + route
	case traceapi.ConnectF:
		if route != "" {
			return "serves connect procedure " + route
		}
	}
	if route == "" {
		return "serves requests"
	}
	return "serves " + route
}

const (
	fwMessage traceapi.Framework = "message"
	fwGRPC    traceapi.Framework = "grpc"
)

func hint(fw traceapi.Framework, name string) string {
	switch fw {
	case fwGRPC:
		return fmt.Sprintf("start one with tracer.Start(ctx, %q) or create the server with grpc.StatsHandler(otelgrpc.NewServerHandler())", name)
	case fwMessage:
		return fmt.Sprintf("start one per message with tracer.Start(ctx, %q)", name)
	}
	if l := traceapi.ByFramework(fw); l != nil && l.Hint != "" {
		return fmt.Sprintf(l.Hint, name)
	}
	return fmt.Sprintf(traceapi.NetHTTPLib.Hint, name)
}

// spanName suggests a span name: the function's name, or for a literal
// its route (else the enclosing function's name).
func spanName(name, route string) string {
	if rest, ok := strings.CutPrefix(name, "func literal"); ok {
		if route != "" {
			return route
		}
		if rest = strings.TrimPrefix(rest, " in "); rest != "" {
			return rest
		}
	}
	return name
}

// funcInfo returns the position and display name of a handler.
func (s *state) funcInfo(f *hfunc) (token.Pos, string) {
	switch d := f.fn.(type) {
	case *ast.FuncDecl:
		if fn, ok := s.info.Defs[d.Name].(*types.Func); ok {
			return d.Name.Pos(), funcDisplayName(fn)
		}
		return d.Name.Pos(), d.Name.Name
	case *ast.FuncLit:
		if o := s.litOwner[d]; o != nil {
			name := o.Name.Name
			if fn, ok := s.info.Defs[o.Name].(*types.Func); ok {
				name = funcDisplayName(fn)
			}
			return d.Pos(), "func literal in " + name
		}
		return d.Pos(), "func literal"
	}
	return token.NoPos, ""
}

// reportFunc reports a handler of this package at its declaration; where
// it is registered and served are related locations.
func (s *state) reportFunc(f *hfunc, route string, fw traceapi.Framework, regPos, servePos token.Pos) {
	pos, name := s.funcInfo(f)
	if pos == token.NoPos || s.reported[pos] {
		return
	}
	s.reported[pos] = true
	if fw == "" {
		fw = traceapi.HTTP
	}
	sn := spanName(name, route)
	who := "handler"
	if fw == fwMessage || fw == traceapi.WaterF {
		who = "message handler"
	}
	d := analysis.Diagnostic{
		Pos:     pos,
		Message: fmt.Sprintf("%s %s %s without a span: %s", who, name, serves(fw, route), hint(fw, sn)),
	}
	if regPos != token.NoPos {
		d.Related = append(d.Related, report.RelatedHere(regPos, "registered here")...)
	}
	if servePos != token.NoPos && servePos != regPos {
		d.Related = append(d.Related, report.RelatedHere(servePos, "served here")...)
	}
	if fix := s.fix(f, sn, fw); fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	s.r.Report(d)
}

func (s *state) reportEntries() {
	for _, d := range s.entries {
		s.recordEntry(d)
		if s.unitStarts(s.units[d]) {
			continue
		}
		pos, name := s.funcInfo(&hfunc{fn: d})
		if s.reported[pos] {
			continue
		}
		s.reported[pos] = true
		s.r.Reportf(pos, "entry point %s runs without a span: start one with tracer.Start(ctx, %q)", name, name)
	}
}

// suppressedHere reports whether a directive at pos suppresses this rule;
// the suppression is then recorded as used (through the reporter, which
// drops the finding), so a handler declared here and served elsewhere can
// be suppressed at its declaration.
func (s *state) suppressedHere(pos token.Pos) bool {
	ix := s.r.Directives()
	if ix == nil || ix.Suppressing(Name, pos) == nil {
		return false
	}
	if !s.reported[pos] {
		s.reported[pos] = true
		s.r.Report(analysis.Diagnostic{Pos: pos, Message: "suppressed handler"})
	}
	return true
}
