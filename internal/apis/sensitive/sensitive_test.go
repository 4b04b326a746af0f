package sensitive

import "testing"

func TestKeysMatch(t *testing.T) {
	k := NewKeys([]string{"access_token", "password", "email"}, []string{"SSN"})
	for _, tc := range []struct {
		key  string
		want string
	}{
		{"AccessToken", "access_token"},
		{"access-token", "access_token"},
		{"ACCESS_TOKEN", "access_token"},
		{"access.token", "access_token"},
		{"user.email", "email"},
		{"http.request.header.password", "password"},
		{"ssn", "SSN"},
		{"token_count", ""},
		{"password_reset", ""},
		{"email_verified", ""},
		{"passwords", ""},
		{"", ""},
		{"email.", "email"}, // separators are ignored
	} {
		got, ok := k.Match(tc.key)
		if ok != (tc.want != "") || got != tc.want {
			t.Errorf("Match(%q) = %q, %v; want %q", tc.key, got, ok, tc.want)
		}
	}
}

func TestHasNamePrefix(t *testing.T) {
	for _, tc := range []struct {
		name     string
		boundary bool
		want     bool
	}{
		{"Sanitize", false, true},
		{"SanitizeRequest", false, true},
		{"sanitizeHeaders", false, true},
		{"Redacted", false, true},
		{"MaskEmail", false, true},
		{"Unmask", false, false},
		{"HashToken", true, true},
		{"Hash", true, true},
		{"hash256", true, true},
		{"Hashicorp", true, false},
	} {
		prefixes := SanitizerPrefixes
		if tc.boundary {
			prefixes = HashPrefixes
		}
		if got := HasNamePrefix(tc.name, prefixes, tc.boundary); got != tc.want {
			t.Errorf("HasNamePrefix(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}
