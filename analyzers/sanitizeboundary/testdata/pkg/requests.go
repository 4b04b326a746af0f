package pkg

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httputil"
	"strings"
)

func handler(w http.ResponseWriter, r *http.Request) {
	slog.Info("req", "auth", r.Header.Get("Authorization"))       // want `the Authorization header \(r.Header.Get\("Authorization"\)\) reaches the log field "auth"`
	slog.Info("req", "c", r.Header.Get("cookie"))                 // want `the cookie header`
	slog.Info("req", "k", r.Header["X-Api-Key"])                  // want `the X-Api-Key header`
	slog.Info("req", "k", r.Header.Values("Proxy-Authorization")) // want `the Proxy-Authorization header`
	user, pass, ok := r.BasicAuth()
	slog.Info("basic", "user", user, "ok", ok, "p", pass) // want `pass reaches the log field "p" of slog.Info unsanitized and carries a sensitive value: the BasicAuth password`
	ck, err := r.Cookie("session")
	if err == nil {
		slog.Info("cookie", "name", ck.Name, "v", ck.Value) // want `ck.Value reaches .* carries a sensitive value: the Value of a request cookie`
		slog.Info("cookie", "c", ck)                        // want `ck reaches .* carries a sensitive value: a request cookie`
	}
	for _, c := range r.Cookies() {
		slog.Info("cookie", "v", c.Value) // want `carries a sensitive value: the Value of the request cookies`
	}
	q := r.URL.Query()
	slog.Info("q", "t", q.Get("access_token"))    // want `the "access_token" parameter`
	slog.Info("q", "t", r.FormValue("token"))     // want `the "token" parameter`
	slog.Info("q", "t", r.URL.Query()["api_key"]) // want `the "api_key" parameter`
	bearer := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	slog.Info("bearer", "b", bearer) // want `bearer reaches .* carries a sensitive value: the Authorization header`

	// Not credentials.
	slog.Info("req", "ua", r.Header.Get("User-Agent"), "page", q.Get("page_token_count"), "n", q.Get("page"))
	slog.Info("req", "auth_present", r.Header.Get("Authorization") != "")
	slog.Info("req", "auth_len", len(r.Header.Get("Authorization")))
	slog.Info("req", "path", r.URL.Path, "method", r.Method)
}

func wholeHeaders(r *http.Request, resp *http.Response) {
	slog.Debug("req", "headers", r.Header)      // want `r.Header \(the request headers, which carry Authorization and Cookie\)`
	slog.Debug(fmt.Sprintf("req %v", r.Header)) // want `carries a sensitive value: r.Header \(the request headers`
	dump, _ := httputil.DumpRequest(r, false)
	slog.Debug("dump", "req", string(dump)) // want `string\(dump\) reaches .* carries a sensitive value: a request dump`
	for k, v := range r.Header {
		if k != "Authorization" {
			slog.Debug("h", "k", k, "v", v)
		}
	}
	slog.Debug("req", "ua", r.Header["User-Agent"], "n", len(r.Header))
	slog.Debug("resp", "headers", resp.Header)
}

func wholeRequest(r *http.Request) {
	slog.Debug(fmt.Sprintf("req %+v", r)) // want `carries a sensitive value: r formatted whole \(type \*net/http.Request, sensitive field Request.Header\)`
	slog.Debug("req", "method", r.Method, "url", r.URL.Redacted())
}
