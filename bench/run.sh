#!/usr/bin/env bash
# bench/run.sh: obscheck measured against go vet and golangci-lint on real
# services (bench/modules.txt), in one run, interleaved and repeated.
#
#   bench/run.sh [--quick] [--reps N] [--modules a,b] [--pprof DIR]
#                [--obscheck BIN] [--empty-cache-only] [--no-write] [--keep]
#
#   --quick           1 repetition, only the modules marked quick in modules.txt
#   --reps N          repetitions (default 3; medians are reported)
#   --modules a,b     only these modules (names from modules.txt)
#   --pprof DIR       also profile 5 standalone runs per module (not timed):
#                     DIR/<module>/run<i>/{cpu,heap}.pprof, merged into
#                     DIR/<module>/{cpu,heap}.pprof with pprof -top summaries,
#                     and DIR/all-*.txt over every module
#   --obscheck BIN    measure this binary (default: built from the repository's HEAD)
#   --empty-cache-only  measure only obscheck and golangci-lint with an empty
#                     GOCACHE (slow: golangci-lint then compiles for minutes);
#                     written to results-empty-cache.json and its own section
#                     of RESULTS.md
#   --no-write        leave bench/RESULTS.md and bench/results.json alone
#   --keep            keep the work directory (copies, raw outputs)
#
# Per module and repetition, in this order (see RESULTS.md for why each
# one is cold or warm and how):
#   floor          loadfloor REL: go/packages load, syntax+types for REL, deps from export data
#   obscheck       obscheck --stats --format json REL, fresh process, build cache warm
#   obscheck_export  the same with --load export (no cold-cache probe)
#   obscheck_cmd   obscheck ./cmd/... (when the module has cmd/): part of the module
#   obscheck_pkg   obscheck on the touch file's package alone
#   obscheck_ws    obscheck ./... inside the writable copy (same place golangci-lint runs)
#   govet_cold     go vet PKGS, vet cache invalidated by a fresh -printf.funcs value
#   govet_warm     the same again
#   vettool_cold   go vet -vettool=obscheck, vet cache invalidated by a fresh policy
#                  file (the policy is hashed into obscheck's tool ID)
#   vettool_warm   the same again
#   vettool_touch  the same after appending a function to one file of the copy
#   govet_touch    go vet (default analyzers, vet cache warm) after another such edit
#   nullvet_touch  go vet -vettool=nullvet (bench/cmd/nullvet: analyzes nothing)
#                  after a third edit: the go command's own cost of an edit,
#                  the floor under any vet tool's touched run
#   golangci       golangci-lint run (promlinter, sloglint, spancheck, loggercheck)
#                  after golangci-lint cache clean
#   obscheck_empty, golangci_empty  (--empty-cache-only) obscheck and
#                  golangci-lint with an empty GOCACHE
# Each is timed by /usr/bin/time -v: wall, user+sys CPU, peak RSS.
# Everything runs in the writable copy, where the service is the main
# module (a go.work): obscheck's rules do not judge packages of versioned
# modules (dependencies), so naming the module's import paths from bench/
# would measure a run that analyzes nothing.
set -uo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH/.." && pwd)
GOLANGCI_VERSION=v2.15.0

QUICK=0 REPS=3 ONLY="" PPROF="" PROFRUNS=5 OBS="" EMPTY=0 WRITE=1 KEEP=0
while [ $# -gt 0 ]; do
	case "$1" in
	--quick) QUICK=1 REPS=1 ;;
	--reps) REPS=$2; shift ;;
	--modules) ONLY=$2; shift ;;
	--pprof) PPROF=$2; shift ;;
	--obscheck) OBS=$2; shift ;;
	--empty-cache-only) EMPTY=1 ;;
	--no-write) WRITE=0 ;;
	--keep) KEEP=1 ;;
	-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done
[ -n "$PPROF" ] && { mkdir -p "$PPROF" && PPROF=$(cd "$PPROF" && pwd); }

