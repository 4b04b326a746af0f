#!/usr/bin/env bash
# bench/span-rules.sh: the span rules of issue 15 (otelinit, spanstatus,
# spancorrelation) on real services, next to golangci-lint's spancheck
# set-status check, for bench/triage/ and bench/RESULTS.md.
#
#   bench/span-rules.sh [--out DIR] [--obscheck BIN] [--no-golangci]
#
# Modules: those of bench/modules.txt (at bench/go.mod's versions, in
# writable copies made main modules by a go.work using bench/, as run.sh
# does for golangci-lint: obscheck does not analyze dependencies), plus the
# services of EXTRA below, fetched from the module proxy into the work
# directory at run time and analyzed as their own main module. Nothing is
# committed. Per module, in DIR (default: a temporary directory, printed):
#   M.json         obscheck --config policies/M.yaml (openfga also with
#                  policies/openfga-store_id.yaml; default policy for
#                  EXTRA) --enable otelinit --enable spanstatus
#                  --enable spancorrelation --format json PKGS
#   M.spancheck.json  golangci-lint run -c bench/golangci-spancheck.yml PKGS
#   M.tsv          one line per finding of the three rules and of spancheck:
#                  tool, rule, file:line, the source line
set -uo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH/.." && pwd)
GOLANGCI_VERSION=v2.15.0
EXTRA="spicedb:github.com/authzed/spicedb@v1.56.2 jaeger:github.com/jaegertracing/jaeger@v1.76.0"
OUT="" OBS="" GOLANGCI=1
while [ $# -gt 0 ]; do
	case "$1" in
	--out) OUT=$2; shift ;;
	--obscheck) OBS=$2; shift ;;
	--no-golangci) GOLANGCI=0 ;;
	-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "span-rules.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done
log() { printf '%s span-rules.sh: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "$*"; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/obscheck-span-rules.XXXXXX")
[ -n "$OUT" ] || OUT=$WORK/out
mkdir -p "$OUT" "$WORK/ws" "$WORK/ext" && OUT=$(cd "$OUT" && pwd)
log "work directory $WORK, results in $OUT"

if [ -z "$OBS" ]; then
	(cd "$REPO" && go build -o "$WORK/obscheck" ./cmd/obscheck) || die "obscheck does not build"
	OBS=$WORK/obscheck
fi
GL=${OBSCHECK_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/obscheck-bench}/golangci-lint-$GOLANGCI_VERSION/golangci-lint
if [ "$GOLANGCI" = 1 ] && [ ! -x "$GL" ]; then
	log "installing golangci-lint $GOLANGCI_VERSION from the module proxy"
	GOBIN=$(dirname "$GL") GOFLAGS=-mod=mod go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$GOLANGCI_VERSION" || die "go install golangci-lint failed"
fi
export GOLANGCI_LINT_CACHE=$WORK/golangci-cache

# listing NAME DIR: the findings of M.json and M.spancheck.json, one a line.
listing() {
	local n=$1 dir=$2
	{
		jq -r '.[] | select(.rule == "otelinit" or .rule == "spanstatus" or .rule == "spancorrelation") | "obscheck\t\(.rule)\t\(.file)\t\(.line)"' "$OUT/$n.json"
		[ -f "$OUT/$n.spancheck.json" ] && jq -r '.Issues[]? | "golangci\t\(.FromLinter)\t\(.Pos.Filename)\t\(.Pos.Line)"' "$OUT/$n.spancheck.json"
	} | while IFS=$'\t' read -r tool rule file line; do
		rel=${file#"$dir"/}
		printf '%s\t%s\t%s:%s\t%s\n' "$tool" "$rule" "$rel" "$line" "$(sed -n "${line}p" "$dir/$rel" 2>/dev/null | sed 's/^[[:space:]]*//')"
	done >"$OUT/$n.tsv"
}

# run NAME DIR CONFIG PKGS...: both tools in DIR.
run() {
	local n=$1 dir=$2 cfg=$3
	shift 3
	log "$n: obscheck"
	(cd "$dir" && "$OBS" ${cfg:+--config "$cfg"} --enable otelinit --enable spanstatus --enable spancorrelation \
		--format json --output "$OUT/$n.json" "$@" 2>"$OUT/$n.err")
	if [ "$GOLANGCI" = 1 ]; then
		log "$n: golangci-lint spancheck set-status"
		(cd "$dir" && "$GL" run --allow-parallel-runners -c "$BENCH/golangci-spancheck.yml" "$@" >"$OUT/$n.spancheck.json" 2>"$OUT/$n.spancheck.err")
	fi
	listing "$n" "$dir"
	log "$n: $(cut -f1,2 "$OUT/$n.tsv" | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
}

# The bench modules, as bench/run.sh copies them.
cat >"$WORK/ws/go.work" <<EOW
go $(cd "$BENCH" && go mod edit -json | jq -r .Go)

use $BENCH
EOW
while read -r name mod ver excl _; do
	case "$name" in '' | '#'*) continue ;; esac
	dir=$(cd "$BENCH" && go mod download -json "$mod@$ver" | jq -r .Dir) || die "go mod download $mod failed"
	cp -r "$dir" "$WORK/ws/$name" && chmod -R u+w "$WORK/ws/$name"
	for r in $(cd "$WORK/ws/$name" && go mod edit -json | jq -r '.Replace[]? | select(.New.Path | startswith(".")) | .Old.Path'); do
		(cd "$WORK/ws/$name" && go mod edit -dropreplace="$r")
	done
	(cd "$WORK/ws" && go work use "./$name")
	pkgs=./...
	if [ "$excl" != - ]; then
		drop=$(tr ',' '\n' <<<"$excl" | sed "s|^|$mod/|")
		pkgs=$(cd "$WORK/ws/$name" && go list -e ./... 2>/dev/null | grep -vxF "$drop" | sed "s|^$mod|.|" | tr '\n' ' ')
	fi
	run "$name" "$WORK/ws/$name" "$BENCH/policies/$name.yaml" $pkgs
	# openfga once more with store_id as the correlation key: the default
	# and bench keys are in scope nowhere, store_id in most handlers.
	if [ "$name" = openfga ]; then
		GOLANGCI=0 run openfga-store_id "$WORK/ws/$name" "$BENCH/policies/openfga-store_id.yaml" ./...
	fi
done <"$BENCH/modules.txt"

# More services using OpenTelemetry tracing, fetched now, default policy.
for e in $EXTRA; do
	name=${e%%:*} modver=${e#*:}
	dir=$(GOFLAGS=-mod=mod go mod download -json "$modver" | jq -r .Dir) || die "go mod download $modver failed"
	cp -r "$dir" "$WORK/ext/$name" && chmod -R u+w "$WORK/ext/$name"
	(cd "$WORK/ext/$name" && GOWORK=off GOFLAGS=-mod=mod go mod download) || die "$name: go mod download failed"
	GOWORK=off GOFLAGS=-mod=mod run "$name" "$WORK/ext/$name" "" ./...
done
log "done: $OUT"
