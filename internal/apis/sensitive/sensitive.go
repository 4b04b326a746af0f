// Package sensitive is obscheck's knowledge of where secrets and PII come
// from and what makes them safe: key normalization, request credentials
// (headers, BasicAuth, cookies, query parameters), hash and size functions,
// functions that carry a value through (formatting, concatenation helpers),
// the default sanitizer name patterns, the interfaces through which a type
// controls its own rendering, and the span methods that attach data to a
// trace. Every function is named by its go/types full name (see
// internal/funcname); adding an API is one table entry.
package sensitive

import (
	"strings"
	"unicode"
)

// Normalize folds a key or field name for comparison: lower case, with
// separators ('_', '-', '.', ' ') removed, so AccessToken, access-token and
// access_token are one key.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '_', '-', '.', ' ':
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Keys is a set of sensitive keys, compared after Normalize. A key matches
// exactly: "token_count" does not match "token".
type Keys map[string]string // normalized -> as configured

// NewKeys builds a key set from lists of configured keys.
func NewKeys(lists ...[]string) Keys {
	k := Keys{}
	for _, l := range lists {
		for _, s := range l {
			if n := Normalize(s); n != "" {
				k[n] = s
			}
		}
	}
	return k
}

// Match reports whether key is sensitive and returns the configured key it
// matched. A dotted key ("user.email", "http.request.header.authorization")
// also matches on its last segment, which is how groups and OpenTelemetry
// attribute namespaces spell a field.
func (k Keys) Match(key string) (string, bool) {
	if s, ok := k[Normalize(key)]; ok {
		return s, true
	}
	if i := strings.LastIndexByte(key, '.'); i >= 0 && i+1 < len(key) {
		if s, ok := k[Normalize(key[i+1:])]; ok {
			return s, true
		}
	}
	return "", false
}

// CredentialHeaders are the request headers that carry credentials,
// normalized.
var CredentialHeaders = NewKeys([]string{"Authorization", "Cookie", "Proxy-Authorization", "X-Api-Key", "X-Auth-Token"})

// TokenParams are query and form parameter names that carry credentials,
// normalized; the policy's sensitive keys count too.
var TokenParams = NewKeys([]string{"token", "access_token", "refresh_token", "id_token", "auth_token", "api_token",
	"api_key", "apikey", "key", "secret", "client_secret", "password", "passwd", "pwd", "jwt", "session", "session_id",
	"sid", "sig", "signature", "x-amz-signature", "x-amz-security-token", "code_verifier"})

// KeyArg is a function whose argument at Arg names what it returns: a
// header or a query parameter.
type KeyArg struct {
	Arg  int
	Kind string // "header" or "param"
}

// KeyedGetters are the functions that read one header or parameter by
// name; the result is a credential when the name is a credential header
// (CredentialHeaders) or a token-like parameter (TokenParams).
var KeyedGetters = map[string]KeyArg{
	"(net/http.Header).Get":                            {0, "header"},
	"(net/http.Header).Values":                         {0, "header"},
	"(net/textproto.MIMEHeader).Get":                   {0, "header"},
	"(net/textproto.MIMEHeader).Values":                {0, "header"},
	"(net/url.Values).Get":                             {0, "param"},
	"(*net/http.Request).FormValue":                    {0, "param"},
	"(*net/http.Request).PostFormValue":                {0, "param"},
	"(*github.com/gin-gonic/gin.Context).GetHeader":    {0, "header"},
	"(*github.com/gin-gonic/gin.Context).Query":        {0, "param"},
	"(*github.com/gin-gonic/gin.Context).PostForm":     {0, "param"},
	"(*github.com/gin-gonic/gin.Context).Cookie":       {0, "cookie"},
	"(github.com/labstack/echo/v4.Context).QueryParam": {0, "param"},
	"(github.com/labstack/echo/v4.Context).FormValue":  {0, "param"},
}

// KeyedMaps are map types indexed by header or parameter name:
// r.Header["Authorization"], r.URL.Query()["token"].
var KeyedMaps = map[string]string{
	"net/http.Header":          "header",
	"net/textproto.MIMEHeader": "header",
	"net/url.Values":           "param",
}

