// Package errs holds no span: its client-error wrappers are still learnt,
// for the packages that return them.
package errs

import (
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Validation is an InvalidArgument status.
func Validation(err error) error { // want Validation:`client`
	return status.Error(codes.InvalidArgument, err.Error())
}

// Twice wraps the wrapper.
func Twice(err error) error { return Validation(err) } // want Twice:`client`

// ErrQuota is a server-side failure: not an outcome.
var ErrQuota = status.Error(codes.Unavailable, "quota")
