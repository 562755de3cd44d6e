#!/usr/bin/env bash
# Profiles one replay of a benchmark capture: Spark event log, JFR method samples, GC log and a
# live-heap class histogram every HIST_EVERY seconds (each forces a full GC: not a timing run).
#
#   bench/tools/profile-replay.sh CAPTURE_DIR OUT_DIR [extra -D/-X JVM options...]
#   e.g. bench/tools/profile-replay.sh bench/data/1m /tmp/prof-1m -Dspark.sql.shuffle.partitions=32
#
# Then: bench/tools/eventlog-summary.py OUT_DIR/events/*  and  bench/tools/jfr-top.py OUT_DIR/replay.jfr
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CAPTURE="$(cd "$1" && pwd)"; OUT="$2"; shift 2
HIST_EVERY="${HIST_EVERY:-60}"
rm -rf "$OUT"; mkdir -p "$OUT/events"
export TRACEFLUX_DRIVER_MEMORY="${TRACEFLUX_DRIVER_MEMORY:-2g}"
export JDK_JAVA_OPTIONS="-Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file://$OUT/events \
 -XX:StartFlightRecording=filename=$OUT/replay.jfr,settings=profile -Xlog:gc:file=$OUT/gc.log $*"
"$HERE/bin/traceflux" replay --capture "$CAPTURE" --policy "$HERE/bench/policies/bench/v2.yaml" \
  --baseline "policy:$HERE/bench/policies/bench/v1.yaml" --warehouse "$OUT/warehouse" \
  --execution-id profile >"$OUT/replay.out" 2>"$OUT/replay.err" &
PID=$!
(
  n=0
  while kill -0 "$PID" 2>/dev/null; do
    sleep "$HIST_EVERY"
    JVM="$(pgrep -P "$PID" java || echo "$PID")"
    n=$((n + 1))
    jcmd "$JVM" GC.class_histogram >"$OUT/histogram-$n.txt" 2>/dev/null || true
  done
) &
wait "$PID" || echo "replay exited $?" >&2
wait
grep '^\[' "$OUT/replay.err" || true
head -1 "$OUT/replay.out" || true