// Credential is a function whose result at index Result is a credential,
// whatever its arguments.
type Credential struct {
	Result int
	What   string // for messages
}

// Credentials are request accessors that return credentials.
var Credentials = map[string]Credential{
	"(*net/http.Request).BasicAuth":    {1, "the BasicAuth password"},
	"(*net/http.Request).Cookie":       {0, "a request cookie"},
	"(*net/http.Request).Cookies":      {0, "the request cookies"},
	"(*net/url.Userinfo).Password":     {0, "the URL password"},
	"net/http/httputil.DumpRequest":    {0, "a request dump with its Authorization and Cookie headers"},
	"net/http/httputil.DumpRequestOut": {0, "a request dump with its Authorization and Cookie headers"},
}

// CredentialFields are fields that hold credentials among other data: a
// request's Header map, logged whole, carries Authorization and Cookie.
// (Reading one header by name is judged by KeyedGetters instead.)
var CredentialFields = map[string]map[string]string{
	"net/http.Request": {"Header": "the request headers, which carry Authorization and Cookie"},
}

// SecretFields are fields of library types that hold the secret part of a
// credential value: reading them from a credential keeps it a credential,
// other fields (a cookie's Name, Path) are not secret.
var SecretFields = map[string]map[string]bool{
	"net/http.Cookie": {"Value": true, "Raw": true},
}

// Size are functions whose result tells only the size or a digest of
// their argument, never the value: logging them is safe.
var Size = map[string]bool{
	"crypto/md5.Sum":                                  true,
	"crypto/sha1.Sum":                                 true,
	"crypto/sha256.Sum256":                            true,
	"crypto/sha256.Sum224":                            true,
	"crypto/sha512.Sum512":                            true,
	"crypto/sha512.Sum384":                            true,
	"crypto/sha512.Sum512_256":                        true,
	"crypto/sha3.Sum256":                              true,
	"crypto/sha3.Sum512":                              true,
	"(hash.Hash).Sum":                                 true,
	"hash/crc32.ChecksumIEEE":                         true,
	"hash/crc32.Checksum":                             true,
	"hash/maphash.String":                             true,
	"hash/maphash.Bytes":                              true,
	"unicode/utf8.RuneCountInString":                  true,
	"unicode/utf8.RuneCount":                          true,
	"golang.org/x/crypto/bcrypt.GenerateFromPassword": true,
	"github.com/cespare/xxhash/v2.Sum64":              true,
	"github.com/cespare/xxhash/v2.Sum64String":        true,
}

// HashPrefixes: a function or method whose name starts with one of these
// (followed by an upper-case letter, a digit or nothing) returns a digest.
var HashPrefixes = []string{"Hash", "hash", "Fingerprint", "fingerprint"}