log() { printf '%s run.sh: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "$*"; exit 1; }

if [ ! -x /usr/bin/time ]; then
	log "installing GNU time (/usr/bin/time -v)"
	{ apt-get update -qq && apt-get install -y -qq time; } >/dev/null 2>&1 || die "need /usr/bin/time: apt-get install time"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/obscheck-bench.XXXXXX")
cleanup() {
	if [ "$KEEP" = 1 ]; then log "work directory kept: $WORK"; else chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"; fi
}
trap cleanup EXIT
mkdir -p "$WORK/bin" "$WORK/out" "$WORK/pol" "$WORK/ws"
# golangci-lint's own cache, private to this run: "cache clean" must not empty
# the cache of other golangci-lint users on the machine.
export GOLANGCI_LINT_CACHE=$WORK/golangci-cache
RAW=$WORK/raw.tsv
RUNID=$(date -u +%Y%m%d%H%M%S)$$

# --- tools -----------------------------------------------------------------
COMMIT=$(git -C "$REPO" rev-parse HEAD)
if [ -z "$OBS" ]; then
	log "building obscheck from HEAD ${COMMIT:0:12}"
	mkdir -p "$WORK/src"
	git -C "$REPO" archive HEAD | tar -x -C "$WORK/src" || die "git archive failed"
	(cd "$WORK/src" && go build -o "$WORK/bin/obscheck" ./cmd/obscheck) || die "obscheck does not build at HEAD; pass --obscheck BIN"
	OBS=$WORK/bin/obscheck
	OBS_DESC="HEAD $COMMIT"
else
	OBS=$(cd "$(dirname "$OBS")" && pwd)/$(basename "$OBS")
	OBS_DESC="given binary (repository HEAD $COMMIT)"
fi
CACHE=${OBSCHECK_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/obscheck-bench}
GL=$CACHE/golangci-lint-$GOLANGCI_VERSION/golangci-lint
if [ ! -x "$GL" ]; then
	log "installing golangci-lint $GOLANGCI_VERSION from the module proxy"
	GOBIN=$(dirname "$GL") GOFLAGS=-mod=mod go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$GOLANGCI_VERSION" || die "go install golangci-lint failed"
fi
(cd "$BENCH" && go build -o "$WORK/bin/loadfloor" ./cmd/loadfloor && go build -o "$WORK/bin/benchreport" ./cmd/benchreport && go build -o "$WORK/bin/nullvet" ./cmd/nullvet) || die "bench helpers do not build"

# --- modules ---------------------------------------------------------------
NAMES=()
declare -A MOD VER EXCL TOUCH PKGS REL
while read -r name mod ver excl touch quick; do
	case "$name" in '' | '#'*) continue ;; esac
	if [ -n "$ONLY" ]; then [[ ",$ONLY," == *",$name,"* ]] || continue
	elif [ "$QUICK" = 1 ] && [ "$quick" != yes ]; then continue; fi
	NAMES+=("$name") MOD[$name]=$mod VER[$name]=$ver EXCL[$name]=$excl TOUCH[$name]=$touch
