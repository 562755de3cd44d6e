#!/usr/bin/env bash
# Runs one test-data generator class (io.traceflux.testdata.*) with the test classpath, the way
# test-data/generate.sh and test-data/golden/generate.sh need it. Not meant to be called directly.
#
#   test-data/run-generator.sh CLASS ARGS...     Extra Maven flags (e.g. -o) go in MVN_FLAGS.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
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
    -cp "$repo/jobs/target/test-classes:$repo/jobs/target/classes:$(cat "$classpath_file")" "$@"
