package echopkg

import (
	"github.com/labstack/echo/v4"
	"go.opentelemetry.io/contrib/instrumentation/github.com/labstack/echo/otelecho"
	"go.opentelemetry.io/otel"
)

func listUsers(c echo.Context) error { return nil } // want `handler listUsers serves /users without a span: start one with tracer.Start\(c.Request\(\).Context\(\), "listUsers"\) or install otelecho.Middleware on the router`

func traced(c echo.Context) error { // want traced:"startsSpan"
	_, span := otel.Tracer("echo").Start(c.Request().Context(), "traced")
	defer span.End()
	return nil
}

func grouped(c echo.Context) error { return nil } // want `handler grouped serves /admin/stats without a span`

func perRoute(c echo.Context) error { return nil }

func Main() {
	e := echo.New()
	e.GET("/users", listUsers)
	e.GET("/traced", traced)
	e.GET("/per-route", perRoute, otelecho.Middleware("svc"))
	e.GET("/metrics", func(c echo.Context) error { return nil })
	g := e.Group("/admin")
	g.GET("/stats", grouped)
	e.Start(":8080")
}

func underTraced(c echo.Context) error { return nil }

func Traced() {
	e := echo.New()
	e.Use(otelecho.Middleware("svc"))
	e.GET("/a", underTraced)
	e.Start(":8081")
}