done <"$BENCH/modules.txt"
[ ${#NAMES[@]} -gt 0 ] || die "no modules selected"

cat >"$WORK/ws/go.work" <<EOF
go $(cd "$BENCH" && go mod edit -json | jq -r .Go)

use $BENCH
EOF
for n in "${NAMES[@]}"; do
	m=${MOD[$n]}
	got=$(cd "$BENCH" && go list -m -f '{{.Version}}' "$m") || die "$m is not in bench/go.mod"
	[ "$got" = "${VER[$n]}" ] || die "$n: bench/go.mod has $m $got, modules.txt pins ${VER[$n]}"
	dir=$(cd "$BENCH" && go mod download -json "$m@$got" | jq -r .Dir) || die "go mod download $m failed"
	# The package list: PKGS for commands run in bench/ (import paths of
	# a dependency), REL for commands run in the copy (directories).
	if [ "${EXCL[$n]}" = - ]; then
		PKGS[$n]="$m/..." REL[$n]="./..."
	else
		drop=$(tr ',' '\n' <<<"${EXCL[$n]}" | sed "s|^|$m/|")
		list=$(cd "$BENCH" && go list -e "$m/..." 2>/dev/null | grep -vxF "$drop")
		PKGS[$n]=$(echo $list)
		REL[$n]=$(echo $(sed "s|^$m|.|" <<<"$list"))
	fi
	# A writable copy for the touched-file run and for golangci-lint (which
	# takes directories, not import paths): a go.work makes it a main
	# module while every dependency stays at bench/go.mod's version.
	cp -r "$dir" "$WORK/ws/$n" && chmod -R u+w "$WORK/ws/$n"
	for r in $(cd "$WORK/ws/$n" && go mod edit -json | jq -r '.Replace[]? | select(.New.Path | startswith(".")) | .Old.Path'); do
		(cd "$WORK/ws/$n" && go mod edit -dropreplace="$r")
	done
	(cd "$WORK/ws" && go work use "./$n")
	[ -f "$BENCH/policies/$n.yaml" ] || die "missing bench/policies/$n.yaml"
	log "$n: $m@$got: $(cd "$BENCH" && go list ${PKGS[$n]} 2>/dev/null | wc -l) packages, warming the build cache"
	# Warm-up, not measured: compile everything every measurement needs
	# (test variants too: go vet checks _test.go files).
	if [ "$EMPTY" = 0 ]; then
		(cd "$BENCH" && go build ${PKGS[$n]}; go vet -printf.funcs=obscheckBenchWarm ${PKGS[$n]}) >"$WORK/out/$n.warm.log" 2>&1
		(cd "$WORK/ws/$n" && go build ${REL[$n]}; go vet -printf.funcs=obscheckBenchWarm ${REL[$n]}; go vet -vettool="$WORK/bin/nullvet" ${REL[$n]}) >>"$WORK/out/$n.warm.log" 2>&1
	fi
	mkdir -p "$WORK/out/$n"
done

# --- measuring -------------------------------------------------------------
# measure NAME TOOL REP DIR CMD...: runs CMD in DIR under /usr/bin/time -v.
measure() {
	local n=$1 tool=$2 rep=$3 dir=$4
	shift 4
	local o="$WORK/out/$n/$tool.$rep"
	(cd "$dir" && /usr/bin/time -v -o "$o.time" "$@" >"$o.out" 2>"$o.err")
	local rc=$?
	awk -v n="$n" -v t="$tool" -v r="$rep" -v rc="$rc" -F': ' '
		/User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {m=$2}
		/Elapsed \(wall clock\)/ {k=split($2, a, ":"); w=0; for (i=1;i<=k;i++) w=w*60+a[i]}
		/Exit status/ {x=$2}
		END {printf "%s\t%s\t%s\t%.2f\t%.2f\t%.2f\t%d\t%d\n", n, t, r, w, u, s, m, (x==""?rc:x)}' "$o.time" >>"$RAW"
	tail -1 "$RAW" | awk -F'\t' '{printf "  %-14s %-14s rep %s: %6.2fs wall %7.2fs cpu %5d MB rc=%s\n", $1, $2, $3, $4, $5+$6, $7/1024, $8}' >&2
}

policy() { # a copy of the module's policy whose content (and so obscheck's tool ID) is new
	local f="$WORK/pol/$1-$2.yaml"
	{ cat "$BENCH/policies/$1.yaml"; echo "# bench nonce $2"; } >"$f"
	echo "$f"
}

for rep in $(seq 1 "$REPS"); do
	for n in "${NAMES[@]}"; do
		log "rep $rep/$REPS: $n"
		nonce=${RUNID}x${rep}x${n}
		ws=$WORK/ws/$n
		pol=$BENCH/policies/$n.yaml
		if [ "$EMPTY" = 0 ]; then
			measure "$n" floor "$rep" "$ws" "$WORK/bin/loadfloor" ${REL[$n]}
			measure "$n" obscheck "$rep" "$ws" "$OBS" --stats --config "$pol" --format json --output "$WORK/out/$n/findings.$rep.json" ${REL[$n]}
			measure "$n" obscheck_export "$rep" "$ws" "$OBS" --load export --stats --config "$pol" --format json --output /dev/null ${REL[$n]}
			# Part of the module (issue 17): the module's other packages are
			# analyzed for facts, not reported. ./cmd/... where there is one,
			# and the package of the touch file alone.
			[ -d "$ws/cmd" ] && measure "$n" obscheck_cmd "$rep" "$ws" "$OBS" --stats --config "$pol" --format json --output /dev/null ./cmd/...
			measure "$n" obscheck_pkg "$rep" "$ws" "$OBS" --stats --config "$pol" --format json --output /dev/null "./$(dirname "${TOUCH[$n]}")"
			measure "$n" govet_cold "$rep" "$ws" go vet -printf.funcs=obscheckBench$nonce ${REL[$n]}
			measure "$n" govet_warm "$rep" "$ws" go vet -printf.funcs=obscheckBench$nonce ${REL[$n]}
			vp=$(policy "$n" "$nonce")
			measure "$n" vettool_cold "$rep" "$ws" env OBSCHECK_CONFIG="$vp" go vet -vettool="$OBS" ${REL[$n]}
			measure "$n" vettool_warm "$rep" "$ws" env OBSCHECK_CONFIG="$vp" go vet -vettool="$OBS" ${REL[$n]}
			printf '\n// Added by obscheck bench/run.sh: one edited file.\nfunc obscheckBenchEdit%s() {}\n' "$nonce" >>"$ws/${TOUCH[$n]}"
			measure "$n" vettool_touch "$rep" "$ws" env OBSCHECK_CONFIG="$vp" go vet -vettool="$OBS" ${REL[$n]}
			# The same for go vet's own analyzers (vet cache warm since the warm-up):
			# what any vet tool pays after an edit (recompiling the package and its
			# importers, re-vetting them).
			printf '\n// Added by obscheck bench/run.sh: one more edit.\nfunc obscheckBenchEdit%sb() {}\n' "$nonce" >>"$ws/${TOUCH[$n]}"
			measure "$n" govet_touch "$rep" "$ws" go vet -printf.funcs=obscheckBenchWarm ${REL[$n]}
			# And for a vet tool that does nothing: the go command's share.
			printf '\n// Added by obscheck bench/run.sh: a third edit.\nfunc obscheckBenchEdit%sc() {}\n' "$nonce" >>"$ws/${TOUCH[$n]}"
			measure "$n" nullvet_touch "$rep" "$ws" go vet -vettool="$WORK/bin/nullvet" ${REL[$n]}
			"$GL" cache clean
			measure "$n" golangci "$rep" "$ws" "$GL" run --allow-parallel-runners -c "$BENCH/golangci.yml" ${REL[$n]}
			measure "$n" obscheck_ws "$rep" "$ws" "$OBS" --stats --config "$pol" --format json --output "$WORK/out/$n/findings_ws.$rep.json" ${REL[$n]}
		fi
		if [ "$EMPTY" = 1 ]; then
			for t in obscheck_empty golangci_empty; do
				gc=$WORK/gocache-empty
				rm -rf "$gc" && mkdir -p "$gc"
				if [ $t = obscheck_empty ]; then
					# First run on a fresh machine (both caches empty), then the
					# second run there (obscheck's own cache filled by the first).
					measure "$n" $t "$rep" "$ws" env GOCACHE="$gc" OBSCHECK_CACHE="$gc/obscheck" "$OBS" --stats --config "$pol" --format json --output /dev/null ${REL[$n]}
					measure "$n" obscheck_empty2 "$rep" "$ws" env GOCACHE="$gc" OBSCHECK_CACHE="$gc/obscheck" "$OBS" --stats --config "$pol" --format json --output /dev/null ${REL[$n]}
				else
					GOCACHE="$gc" "$GL" cache clean
					measure "$n" $t "$rep" "$ws" env GOCACHE="$gc" "$GL" run --allow-parallel-runners -c "$BENCH/golangci.yml" ${REL[$n]}
				fi
				rm -rf "$gc"
			done
		fi
	done
done

# --- findings with the default policy; profiles ----------------------------
for n in "${NAMES[@]}"; do
	[ "$EMPTY" = 1 ] && break
	log "$n: findings with the default policy"
	(cd "$WORK/ws/$n" && "$OBS" --format json --output "$WORK/out/$n/findings_default.json" ${REL[$n]} 2>"$WORK/out/$n/findings_default.err")
	if [ -n "$PPROF" ]; then
		log "$n: profiling $PROFRUNS standalone runs into $PPROF/$n"
		rm -rf "${PPROF:?}/$n" && mkdir -p "$PPROF/$n"
		for i in $(seq 1 "$PROFRUNS"); do
			(cd "$WORK/ws/$n" && "$OBS" --stats --pprof "$PPROF/$n/run$i" --config "$BENCH/policies/$n.yaml" --format json --output /dev/null ${REL[$n]} 2>>"$PPROF/$n/stats.txt")
		done
		go tool pprof -proto "$PPROF/$n"/run*/cpu.pprof >"$PPROF/$n/cpu.pprof" 2>/dev/null
		go tool pprof -proto "$PPROF/$n"/run*/heap.pprof >"$PPROF/$n/heap.pprof" 2>/dev/null
		go tool pprof -top -nodecount=40 "$OBS" "$PPROF/$n/cpu.pprof" >"$PPROF/$n/cpu-top.txt" 2>/dev/null
		go tool pprof -top -cum -nodecount=80 "$OBS" "$PPROF/$n/cpu.pprof" >"$PPROF/$n/cpu-cum.txt" 2>/dev/null
		go tool pprof -top -sample_index=alloc_space -nodecount=40 "$OBS" "$PPROF/$n/heap.pprof" >"$PPROF/$n/alloc-top.txt" 2>/dev/null
	fi
done

if [ -n "$PPROF" ]; then
	# All modules together: where analysis time goes, over every package.
	go tool pprof -proto "$PPROF"/*/run*/cpu.pprof >"$PPROF/all-cpu.pprof" 2>/dev/null
	go tool pprof -top -cum -nodecount=100 "$OBS" "$PPROF/all-cpu.pprof" >"$PPROF/all-cpu-cum.txt" 2>/dev/null
	go tool pprof -top -nodecount=60 "$OBS" "$PPROF/all-cpu.pprof" >"$PPROF/all-cpu-top.txt" 2>/dev/null
	go tool pprof -top -cum -nodecount=60 -focus='internal/driver.\(\*run\)' "$OBS" "$PPROF/all-cpu.pprof" >"$PPROF/all-analysis-cum.txt" 2>/dev/null
	log "profiles: $PPROF (all-*.txt: every module merged)"
fi

# --- report ----------------------------------------------------------------
{
	echo "date	$(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "cpu	$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
	echo "cores	$(nproc)"
	echo "memory	$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
	echo "kernel	$(uname -sr)"
	echo "go	$(go env GOVERSION)"
	echo "golangci-lint	$GOLANGCI_VERSION"
	echo "obscheck	$OBS_DESC"
	echo "reps	$REPS"
	echo "quick	$QUICK"
	echo "cmd_floor	bench/cmd/loadfloor REL (in the copy)"
	echo "cmd_obscheck	obscheck --stats --config bench/policies/M.yaml --format json --output F REL (in the copy)"
	echo "cmd_obscheck_export	obscheck --load export --stats --config bench/policies/M.yaml --format json --output /dev/null REL (in the copy)"
	echo "cmd_obscheck_ws	obscheck --stats --config bench/policies/M.yaml --format json --output F REL (in the copy)"
	echo "cmd_obscheck_cmd	obscheck --stats --config bench/policies/M.yaml --format json --output /dev/null ./cmd/... (in the copy, when it has cmd/)"
	echo "cmd_obscheck_pkg	obscheck --stats --config bench/policies/M.yaml --format json --output /dev/null ./<dir of the touch file> (in the copy)"
	echo "cmd_govet_cold	go vet -printf.funcs=obscheckBench<nonce> REL (in the copy; new nonce: vet cache cold)"
	echo "cmd_govet_warm	the same again"
	echo "cmd_vettool_cold	OBSCHECK_CONFIG=<policy + nonce comment> go vet -vettool=obscheck REL (in the copy)"
	echo "cmd_vettool_warm	the same again"
	echo "cmd_vettool_touch	the same after appending a function to the module's touch file"
	echo "cmd_govet_touch	go vet -printf.funcs=obscheckBenchWarm REL after another such edit"
	echo "cmd_nullvet_touch	go vet -vettool=nullvet REL (bench/cmd/nullvet analyzes nothing) after a third edit"
	echo "cmd_golangci	golangci-lint cache clean; golangci-lint run --allow-parallel-runners -c bench/golangci.yml REL (in the copy)"
	echo "cmd_obscheck_empty	GOCACHE=<empty dir> OBSCHECK_CACHE=<empty dir> obscheck --stats --config bench/policies/M.yaml --format json --output /dev/null REL (in the copy)"
	echo "cmd_obscheck_empty2	the same again (second run on that machine: obscheck's cache filled)"
	echo "cmd_golangci_empty	GOCACHE=<empty dir> golangci-lint run --allow-parallel-runners -c bench/golangci.yml REL"
	echo "timing	/usr/bin/time -v: wall, user+sys (with children), max RSS of the largest process"
	for n in "${NAMES[@]}"; do
		tp=${MOD[$n]}/$(dirname "${TOUCH[$n]}")
		users=$(cd "$BENCH" && go list -test -f '{{.ImportPath}} {{join .Deps " "}}' ${PKGS[$n]} 2>/dev/null | awk -v p="$tp" '{for (i=2;i<=NF;i++) if ($i==p) {print $1; break}}' | wc -l)
		echo "module	$n	${MOD[$n]}	${VER[$n]}	$(cd "$BENCH" && go list ${PKGS[$n]} 2>/dev/null | wc -l)	$(cd "$BENCH" && go list -deps ${PKGS[$n]} 2>/dev/null | wc -l)	${TOUCH[$n]}	${EXCL[$n]}	$users"
	done
} >"$WORK/meta.tsv"
dest=$WORK
[ "$WRITE" = 1 ] && dest=$BENCH
results=results.json section=main
[ "$EMPTY" = 1 ] && results=results-empty-cache.json section=empty-cache
"$WORK/bin/benchreport" -work "$WORK" -results "$dest/$results" -md "$dest/RESULTS.md" -section $section || die "benchreport failed"
log "wrote $dest/$results and the $section section of $dest/RESULTS.md"
