#!/usr/bin/env bash
# End-to-end proof of the golangci-lint v2 module plugin (plugin/).
#
# Builds a custom golangci-lint from the module proxy sources with the
# obscheck plugin compiled in (what `golangci-lint custom` does, without
# cloning from GitHub), runs it on the example service and checks that:
#   - it reports the findings `obscheck ./...` reports (compared as sets of
#     file:line, since golangci-lint keeps one issue per line by default,
#     and every message it prints is one obscheck prints at that position);
#   - the inline settings in .golangci.yml reach the analyzers;
#   - //nolint:obscheck and //obscheck:ignore suppress;
#   - declared as one linter per rule (plugin/ registers every rule name),
#     golangci-lint reports the same findings under the rules' names, and
#     //nolint:RULE suppresses that rule only, with no "unknown linters"
#     warning.
#
# The binary is cached under ${XDG_CACHE_HOME:-$HOME/.cache}/obscheck-ci/,
# keyed by the golangci-lint version, the Go version and a hash of every
# source file of this module the plugin is built from, so repeat runs only
# run the linter. OBSCHECK_GOLANGCI_VERSION overrides the version.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

gcl_version=${OBSCHECK_GOLANGCI_VERSION:-v2.15.0}
gcl_module=github.com/golangci/golangci-lint/v2
self=github.com/obscheck/obscheck
cache=${XDG_CACHE_HOME:-$HOME/.cache}/obscheck-ci
export GOWORK=off
# Bump when the build steps below change: the cache key includes it.
recipe=2

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

fail() { echo "ci-golangci: FAIL: $*" >&2; exit 1; }
elapsed() { echo $(($(date +%s) - $1))s; }

# --- cache key: what the plugin is built from ---
plugin_sources() {
  go list -deps -f '{{if .Module}}{{if eq .Module.Path "'$self'"}}{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}
{{end}}{{range .EmbedFiles}}{{$d}}/{{.}}
{{end}}{{end}}{{end}}' ./plugin
}
key=$( {
  echo "$gcl_version"
  go env GOVERSION
  plugin_sources | LC_ALL=C sort | while read -r f; do
    [ -n "$f" ] && { echo "${f#"$root"/}"; sha256sum < "$f"; }
  done
  sha256sum < go.mod
  sha256sum < go.sum
  echo "recipe $recipe"
} | sha256sum | cut -c1-16)
gcl="$cache/golangci-lint-$gcl_version-$key"

# --- build (once per key) ---
if [ -x "$gcl" ]; then
  echo "golangci-lint $gcl_version with obscheck: cached ($gcl)"
