package fp20

import (
	"fmt"
	"net/http"

	"example.com/sr/fp20/wsconn"
)

// events streams server-sent events: a long-lived stream, not a request.
func events(w http.ResponseWriter, r *http.Request) { // want events:"streams"
	rc := http.NewResponseController(w)
	for i := 0; i < 3; i++ {
		fmt.Fprintf(w, "data: %d\n\n", i)
		rc.Flush()
	}
}

// socket upgrades through the module's own package.
func socket(w http.ResponseWriter, r *http.Request) { // want socket:"streams"
	conn, err := wsconn.Upgrade(w, r)
	if err == nil {
		conn.Close()
	}
}

// snapshot answers one request: reported.
func snapshot(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "{}") } // want `handler snapshot serves /snapshot without a span`

func Streams() error {
	mux := http.NewServeMux()
	mux.HandleFunc("/events", events)
	mux.HandleFunc("/socket", socket)
	mux.HandleFunc("/snapshot", snapshot)
	return http.ListenAndServe(":8084", mux)
}
