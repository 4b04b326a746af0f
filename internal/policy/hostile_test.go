package policy

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestParseRejectsWhatWasSilentlyAccepted: input that used to be accepted
// and then ignored is an error with the file and line.
func TestParseRejectsWhatWasSilentlyAccepted(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"second document", "version: 1\n---\npolicy: {metric_prefix: x_}\n", "bad.yaml:2: a second YAML document"},
		{"duplicate map key", "version: 1\nrules:\n  labelcardinality:\n    allow:\n      m: [a]\n      m: [b]\n", `bad.yaml:6: key "rules.labelcardinality.allow.m" given twice`},
		{"garbage handler", "version: 1\nrules:\n  spanrequired:\n    handlers: [\"garbage(((\"]\n", `bad.yaml:4: rules.spanrequired.handlers[0]: bad signature "garbage((("`},
		{"handler not a func", "version: 1\nrules:\n  spanrequired:\n    handlers: [int]\n", "not a function type"},
		{"handler with names", "version: 1\nrules:\n  spanrequired:\n    handlers: ['func(ctx context.Context)']\n", "parameter names"},
		{"absolute glob", "version: 1\nexclude:\n  paths: ['/abs/**']\n", `bad.yaml:3: exclude.paths[0]: bad glob "/abs/**": absolute`},
		{"dot-dot glob", "version: 1\nexclude:\n  paths: ['../**']\n", `bad.yaml:3: exclude.paths[0]: bad glob "../**"`},
		{"dot glob", "version: 1\nexclude:\n  paths: ['./gen/**']\n", `bad glob "./gen/**"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("bad.yaml", []byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
	good := "version: 1\nrules:\n  spanrequired:\n    handlers: ['func(context.Context, example.com/svc/queue.Message) error', 'func(*gopkg.in/x.v1.T, ...string) (int, error)']\nexclude:\n  paths: ['gen/', '**/mocks/**', 'a/*.pb.go']\n"
	if _, err := Parse("good.yaml", []byte(good)); err != nil {
		t.Errorf("valid policy refused: %v", err)
	}
}

// TestParseErrorsQuoteLittle: a file that is not a policy (a config
// symlinked to /etc/passwd or a token) is not echoed into the CI log;
// a bad value is quoted up to its first line.
func TestParseErrorsQuoteLittle(t *testing.T) {
	passwd := "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
	for _, data := range []string{passwd, "ghp_0123456789abcdefSECRET\n"} {
		_, err := Parse("p.yaml", []byte(data))
		if err == nil || strings.Contains(err.Error(), "root:x") || strings.Contains(err.Error(), "SECRET") {
			t.Errorf("error quotes the file: %v", err)
		}
	}
	_, err := Parse("p.yaml", []byte("version: 1\npolicy:\n  metric_prefix: |\n    line one\n    secret two\n"))
	if err == nil {
		// A multi-line string is a valid prefix value; use a bool field.
		_, err = Parse("p.yaml", []byte("version: 1\nrules:\n  execidfield:\n    enabled: |\n      line one\n      secret two\n"))
	}
	if err == nil || strings.Contains(err.Error(), "secret two") || !strings.Contains(err.Error(), `"line one"...`) {
		t.Errorf("error quotes beyond the first line: %v", err)
	}
}

// TestMatchGlobLinear: many "**" segments used to take exponential time
// (10: 12 s, 18: over 120 s).
func TestMatchGlobLinear(t *testing.T) {
	glob := strings.Repeat("**/a/", 18) + "b"
	path := strings.Repeat("a/", 60) + "c"
	start := time.Now()
	if MatchGlob(glob, path) {
		t.Error("matched")
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
	for _, tt := range []struct {
		glob, path string
		want       bool
	}{
		{"**", "a/b", true},
		{"**/**/x", "x", true},
		{"a/**/b/**/c", "a/b/c", true},
		{"a/**/b/**/c", "a/x/b/y/z/c", true},
		{"a/**/b/**/c", "a/x/b/y/z/d", false},
		{"**/b", "a/b/c", false},
		{"a/**", "a", true},
		{"*/x", "a/b/x", false},
	} {
		if got := MatchGlob(tt.glob, tt.path); got != tt.want {
			t.Errorf("MatchGlob(%q, %q) = %v, want %v", tt.glob, tt.path, got, tt.want)
		}
	}
}

// module makes a directory with go.mod and returns it.
func module(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestLoadRefuses: a policy file that is a symlink leaving the
// repository, dangling or looping, a FIFO, a device, a directory or too
// large is an error naming the file, never a hang, an echo or defaults.
func TestLoadRefuses(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "token")
	os.WriteFile(outside, []byte("ghp_SECRET\n"), 0o600)
	tests := []struct {
		name  string
		setup func(t *testing.T, path string)
		want  string
	}{
		{"symlink out of the repository", func(t *testing.T, path string) { os.Symlink(outside, path) }, "outside the repository"},
		{"symlink to /etc/passwd", func(t *testing.T, path string) { os.Symlink("/etc/passwd", path) }, "outside the repository"},
		{"dangling symlink", func(t *testing.T, path string) { os.Symlink(filepath.Join(filepath.Dir(path), "nope"), path) }, "dangling or looping symlink"},
		{"looping symlink", func(t *testing.T, path string) { os.Symlink(path, path) }, "dangling or looping symlink"},
		{"FIFO", func(t *testing.T, path string) {
			if err := syscall.Mkfifo(path, 0o644); err != nil {
				t.Skip(err)
			}
		}, "not a regular file"},
		{"directory", func(t *testing.T, path string) { os.Mkdir(path, 0o755) }, "not a regular file"},
		{"too large", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("version: 1\n"+strings.Repeat("# padding\n", MaxFileSize/10+1)), 0o644)
		}, "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := module(t)
			path := filepath.Join(dir, FileName)
			tt.setup(t, path)
			found, err := Find(dir)
			if err != nil || found != path {
				t.Fatalf("Find = %q, %v; want %q (never a silent fall back to the defaults)", found, err, path)
			}
			done := make(chan error, 1)
			go func() { _, err := Load(found); done <- err }()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), path) || strings.Contains(err.Error(), "SECRET") {
					t.Errorf("Load: %v; want an error naming the file, with %q", err, tt.want)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Load hangs")
			}
		})
	}
	// A symlink inside the repository is fine.
	dir := module(t)
	os.MkdirAll(filepath.Join(dir, "ci"), 0o755)
	os.WriteFile(filepath.Join(dir, "ci", "policy.yaml"), []byte("version: 1\npolicy: {metric_prefix: x_}\n"), 0o644)
	os.Symlink(filepath.Join("ci", "policy.yaml"), filepath.Join(dir, FileName))
	if p, err := Load(filepath.Join(dir, FileName)); err != nil || p.Policy.MetricPrefix != "x_" {
		t.Errorf("symlink inside the repository: %v", err)
	}
}
