#!/usr/bin/env bash
# How much of a telemetry lake `traceflux capture` reads to cut a 10-minute window, and its time
# next to a full scan of the lake (docs/capture.md). Not part of `mvn verify`.
#
#   bench/lake.sh [ROWS] [DAYS]     default 50000000 signals over 7 days
#
# Environment: BENCH_LAKE (the lake's folder, default bench/data/lake: git-ignored), BENCH_SEED (42),
# BENCH_LAKE_FILES_PER_HOUR (4), BENCH_REPEATS (3 cuts and 3 full scans).
#
# The lake (Delta, partitioned by date and hour) is generated once, which is CPU-heavy (minutes on
# two cores), and reused while its recipe is the same. Each measured run is a fresh JVM running the
# real command line; logs and results go to <lake>-runs/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"

echo "bench: building the job jar and the bench module..." >&2
mvn -q -B -DskipTests package >&2

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec java -Xmx512m -Dbench.repo="$HERE" \
  -cp "bench/target/classes:$(cat bench/target/bench-classpath.txt)" \
  io.traceflux.bench.LakeBench "${1:-50000000}" "${2:-7}"
