#!/usr/bin/env bash
# Before and after: the same replays with the job of an earlier commit and with this checkout's,
# interleaved (before, after, before, after...) so that both see the same machine.
#
#   bench/before-after.sh COMMIT [CASES] [REPEATS]
#     COMMIT   the earlier commit, built once in bench/data/before/<commit> (a git worktree)
#     CASES    default sample,1m: "sample" is the README's sample replay; a window name (1m, 10m)
#              means both its replays, WINDOW-one or WINDOW-full only one of them. Windows must
#              already be generated under bench/data/ by bench/run.sh
#     REPEATS  rounds per case, default 1
#
# Per window: one policy (bench v2, no baseline) and full (v2 against the policy baseline v1: both
# policies, parity, every table, the bundle), as bench/run.sh runs them (-Xmx2g). Each figure is a
# whole process under /usr/bin/time. Prints one Markdown table; logs stay in bench/data/before-after/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
BEFORE_COMMIT="$(git rev-parse --short "${1:?usage: bench/before-after.sh COMMIT [CASES] [REPEATS]}")"
WANTED="${2:-sample,1m}"
REPEATS="${3:-1}"
BEFORE="$HERE/bench/data/before/$BEFORE_COMMIT"
AFTER_COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- jobs 2>/dev/null || echo '+')"
OUT="$HERE/bench/data/before-after"
mkdir -p "$OUT"

if [ ! -d "$BEFORE" ]; then
  git worktree add --detach -q "$BEFORE" "$BEFORE_COMMIT"
fi
echo "before-after: building $BEFORE_COMMIT and this checkout..." >&2
mvn -q -B -f "$BEFORE/pom.xml" -pl jobs -am -DskipTests package >&2
mvn -q -B -pl jobs -am -DskipTests package >&2
touch "$BEFORE"/jobs/target/traceflux-jobs-*.jar jobs/target/traceflux-jobs-*.jar
bench/tools/warm-up.sh "$BEFORE"
bench/tools/warm-up.sh "$HERE"

# side CASE ARGS...: one measured replay with the job of side "before" or "after"; prints wall and CPU.
measure() {
  local side="$1" name="$2"; shift 2
  local root="$HERE"
  [ "$side" = before ] && root="$BEFORE"
  local work="$OUT/$name-$side"
  rm -rf "$work" && mkdir -p "$work"
  (cd "$root" && TRACEFLUX_DRIVER_MEMORY=2g /usr/bin/time -f "%e %U %S" -o "$work/time" \
      bin/traceflux replay "$@" --warehouse "$work/warehouse" --execution-id "ba-$name" \
      >"$work/out.log" 2>"$work/err.log") || {
    local code=$?
    # 3 is a failed gate: the run is complete and its time counts.
    [ "$code" -eq 3 ] || { echo "before-after: $side $name exited $code (see $work/err.log)" >&2; exit 1; }
  }
  read -r wall user sys < "$work/time"
  awk -v w="$wall" -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f %.1f\n", w, u + s }'
}

declare -A WALL CPU
CASES=()
for wanted in ${WANTED//,/ }; do
  case "$wanted" in
    sample|*-one|*-full) CASES+=("$wanted") ;;
    *) CASES+=("$wanted-one" "$wanted-full") ;;
  esac
done

args_of() {
  case "$1" in
    sample) echo "--capture $HERE/test-data/captures/nezha-tt-2023-01-29 --policy tt-checkout@v2" ;;
    *-one) echo "--capture $HERE/bench/data/${1%-one} --policy bench/policies/bench/v2.yaml" ;;
    *-full) echo "--capture $HERE/bench/data/${1%-full} --policy bench/policies/bench/v2.yaml --baseline policy:bench/policies/bench/v1.yaml" ;;
  esac
}

for case in "${CASES[@]}"; do
  for round in $(seq "$REPEATS"); do
    for side in before after; do
      # shellcheck disable=SC2046
      read -r wall cpu < <(measure "$side" "$case" $(args_of "$case"))
      echo "[$(date -u +%H:%M:%S)] $case $side round $round: $wall s wall, $cpu s CPU" >&2
      WALL[$case,$side]="${WALL[$case,$side]:-}${WALL[$case,$side]:+ / }$wall"
      CPU[$case,$side]="${CPU[$case,$side]:-}${CPU[$case,$side]:+ / }$cpu"
    done
  done
done

echo
echo "Before ($BEFORE_COMMIT) and after ($AFTER_COMMIT), $(date -u +%Y-%m-%d), $(nproc) cores, -Xmx2g; wall s (CPU s):"
echo
echo "| case | before | after |"
echo "|---|---:|---:|"
for case in "${CASES[@]}"; do
  echo "| $case | ${WALL[$case,before]} (${CPU[$case,before]}) | ${WALL[$case,after]} (${CPU[$case,after]}) |"
done
