package main

import "log/slog"

func init() {
	slog.Error("ok: init runs outside any execution")
}

func main() {
	slog.Error("ok: main runs outside any execution")
	func() {
		slog.Error("ok: closures inside main too")
	}()
	run()
}

func run() {
	slog.Error("run is not excluded") // want `slog ERROR log without`
}
