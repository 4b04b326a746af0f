package ginpkg

import (
	"github.com/gin-gonic/gin"
	"go.opentelemetry.io/contrib/instrumentation/github.com/gin-gonic/gin/otelgin"
	"go.opentelemetry.io/otel"
)

func listUsers(c *gin.Context) {} // want `handler listUsers serves /users without a span: start one with tracer.Start\(c.Request.Context\(\), "listUsers"\) or install otelgin.Middleware on the router`

func createOrder(c *gin.Context) {} // want `handler createOrder serves /v1/orders without a span`

func traced(c *gin.Context) { // want traced:"startsSpan"
	_, span := otel.Tracer("gin").Start(c.Request.Context(), "traced")
	defer span.End()
}

func perRoute(c *gin.Context) {}

func health(c *gin.Context) {}

// auth is middleware: it hands on with c.Next.
func auth(c *gin.Context) { c.Next() }

func afterAuth(c *gin.Context) {} // want `handler afterAuth serves /secure without a span`

func Main() {
	r := gin.New()
	r.Use(auth)
	r.GET("/users", listUsers)
	r.GET("/traced", traced)
	r.GET("/per-route", otelgin.Middleware("svc"), perRoute)
	r.GET("/health", health)
	r.GET("/secure", auth, afterAuth)
	v1 := r.Group("/v1")
	v1.POST("/orders", createOrder)
	r.Run(":8080")
}

func tracedRouter(c *gin.Context) {}

func Traced() {
	r := gin.New()
	r.Use(otelgin.Middleware("svc"))
	r.GET("/a", tracedRouter)
	g := r.Group("/v2")
	g.GET("/b", tracedRouter)
	r.Run(":8081")
}

// setupTracing installs tracing on the caller's engine.
func setupTracing(r *gin.Engine) { // want setupTracing:"router\\(0 handlers, 1 params\\)"
	r.Use(otelgin.Middleware("svc"))
}

func viaSetup(c *gin.Context) {}

func TracedBySetup() {
	r := gin.New()
	setupTracing(r)
	r.GET("/setup", viaSetup)
	r.Run(":8082")
}
