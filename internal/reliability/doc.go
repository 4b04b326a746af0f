// Package reliability holds obscheck's robustness tests: every analyzer
// over odd code, the standard library and real third-party modules with
// zero panics, deterministic reports, and safe, idempotent fixes.
// See docs/reliability.md.
package reliability
