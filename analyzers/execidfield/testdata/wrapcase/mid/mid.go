// Package mid wraps logx.Fail: a wrapper two levels deep across packages.
package mid

import "example.com/eid/wrapcase/logx"

func Oops(msg string, kv ...any) { logx.Fail(msg, kv...) }
