package apitest

import (
	"errors"
	"fmt"
	"go/types"

	"github.com/obscheck/obscheck/internal/funcname"
)

// Pred is what a table says an argument or result is.
type Pred struct {
	What string // for messages: "a string"
	// Fits reports whether a value of type t fits; variadic is true when
	// t is the element type of a variadic parameter.
	Fits func(t types.Type, variadic bool) bool
}

// Arg returns the type of argument i of a call of sig (-1: the last
// parameter); for an index at or past a variadic parameter it is the
// element type, and variadic is true.
func Arg(sig *types.Signature, i int) (t types.Type, variadic bool, err error) {
	params := sig.Params()
	n := params.Len()
	if i == -1 {
		i = n - 1
	}
	switch {
	case i < 0 || n == 0:
		return nil, false, fmt.Errorf("argument %d: the function has parameters %s", i, params)
	case sig.Variadic() && i >= n-1:
		return params.At(n - 1).Type().(*types.Slice).Elem(), true, nil
	case i >= n:
		return nil, false, fmt.Errorf("argument %d: the function has %d parameters %s", i, n, params)
	}
	return params.At(i).Type(), false, nil
}

// ArgIs is a Check: argument i of the function (-1: the last) exists and
// fits every pred.
func ArgIs(i int, preds ...Pred) func(types.Object) error {
	return func(obj types.Object) error {
		sig, err := Signature(obj)
		if err != nil {
			return err
		}
		t, variadic, err := Arg(sig, i)
		if err != nil {
			return err
		}
		for _, p := range preds {
			if !p.Fits(t, variadic) {
				v := ""
				if variadic {
					v = "..."
				}
				return fmt.Errorf("argument %d is %s%s, not %s", i, v, t, p.What)
			}
		}
		return nil
	}
}

// ResultIs is a Check: result i of the function exists and fits pred.
func ResultIs(i int, pred Pred) func(types.Object) error {
	return func(obj types.Object) error {
		sig, err := Signature(obj)
		if err != nil {
			return err
		}
		res := sig.Results()
		if i >= res.Len() {
			return fmt.Errorf("result %d: the function returns %s", i, res)
		}
		if t := res.At(i).Type(); !pred.Fits(t, false) {
			return fmt.Errorf("result %d is %s, not %s", i, t, pred.What)
		}
		return nil
	}
}

// Method is a Check: the function is a method.
func Method(obj types.Object) error {
	sig, err := Signature(obj)
	if err != nil {
		return err
	}
	if sig.Recv() == nil {
		return errors.New("not a method")
	}
	return nil
}

// All is a Check passing when every check (nil ones are skipped) passes;
// it returns the first error.
func All(checks ...func(types.Object) error) func(types.Object) error {
	return func(obj types.Object) error {
		for _, c := range checks {
			if c == nil {
				continue
			}
			if err := c(obj); err != nil {
				return err
			}
		}
		return nil
	}
}

// ObjectType is a Check on a field, variable or type: its type fits pred.
func ObjectType(pred Pred) func(types.Object) error {
	return func(obj types.Object) error {
		if t := obj.Type(); !pred.Fits(t, false) {
			return fmt.Errorf("is %s, not %s", t, pred.What)
		}
		return nil
	}
}

func basic(t types.Type, info types.BasicInfo) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&info != 0
}

// Predicates of the argument kinds tables point at.
var (
	// String: a (non-variadic) string, or a named type whose underlying type is string.
	String = Pred{"a string", func(t types.Type, v bool) bool { return !v && basic(t, types.IsString) }}
	// VarStrings: ...string (label values).
	VarStrings = Pred{"...string", func(t types.Type, v bool) bool { return v && basic(t, types.IsString) }}
	// StringList: a list of strings: []string, a named slice of strings,
	// or an interface (prometheus.ConstrainableLabels) such lists implement.
	StringList = Pred{"a list of strings", func(t types.Type, v bool) bool {
		if v {
			return false
		}
		switch u := t.Underlying().(type) {
		case *types.Slice:
			return basic(u.Elem(), types.IsString) || isStruct(u.Elem())
		case *types.Interface:
			return !u.Empty()
		}
		return false
	}}
	// Integer: an integer (a status code, an index).
	Integer = Pred{"an integer", func(t types.Type, v bool) bool { return !v && basic(t, types.IsInteger) }}
	// Callback: a function value (a callback, a handler function type).
	Callback = Pred{"a function", func(t types.Type, _ bool) bool {
		_, ok := t.Underlying().(*types.Signature)
		return ok
	}}
	// Handler: a function or a non-empty interface (http.Handler).
	Handler = Pred{"a handler (function or interface)", func(t types.Type, _ bool) bool {
		switch u := t.Underlying().(type) {
		case *types.Signature:
			return true
		case *types.Interface:
			return !u.Empty()
		}
		return false
	}}
	// Chan: a channel.
	Chan = Pred{"a channel", func(t types.Type, v bool) bool {
		_, ok := t.Underlying().(*types.Chan)
		return ok && !v
	}}
	// Variadic: the argument is the variadic parameter.
	Variadic = Pred{"variadic", func(_ types.Type, v bool) bool { return v }}
	// Single: the argument is not the variadic parameter.
	Single = Pred{"a single argument", func(_ types.Type, v bool) bool { return !v }}
	// Error: the error interface.
	Error = Pred{"an error", func(t types.Type, v bool) bool {
		return !v && types.Identical(t, types.Universe.Lookup("error").Type())
	}}
	// Bool: a boolean.
	Bool = Pred{"a bool", func(t types.Type, v bool) bool { return !v && basic(t, types.IsBoolean) }}
	// Slice: a slice (a struct field ranged over).
	Slice = Pred{"a slice", func(t types.Type, _ bool) bool {
		_, ok := t.Underlying().(*types.Slice)
		return ok
	}}
	// Interface: an interface type.
	Interface = Pred{"an interface", func(t types.Type, _ bool) bool { return types.IsInterface(t) }}
)

func isStruct(t types.Type) bool {
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

// Named: the named type qualified ("pkg/path.Name", "*pkg/path.Name"), as
// funcname.TypeIs reads it.
func Named(qualified string) Pred {
	return Pred{qualified, func(t types.Type, _ bool) bool { return funcname.TypeIs(t, qualified) }}
}

// Either fits when one of preds does.
func Either(preds ...Pred) Pred {
	what := ""
	for i, p := range preds {
		if i > 0 {
			what += " or "
		}
		what += p.What
	}
	return Pred{what, func(t types.Type, v bool) bool {
		for _, p := range preds {
			if p.Fits(t, v) {
				return true
			}
		}
		return false
	}}
}
