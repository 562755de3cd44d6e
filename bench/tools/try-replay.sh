#!/usr/bin/env bash
# Times one replay of a benchmark capture with extra JVM options (session settings can be tried
# as -Dspark.<key>=<value>: the job's SparkConf reads spark.* system properties), and prints
# wall and CPU seconds, peak RSS, exit code, the replay's step lines and its heap peaks.
#
#   bench/tools/try-replay.sh CAPTURE_DIR OUT_DIR [JVM options...]
#   e.g. bench/tools/try-replay.sh bench/data/1m /tmp/try-32 -Dspark.sql.shuffle.partitions=32
#
# JAR=path/to/traceflux-jobs.jar and CP=classpath run another build of the job (e.g. a patched
# copy) with the same launcher flags; by default bin/traceflux runs this checkout's job.
# BASELINE=none replays bench v2 alone; by default bench v1 is its policy baseline.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CAPTURE="$(cd "$1" && pwd)"; OUT="$2"; shift 2
rm -rf "$OUT"; mkdir -p "$OUT"
export TRACEFLUX_DRIVER_MEMORY="${TRACEFLUX_DRIVER_MEMORY:-2g}"
ARGS=(replay --capture "$CAPTURE" --policy "$HERE/bench/policies/bench/v2.yaml"
      --warehouse "$OUT/warehouse" --execution-id try)
if [ "${BASELINE:-}" != none ]; then
  ARGS+=(--baseline "policy:$HERE/bench/policies/bench/v1.yaml")
fi
if [ -n "${JAR:-}" ]; then
  # shellcheck source=bin/java-opens.sh
  source "$HERE/bin/java-opens.sh"
  CMD=(java -Xmx"$TRACEFLUX_DRIVER_MEMORY" "${OPENS[@]}" -Xlog:gc:file="$OUT/gc.log" "$@"
       -cp "$JAR:$CP" io.traceflux.cli.Main "${ARGS[@]}")
else
  export JDK_JAVA_OPTIONS="-Xlog:gc:file=$OUT/gc.log $*"
  CMD=("$HERE/bin/traceflux" "${ARGS[@]}")
fi
export SPARK_LOCAL_IP=127.0.0.1
/usr/bin/time -f "%e %U %S %M" -o "$OUT/time" "${CMD[@]}" >"$OUT/replay.out" 2>"$OUT/replay.err" || true
read -r WALL USR SYS RSS < <(grep -E '^[0-9. ]+$' "$OUT/time")
EXIT="$(grep -o 'exit status [0-9]*' "$OUT/time" || echo 'exit status 0')"
grep '^\[' "$OUT/replay.err" || true
head -1 "$OUT/replay.out" || true
python3 - "$OUT/gc.log" <<'PY'
import re, sys
used = after = 0
for line in open(sys.argv[1]):
    m = re.search(r"(\d+)M->(\d+)M\(", line)
    if m:
        used, after = max(used, int(m.group(1))), max(after, int(m.group(2)))
print(f"heap: peak used {used} MiB, peak after GC {after} MiB")
PY
awk -v w="$WALL" -v u="$USR" -v s="$SYS" -v r="$RSS" -v e="$EXIT" \
  'BEGIN { printf "wall %.1f s, CPU %.1f s, peak RSS %.0f MiB, %s\n", w, u + s, r / 1024, e }'