// Propagators are functions whose string, byte or error result carries
// the content of their arguments: formatting, concatenation, encoding
// (base64 and hex are not sanitization). A sensitive argument makes the
// result sensitive. Printf-style functions name the index of their format.
var Propagators = map[string]Propagator{
	"fmt.Sprintf":                  {Format: 0},
	"fmt.Errorf":                   {Format: 0},
	"fmt.Appendf":                  {Format: 1},
	"fmt.Sprint":                   {Format: -1},
	"fmt.Sprintln":                 {Format: -1},
	"fmt.Append":                   {Format: -1},
	"fmt.Appendln":                 {Format: -1},
	"errors.New":                   {Format: -1},
	"errors.Join":                  {Format: -1},
	"github.com/pkg/errors.New":    {Format: -1},
	"github.com/pkg/errors.Errorf": {Format: 0},
	"github.com/pkg/errors.Wrap":   {Format: -1},
	"github.com/pkg/errors.Wrapf":  {Format: 1},
	"strings.Join":                 {Format: -1},
	"strings.ToLower":              {Format: -1},
	"strings.ToUpper":              {Format: -1},
	"strings.TrimSpace":            {Format: -1},
	"strings.TrimPrefix":           {Format: -1, Only: []int{0}},
	"strings.TrimSuffix":           {Format: -1, Only: []int{0}},
	"strings.Trim":                 {Format: -1, Only: []int{0}},
	"strings.Clone":                {Format: -1},
	"strings.Fields":               {Format: -1},
	"strings.Split":                {Format: -1, Only: []int{0}},
	"strings.SplitN":               {Format: -1, Only: []int{0}},
	"strings.ReplaceAll":           {Format: -1, Only: []int{0, 2}},
	"strings.Replace":              {Format: -1, Only: []int{0, 2}},
	"strings.Cut":                  {Format: -1, Only: []int{0}},
	"strings.CutPrefix":            {Format: -1, Only: []int{0}},
	"bytes.TrimSpace":              {Format: -1},
	"bytes.Clone":                  {Format: -1},
	"strconv.Quote":                {Format: -1},
	"net/url.QueryEscape":          {Format: -1},
	"net/url.PathEscape":           {Format: -1},
	"encoding/hex.EncodeToString":  {Format: -1},
	"(*encoding/base64.Encoding).EncodeToString":          {Format: -1},
	"log/slog.StringValue":                                {Format: -1},
	"log/slog.AnyValue":                                   {Format: -1},
	"go.opentelemetry.io/otel/attribute.StringValue":      {Format: -1},
	"go.opentelemetry.io/otel/attribute.StringSliceValue": {Format: -1},
	"(*strings.Builder).String":                           {Format: -1, Recv: true},
	"(*bytes.Buffer).String":                              {Format: -1, Recv: true},
}

// Propagator says which arguments of a function reach its result.
type Propagator struct {
	Format int   // index of a printf format, -1 if none
	Only   []int // argument indexes that reach the result; nil means all
	Recv   bool  // the receiver reaches the result
}

// SanitizerPrefixes: by default a function or method whose name starts
// with one of these is a sanitizer (Sanitize, SanitizeRequest, Redact,
// RedactedURL, MaskToken, sanitizeHeaders, ...).
var SanitizerPrefixes = []string{"Sanitize", "sanitize", "Redact", "redact", "Mask", "mask"}

// HasNamePrefix reports whether name starts with one of prefixes. With
// boundary, the prefix must end a word: be followed by nothing, an
// upper-case letter, a digit or '_' ("HashToken" matches "Hash",
// "Hashicorp" does not).
func HasNamePrefix(name string, prefixes []string, boundary bool) bool {
	for _, p := range prefixes {
		rest, ok := strings.CutPrefix(name, p)
		if !ok {
			continue
		}
		if !boundary || rest == "" || rest[0] == '_' || rest[0] >= '0' && rest[0] <= '9' || rest[0] >= 'A' && rest[0] <= 'Z' {
			return true
		}
	}
	return false
}

// Rendering is a method through which a type controls how it is rendered
// by a log library or fmt; a type with one is trusted to redact itself.
type Rendering struct {
	Method  string
	Results string // types.TypeString of the result tuple, "" for none
	FmtOnly bool   // honored only when the value is formatted by fmt (%v, Sprint)
	What    string
}

// Renderings are the rendering hooks: slog.LogValuer,
// zapcore.ObjectMarshaler and ArrayMarshaler, zerolog.LogObjectMarshaler,
// fmt.Formatter, json.Marshaler, encoding.TextMarshaler, error, and
// fmt.Stringer (for fmt-style rendering only: %v, Sprint, logrus, zap.Any).
var Renderings = []Rendering{
	{Method: "LogValue", Results: "log/slog.Value", What: "slog.LogValuer"},
	{Method: "MarshalLogObject", Results: "error", What: "zapcore.ObjectMarshaler"},
	{Method: "MarshalLogArray", Results: "error", What: "zapcore.ArrayMarshaler"},
	{Method: "MarshalZerologObject", What: "zerolog.LogObjectMarshaler"},
	{Method: "Format", What: "fmt.Formatter"},
	{Method: "MarshalJSON", Results: "([]byte, error)", What: "json.Marshaler"},
	{Method: "MarshalText", Results: "([]byte, error)", What: "encoding.TextMarshaler"},
	{Method: "Error", Results: "string", What: "error"},
	{Method: "String", Results: "string", FmtOnly: true, What: "fmt.Stringer"},
}

