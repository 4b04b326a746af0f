package fiber3pkg

import (
	"github.com/gofiber/fiber/v3"
	"go.opentelemetry.io/otel"
)

func listUsers(c fiber.Ctx) error { return nil } // want `handler listUsers serves /users without a span: start one with tracer.Start\(c.Context\(\), "listUsers"\)`

func getItem(c fiber.Ctx) error { return nil } // want `handler getItem serves /shop/items/:id without a span`

func traced(c fiber.Ctx) error { // want traced:"startsSpan"
	_, span := otel.Tracer("fiber3").Start(c.Context(), "traced")
	defer span.End()
	return nil
}

func Main() {
	app := fiber.New()
	app.Get("/users", listUsers)
	app.Get("/traced", traced)
	app.Route("/shop", func(r fiber.Router) {
		r.Get("/items/:id", getItem)
	})
	app.Listen(":8080")
}

// tracing is the team's own fiber v3 middleware: it starts the span.
func tracing(c fiber.Ctx) error { // want tracing:"startsSpan"
	ctx, span := otel.Tracer("fiber3").Start(c.Context(), c.Path())
	defer span.End()
	c.SetContext(ctx)
	return c.Next()
}

func covered(c fiber.Ctx) error { return nil }

func Traced() {
	app := fiber.New()
	app.Use(tracing)
	app.Get("/covered", covered)
	app.Listen(":8081")
}
