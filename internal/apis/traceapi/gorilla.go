package traceapi

// Mux is the import path of gorilla/mux (v1.8.1).
const Mux = "github.com/gorilla/mux"

// GorillaLib is gorilla/mux: routes built by chains
// (r.Path("/x").Methods("GET").Handler(h)) and sub-routers
// (r.PathPrefix("/api").Subrouter()).
var GorillaLib = Lib{
	Bad: `r := mux.NewRouter()
api := r.PathPrefix("/api").Subrouter()
api.HandleFunc("/users", listUsers) // serves /api/users without a span
http.ListenAndServe(":8080", r)`,
	Good: `r := mux.NewRouter()
r.Use(otelmux.Middleware("api"))
api := r.PathPrefix("/api").Subrouter()
api.HandleFunc("/users", listUsers)
http.ListenAndServe(":8080", r)`,
	Name:        "gorilla/mux",
	Modules:     []string{"github.com/gorilla"},
	Middleware:  []string{Otelmux + ".Middleware"}, // mux.MiddlewareFunc
	RouterTypes: names(Mux, "Router", "Route"),
	Registrations: map[string]Registration{
		"(*" + Mux + ".Router).Handle":     {Route: 0, Handler: 1, Framework: HTTP},
		"(*" + Mux + ".Router).HandleFunc": {Route: 0, Handler: 1, Framework: HTTP},
		"(*" + Mux + ".Route).Handler":     {Route: -1, Handler: 0, Framework: HTTP},
		"(*" + Mux + ".Route).HandlerFunc": {Route: -1, Handler: 0, Framework: HTTP},
	},
	Uses:        []string{"(*" + Mux + ".Router).Use"},
	Derivations: map[string]Derivation{"(*" + Mux + ".Route).Subrouter": {Route: -1, MwFrom: -1, Chain: true}},
	RouteSetters: map[string]int{
		"(*" + Mux + ".Router).Path":       0,
		"(*" + Mux + ".Router).PathPrefix": 0,
		"(*" + Mux + ".Route).Path":        0,
		"(*" + Mux + ".Route).PathPrefix":  0,
	},
}
