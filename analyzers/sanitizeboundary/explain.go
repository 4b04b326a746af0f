package sanitizeboundary

import "github.com/obscheck/obscheck/internal/ruledoc"

// Explain is the long-form documentation.
var Explain = ruledoc.Explain{
	Rationale: `One leaked token in a log pipeline is an incident: logs and traces are copied to
many systems, kept for months and read by far more people than the database. The
team's rule is "sanitize first": secrets and PII (passwords, tokens, private keys,
payment references, e-mail addresses, usernames) never appear in a log line, a span
attribute or a metric label; a sanitizer replaces them with the redaction marker
[REDACTED] (never omits them, so the structure stays readable), and the service
boundary calls the sanitizer before anything is recorded.`,
	Bad: `func (h *Handler) Login(w http.ResponseWriter, r *http.Request) {
	var req LoginRequest // {User, Email, Password string}
	_ = json.NewDecoder(r.Body).Decode(&req)
	h.log.Info("login", "req", req)                     // whole struct with Password
	h.log.Debug("auth", "header", r.Header.Get("Authorization"))
	span.SetAttributes(attribute.String("user.email", req.Email))
	err := fmt.Errorf("login failed for %s/%s", req.User, req.Password)
	h.log.Error("login", "err", err)                    // the password is in err
	SanitizeRequest(req)                                // result discarded
}

func SanitizeRequest(r LoginRequest) LoginRequest {
	r.Password = "***" // not the marker
	return r
}`,
	Good: `func (h *Handler) Login(w http.ResponseWriter, r *http.Request) {
	var req LoginRequest
	_ = json.NewDecoder(r.Body).Decode(&req)
	safe := SanitizeRequest(req)
	h.log.Info("login", "req", safe)
	h.log.Debug("auth", "header_present", r.Header.Get("Authorization") != "")
	span.SetAttributes(attribute.String("user.email", MaskEmail(req.Email)))
	h.log.Error("login failed", "user", req.User, "password_len", len(req.Password))
}

func SanitizeRequest(r LoginRequest) LoginRequest {
	r.Password = "[REDACTED]"
	return r
}

// Or let the type redact itself wherever it is logged:
func (r LoginRequest) LogValue() slog.Value {
	return slog.GroupValue(slog.String("user", r.User), slog.String("password", "[REDACTED]"))
}`,
	Notes: `Sensitive keys are policy.sensitive_keys plus rules.sanitizeboundary.extra_keys,
compared after folding case and removing '_', '-', '.' and spaces, and matched
exactly (a dotted key also matches on its last segment: "user.email"). So
AccessToken, access-token and access_token are one key, while token_count,
password_reset or email_verified are not sensitive. Names only count on values
that can carry a secret's text: strings, byte slices and named string types; a
bool or a number under a sensitive name is not reported.

Sinks: every log call the execidfield rule knows (slog, zap and its sugared logger,
zerolog, logrus, logr, klog, hclog, go-kit/log; every level), its fields, message, printf and Print
operands and error argument, and the fields attached when deriving a logger (With,
WithField, zerolog With()...Logger()); span attributes (Span.SetAttributes,
trace.WithAttributes at Start and in AddEvent/RecordError options), span and event
names, status descriptions and RecordError errors; metric label values
(WithLabelValues, With(prometheus.Labels), OTel Add/Record attributes,
metric.WithAttributes). The span sink methods are the table
internal/apis/sensitive.SpanSinks.

Sources: a value under a sensitive key; a field read, a variable or a proto-style
getter (GetPassword()) with a sensitive name; the Authorization, Cookie,
Proxy-Authorization, X-Api-Key and X-Auth-Token request headers (Header.Get,
Values, Header["..."]); r.BasicAuth()'s password; r.Cookie, r.Cookies and the
cookie's Value; token-like query and form parameters (token, access_token,
api_key, password, ...); the functions in rules.sanitizeboundary.sources. A whole
struct (or pointer, slice, array, map of it) is sensitive when a field up to three
levels down is, unless the type renders itself: slog.LogValuer,
zapcore.ObjectMarshaler, zerolog.LogObjectMarshaler, fmt.Formatter,
json.Marshaler, encoding.TextMarshaler, error, and fmt.Stringer where the sink
uses it (fmt verbs, Print-style calls, logrus, zap.Any/zap.Stringer). Fields
tagged json:"-" are skipped, unexported fields count only under fmt (%v), and
the types in rules.sanitizeboundary.allow_types are never searched.

Data flow is local and simple on purpose: within a function, in source order, a
local assigned a sensitive value (directly, by concatenation, fmt.Sprintf,
fmt.Errorf, errors.New, strings functions, base64/hex encoding, conversions)
becomes sensitive, and a later assignment of anything else clears it. Values
returned from other functions are not followed, except sources and request
credentials. An error built with fmt.Errorf from a secret is reported where it is
logged or recorded on a span, not where it is returned.

Safe: the result of a sanitizer — a function in policy.sanitizers, or any
function or method named Sanitize*, Redact*, Mask* (generic ones included) —
and fields of such a result; len(x) and other numbers; hashes (crypto/*, hash,
functions named Hash*); constants; a constant-bounded prefix (tok[:4]).

Boundary checks: a sanitizer called as a statement, or assigned to _, is
reported when it certainly returns a copy (its operand is a value, or its body in
this package does not return the operand it was given): the code then goes on
with the unsanitized value. A sanitizer that works in place (pointer operand, no
result, or returning the operand) marks the operand sanitized. Inside a
sanitizer, setting a sensitive field or map entry to anything but the marker
(rules.sanitizeboundary.marker, default "[REDACTED]") — "", "***",
strings.Repeat masks, nil — deleting a sensitive map key, or building the
sanitized copy as a keyed literal that leaves a sensitive field out
(return User{Name: u.Name}) is reported; a string literal there comes with a
suggested fix that writes the marker. An unexported sanitizer found by its name
is held to the marker only when its package uses it on a value that reaches a
log, span or label: a sanitizeClient that strips a secret from an API response
is not a log sanitizer (list it in policy.sanitizers to judge it anyway).

The name of a secret is not the secret: a value whose type refers to an object
(a *Reference, *Ref or *Selector type, NamespacedName), a variable or field named
for a credential's name or reference (SecretName, secretRef, token_id), the
elements of a []string of secret names (RootCAsSecrets), the keys of a map, and
a value the function looks a Secret up by (its name passed to a call returning a
Secret) are not reported under a sensitive key. What is read out of a Secret
(its Data and StringData), a Password field and a token from a header are.

Tuning sensitive_keys: the NoETL default list names the NoETL API's secrets and
PII. Keep the list to words that name secrets in your code base: generic words
(key, user, token) also match variables, fields and attributes such as group
keys, issue keys or an authorization server's "user" object id, and every one of
them is then a finding. A finding that rests on a policy key says which key
matched. An infrastructure tool whose "username" is the OS account it manages,
or whose "secret" is the name of a Kubernetes Secret it mounts, lists its own
keys in .obscheck.yaml (the list replaces the default):

    policy:
      sensitive_keys: [password, password_hash, access_token, refresh_token,
        id_token, ssh_private_key, api_key, authorization, token, private_key]
    rules:
      sanitizeboundary:
        extra_keys: [client_secret, kubeconfig]

A .obscheck.yaml in a package directory governs that package and those below
it, so one part of a repository (the host agent) can drop a key the rest keeps.

Options: extra_keys (more sensitive keys), marker, sources (functions whose
results are sensitive, e.g. example.com/svc/vault.Get), allow_types (types safe
to log whole, as pkg/path.Type).`,
}
