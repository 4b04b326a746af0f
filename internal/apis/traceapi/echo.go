package traceapi

// Echo is the import path of echo (v4.16.0).
const Echo = "github.com/labstack/echo/v4"

var echoVerbs = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE", "Any"}

// EchoLib is echo: (path, h, m...) on *Echo and *Group.
var EchoLib = Lib{
	Bad: `e := echo.New()
e.GET("/users", listUsers)
e.Start(":8080")`,
	Good: `e := echo.New()
e.Use(otelecho.Middleware("api"))
e.GET("/users", listUsers)
e.Start(":8080")`,
	Name:      "echo",
	Modules:   []string{"github.com/labstack"},
	Framework: EchF,
	Handlers:  []HandlerSig{{Params: []string{Echo + ".Context"}, Results: 1}},
	Hint:      "start one with tracer.Start(c.Request().Context(), %q) or install otelecho.Middleware on the router",

	Middleware:  []string{Otelecho + ".Middleware"}, // echo.MiddlewareFunc
	RouterTypes: names(Echo, "Echo", "Group"),
	Registrations: join(
		methods("(*"+Echo+".Echo)", echoVerbs, Registration{Route: 0, Handler: 1, Mw: AfterHandler, Framework: EchF}),
		methods("(*"+Echo+".Group)", echoVerbs, Registration{Route: 0, Handler: 1, Mw: AfterHandler, Framework: EchF}),
		methods("(*"+Echo+".Echo)", []string{"Add", "Match"}, Registration{Route: 1, Handler: 2, Mw: AfterHandler, Framework: EchF}),
		methods("(*"+Echo+".Group)", []string{"Add", "Match"}, Registration{Route: 1, Handler: 2, Mw: AfterHandler, Framework: EchF}),
	),
	Uses: []string{"(*" + Echo + ".Echo).Use", "(*" + Echo + ".Group).Use", "(*" + Echo + ".Echo).Pre"},
	Derivations: map[string]Derivation{
		"(*" + Echo + ".Echo).Group":  {Route: 0, MwFrom: 1},
		"(*" + Echo + ".Group).Group": {Route: 0, MwFrom: 1},
	},
	ServesReceiver: names("(*"+Echo+".Echo)", "Start", "StartTLS", "StartAutoTLS", "StartServer"),
}