else
  start=$(date +%s)
  echo "building golangci-lint $gcl_version with the obscheck plugin (first run: several minutes)"
  # The release's sources, from the module proxy.
  src=$(cd "$work" && go mod download -json "$gcl_module@$gcl_version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || fail "go mod download $gcl_module@$gcl_version gave no directory"
  cp -R "$src" "$work/gcl"
  chmod -R u+w "$work/gcl"
  plugins="$work/gcl/cmd/golangci-lint/plugins.go"
  # golangci-lint declares module plugins by blank imports in this file;
  # `golangci-lint custom` generates the same.
  grep -q '^package main' "$plugins" || fail "$plugins: unexpected layout; check how $gcl_version registers module plugins"
  cat >> "$plugins" <<EOF

import _ "$self/plugin"
EOF
  (
    cd "$work/gcl"
    go mod edit -require="$self@v0.0.0-00010101000000-000000000000" -replace="$self=$root"
    go mod tidy
    # The version goes into golangci-lint's cache salt: like `golangci-lint
    # custom`, make it name the plugin sources so a rebuilt plugin never
    # replays results cached by an older one.
    go build -trimpath -o "$work/golangci-lint" \
      -ldflags "-X main.version=${gcl_version#v}-obscheck-$key -X main.commit=custom -X main.date=custom" \
      ./cmd/golangci-lint
  )
  mkdir -p "$cache"
  rm -f "$cache"/golangci-lint-*  # older keys: never used again
  mv "$work/golangci-lint" "$gcl"
  echo "built in $(elapsed "$start")"
fi
"$gcl" version

# --- the example service, with a .golangci.yml enabling only obscheck ---
go build -o "$work/obscheck" ./cmd/obscheck
ex="$work/example"
cp -R testdata/example "$ex"
cd "$ex"
go mod download

# gcl_config [SETTINGS]: only obscheck, every issue shown. SETTINGS is YAML
# placed under linters.settings.custom.obscheck.settings.
gcl_config() {
  printf '%s\n' 'version: "2"' 'linters:' '  default: none' '  enable: [obscheck]' \
    '  settings:' '    custom:' '      obscheck:' '        type: module' \
    '        description: observability rules (obscheck)'
  if [ -n "${1:-}" ]; then
    echo '        settings:'
    sed 's/^/          /' <<<"$1"
  fi
  printf '%s\n' 'issues:' '  max-issues-per-linter: 0' '  max-same-issues: 0'
}

# obscheck text: "file:line:col: message (rule)"  -> "file:line:col: rule: message"
# golangci text: "file:line:col: rule: message (obscheck)" -> the same
norm_obscheck() { sed -n 's/^\([^ :]*\.go:[0-9]*:[0-9]*\): \(.*\) (\([a-z]*\))$/\1: \3: \2/p' | LC_ALL=C sort -u; }
norm_golangci() { sed -n 's/^\([^ :]*\.go:[0-9]*:[0-9]*\): \(.*\) (obscheck)$/\1: \2/p' | LC_ALL=C sort -u; }
lines_of() { cut -d: -f1,2 | LC_ALL=C sort -u; }

run_obscheck() {
  local rc=0
  "$work/obscheck" "$@" ${pkgs:-./...} >"$work/obscheck.out" 2>"$work/obscheck.err" || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    cat "$work/obscheck.err" >&2
    fail "obscheck exited $rc"
  fi
  norm_obscheck <"$work/obscheck.out"
}
run_golangci() {
  local rc=0
  GOLANGCI_LINT_CACHE="$work/gcl-cache" "$gcl" run --allow-parallel-runners --output.text.path=stdout \
    --output.text.print-issued-lines=false --output.text.colors=false ${pkgs:-./...} >"$work/gcl.out" 2>"$work/gcl.err" || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    cat "$work/gcl.out" "$work/gcl.err" >&2
    fail "golangci-lint exited $rc"
  fi
  norm_golangci <"$work/gcl.out"
}

# compare WANT GOT CONTEXT: same file:line sets, and every golangci-lint
# message is one obscheck reports at that position.
compare() {
  if [ "$(lines_of <<<"$1")" != "$(lines_of <<<"$2")" ]; then
    diff <(lines_of <<<"$1") <(lines_of <<<"$2") >&2 || true
    fail "$3: golangci-lint and obscheck report different file:line sets (< obscheck, > golangci-lint)"
  fi
  local extra
  extra=$(LC_ALL=C comm -13 <(echo "$1") <(echo "$2"))
  [ -z "$extra" ] || fail "$3: golangci-lint messages obscheck does not report:
$extra"
}

gcl_config > .golangci.yml
want=$(run_obscheck)
[ -n "$want" ] || fail "obscheck reports nothing on the example service: nothing to compare"
start=$(date +%s)
got=$(run_golangci)
echo "golangci-lint run on the example service: $(elapsed "$start")"
sed 's/^/  /' <<<"$got"
compare "$want" "$got" "default policy"
! grep -q '(related information)' "$work/gcl.out" || fail "golangci-lint shows related locations as issues of their own (the plugin omits them: report.OmitRelated)" ] || fail "golangci-lint related-information issues at places obscheck relates no finding to:
$extra"
echo "ok: same findings as obscheck ($(lines_of <<<"$want" | wc -l) lines)"

