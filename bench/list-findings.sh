#!/usr/bin/env bash
# bench/list-findings.sh FINDINGS.json [RULE]: one finding per line as
# "rule module-relative/file.go:line: message", followed by the source line,
# for writing bench/triage/<module>.md. Paths in the module cache
# (.../module@version/...) are shown relative to the module root. Relative
# paths are taken as relative to bench/, where run.sh runs obscheck.
set -euo pipefail
json=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") rule=${2:-}
cd "$(dirname "${BASH_SOURCE[0]}")"
jq -r --arg rule "$rule" '.[] | select($rule == "" or .rule == $rule) | [.rule, .file, .line, .message] | @tsv' "$json" |
	while IFS=$'\t' read -r r file line msg; do
		rel=$(sed -E 's|.*@v[^/]*/||' <<<"$file")
		printf '%s %s:%s: %s\n' "$r" "$rel" "$line" "$msg"
		[ -f "$file" ] && printf '    | %s\n' "$(sed -n "${line}p" "$file" | sed 's/^[[:space:]]*//')"
	done
