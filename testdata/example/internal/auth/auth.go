// Package auth checks credentials.
package auth

import "strings"

// Credentials are what a client logs in with.
type Credentials struct {
	Username    string
	Password    string
	AccessToken string `json:"access_token"`
}

// Sanitize returns a copy safe to log.
func (c Credentials) Sanitize() Credentials {
	c.Password = "[REDACTED]"
	c.AccessToken = "[REDACTED]"
	return c
}

// Valid reports whether the credentials are well-formed.
func (c Credentials) Valid() bool {
	return c.Username != "" && (c.Password != "" || strings.HasPrefix(c.AccessToken, "ey"))
}
