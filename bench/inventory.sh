#!/usr/bin/env bash
# bench/inventory.sh [NAME...]: issue 16's catalog check on bench modules. For each service
# (default: alertmanager and etcd, both heavy prometheus/client_golang users), the pinned
# version from bench/go.mod is copied to a writable directory made a main module of a
# workspace with bench/ (as run.sh's obscheck_ws runs it: every dependency at bench/go.mod's
# version), then:
#   - obscheck catalog --format json --config bench/policies/NAME.yaml lists the metrics;
#   - promlinter list (github.com/yeya24/promlinter, the static metric lister golangci-lint's
#     promlinter is built on; fetched at bench time into $OUT/bin) lists them too;
#   - the two name sets are compared: $OUT/NAME.only-obscheck, $OUT/NAME.only-promlinter,
#     $OUT/NAME.unresolved (obscheck's unresolved names, with their known parts);
#   - a check, the catalog and the coverage run once more each with --stats (load and analysis
#     time: the commands cost what a check costs): $OUT/NAME.times.
# bench/RESULTS.md ("Catalog vs promlinter") explains every difference.
#
# Output: $OUT (default /tmp/inventory-bench).
set -euo pipefail
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH/.." && pwd)
OUT=${OUT:-/tmp/inventory-bench}
PROMLINTER_VERSION=v0.3.0
NAMES=("$@")
[ ${#NAMES[@]} -gt 0 ] || NAMES=(alertmanager etcd)
mkdir -p "$OUT/bin"
(cd "$REPO" && go build -o "$OUT/bin/obscheck" ./cmd/obscheck)
[ -x "$OUT/bin/promlinter" ] || GOBIN="$OUT/bin" GOFLAGS=-mod=mod go install "github.com/yeya24/promlinter/cmd/promlinter@$PROMLINTER_VERSION"
work=$(mktemp -d "${TMPDIR:-/tmp}/inventory-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
printf 'go %s\n\nuse %s\n' "$(cd "$BENCH" && go mod edit -json | jq -r .Go)" "$BENCH" >"$work/go.work"
for n in "${NAMES[@]}"; do
	read -r _ m v excl _ < <(grep -E "^$n[[:space:]]" "$BENCH/modules.txt") || { echo "$n is not in bench/modules.txt" >&2; exit 2; }
	dir=$(cd "$BENCH" && go mod download -json "$m@$v" | jq -r .Dir)
	cp -r "$dir" "$work/$n" && chmod -R u+w "$work/$n"
	for r in $(cd "$work/$n" && go mod edit -json | jq -r '.Replace[]? | select(.New.Path | startswith(".")) | .Old.Path'); do
		(cd "$work/$n" && go mod edit -dropreplace="$r")
	done
	(cd "$work" && go work use "./$n")
	pkgs=./...
	if [ "$excl" != - ]; then
		drop=$(tr ',' '\n' <<<"$excl" | sed "s|^|$m/|")
		pkgs=$(cd "$work/$n" && go list -e ./... 2>/dev/null | grep -vxF "$drop" | sed "s|^$m|.|" | tr '\n' ' ')
	fi
	echo "== $n $m@$v" >&2
	# shellcheck disable=SC2086
	(cd "$work/$n" && "$OUT/bin/obscheck" catalog --format json --config "$BENCH/policies/$n.yaml" $pkgs >"$OUT/$n.catalog.json" 2>"$OUT/$n.catalog.err") ||
		{ echo "obscheck catalog failed on $n (exit $?):" >&2; cat "$OUT/$n.catalog.err" >&2; }
	# promlinter reads the same files (no tests; obscheck excludes them by default).
	files=$(cd "$work/$n" && go list -e -f '{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}} {{end}}' $pkgs 2>/dev/null)
	# shellcheck disable=SC2086
	"$OUT/bin/promlinter" list --add-position -o json $files >"$OUT/$n.promlinter.json" 2>"$OUT/$n.promlinter.err" || true
	jq -r '.metrics[] | select(.library == "prometheus" and (.unresolved | not)) | .name' "$OUT/$n.catalog.json" | sort -u >"$OUT/$n.obscheck.names"
	jq -r '.metrics[] | select(.unresolved) | "\(.pattern)\t\(.declared)\t\(.file):\(.line)"' "$OUT/$n.catalog.json" | sort >"$OUT/$n.unresolved"
	jq -r '.[]?.Name // empty' "$OUT/$n.promlinter.json" | sort -u >"$OUT/$n.promlinter.names"
	comm -23 "$OUT/$n.obscheck.names" "$OUT/$n.promlinter.names" >"$OUT/$n.only-obscheck"
	comm -13 "$OUT/$n.obscheck.names" "$OUT/$n.promlinter.names" >"$OUT/$n.only-promlinter"
	printf '%s\tcatalog: %d metrics (%d prometheus names, %d unresolved, %d otel/vm)\tpromlinter: %d names\tboth: %d\tonly obscheck: %d\tonly promlinter: %d\n' \
		"$n" "$(jq '.metrics | length' "$OUT/$n.catalog.json")" "$(wc -l <"$OUT/$n.obscheck.names")" "$(wc -l <"$OUT/$n.unresolved")" \
		"$(jq '[.metrics[] | select(.library != "prometheus")] | length' "$OUT/$n.catalog.json")" \
		"$(wc -l <"$OUT/$n.promlinter.names")" "$(comm -12 "$OUT/$n.obscheck.names" "$OUT/$n.promlinter.names" | wc -l)" \
		"$(wc -l <"$OUT/$n.only-obscheck")" "$(wc -l <"$OUT/$n.only-promlinter")" | tee "$OUT/$n.summary"
	: >"$OUT/$n.times"
	for cmd in check catalog coverage; do
		sub=$cmd
		[ "$cmd" = check ] && sub=
		# shellcheck disable=SC2086
		(cd "$work/$n" && "$OUT/bin/obscheck" $sub --stats --config "$BENCH/policies/$n.yaml" $pkgs 2>&1 >/dev/null |
			grep -E '^obscheck: [0-9]+ packages' | sed "s/^/$cmd: /" >>"$OUT/$n.times") || true
	done
	cat "$OUT/$n.times"
done
