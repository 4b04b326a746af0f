package traceapi

// Chi is the import path of chi (v5.5.0).
const Chi = "github.com/go-chi/chi/v5"

var (
	chiVerbs  = []string{"Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "Connect", "Trace", "Handle", "HandleFunc"}
	chiMux    = "(*" + Chi + ".Mux)"
	chiRouter = "(" + Chi + ".Router)"
)

// chiRegs are the registrations of one chi router type.
func chiRegs(recv string) map[string]Registration {
	return join(
		methods(recv, chiVerbs, Registration{Route: 0, Handler: 1, Framework: HTTP}),
		methods(recv, []string{"Method", "MethodFunc"}, Registration{Route: 1, Handler: 2, Framework: HTTP}),
		// Mount strips the prefix: the sub-router's routes are relative.
		methods(recv, []string{"Mount"}, Registration{Route: 0, Handler: 1, Framework: HTTP, Mount: true}),
	)
}

// ChiLib is chi: net/http handlers on *Mux and the Router interface.
var ChiLib = Lib{
	Bad: `r := chi.NewRouter()
r.Mount("/admin", adminRouter()) // routes shown as /admin/...
http.ListenAndServe(":8080", r)`,
	Good: `r := chi.NewRouter()
r.Use(otelhttp.NewMiddleware("api"))
r.Mount("/admin", adminRouter())
http.ListenAndServe(":8080", r)`,
	Name:          "chi",
	Modules:       []string{"github.com/go-chi"},
	RouterTypes:   names(Chi, "Mux", "Router"),
	Registrations: join(chiRegs(chiMux), chiRegs(chiRouter)),
	Uses:          []string{chiMux + ".Use", chiRouter + ".Use"},
	Derivations: map[string]Derivation{
		chiMux + ".With":    {Route: -1, MwFrom: 0},
		chiRouter + ".With": {Route: -1, MwFrom: 0},
	},
	RouterCallbacks: map[string]Derivation{
		chiMux + ".Route":    {Route: 0, MwFrom: 1},
		chiMux + ".Group":    {Route: -1, MwFrom: 0},
		chiRouter + ".Route": {Route: 0, MwFrom: 1},
		chiRouter + ".Group": {Route: -1, MwFrom: 0},
	},
}
