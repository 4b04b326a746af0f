package main

import (
	"net/http"

	"example.com/sr/svc/internal/api"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

func main() { // want main:"startsSpan"
	srv := &api.Server{}
	pub := &api.Public{}
	mux := srv.Routes() // want `handler Server.handleBalance serves GET /balance without a span` `handler Server.handleTransfer serves POST /transfer without a span`
	mux.Handle("/metrics", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	mux.Handle("/public/", pub.Handler())
	mux.Handle("/admin/", api.NewAdmin()) // want `handler Admin.overview serves /admin/ops/overview without a span` `handler Admin.flags serves /admin/ops/flags without a span`
	go http.ListenAndServe(":8080", mux)

	go api.NewTracedGin().Run(":8081")
	go api.NewBareGin().Run(":8082") // want `handler listInvoices serves /invoices without a span` `handler getInvoice serves /invoices/:id without a span`

	// Two servers in one function: wrapping one by assignment says
	// nothing about the other.
	ops := &http.Server{Addr: ":9090", Handler: api.NewOps()} // want `handler drain serves /ops/drain without a span`
	partner := &http.Server{Addr: ":9091", Handler: api.NewPartner()}
	partner.Handler = otelhttp.NewHandler(partner.Handler, "partner") // leak:partner
	go ops.ListenAndServe()
	go partner.ListenAndServe()

	in := api.NewInternal()
	go in.Start()
	select {}
}

// Keeps the import when TestAnalyzer's leak variant drops the partner router.
var _ = otelhttp.NewHandler
