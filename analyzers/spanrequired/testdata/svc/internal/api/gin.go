package api

import (
	"github.com/gin-gonic/gin"
	"go.opentelemetry.io/contrib/instrumentation/github.com/gin-gonic/gin/otelgin"
)

func listOrders(c *gin.Context) {}

func createOrder(c *gin.Context) {}

// NewTracedGin installs otelgin on its own engine.
func NewTracedGin() *gin.Engine { // want NewTracedGin:"wrapsSpan"
	r := gin.New()
	r.Use(otelgin.Middleware("orders")) // leak:tracedgin
	r.GET("/orders", listOrders)        // leak:tracedgin
	r.POST("/orders", createOrder)      // leak:tracedgin
	return r
}

func listInvoices(c *gin.Context) {}

func getInvoice(c *gin.Context) {}

// NewBareGin has no middleware.
func NewBareGin() *gin.Engine { // want NewBareGin:"router\\(2 handlers, 0 params\\)"
	r := gin.New()
	r.GET("/invoices", listInvoices)   // leak:baregin
	r.GET("/invoices/:id", getInvoice) // leak:baregin
	return r
}

// Keeps the import when TestAnalyzer's leak variant drops the tracedgin router.
var _ = otelgin.Middleware
