// Package stats has the same shape as health: reported.
package stats

import "net/http"

type Handler struct{}

func NewHandler() http.Handler { return &Handler{} } // want NewHandler:"router\\(1 handlers, 0 params\\)"

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {} // want ServeHTTP:"noSpan"
