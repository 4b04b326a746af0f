package fixes

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"go.opentelemetry.io/otel"
)

var tracer = otel.Tracer("fixes")

func getUser(w http.ResponseWriter, r *http.Request) { // want `handler getUser serves /user without a span`
	w.WriteHeader(http.StatusOK)
}

func ginUser(c *gin.Context) { // want `handler ginUser serves /gin without a span`
	c.Status(http.StatusOK)
}

// span is already declared: no fix.
func hasSpan(w http.ResponseWriter, r *http.Request) { // want `handler hasSpan serves /span without a span`
	span := 1
	_ = span
}

// unnamed request: no fix.
func unnamed(w http.ResponseWriter, _ *http.Request) {} // want `handler unnamed serves /unnamed without a span`

func Main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/user", getUser)
	mux.HandleFunc("/span", hasSpan)
	mux.HandleFunc("/unnamed", unnamed)
	http.ListenAndServe(":8080", mux)

	g := gin.New()
	g.GET("/gin", ginUser)
	g.Run()
}
