// Package wsconn is the module's own connection upgrade (a WebSocket
// library fork, say): a streams fact carries it to the handlers.
package wsconn

import (
	"net"
	"net/http"
)

func Upgrade(w http.ResponseWriter, r *http.Request) (net.Conn, error) { // want Upgrade:"streams"
	c, _, err := http.NewResponseController(w).Hijack()
	return c, err
}
