// Package older imports the releases of libraries whose names the
// knowledge tables keep for services still on them, though the newest
// release (testdata/conformance) no longer has them: otelhttp before
// v0.62 (WithRouteTag), otelgrpc before v0.61 (the interceptors). The
// shared modules (otel, grpc) are at the conformance module's versions,
// so the build cache serves both.
package older

import (
	_ "go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
	_ "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)
