// Package main starts the server of startupcase: across packages, a
// function calling one that serves (known by fact) is start-up code.
package main

import (
	"context"
	"log/slog"

	"example.com/eid/startupcase"
	"github.com/spf13/cobra"
)

func main() { // want main:"serves"
	root := &cobra.Command{
		Use: "svc",
		RunE: func(cmd *cobra.Command, args []string) error {
			slog.Error("a command's body runs the process")
			return serve(cmd.Context())
		},
	}
	_ = root.Execute()
}

// serve calls startupcase.Run, which serves.
func serve(ctx context.Context) error { // want serve:"serves"
	if err := startupcase.Run(ctx, ":8080", slog.Default()); err != nil {
		slog.Error("server stopped", "err", err)
		return err
	}
	return nil
}

// retry is called by a worker loop that nothing starts from main: judged.
func retry(ctx context.Context) {
	slog.WarnContext(ctx, "retrying") // want `slog WARN log without`
}

func Worker(ctx context.Context) {
	for {
		retry(ctx)
	}
}

// ServeAgain is called by nothing in the package: it is start-up code
// because it calls startupcase.Run, which serves (known by fact).
func ServeAgain(ctx context.Context) { // want ServeAgain:"serves"
	if err := startupcase.Run(ctx, ":8081", slog.Default()); err != nil {
		slog.Error("second server stopped", "err", err)
	}
}
