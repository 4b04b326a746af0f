#!/usr/bin/env bash
# bench/triage/metric-wrappers.sh [--before BIN] [--after BIN] [NAME...]: issue 20's metric
# triage. The services below build their metrics through their own helpers (none is in
# bench/modules.txt). For each, the pinned version is fetched into a scratch module (never
# committed) and copied to a writable directory (the module's own replace directives then
# apply, as when its developers run it), metricnaming and labelcardinality run there with
# bench/policies/<name>.yaml, and the findings are listed (bench/list-findings.sh) for
# bench/triage/<name>.md.
#
# Names evaluated: each binary also runs with a policy whose prefix no name has
# (rules.metricnaming.prefix: [zzz_never_]): every metric definition whose full name obscheck
# knows, and whose prefix it can check, gives one prefix finding; their count, for the binary
# built from main (--before) and from this tree (--after), is "names evaluated before -> after".
#
# Output: $OUT (default /tmp/metric-triage)/<name>.{json,txt,count-before,count-after}.
set -euo pipefail
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO=$(cd "$BENCH/.." && pwd)
OUT=${OUT:-/tmp/metric-triage}
BEFORE="" AFTER=""
while [ $# -gt 0 ]; do
	case "$1" in
	--before) BEFORE=$2; shift ;;
	--after) AFTER=$2; shift ;;
	*) break ;;
	esac
	shift
done
# name      module                            version  packages (relative to the module)
SERVICES="
traefik     github.com/traefik/traefik/v3     v3.7.13  pkg/...
go-zero     github.com/zeromicro/go-zero      v1.10.3  ...
gateway     github.com/envoyproxy/gateway     v1.9.1   internal/...
"
mkdir -p "$OUT"
if [ -z "$AFTER" ]; then
	AFTER=$OUT/obscheck-after
	(cd "$REPO" && go build -o "$AFTER" ./cmd/obscheck)
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/metric-triage.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
printf 'module triage\n\ngo 1.26.0\n' >go.mod
printf 'version: 1\nrules:\n  metricnaming:\n    prefix: [zzz_never_]\n' >count.yaml
rules=(--disable spanrequired --disable execidfield --disable sanitizeboundary --disable directive)
count() { # BIN PKGS: prefix findings under the impossible prefix
	{ GOFLAGS=-mod=mod "$1" --format json --config "$work/count.yaml" "${rules[@]}" --disable labelcardinality "${@:2}" 2>/dev/null || true; } |
		jq '[.[] | select(.rule == "metricnaming" and (.message | contains("zzz_never_")))] | length'
}
echo "$SERVICES" | while read -r name module version pkgs; do
	[ -z "$name" ] && continue
	if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$name"; then continue; fi
	echo "== $name $module@$version" >&2
	src=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$module@$version" | jq -r .Dir)
	rm -rf "$work/$name" && cp -r "$src" "$work/$name" && chmod -R u+w "$work/$name"
	pattern=./$pkgs
	(cd "$work/$name" && GOFLAGS=-mod=mod go mod download >/dev/null 2>&1 || true)
	(cd "$work/$name" && GOFLAGS=-mod=mod "$AFTER" --format json --config "$BENCH/policies/$name.yaml" "${rules[@]}" "$pattern" \
		>"$OUT/$name.json" 2>"$OUT/$name.err" || true)
	# one finding a line (as bench/list-findings.sh prints them), paths relative to the
	# module root, the source line below, related locations indented
	jq -r --arg root "$work/$name/" '.[] | [.rule, (.file | ltrimstr($root)), .line, .message,
		((.related // []) | map("related " + (.file | ltrimstr($root)) + ":" + (.line | tostring) + ": " + .message) | join("\u0001"))] | @tsv' \
		"$OUT/$name.json" | while IFS=$'\t' read -r r file line msg rel; do
		printf '%s %s:%s: %s\n' "$r" "$file" "$line" "$msg"
		[ -f "$work/$name/$file" ] && printf '    | %s\n' "$(sed -n "${line}p" "$work/$name/$file" | sed 's/^[[:space:]]*//')"
		[ -n "$rel" ] && tr '\001' '\n' <<<"$rel" | sed 's/^/    /'
		true
	done >"$OUT/$name.txt"
	(cd "$work/$name" && cp "$work/count.yaml" . && count "$AFTER" "$pattern") >"$OUT/$name.count-after"
	[ -n "$BEFORE" ] && (cd "$work/$name" && count "$BEFORE" "$pattern") >"$OUT/$name.count-before"
	printf '%s: %s findings; names evaluated %s -> %s\n' "$name" "$(jq length "$OUT/$name.json")" \
		"$(cat "$OUT/$name.count-before" 2>/dev/null || echo '?')" "$(cat "$OUT/$name.count-after")" >&2
done
