# Sourced by the scripts that start a Spark JVM (bin/traceflux, bin/cluster-check, bench/): the
# java.base packages Spark 3.5 reaches into on Java 17, as OPENS, one --add-opens each.
OPENS=()
for pkg in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
           java.util.concurrent java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action \
           sun.util.calendar; do
  OPENS+=("--add-opens=java.base/$pkg=ALL-UNNAMED")
done
