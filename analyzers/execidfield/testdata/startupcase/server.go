// Package startupcase: logs outside any execution (start-up, serving,
// shutdown, functional options) are not judged; logs in an execution
// (a request, a message) are, wherever the code is.
package startupcase

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
)

type Server struct {
	log  *slog.Logger
	size int
}

// Run serves: its own lines and those of the closures it starts are
// start-up code.
func Run(ctx context.Context, addr string, log *slog.Logger) error { // want Run:"serves"
	if err := checkAddr(addr, log); err != nil {
		log.Error("bad address", "err", err)
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/x", func(w http.ResponseWriter, r *http.Request) {
		log.Error("handler failed") // want `slog ERROR log without`
	})
	srv := &http.Server{Addr: addr, Handler: mux}
	go func() {
		if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
			log.Error("listen failed", "err", err)
		}
	}()
	<-ctx.Done()
	if err := srv.Shutdown(context.Background()); err != nil {
		log.Warn("shutdown", "err", err)
	}
	return nil
}

// checkAddr is called only from Run: start-up code.
func checkAddr(addr string, log *slog.Logger) error {
	if addr == "" {
		log.Warn("no address, using the default")
	}
	return nil
}

// Shared is called from Run's package-mates and from a handler: judged.
func shared(log *slog.Logger) {
	log.Error("shared") // want `slog ERROR log without`
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	shared(s.log)
	s.log.Error("request failed") // want `slog ERROR log without`
}

// process handles a message (it has a context, and it is not called from
// start-up code): judged.
func (s *Server) process(ctx context.Context, payload []byte) {
	if len(payload) == 0 {
		s.log.WarnContext(ctx, "empty payload") // want `slog WARN log without`
	}
}

func (s *Server) Consume(ctx context.Context, ch <-chan []byte) {
	for p := range ch {
		s.process(ctx, p)
	}
}

// WaitForStop waits for the stop signal: start-up code.
func WaitForStop(log *slog.Logger) { // want WaitForStop:"serves"
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	<-ch
	log.Warn("stopping")
}

// Option configures a Server as it is built.
type Option func(*Server)

// WithSize is a functional option: it runs when the server is built.
func WithSize(n int) Option {
	return func(s *Server) {
		if n > 100 {
			s.log.Warn("size capped to 100", "requested", n)
			n = 100
		}
		s.size = n
	}
}

// Middleware returns a closure taking a request: a handler, judged.
func Middleware(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.Warn("request seen") // want `slog WARN log without`
		next.ServeHTTP(w, r)
	})
}

// Starter is implemented by Server.start, called directly only from Run2
// but through the interface elsewhere: judged.
type Starter interface{ start() }

func (s *Server) start() {
	s.log.Error("start failed") // want `slog ERROR log without`
}

func Run2(s *Server, st Starter) error { // want Run2:"serves"
	s.start()
	st.start()
	return http.ListenAndServe(":0", s)
}

// onEach is used as a value: its callers are not known, judged.
func onEach(log *slog.Logger) {
	log.Error("each") // want `slog ERROR log without`
}

func Run3(log *slog.Logger) error { // want Run3:"serves"
	f := onEach
	f(log)
	return http.ListenAndServe(":0", nil)
}
