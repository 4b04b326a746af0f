// Package secretnames: the name of a secret is not the secret. The false
// cases (names, references, lookup keys) are clean; the values read out
// of a secret, a password field and a token from a header are reported.
package secretnames

import (
	"errors"
	"log/slog"
	"net/http"
)

// SecretReference and NamespacedName refer to an object by name, as
// corev1.SecretReference and types.NamespacedName do.
type SecretReference struct{ Name, Namespace string }

type NamespacedName struct{ Namespace, Name string }

// Secret is a credential object, as corev1.Secret is.
type Secret struct {
	Name       string
	Data       map[string][]byte
	StringData map[string]string
}

type TLSConfig struct {
	RootCAsSecrets      []string `json:"rootCAsSecrets"`
	CertificatesSecrets []string `json:"certificatesSecrets"`
	// Secret is the name of the Kubernetes Secret holding the key pair.
	Secret       string          `json:"secret"`
	SecretRef    SecretReference `json:"secretRef"`
	ClientSecret string          `json:"clientSecret"`
	Password     string          `json:"password"`
}

type store struct{ secrets map[string]*Secret }

func (s *store) get(ns, name string) (*Secret, error) {
	if sec, ok := s.secrets[ns+"/"+name]; ok {
		return sec, nil
	}
	return nil, errors.New("not found")
}

func (s *store) fill(key NamespacedName, into *Secret) error { return nil }

func load(l *slog.Logger, s *store, cfg TLSConfig, r *http.Request) {
	for _, name := range cfg.RootCAsSecrets {
		if _, err := s.get("ns", name); err != nil {
			l.Error("cannot load root CA", "secret", name, "err", err)
		}
	}
	for _, sec := range cfg.CertificatesSecrets {
		l.Warn("skipping certificate", "secret", sec)
	}
	l.Info("configured", "secret", cfg.RootCAsSecrets)
	sec, err := s.get("ns", cfg.Secret)
	if err != nil {
		l.Error("cannot load secret", "secret", cfg.Secret) // the name it was looked up by
		return
	}
	l.Info("ref", "secret", cfg.SecretRef)
	l.Info("ref", "secret", cfg.SecretRef.Name)
	secretName := cfg.Secret
	l.Info("using", "secret", secretName)
	var other Secret
	_ = s.fill(NamespacedName{Namespace: "ns", Name: cfg.SecretRef.Name}, &other)
	for k := range sec.Data {
		l.Info("key present", "secret", k) // a key of the lookup
	}

	l.Info("loaded", "tls.key", sec.Data["tls.key"]) // want `sensitive value sec.Data \(the data of a Secret\) reaches the log field "tls.key"`
	for _, v := range sec.StringData {
		l.Info("value", "v", v) // want `v reaches the log field "v" of \(\*slog.Logger\).Info unsanitized and carries a sensitive value: sec.StringData \(the data of a Secret\)`
	}
	l.Info("client", "secret", cfg.ClientSecret)          // want `cfg.ClientSecret is attached under sensitive key "secret"`
	l.Info("login", "password", cfg.Password)             // want `cfg.Password \(field Password matches sensitive key "password"\)`
	l.Info("auth", "token", r.Header.Get("X-Auth-Token")) // want `the X-Auth-Token header`
	l.Info("name", "secret", sec.Name)                    // want `sec.Name is attached under sensitive key "secret"`
}
