package generic

import "net/http"

// HG is a generic handler.
type HG[T any] struct{ v T }

func (h *HG[T]) ServeHTTP(w http.ResponseWriter, r *http.Request) {} // want `handler HG.ServeHTTP serves /hg without a span` ServeHTTP:"noSpan"

func gh[T any](w http.ResponseWriter, r *http.Request) {} // want `handler gh serves /f without a span`

func Main() {
	http.Handle("/hg", &HG[int]{})
	http.HandleFunc("/f", gh[int])
	http.ListenAndServe(":8080", nil)
}
