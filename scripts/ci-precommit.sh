#!/usr/bin/env bash
# End-to-end proof of .pre-commit-hooks.yaml with the real pre-commit.
#
# A throwaway project repository uses this checkout as its hook repository
# (pre-commit clones it at a rev and builds obscheck with `go install`,
# language: golang). Then:
#   - obscheck and obscheck-vet pass a clean commit and reject a commit
#     that adds a finding (the commit does not happen);
#   - obscheck-new (--new-from-rev HEAD) passes a commit while an old
#     finding stays in the repository, and rejects one that adds a finding.
#
# pre-commit clones committed state, so the work tree (tracked and
# untracked, not ignored files) is snapshotted into a temporary repository
# first: what is tested is what is on disk. Installs the Debian package
# pre-commit when it is missing (as root, or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

fail() { echo "ci-precommit: FAIL: $*" >&2; exit 1; }

if ! command -v pre-commit >/dev/null; then
  echo "installing pre-commit (apt)"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi # e.g. GitHub-hosted runners
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pre-commit >/dev/null
fi
pre-commit --version

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/pre-commit-home" # a fresh hook environment
# pre-commit points GOPATH into the hook environment; keep the usual module
# cache instead of downloading obscheck's dependencies again.
GOMODCACHE=$(go env GOMODCACHE)
export GOMODCACHE
export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.invalid
export GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.invalid
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

# --- the hook repository: a snapshot of this work tree, committed ---
hooks="$work/hooks"
mkdir "$hooks"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ -e "$f" ] && printf '%s\0' "$f"
done | tar -C "$root" --null -T - -cf - | tar -C "$hooks" -xf -
git -C "$hooks" init -q
git -C "$hooks" add -A
git -C "$hooks" commit -q -m snapshot
rev=$(git -C "$hooks" rev-parse HEAD)

# --- the project: a small module using log/slog ---
proj="$work/project"
mkdir -p "$proj/svc"
cd "$proj"
git init -q -b main
printf 'module example.com/precommit\n\ngo 1.26\n' > go.mod
cat > svc/svc.go <<'EOF'
// Package svc runs commands.
package svc

import "log/slog"

// Run runs one command.
func Run(executionID string, err error) {
	if err != nil {
		slog.Error("command failed", "execution_id", executionID, "err", err)
	}
}
EOF

config() { # config HOOK...: .pre-commit-config.yaml using these hooks
  printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n' "$hooks" "$rev"
  for h in "$@"; do printf '      - id: %s\n' "$h"; done
}
commit() { # commit MESSAGE: git commit through the installed hook; output in $work/commit.out
  git commit -m "$1" >"$work/commit.out" 2>&1
}

config obscheck obscheck-vet > .pre-commit-config.yaml
pre-commit install >/dev/null
git add -A
start=$(date +%s)
commit "clean service" || { cat "$work/commit.out"; fail "the clean commit was rejected"; }
echo "ok: clean commit passes obscheck and obscheck-vet (first run builds the hook: $(($(date +%s) - start))s)"
grep -E '^obscheck' "$work/commit.out" | sed 's/^/  /'

# A commit adding a WARN/ERROR log without the execution id is rejected.
cat > svc/retry.go <<'EOF'
package svc

import "log/slog"

// Retry logs a retry.
func Retry(attempt int) {
	slog.Warn("retrying command", "attempt", attempt)
}
EOF
git add svc/retry.go
head=$(git rev-parse HEAD)
if commit "retry without execution id"; then
  cat "$work/commit.out"; fail "a commit adding a finding passed"
fi
[ "$(git rev-parse HEAD)" = "$head" ] || fail "the rejected commit was made"
grep -q 'retry.go:7:2: .*execution_id' "$work/commit.out" || { cat "$work/commit.out"; fail "the hook output lacks the finding"; }
hook_status() { # hook_status NAME: the status pre-commit printed for hook NAME
  grep -F "$1..." "$work/commit.out" | sed 's/.*\.\.\.//' | awk '{print $1}' | tail -n1
}
for h in 'obscheck' 'obscheck (go vet)'; do
  [ "$(hook_status "$h")" = Failed ] || { cat "$work/commit.out"; fail "hook '$h' did not fail"; }
done
echo "ok: a commit adding a finding is rejected by both hooks"
grep -E '^obscheck|retry.go' "$work/commit.out" | sed 's/^/  /'

# --- changed-lines mode ---
# The finding goes in anyway (an old finding the team lives with).
git commit -q --no-verify -m "legacy finding"
config obscheck-new > .pre-commit-config.yaml
git commit -q --no-verify -am "use obscheck-new"
cat >> svc/svc.go <<'EOF'

// Done logs a finished command.
func Done(executionID string) {
	slog.Info("command done", "execution_id", executionID)
}
EOF
git add -A
commit "clean change" || { cat "$work/commit.out"; fail "obscheck-new rejected a commit that adds no finding"; }
[ "$(hook_status 'obscheck (changed lines)')" = Passed ] || { cat "$work/commit.out"; fail "obscheck-new did not run and pass"; }
echo "ok: obscheck-new passes a change while an old finding (svc/retry.go) stays"

cat >> svc/svc.go <<'EOF'

// Stop logs a stop.
func Stop() {
	slog.Error("stopping")
}
EOF
bad=$(grep -n 'slog.Error("stopping")' svc/svc.go | cut -d: -f1)
git add -A
head=$(git rev-parse HEAD)
if commit "new finding"; then
  cat "$work/commit.out"; fail "obscheck-new passed a commit adding a finding"
fi
[ "$(git rev-parse HEAD)" = "$head" ] || fail "the rejected commit was made"
grep -q "svc.go:$bad:2: .*execution_id" "$work/commit.out" || { cat "$work/commit.out"; fail "obscheck-new output lacks the new finding"; }
! grep -q 'retry.go' "$work/commit.out" || { cat "$work/commit.out"; fail "obscheck-new reported the old finding"; }
echo "ok: obscheck-new rejects a commit adding a finding, and only reports that one"
grep -E '^obscheck|svc.go' "$work/commit.out" | sed 's/^/  /'

# --- obscheck-new in CI (docs/ci.md) ---
# A branch commits the new finding. --all-files compares with HEAD, where
# nothing changed: it passes. --from-ref compares with the merge base.
git checkout -q -b feature
git commit -q --no-verify -m "new finding on a branch"
pre-commit run --all-files obscheck-new >"$work/ci.out" 2>&1 || { cat "$work/ci.out"; fail "obscheck-new --all-files failed on a clean work tree"; }
echo "ok: obscheck-new passes under --all-files (nothing differs from HEAD)"
if pre-commit run --from-ref main --to-ref HEAD obscheck-new >"$work/ci.out" 2>&1; then
  cat "$work/ci.out"; fail "obscheck-new --from-ref passed a branch adding a finding"
fi
grep -q "svc.go:$bad:2: .*execution_id" "$work/ci.out" || { cat "$work/ci.out"; fail "obscheck-new --from-ref output lacks the branch's finding"; }
! grep -q 'retry.go' "$work/ci.out" || { cat "$work/ci.out"; fail "obscheck-new --from-ref reported the old finding"; }
echo "ok: obscheck-new --from-ref (merge base) rejects the branch's finding only"
echo "ci-precommit: PASS"