# Part of the module: ./cmd/... alone still reports what its serve sites
# learn from internal/ by facts (the gate-trust promise, under golangci-lint).
for pkgs in ./cmd/... ./internal/worker; do
  want_sub=$(run_obscheck)
  got_sub=$(run_golangci)
  [ -n "$want_sub" ] || fail "obscheck $pkgs reports nothing: nothing to compare"
  compare "$want_sub" "$got_sub" "packages $pkgs"
  [ -z "$(LC_ALL=C comm -13 <(echo "$want") <(echo "$want_sub"))" ] || fail "obscheck $pkgs reports findings ./... does not"
done
unset pkgs
echo "ok: ./cmd/... and ./internal/worker alone: the same findings as obscheck"

# --- inline settings reach the analyzers: turn the first finding's rule off ---
# (same golangci-lint cache as above: settings are part of its cache salt)
off=$(head -n1 <<<"$want" | cut -d' ' -f2 | tr -d :)
# Inline settings are the whole policy (they replace .obscheck.yaml, as
# --config does), so obscheck runs with the same keys as a file.
gcl_config "$(printf 'rules:\n  %s:\n    enabled: false' "$off")" > .golangci.yml
printf 'version: 1\nrules:\n  %s:\n    enabled: false\n' "$off" > "$work/off.yaml"
want_off=$(run_obscheck --config "$work/off.yaml")
[ "$want_off" != "$want" ] || fail "disabling $off changed nothing in obscheck's findings"
got_off=$(run_golangci)
compare "$want_off" "$got_off" "settings rules.$off.enabled: false"
echo "ok: settings turn $off off"

# config: a policy file, relative to where golangci-lint runs.
mkdir -p policies
printf 'version: 1\nrules:\n  %s:\n    enabled: false\n' "$off" > policies/obscheck.yaml
gcl_config 'config: policies/obscheck.yaml' > .golangci.yml
got_cfg=$(run_golangci)
want_cfg=$(run_obscheck --config policies/obscheck.yaml)
compare "$want_cfg" "$got_cfg" "settings config: policies/obscheck.yaml"
echo "ok: settings config: FILE is read"
rm -r policies

