// Package grpcsvc returns gRPC status errors and echo responses: only
// server-side failures are error paths.
package grpcsvc

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

var tracer = otel.Tracer("grpcsvc")

func lookup(context.Context, string) (string, bool, error) { return "", false, nil }

type Server struct{}

type Req struct{ ID string }
type Resp struct{ Name string }

// A client's bad request or a missing entity is not the server failing.
func (s *Server) Get(ctx context.Context, req *Req) (*Resp, error) {
	ctx, span := tracer.Start(ctx, "grpcsvc.get")
	defer span.End()
	if req.ID == "" {
		return nil, status.Error(codes.InvalidArgument, "id required")
	}
	name, ok, err := lookup(ctx, req.ID)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "lookup: %v", err) // want `error path leaves span "grpcsvc.get" unmarked`
	}
	if !ok {
		return nil, status.New(codes.NotFound, "no such id").Err()
	}
	if name == "" {
		return nil, status.New(codes.Unavailable, "try again").Err() // want `error path leaves span "grpcsvc.get" unmarked`
	}
	return &Resp{Name: name}, nil
}

// The otelgrpc server span (read, not started, here) is the interceptor's
// to mark from the returned status.
func (s *Server) List(ctx context.Context, req *Req) (*Resp, error) {
	span := trace.SpanFromContext(ctx)
	span.AddEvent("listing")
	if _, _, err := lookup(ctx, req.ID); err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &Resp{}, nil
}

// echo handlers return their response: an error only for a 5xx.
func getUser(c echo.Context) error {
	ctx, span := tracer.Start(c.Request().Context(), "grpcsvc.get_user")
	defer span.End()
	name, ok, err := lookup(ctx, c.Param("id"))
	if err != nil {
		return c.JSON(http.StatusInternalServerError, map[string]string{"error": "lookup"}) // want `error path leaves span "grpcsvc.get_user" unmarked`
	}
	if !ok {
		return echo.NewHTTPError(http.StatusNotFound, "no such user")
	}
	if name == "" {
		return echo.NewHTTPError(http.StatusBadGateway) // want `error path leaves span "grpcsvc.get_user" unmarked`
	}
	return c.JSON(http.StatusOK, map[string]string{"name": name})
}

// otelhttp owns the server span of a wrapped handler.
func routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/u", func(w http.ResponseWriter, r *http.Request) {
		if _, _, err := lookup(r.Context(), "x"); err != nil {
			trace.SpanFromContext(r.Context()).RecordError(err)
			w.WriteHeader(http.StatusInternalServerError)
		}
	})
	return otelhttp.NewHandler(mux, "api")
}

var _ = getUser
var _ = routes
