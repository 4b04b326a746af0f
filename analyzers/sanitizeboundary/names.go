package sanitizeboundary

import (
	"go/ast"
	"go/types"
	"strings"
	"unicode"

	"github.com/obscheck/obscheck/internal/apis/sensitive"
)

// The name of a secret is not the secret. A value that names or
// references a credential object — the name of a Kubernetes Secret, a
// SecretRef, a list of secret names, the key a secret is looked up by — is
// logged to say which secret failed; the value read out of the secret (its
// Data, a Password field, a token from a header) is the credential.
// Judged by types and provenance: the value's type (a *Reference, *Ref,
// *Selector or NamespacedName), the words of the variable or field it
// reads (SecretName, secretRef, RootCAsSecrets []string), the collection
// it was ranged from, and whether the function looks a secret up by it.

// namesCredential reports whether e names or references a credential
// object rather than holding one.
func (c *checker) namesCredential(e ast.Expr) bool {
	e = ast.Unparen(e)
	if refType(c.typeOf(e)) {
		return true
	}
	switch x := e.(type) {
	case *ast.Ident:
		if v, ok := c.info.Uses[x].(*types.Var); ok && c.nameVars[v] {
			return true
		}
		if refName(x.Name, c.typeOf(x)) {
			return true
		}
	case *ast.SelectorExpr:
		if refName(x.Sel.Name, c.typeOf(x)) || refType(c.typeOf(x.X)) {
			return true // cfg.SecretName, cfg.SecretRef.Name
		}
	case *ast.IndexExpr:
		if _, ok := under(c.typeOf(x.X)).(*types.Slice); ok && c.namesCredential(x.X) {
			return true // names[i]
		}
	}
	if c.lookupKeys == nil {
		c.scanLookups(c.funcBody) // on first use: most functions never ask
	}
	return c.lookupKeys[types.ExprString(e)]
}

// refType: a reference to an object (corev1.SecretReference,
// SecretKeySelector, types.NamespacedName), or a slice of them.
func refType(t types.Type) bool {
	for i := 0; i < 3 && t != nil; i++ {
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
			continue
		}
		if s, ok := t.(*types.Slice); ok {
			t = s.Elem()
			continue
		}
		break
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj() == nil {
		return false
	}
	name := n.Obj().Name()
	for _, s := range sensitive.ReferenceTypeSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// refName: a variable or field named for a credential's name or
// reference (SecretName, secret_ref, tokenID), or a []string of credential
// objects' names (RootCAsSecrets).
func refName(name string, t types.Type) bool {
	words := splitWords(name)
	if len(words) < 2 {
		return false
	}
	last := strings.ToLower(words[len(words)-1])
	noun := false
	for _, w := range words[:len(words)-1] {
		if sensitive.CredentialNouns[strings.ToLower(w)] {
			noun = true
		}
	}
	if noun && sensitive.ReferenceWords[last] {
		return true
	}
	if s, ok := under(t).(*types.Slice); ok && isStringType(s.Elem()) {
		return sensitive.CredentialObjectLists[last]
	}
	return false
}

func under(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}

// splitWords splits an identifier at '_' and at lower-to-upper case
// changes: RootCAsSecrets -> Root CAs Secrets, secret_name -> secret name.
func splitWords(s string) []string {
	var out []string
	start := 0
	rs := []rune(s)
	for i := 1; i <= len(rs); i++ {
		if i == len(rs) || rs[i] == '_' || unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i-1]) {
			if w := strings.Trim(string(rs[start:i]), "_"); w != "" {
				out = append(out, w)
			}
			start = i
		}
	}
	return out
}

// scanLookups records, for the function being entered, the expressions
// it looks a credential object up by: a map's index, an argument of a call
// that returns or fills a Secret, the Name of a NamespacedName literal.
func (c *checker) scanLookups(body *ast.BlockStmt) {
	c.lookupKeys = map[string]bool{}
	if body == nil {
		return
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IndexExpr:
			if _, ok := under(c.typeOf(n.X)).(*types.Map); ok && stringish(c.typeOf(n.Index)) {
				if c.secretObject(c.typeOf(n)) {
					c.lookupKeys[types.ExprString(n.Index)] = true
				}
			}
		case *ast.CallExpr:
			if !c.fetchesSecret(n) {
				return true
			}
			for _, a := range n.Args {
				if t := c.typeOf(a); t != nil && stringish(t) {
					c.lookupKeys[types.ExprString(a)] = true
				}
			}
		case *ast.CompositeLit:
			if refType(c.typeOf(n)) {
				for _, el := range n.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						c.lookupKeys[types.ExprString(kv.Value)] = true
					}
				}
			}
		}
		return true
	})
}

// fetchesSecret: a call returning a secret object, or given one to fill
// (client.Get(ctx, key, &secret)).
func (c *checker) fetchesSecret(call *ast.CallExpr) bool {
	t := c.typeOf(call)
	if tup, ok := t.(*types.Tuple); ok {
		for i := 0; i < tup.Len(); i++ {
			if c.secretObject(tup.At(i).Type()) {
				return true
			}
		}
	} else if c.secretObject(t) {
		return true
	}
	for _, a := range call.Args {
		if _, ok := under(c.typeOf(a)).(*types.Pointer); ok && c.secretObject(c.typeOf(a)) {
			return true
		}
	}
	return false
}

// secretObject: a credential object type (a Kubernetes Secret), by name,
// through pointers.
func (c *checker) secretObject(t types.Type) bool {
	if p, ok := under(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj() != nil && sensitive.SecretObjects[n.Obj().Name()] != nil
}
