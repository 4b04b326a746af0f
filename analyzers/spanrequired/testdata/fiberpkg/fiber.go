package fiberpkg

import (
	"github.com/gofiber/contrib/otelfiber/v2"
	"github.com/gofiber/fiber/v2"
	"go.opentelemetry.io/otel"
)

func listUsers(c *fiber.Ctx) error { return nil } // want `handler listUsers serves /users without a span: start one with tracer.Start\(c.UserContext\(\), "listUsers"\) or install otelfiber.Middleware\(\) with app.Use`

func getOrder(c *fiber.Ctx) error { return nil } // want `handler getOrder serves /api/v1/orders/:id without a span`

func traced(c *fiber.Ctx) error { // want traced:"startsSpan"
	_, span := otel.Tracer("fiber").Start(c.UserContext(), "traced")
	defer span.End()
	return nil
}

func auth(c *fiber.Ctx) error { return c.Next() }

func health(c *fiber.Ctx) error { return nil }

func adminStats(c *fiber.Ctx) error { return nil } // want `handler adminStats serves /admin/stats without a span`

func Main() {
	app := fiber.New()
	app.Use(auth)
	app.Get("/users", listUsers)
	app.Get("/traced", traced)
	app.Get("/health", health)
	api := app.Group("/api")
	v1 := api.Group("/v1")
	v1.Get("/orders/:id", auth, getOrder)
	admin := fiber.New()
	admin.Get("/stats", adminStats)
	app.Mount("/admin", admin)
	app.Listen(":8080")
}

func tracedUsers(c *fiber.Ctx) error { return nil }

func tracedOrders(c *fiber.Ctx) error { return nil }

// Traced installs otelfiber on the app: every route is covered.
func Traced() {
	app := fiber.New()
	app.Use(otelfiber.Middleware())
	app.Get("/users", tracedUsers)
	app.Route("/orders", func(r fiber.Router) {
		r.Get("/", tracedOrders)
	})
	app.Listen(":8081")
}
