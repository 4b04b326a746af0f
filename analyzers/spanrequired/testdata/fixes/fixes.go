package fixes

import (
	"context"
	"net"
	"net/http"

	"example.com/sr/grpcsvc/pb"
	"github.com/labstack/echo/v4"
	"google.golang.org/grpc"

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

func echoUser(c echo.Context) error { // want `handler echoUser serves /echo without a span`
	return nil
}

func Echo() {
	e := echo.New()
	e.GET("/echo", echoUser)
	e.Start(":8081")
}

type greeter struct{ pb.UnimplementedGreeterServer }

func (greeter) SayHello(ctx context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) { // want `handler greeter.SayHello serves gRPC method Greeter/SayHello without a span`
	return &pb.HelloReply{}, nil
}

// A context parameter with another name is reassigned in place.
func (greeter) SayBye(c context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) { // want `handler greeter.SayBye serves gRPC method Greeter/SayBye without a span`
	return &pb.HelloReply{}, nil
}

func Serve(l net.Listener) {
	s := grpc.NewServer()
	pb.RegisterGreeterServer(s, greeter{})
	s.Serve(l)
}

// A literal inside a function that declares ctx: no fix (the edit would shadow it).
func Closure() {
	ctx := context.Background()
	mux := http.NewServeMux()
	mux.HandleFunc("/closure", func(w http.ResponseWriter, r *http.Request) { // want `handler func literal in Closure serves /closure without a span`
		_ = ctx
	})
	http.ListenAndServe(":8082", mux)
}
