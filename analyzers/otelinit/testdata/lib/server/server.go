// Package server serves the API.
package server

import "net/http"

// Run serves h on addr.
func Run(addr string, h http.Handler) error { // want Run:`inits=false serves=\[HTTP\]`
	srv := &http.Server{Addr: addr, Handler: h}
	return srv.ListenAndServe()
}
