#!/usr/bin/env bash
# The control-plane commands on a warehouse of N executions, each timed from a fresh process:
# what `executions list|show`, `approve`, `promote`, `policy active` and `audit verify` cost a
# user at the command line (the bar: at most 3 s wall each). Not part of `mvn verify`.
#
#   bench/control-plane.sh [N] [RUNS]     N executions (default 1000), RUNS per command (default 5)
#
# The warehouse is built once into bench/data/control-plane-N/ (git-ignored) the way N replays
# leave it (bench module, ControlPlaneWarehouse: Spark's replaceWhere for executions and
# parity_report, Kernel appends for the audit log) and reused. Prints min, median and max wall
# seconds per command, with the date, the commit and the machine.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
N="${1:-1000}"
RUNS="${2:-5}"
WH="$HERE/bench/data/control-plane-$N"
POLICY="$HERE/policies/tt-checkout/v2.yaml"

echo "bench: building the job jar and the bench module..." >&2
mvn -q -B -DskipTests package >&2
touch jobs/target/traceflux-jobs-*.jar

if [ ! -f "$WH/bench-ids.txt" ]; then
  rm -rf "$WH"
  echo "bench: writing $N executions to $WH (once; a few minutes)..." >&2
  # shellcheck source=bin/java-opens.sh
  source "$HERE/bin/java-opens.sh"
  SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" java -Xmx2g "${OPENS[@]}" \
    -cp "bench/target/classes:$(cat bench/target/bench-classpath.txt)" \
    io.traceflux.bench.ControlPlaneWarehouse "$WH" "$N" "$POLICY"
fi
# shellcheck disable=SC1090
source <(sed 's/^/ID_/' "$WH/bench-ids.txt")

# One command, RUNS times, each a fresh bin/traceflux process; prints min/median/max seconds.
measure() {
  local label="$1"; shift
  local times=()
  for run in $(seq 1 "$RUNS"); do
    local args=("${@//\{run\}/$run}")
    local start end
    start=$(date +%s%N)
    if ! bin/traceflux "${args[@]}" > /tmp/control-plane-bench.out 2>&1; then
      echo "bench: FAILED: traceflux ${args[*]}" >&2
      cat /tmp/control-plane-bench.out >&2
      exit 1
    fi
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '
    { t[NR] = $1 / 1000 }
    END { printf "%-44s %6.2f %6.2f %6.2f\n", label, t[1], t[int((NR + 1) / 2)], t[NR] }'
}

echo "control plane on $N executions: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)," \
  "$(nproc) cores, $(java -version 2>&1 | head -1)"
printf '%-44s %6s %6s %6s\n' "command (seconds wall, fresh process)" "min" "median" "max"
W=(--warehouse "$WH")
measure "executions list" executions list "${W[@]}"
measure "executions list --json --limit 1000" executions list --json --limit 1000 "${W[@]}"
measure "executions show ID" executions show "$ID_show" "${W[@]}"
STAMP=$(date +%s)
measure "approve (a new approver each run)" approve --execution "$ID_approve" --by "reviewer-$STAMP-{run}" "${W[@]}"
measure "promote" promote --execution "$ID_promote" --by bob "${W[@]}"
measure "policy active" policy active "${W[@]}"
measure "audit verify" audit verify "${W[@]}"
measure "policy hash (no table read: JVM floor)" policy hash "$POLICY"
