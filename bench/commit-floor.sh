#!/usr/bin/env bash
# The commit floor of the README's sample replay: what writing its 14 output tables and its
# executions row costs a fresh process that does nothing else (bench/.../CommitFloor.java), with
# Spark's Delta writer alone and with every table appended by Delta Kernel, as a replay of a
# capture this small does. Rounds alternate the two on copies of one warehouse whose tables exist.
# The source rows are read through Spark first, so its query path is warm, as at the end of a
# replay, and its Delta write path cold, as in a replay. Not part of `mvn verify`.
#
#   bench/commit-floor.sh [ROUNDS]      ROUNDS defaults to 3
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
ROUNDS="${1:-3}"
OUT="$HERE/bench/data/commit-floor"

echo "bench: building the job jar and the bench module..." >&2
mvn -q -B -DskipTests package >&2
touch jobs/target/traceflux-jobs-*.jar
rm -rf "$OUT"; mkdir -p "$OUT"
echo "bench: the sample replay, whose rows are written again..." >&2
bin/traceflux replay --capture test-data/captures/nezha-tt-2023-01-29 --policy tt-checkout@v2 \
  --execution-id sample --warehouse "$OUT/source" > /dev/null 2> "$OUT/source.log"

# shellcheck source=bin/java-opens.sh
source "$HERE/bin/java-opens.sh"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
CP="bench/target/classes:$(cat bench/target/bench-classpath.txt)"
# The launcher's flags for a capture this small: the first compiler tier, the parallel collector.
JAVA=(java -Xmx2g -XX:+UseParallelGC -XX:TieredStopAtLevel=1 "${OPENS[@]}" -cp "$CP" io.traceflux.bench.CommitFloor)
"${JAVA[@]}" create "$OUT/created" 2> "$OUT/create.log"
for round in $(seq "$ROUNDS"); do
  for mode in spark held; do
    rm -rf "$OUT/target"; cp -r "$OUT/created" "$OUT/target"
    "${JAVA[@]}" "$mode" "$OUT/source" sample "$OUT/target" 2> "$OUT/$mode-$round.log"
  done
done
