#!/usr/bin/env bash
# bench/compare-findings.sh OLD NEW [--modules a,b] [--rules r1,r2]: run two
# obscheck binaries on testdata/example and on the bench modules
# (bench/modules.txt, each with its project policy and with the default
# policy) and diff their findings (rule, file, line, column, message).
# Exit 0 when identical. For refactorings that must not change behaviour.
# Each module is analyzed as the main module of a writable copy (a go.work
# using bench/ pins its dependencies), as run.sh's obscheck_ws run does:
# the rules do nothing on packages of versioned modules.
set -uo pipefail
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH/.." && pwd)
OLD=$(realpath "$1") NEW=$(realpath "$2")
shift 2
ONLY="" RULES=""
while [ $# -gt 0 ]; do
	case "$1" in
	--modules) ONLY=$2; shift ;;
	--rules) RULES=$2; shift ;;
	*) echo "compare-findings.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done
WORK=$(mktemp -d "${TMPDIR:-/tmp}/obscheck-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
norm() { # findings JSON -> sorted lines
	jq -r --arg rules "$RULES" '.[]? | select($rules == "" or (.rule as $r | ("," + $rules + ",") | contains("," + $r + ","))) | [.rule, (.file | sub(".*@v[^/]*/"; "")), .line, .column, .message] | @tsv' "$1" | sort
}
run() { # name dir args...
	local name=$1 dir=$2
	shift 2
	for b in old new; do
		bin=$OLD
		[ $b = new ] && bin=$NEW
		(cd "$dir" && "$bin" --format json --output "$WORK/$name.$b.json" "$@" 2>"$WORK/$name.$b.err")
		norm "$WORK/$name.$b.json" >"$WORK/$name.$b.tsv"
	done
	if diff -u "$WORK/$name.old.tsv" "$WORK/$name.new.tsv" >"$WORK/$name.diff"; then
		printf '%-28s %5d findings, identical\n' "$name" "$(wc -l <"$WORK/$name.new.tsv")"
	else
		printf '%-28s DIFFERENT (old %d, new %d):\n' "$name" "$(wc -l <"$WORK/$name.old.tsv")" "$(wc -l <"$WORK/$name.new.tsv")"
		sed -n '3,40p' "$WORK/$name.diff"
		STATUS=1
	fi
}
STATUS=0
run example "$REPO/testdata/example" ./...
while read -r name mod ver excl touch quick; do
	case "$name" in '' | '#'*) continue ;; esac
	if [ -n "$ONLY" ]; then [[ ",$ONLY," == *",$name,"* ]] || continue; fi
	ver=$(cd "$BENCH" && go list -m -f '{{.Version}}' "$mod")
	dir=$(cd "$BENCH" && go mod download -json "$mod@$ver" | jq -r .Dir)
	mkdir -p "$WORK/ws"
	[ -f "$WORK/ws/go.work" ] || printf 'go %s\n\nuse %s\n' "$(cd "$BENCH" && go mod edit -json | jq -r .Go)" "$BENCH" >"$WORK/ws/go.work"
	cp -r "$dir" "$WORK/ws/$name" && chmod -R u+w "$WORK/ws/$name"
	for r in $(cd "$WORK/ws/$name" && go mod edit -json | jq -r '.Replace[]? | select(.New.Path | startswith(".")) | .Old.Path'); do
		(cd "$WORK/ws/$name" && go mod edit -dropreplace="$r")
	done
	(cd "$WORK/ws" && go work use "./$name")
	if [ "$excl" = - ]; then
		pkgs="./..."
	else
		drop=$(tr ',' '\n' <<<"$excl" | sed "s|^|$mod/|")
		pkgs=$(cd "$WORK/ws/$name" && go list -e ./... 2>/dev/null | grep -vxF "$drop" | sed "s|^$mod|.|" | tr '\n' ' ')
	fi
	run "$name" "$WORK/ws/$name" --config "$BENCH/policies/$name.yaml" $pkgs
	run "$name-default" "$WORK/ws/$name" $pkgs
done <"$BENCH/modules.txt"
exit $STATUS
