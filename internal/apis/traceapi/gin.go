package traceapi

// Gin is the import path of gin (v1.12.0).
const Gin = "github.com/gin-gonic/gin"

var (
	ginVerbs  = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "Any"}
	ginGroup  = "(*" + Gin + ".RouterGroup)"
	ginRoutes = "(" + Gin + ".IRoutes)"
)

// GinLib is gin: (path, handlers...) on *RouterGroup (promoted to
// *Engine) and the IRoutes/IRouter interfaces; the last handler is the
// endpoint, the others middleware.
var GinLib = Lib{
	Bad: `r := gin.New()
r.GET("/users", listUsers) // handler listUsers serves /users without a span
r.Run(":8080")`,
	Good: `r := gin.New()
r.Use(otelgin.Middleware("api"))
r.GET("/users", listUsers)
r.Run(":8080")`,
	Name:      "gin",
	Modules:   []string{"github.com/gin-gonic"},
	Framework: GinF,
	Handlers:  []HandlerSig{{Params: []string{"*" + Gin + ".Context"}}},
	Hint:      "start one with tracer.Start(c.Request.Context(), %q) or install otelgin.Middleware on the router",

	Middleware:  []string{Otelgin + ".Middleware"}, // gin.HandlerFunc
	RouterTypes: names(Gin, "Engine", "RouterGroup", "IRouter", "IRoutes"),
	Registrations: join(
		methods(ginGroup, ginVerbs, Registration{Route: 0, Handler: -1, Mw: BeforeHandler, Framework: GinF}),
		methods(ginRoutes, ginVerbs, Registration{Route: 0, Handler: -1, Mw: BeforeHandler, Framework: GinF}),
		methods(ginGroup, []string{"Handle", "Match"}, Registration{Route: 1, Handler: -1, Mw: BeforeHandler, Framework: GinF}),
		methods(ginRoutes, []string{"Handle", "Match"}, Registration{Route: 1, Handler: -1, Mw: BeforeHandler, Framework: GinF}),
	),
	Uses: []string{ginGroup + ".Use", ginRoutes + ".Use", "(*" + Gin + ".Engine).Use"},
	Derivations: map[string]Derivation{
		ginGroup + ".Group":           {Route: 0, MwFrom: 1},
		"(" + Gin + ".IRouter).Group": {Route: 0, MwFrom: 1},
	},
	ServesReceiver: names("(*"+Gin+".Engine)", "Run", "RunTLS", "RunUnix", "RunListener"),
	Delegations:    []string{"(*" + Gin + ".Context).Next"},
}
