package metricapi

import (
	"go/ast"
	"go/types"
)

// A Desc can be built only to validate label names: the const metric made
// from it is dropped and only its error is looked at
//
//	desc := prometheus.NewDesc("test_desc", "validation", []string{name}, nil)
//	_, err := prometheus.NewConstMetric(desc, prometheus.CounterValue, 1, name)
//
// Nothing of it is ever exported, so it is not a metric to judge.

// ThrowAway reports whether d is never exported: a const metric whose
// value is discarded, or a Desc held in a local variable used only by
// such const metrics.
func (m *Model) ThrowAway(d *Definition) bool {
	if d == nil || m.files == nil || d.Via != nil {
		return false
	}
	switch d.Style {
	case StyleConst:
		return m.throwAway().dropped[d.Call]
	case StyleDesc:
		t := m.throwAway()
		v := t.descVar[d.Call]
		if v == nil {
			return false
		}
		uses := t.uses[v]
		if len(uses) == 0 {
			return false
		}
		for _, id := range uses {
			c := t.descArg[id]
			if c == nil || !t.dropped[c] {
				return false
			}
		}
		return true
	}
	return false
}

type throwAway struct {
	dropped map[*ast.CallExpr]bool       // const metrics whose value is discarded
	descVar map[*ast.CallExpr]*types.Var // NewDesc calls assigned to a local
	descArg map[*ast.Ident]*ast.CallExpr // identifiers passed as a const metric's Desc
	uses    map[*types.Var][]*ast.Ident  // uses of those locals
}

// throwAway indexes the package once, on the first Desc or const metric.
func (m *Model) throwAway() *throwAway {
	if m.thrown != nil {
		return m.thrown
	}
	t := &throwAway{dropped: map[*ast.CallExpr]bool{}, descVar: map[*ast.CallExpr]*types.Var{},
		descArg: map[*ast.Ident]*ast.CallExpr{}, uses: map[*types.Var][]*ast.Ident{}}
	m.thrown = t
	isConst := func(c *ast.CallExpr) bool {
		s, ok := m.Spec(c)
		return ok && s.Style == StyleConst
	}
	for _, f := range m.files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ExprStmt:
				if c, ok := ast.Unparen(n.X).(*ast.CallExpr); ok && isConst(c) {
					t.dropped[c] = true
				}
			case *ast.AssignStmt:
				if len(n.Rhs) != 1 {
					break
				}
				c, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
				if !ok {
					break
				}
				if id, ok := n.Lhs[0].(*ast.Ident); ok && id.Name == "_" && isConst(c) {
					t.dropped[c] = true
				}
				if s, ok := m.Spec(c); ok && s.Style == StyleDesc && len(n.Lhs) == 1 {
					if id, ok := n.Lhs[0].(*ast.Ident); ok {
						if v, ok := m.Info.Defs[id].(*types.Var); ok && v.Parent() != nil && v.Pkg() != nil && v.Parent() != v.Pkg().Scope() {
							t.descVar[c] = v
						}
					}
				}
			case *ast.CallExpr:
				if len(n.Args) > 0 && isConst(n) {
					if id, ok := ast.Unparen(n.Args[0]).(*ast.Ident); ok {
						t.descArg[id] = n
					}
				}
			}
			return true
		})
	}
	for _, v := range t.descVar {
		t.uses[v] = nil
	}
	if len(t.uses) > 0 {
		for id, obj := range m.Info.Uses {
			if v, ok := obj.(*types.Var); ok {
				if _, want := t.uses[v]; want {
					t.uses[v] = append(t.uses[v], id)
				}
			}
		}
	}
	return t
}
