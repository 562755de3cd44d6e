#!/usr/bin/env bash
# The TraceFlux benchmark (docs/benchmarks.md). Not part of `mvn verify`.
#
#   bench/run.sh [SIZES] [STORM_SIZES]
#     SIZES        window sizes to measure, default 1m,10m (k and m suffixes)
#     STORM_SIZES  sizes also measured with the storm (a third of the signals on one
#                  fingerprint and one group key), default 1m,10m (only those also in SIZES)
#
# First the README's sample replay; then per window: the floor, the replay of one policy, the
# replay with the policy baseline, the DuckDB peer for each of the two, and the agreement checks.
#
# Environment: BENCH_HEAP (driver -Xmx, default 2g), BENCH_SEED (42), BENCH_FILES (Parquet files
# per capture, default 2 x cores), BENCH_STORM_SHARE (1/3), BENCH_DUCK_THREADS (cores),
# BENCH_DUCK_MEMORY (DuckDB's memory_limit, default: DuckDB's own, 80% of RAM), BENCH_QUIET_WAIT
# (seconds to wait for a quiet machine per step, 60).
#
# Captures are generated once into bench/data/ (git-ignored) and reused while their recipe is
# the same; each run's logs, warehouses and DuckDB outputs are under bench/data/runs/<window>/.
# The results part of docs/benchmarks.md and docs/benchmarks.svg are rewritten.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"

echo "bench: building the job jar and the bench module..." >&2
mvn -q -B -DskipTests package >&2
# mvn keeps an unchanged jar's old timestamp; it is current now, so bin/traceflux must not rebuild
# it inside a measured run.
touch jobs/target/traceflux-jobs-*.jar
bench/tools/warm-up.sh "$HERE"

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- jobs bench 2>/dev/null || echo ' (with local changes)')"
exec java -Xmx1g -Dbench.repo="$HERE" -Dbench.command="bench/run.sh${*:+ $*}" -Dbench.commit="$COMMIT" \
  -cp "bench/target/classes:$(cat bench/target/bench-classpath.txt)" \
  io.traceflux.bench.Bench "${1:-1m,10m}" "${2:-1m,10m}"
