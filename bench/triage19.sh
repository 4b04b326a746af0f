#!/usr/bin/env bash
# bench/triage19.sh [--modules a,b] [--keep]: spanrequired on the services
# of bench/triage19.txt, each analyzed as the main module: the module zip
# is fetched from the module proxy (go mod download), copied writable, its
# local replace directives dropped, and `obscheck --format json ./...`
# run inside with the default policy. Findings go to
# $OUT/<name>.json and, one per line with the source line, to
# $OUT/<name>.txt (OUT, default /tmp/obscheck-triage19: nothing fetched is
# committed). Label each finding in bench/triage/<name>.md.
set -uo pipefail
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH/.." && pwd)
ONLY="" KEEP=0
while [ $# -gt 0 ]; do
	case "$1" in
	--modules) ONLY=$2; shift ;;
	--keep) KEEP=1 ;;
	*) echo "triage19.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done
OUT=${OUT:-${TMPDIR:-/tmp}/obscheck-triage19}
mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/obscheck-triage.XXXXXX")
[ "$KEEP" = 1 ] || trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
(cd "$REPO" && go build -o "$WORK/obscheck" ./cmd/obscheck) || exit 1
while read -r name mod ver; do
	case "$name" in '' | '#'*) continue ;; esac
	if [ -n "$ONLY" ]; then [[ ",$ONLY," == *",$name,"* ]] || continue; fi
	echo "$(date -u +%T) $name: $mod@$ver" >&2
	dir=$(cd "$WORK" && GOFLAGS=-mod=mod go mod download -json "$mod@$ver" | jq -r .Dir) || { echo "$name: download failed" >&2; continue; }
	cp -r "$dir" "$WORK/$name" && chmod -R u+w "$WORK/$name"
	for r in $(cd "$WORK/$name" && go mod edit -json | jq -r '.Replace[]? | select(.New.Path | startswith(".")) | .Old.Path'); do
		(cd "$WORK/$name" && go mod edit -dropreplace="$r")
	done
	(cd "$WORK/$name" && GOFLAGS=-mod=mod GOWORK=off go mod download) >/dev/null 2>&1
	start=$(date +%s)
	(cd "$WORK/$name" && GOFLAGS=-mod=mod GOWORK=off "$WORK/obscheck" --format json --output "$OUT/$name.json" ./... 2>"$OUT/$name.err")
	echo "$(date -u +%T) $name: exit $? in $(( $(date +%s) - start ))s, $(jq '[.[] | select(.rule == "spanrequired")] | length' "$OUT/$name.json") spanrequired findings" >&2
	jq -r '.[] | select(.rule == "spanrequired") | [.file, .line, .message] | @tsv' "$OUT/$name.json" |
		while IFS=$'\t' read -r file line msg; do
			rel=${file#"$WORK/$name/"}
			printf '%s:%s: %s\n' "$rel" "$line" "$msg"
			[ -f "$WORK/$name/$rel" ] && printf '    | %s\n' "$(sed -n "${line}p" "$WORK/$name/$rel" | sed 's/^[[:space:]]*//')"
		done >"$OUT/$name.txt"
done <"$BENCH/triage19.txt"