# Unknown settings keys are configuration errors.
gcl_config "$(printf 'rules:\n  nosuchrule:\n    enabled: false')" > .golangci.yml
rc=0
GOLANGCI_LINT_CACHE="$work/gcl-cache" "$gcl" run --allow-parallel-runners ./... >"$work/gcl.out" 2>&1 || rc=$?
if ! grep -q 'unknown key "rules.nosuchrule"' "$work/gcl.out" || [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; then
  cat "$work/gcl.out" >&2
  fail "an unknown settings key was not rejected as a configuration error (exit $rc)"
fi
echo "ok: unknown settings keys are rejected (exit $rc)"
gcl_config > .golangci.yml

# --- //nolint:obscheck and //obscheck:ignore suppress ---
# nolint on the first finding's line; obscheck:ignore on a line of another
# file whose findings are all of one rule.
first=$(head -n1 <<<"$got")
nl_file=$(cut -d: -f1 <<<"$first")
nl_line=$(cut -d: -f2 <<<"$first")
ig=$(lines_of <<<"$want" | while IFS=: read -r f l; do
  [ "$f" = "$nl_file" ] && continue
  rules=$(grep "^$f:$l:" <<<"$want" | cut -d' ' -f2 | tr -d : | sort -u)
  if [ "$(wc -l <<<"$rules")" -eq 1 ]; then echo "$f:$l:$rules"; break; fi
done)
[ -n "$ig" ] || fail "no second file with a single-rule line to suppress with //obscheck:ignore"
IFS=: read -r ig_file ig_line ig_rule <<<"$ig"
sed -i "${nl_line}s|\$| //nolint:obscheck // checked by ci-golangci.sh|" "$nl_file"
sed -i "${ig_line}s|\$| //obscheck:ignore $ig_rule checked by ci-golangci.sh|" "$ig_file"

got_sup=$(run_golangci)
want_sup=$(lines_of <<<"$got" | grep -v -x -e "$nl_file:$nl_line" -e "$ig_file:$ig_line")
if [ "$(lines_of <<<"$got_sup")" != "$want_sup" ]; then
  diff <(echo "$want_sup") <(lines_of <<<"$got_sup") >&2 || true
  fail "suppression: expected exactly $nl_file:$nl_line (//nolint:obscheck) and $ig_file:$ig_line (//obscheck:ignore) to go"
fi
echo "ok: //nolint:obscheck suppressed $nl_file:$nl_line; //obscheck:ignore $ig_rule suppressed $ig_file:$ig_line"

# --- one linter per rule: //nolint:RULE ---
cd "$work"
rm -rf "$ex"
cp -R "$root/testdata/example" "$ex"
cd "$ex"
rules=$("$work/obscheck" rules | awk '{print $1}')
gcl_rules_config() {
  printf '%s\n' 'version: "2"' 'linters:' '  default: none' "  enable: [$(echo $rules | tr ' ' ',')]" '  settings:' '    custom:'
  for r in $rules; do
    printf '      %s: {type: module, description: "obscheck rule %s"}\n' "$r" "$r"
  done
  printf '%s\n' 'issues:' '  max-issues-per-linter: 0' '  max-same-issues: 0'
}
gcl_rules_config > .golangci.yml
# Issues now read "file:line:col: message (rule)", as obscheck's own text.
run_golangci_rules() {
  local rc=0
  GOLANGCI_LINT_CACHE="$work/gcl-cache" "$gcl" run --allow-parallel-runners --output.text.path=stdout \
    --output.text.print-issued-lines=false --output.text.colors=false ./... >"$work/gcl.out" 2>"$work/gcl.err" || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    cat "$work/gcl.out" "$work/gcl.err" >&2
    fail "golangci-lint (one linter per rule) exited $rc"
  fi
  if grep -qi 'unknown linters' "$work/gcl.out" "$work/gcl.err"; then
    cat "$work/gcl.err" >&2
    fail "golangci-lint does not know obscheck's rule names"
  fi
  norm_obscheck <"$work/gcl.out"
}
want_rules=$(run_obscheck)
got_rules=$(run_golangci_rules)
compare "$want_rules" "$got_rules" "one linter per rule"
echo "ok: one linter per rule reports obscheck's findings under the rules' names"

# //nolint:RULE on a line whose findings are all of RULE suppresses them;
# //nolint:OTHER (another rule) on a line of another file suppresses nothing.
pick() { # pick EXCLUDE_FILE: file:line:rule of a line with findings of a single rule
  lines_of <<<"$want_rules" | while IFS=: read -r f l; do
    [ "$f" = "$1" ] && continue
    rs=$(grep "^$f:$l:" <<<"$want_rules" | cut -d' ' -f2 | tr -d : | sort -u)
    if [ "$(wc -l <<<"$rs")" -eq 1 ]; then echo "$f:$l:$rs"; break; fi
  done
}
IFS=: read -r nr_file nr_line nr_rule <<<"$(pick "")"
IFS=: read -r ot_file ot_line ot_rule <<<"$(pick "$nr_file")"
[ -n "$nr_rule" ] && [ -n "$ot_rule" ] || fail "no two files with single-rule lines to test //nolint:RULE"
other=$(grep -v -x "$ot_rule" <<<"$rules" | head -n1)
sed -i "${nr_line}s|\$| //nolint:$nr_rule // checked by ci-golangci.sh|" "$nr_file"
sed -i "${ot_line}s|\$| //nolint:$other // checked by ci-golangci.sh|" "$ot_file"
got_nl=$(run_golangci_rules)
want_nl=$(lines_of <<<"$want_rules" | grep -v -x -e "$nr_file:$nr_line")
if [ "$(lines_of <<<"$got_nl")" != "$want_nl" ]; then
  diff <(echo "$want_nl") <(lines_of <<<"$got_nl") >&2 || true
  fail "//nolint:$nr_rule should suppress exactly $nr_file:$nr_line, and //nolint:$other nothing at $ot_file:$ot_line ($ot_rule)"
fi
echo "ok: //nolint:$nr_rule suppressed $nr_file:$nr_line; //nolint:$other left $ot_file:$ot_line ($ot_rule)"
echo "ci-golangci: PASS"
