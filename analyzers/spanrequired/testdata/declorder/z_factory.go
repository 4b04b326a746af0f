package declorder

import "net/http"

func laterFile() http.HandlerFunc { // want laterFile:"router\\(1 handlers"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}) // want `handler func literal in laterFile serves /file without a span`
}
