package policy

import (
	"errors"
	"go/ast"
	"go/parser"
	"regexp"
)

// qualified matches a package-qualified type name as go/types prints it:
// a package path (with dots and slashes) and a name.
var qualified = regexp.MustCompile(`[A-Za-z0-9_.~\-]+(/[A-Za-z0-9_.~\-]+)*\.([A-Za-z_][A-Za-z0-9_]*)`)

// checkSignature reports a rules.spanrequired.handlers entry that is not
// a function type: such an entry would never equal a signature, so the
// handlers it meant to name would silently go unchecked.
func checkSignature(s string) error {
	// Package paths are not Go syntax; stand a plain name in for each so
	// that the rest parses as a function type.
	expr, err := parser.ParseExpr(qualified.ReplaceAllString(s, "p.$2"))
	if err != nil {
		return errors.New("not a Go function type")
	}
	ft, ok := expr.(*ast.FuncType)
	if !ok {
		return errors.New("not a function type (write func(...) ...)")
	}
	for _, list := range []*ast.FieldList{ft.Params, ft.Results} {
		if list == nil {
			continue
		}
		for _, f := range list.List {
			if len(f.Names) > 0 {
				return errors.New("parameter names are not part of the signature; give the types only")
			}
		}
	}
	return nil
}