// SpanSink is a span method (or option) that attaches data to a trace.
type SpanSink struct {
	Attrs int    // index of the first attribute.KeyValue argument (variadic), -1 if none
	Strs  []int  // indexes of string arguments that reach the span
	Err   int    // index of an error argument whose message reaches the span, -1 if none
	Where string // for messages
}

// SpanSinks are the span methods and options that put data on a trace, by
// go/types full name. trace.WithAttributes covers attributes given at
// Start and to AddEvent / RecordError.
var SpanSinks = map[string]SpanSink{
	"(go.opentelemetry.io/otel/trace.Span).SetAttributes": {Attrs: 0, Err: -1, Where: "span attribute"},
	"go.opentelemetry.io/otel/trace.WithAttributes":       {Attrs: 0, Err: -1, Where: "span attribute"},
	"(go.opentelemetry.io/otel/trace.Span).AddEvent":      {Attrs: -1, Strs: []int{0}, Err: -1, Where: "span event name"},
	"(go.opentelemetry.io/otel/trace.Span).RecordError":   {Attrs: -1, Err: 0, Where: "span error event"},
	"(go.opentelemetry.io/otel/trace.Span).SetStatus":     {Attrs: -1, Strs: []int{1}, Err: -1, Where: "span status description"},
	"(go.opentelemetry.io/otel/trace.Span).SetName":       {Attrs: -1, Strs: []int{0}, Err: -1, Where: "span name"},
	"(go.opentelemetry.io/otel/trace.Tracer).Start":       {Attrs: -1, Strs: []int{1}, Err: -1, Where: "span name"},
}

// OpaquePackages hold types that describe telemetry (an
// attribute.KeyValue; the logging libraries' own types, a zap.Field or an
// slog.Attr, count too): their fields are keys and encodings, not data,
// so a whole-struct search never looks inside them.
var OpaquePackages = map[string]bool{
	"go.opentelemetry.io/otel/attribute": true,
	"go.opentelemetry.io/otel/trace":     true,
}

// PublicFields are fields of library types whose names match a sensitive
// key but hold no one's secret or personal data: the OS account the
// process runs as.
var PublicFields = map[string]map[string]bool{
	"os/user.User": {"Username": true, "Name": true},
}

// SecretObjects are credential object types, by type name in any package
// (a Kubernetes corev1.Secret, a service's own Secret): the fields named
// here hold the credential; a value used to look one up (its name, a map
// key) only names it.
var SecretObjects = map[string]map[string]string{
	"Secret": {"Data": "the data of a Secret", "StringData": "the data of a Secret"},
}

// ReferenceTypeSuffixes: a named type ending in one of these refers to an
// object by name (corev1.SecretReference, SecretKeySelector,
// types.NamespacedName): a value of it names a credential, it is not one.
var ReferenceTypeSuffixes = []string{"Reference", "Ref", "Selector", "NamespacedName"}

// CredentialNouns and ReferenceWords: an identifier with a credential noun
// followed, as its last word, by a reference word (SecretName, secretRef,
// token_id) names a credential object, it does not hold the credential.
var (
	CredentialNouns = map[string]bool{"secret": true, "secrets": true, "password": true, "token": true, "key": true,
		"credential": true, "credentials": true, "cert": true, "certificate": true, "tls": true}
	ReferenceWords = map[string]bool{"name": true, "names": true, "ref": true, "refs": true, "reference": true,
		"references": true, "id": true, "ids": true}
)

// CredentialObjectLists: a []string named with one of these last words
// (RootCAsSecrets, CertificatesSecrets) lists credential objects' names.
var CredentialObjectLists = map[string]bool{"secrets": true, "secretnames": true}
