#!/usr/bin/env bash
# Regenerates the sample capture test-data/captures/nezha-tt-2023-01-29 from Nezha's data
# (see test-data/README.md). Deterministic: the same input gives byte-identical files.
#
#   test-data/generate.sh [REALDATA]     REALDATA defaults to $TRACEFLUX_REALDATA, else ../shared/realdata
#
# Extra Maven flags (e.g. -o for offline) go in MVN_FLAGS.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
realdata="$(cd "${1:-${TRACEFLUX_REALDATA:-$repo/../shared/realdata}}" && pwd)"
capture="$repo/test-data/captures/nezha-tt-2023-01-29"
classpath_file="$repo/jobs/target/test-classpath.txt"

mvn -q -B ${MVN_FLAGS:-} -f "$repo/jobs/pom.xml" test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"

# Spark 3.5 on Java 17 needs the --add-opens list that the build keeps in one place.
opens="$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' "$repo/jobs/pom.xml")"

# -XX:hashCode=2 makes every identity hash the same, so that parquet-java (1.13, Spark 3.5) lists
# each column chunk's encodings in insertion order: it collects them in a HashSet of enums, whose
# order otherwise changes from JVM to JVM (apache/parquet-java#3215) and with it ~20 footer bytes.
# Rows and data pages are identical without it; it only costs run time, on this small input.
SPARK_LOCAL_IP=127.0.0.1 java -Xmx2g -XX:+UnlockExperimentalVMOptions -XX:hashCode=2 $opens \
    -cp "$repo/jobs/target/test-classes:$repo/jobs/target/classes:$(cat "$classpath_file")" \
    io.traceflux.testdata.NezhaSampleGenerator "$realdata" "$capture"
