package traceapi

// Import paths of fiber v2 (v2.52.9) and v3 (v3.1.0) and their OpenTelemetry
// middleware (otelfiber v2.1.1; v3's contrib/v3/otel is not on the module
// proxy: its names are from its source).
const (
	Fiber     = "github.com/gofiber/fiber/v2"
	Fiber3    = "github.com/gofiber/fiber/v3"
	Otelfiber = "github.com/gofiber/contrib/otelfiber/v2"
)

var fiberVerbs = []string{"Get", "Head", "Post", "Put", "Delete", "Connect", "Options", "Trace", "Patch", "All"}

// fiberLib describes one fiber major version: (path, handlers...) where the
// last handler is the endpoint, on *App, *Group and the Router interface.
// What differs between the versions is passed in: the methods serving the
// app, and the full name of Ctx.Next (v2's Ctx is a struct, v3's an
// interface). Mount is v2's only (FiberLib): v3 has none.
func fiberLib(pkg string, fw Framework, ctx string, mw, listen []string, next string) Lib {
	app, grp, rtr := "(*"+pkg+".App)", "(*"+pkg+".Group)", "("+pkg+".Router)"
	reg := Registration{Route: 0, Handler: -1, Mw: BeforeHandler, Framework: fw}
	add := Registration{Route: 1, Handler: -1, Mw: BeforeHandler, Framework: fw}
	return Lib{
		Name:        "fiber " + pkg[len(pkg)-2:],
		Framework:   fw,
		Handlers:    []HandlerSig{{Params: []string{ctx}, Results: 1}},
		Middleware:  mw,
		RouterTypes: names(pkg, "App", "Group", "Router"),
		Registrations: join(
			methods(app, fiberVerbs, reg), methods(grp, fiberVerbs, reg), methods(rtr, fiberVerbs, reg),
			methods(app, []string{"Add"}, add), methods(grp, []string{"Add"}, add), methods(rtr, []string{"Add"}, add),
		),
		Uses: names3(".Use", app, grp, rtr),
		Derivations: map[string]Derivation{
			app + ".Group": {Route: 0, MwFrom: 1},
			grp + ".Group": {Route: 0, MwFrom: 1},
			rtr + ".Group": {Route: 0, MwFrom: 1},
		},
		RouterCallbacks: map[string]Derivation{
			app + ".Route": {Route: 0, MwFrom: 1},
			grp + ".Route": {Route: 0, MwFrom: 1},
			rtr + ".Route": {Route: 0, MwFrom: 1},
		},
		ServesReceiver: names(app, listen...),
		Delegations:    []string{next},
	}
}

func names3(suffix string, recvs ...string) []string {
	out := make([]string, len(recvs))
	for i, r := range recvs {
		out[i] = r + suffix
	}
	return out
}

// FiberLib is fiber v2 (handlers func(*fiber.Ctx) error).
var FiberLib = func() Lib {
	l := fiberLib(Fiber, FiberF, "*"+Fiber+".Ctx", []string{Otelfiber + ".Middleware", "github.com/gofiber/contrib/otelfiber.Middleware"},
		[]string{"Listen", "ListenTLS", "ListenMutualTLS", "Listener"}, "(*"+Fiber+".Ctx).Next")
	mount := Registration{Route: 0, Handler: 1, Framework: FiberF, Mount: true}
	merge(l.Registrations, methods("(*"+Fiber+".App)", []string{"Mount"}, mount))
	merge(l.Registrations, methods("(*"+Fiber+".Group)", []string{"Mount"}, mount))
	l.Modules = []string{"github.com/gofiber", "github.com/valyala/fasthttp"}
	l.Bad = `app := fiber.New()
app.Get("/users", listUsers) // handler listUsers serves /users without a span
app.Listen(":8080")`
	l.Good = `app := fiber.New()
app.Use(otelfiber.Middleware())
app.Get("/users", listUsers)
app.Listen(":8080")`
	l.Hint = "start one with tracer.Start(c.UserContext(), %q) or install otelfiber.Middleware() with app.Use"
	return l
}()

// Fiber3Lib is fiber v3 (handlers func(fiber.Ctx) error).
var Fiber3Lib = func() Lib {
	l := fiberLib(Fiber3, Fiber3F, Fiber3+".Ctx", []string{"github.com/gofiber/contrib/v3/otel.New", "github.com/gofiber/contrib/v3/otel.Middleware"},
		[]string{"Listen", "Listener"}, "("+Fiber3+".Ctx).Next")
	l.Modules = []string{Fiber3, "github.com/gofiber/contrib/v3"}
	l.Hint = "start one with tracer.Start(c.Context(), %q) or install the contrib otel middleware with app.Use"
	l.Bad = `app := fiber.New() // v3
app.Get("/users", listUsers)
app.Listen(":8080")`
	l.Good = `app := fiber.New() // v3
app.Use(otel.New()) // github.com/gofiber/contrib/v3/otel, or a middleware starting a span
app.Get("/users", listUsers)
app.Listen(":8080")`
	return l
}()
