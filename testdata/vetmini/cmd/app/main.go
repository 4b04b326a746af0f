package main

import (
	"context"
	"log/slog"
	"os"

	"example.com/vetmini/work"
)

func main() {
	l := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	if err := work.Handle(context.Background(), l, os.Args[1], os.Getenv("PW")); err != nil {
		os.Exit(1)
	}
}
