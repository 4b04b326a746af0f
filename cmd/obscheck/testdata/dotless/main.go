package main

import (
	"log/slog"
	"net/http"
)

func orders(w http.ResponseWriter, r *http.Request) {
	slog.Error("no id here")
}

func main() {
	http.HandleFunc("/orders", orders)
	http.ListenAndServe(":8080", nil)
}
