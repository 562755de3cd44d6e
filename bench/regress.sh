#!/usr/bin/env bash
# Times the nightly regression over a suite (default: the golden suite, 8 windows and 10
# replays) the way a scheduler runs it: `bin/traceflux regress` in a fresh process, into a fresh
# warehouse. Prints the wall and CPU seconds of the whole process, the JVM's JIT compilation
# time, and where each replay's time goes (its progress steps). Not part of `mvn verify`; the
# issue's bar is 60 s wall for the golden suite (docs/benchmarks.md).
#
#   bench/regress.sh [SUITE] [RUNS]      SUITE defaults to test-data/golden/suite.yaml, RUNS to 1
#
# Environment: BENCH_PARALLEL (regress --parallel, default 2: replays side by side; the table of
# where each replay's time goes needs 1, as their step lines interleave otherwise),
# BENCH_QUIET_WAIT (seconds to wait for a quiet machine before each run, default 60), BENCH_OUT
# (where logs and warehouses go, default bench/data/regress), TRACEFLUX_JAVA_OPTS and
# TRACEFLUX_DRIVER_MEMORY as for bin/traceflux (e.g. -Dspark.sql.adaptive.enabled=false to try a
# session setting).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUITE="${1:-$HERE/test-data/golden/suite.yaml}"
RUNS="${2:-1}"
OUT="${BENCH_OUT:-$HERE/bench/data/regress}"
QUIET_WAIT="${BENCH_QUIET_WAIT:-60}"
PARALLEL="${BENCH_PARALLEL:-2}"

echo "bench: building the job jar..." >&2
mvn -q -B -f "$HERE/pom.xml" -pl jobs -am -DskipTests package >&2
# mvn keeps an unchanged jar's old timestamp; it is current now, so bin/traceflux must not
# rebuild it inside a measured run.
touch "$HERE"/jobs/target/traceflux-jobs-*.jar
"$HERE/bench/tools/warm-up.sh" "$HERE"

load1() { cut -d' ' -f1 /proc/loadavg; }

wait_quiet() {
  local waited=0
  while [ "$waited" -lt "$QUIET_WAIT" ] && awk -v l="$(load1)" 'BEGIN { exit !(l >= 0.5) }'; do
    sleep 5
    waited=$((waited + 5))
  done
}

# Where each replay's time goes, from the progress on stderr: an outer line per replay
# "[k/N t] WINDOW x POLICY as ID" on the run's clock, then the replay's own steps, indented,
# "[k/7 t] what" on the replay's clock. A step lasts until the next step, the last one (the
# evidence bundle) until the next outer line.
steps() {
  awk '
    function close_replay(t_outer) {
      if (name == "") return
      if (k != "") { cur[k] = (t_outer - start) - t_step; d[k] += cur[k]; c[k]++ }
      line = sprintf("    %-48s %6.1f |", name, t_outer - start)
      for (i = 1; i <= n; i++) line = line sprintf(" %5.1f", (i in cur) ? cur[i] : 0)
      rows[++nr] = line
      delete cur; k = ""; name = ""
    }
    /^\[[0-9]+\/[0-9]+ +[0-9.]+s\]/ {
      t = $2; sub(/s\]$/, "", t)
      close_replay(t + 0)
      if ($0 ~ / x .* as /) { name = $3 " x " $5; start = t + 0 }
      next
    }
    /^ +\[[0-9]+\/[0-9]+ +[0-9.]+s\]/ && name != "" {
      t = $2; sub(/s\]$/, "", t); t += 0
      if (k != "") { cur[k] = t - t_step; d[k] += cur[k]; c[k]++ }
      k = $1; sub(/^\[/, "", k); sub(/\/.*/, "", k); k += 0
      if (k > n) n = k
      if (!(k in label)) {
        # The step as its first replay said it, without counts, paths and ids.
        s = $0; sub(/^ +\[[^]]*\] /, "", s); m = split(s, w, " "); label[k] = ""
        for (j = 1; j <= m; j++) if (w[j] !~ /[0-9\/@]/) label[k] = label[k] (label[k] == "" ? "" : " ") w[j]
      }
      t_step = t
      next
    }
    END {
      printf "    %-48s %6s |", "replay", "wall"; for (i = 1; i <= n; i++) printf " %5s", "(" i ")"; print ""
      for (r = 1; r <= nr; r++) print rows[r]
      print ""
      print "  seconds per step over all replays:"
      for (i = 1; i <= n; i++) printf "    (%d) %-58.58s %7.1f s in all, %5.1f s each\n", i, label[i], d[i], c[i] ? d[i] / c[i] : 0
    }
  ' "$1"
}

mkdir -p "$OUT"
for run in $(seq 1 "$RUNS"); do
  wait_quiet
  dir="$OUT/run-$run"
  rm -rf "$dir"; mkdir -p "$dir"
  before="$(load1)"
  set +e
  TRACEFLUX_JAVA_OPTS="${TRACEFLUX_JAVA_OPTS:-} -XX:+CITime" /usr/bin/time -f "%e %U %S %M" -o "$dir/time" \
    "$HERE/bin/traceflux" regress --suite "$SUITE" --run-id "bench-$run" --warehouse "$dir/warehouse" \
    --parallel "$PARALLEL" >"$dir/stdout" 2>"$dir/stderr"
  code=$?
  set -e
  read -r wall usr sys rss < <(grep -E '^[0-9. ]+$' "$dir/time")
  jit="$(grep -m1 'Total compilation time' "$dir/stdout" | awk '{print $(NF-1)}')"
  replays="$(grep -cE '^\[[0-9]+/[0-9]+ +[0-9.]+s\] .* x .* as ' "$dir/stderr" || true)"
  echo
  echo "run $run of $(basename "$SUITE"): exit $code, $replays replays ($PARALLEL side by side), load before $before, after $(load1)"
  printf "  wall %.1f s   cpu %.1f s (user %.1f + sys %.1f)   jit compilation %s s   peak rss %d MiB\n" \
    "$wall" "$(awk -v u="$usr" -v s="$sys" 'BEGIN { print u + s }')" "$usr" "$sys" "${jit:-?}" "$((rss / 1024))"
  regress="$(grep -m1 -oE 'replays: .* in [0-9.]+ s' "$dir/stdout" | grep -oE '[0-9.]+ s$' | cut -d' ' -f1)"
  printf "  outside the run: %.1f s (JVM and Spark start, reading the suite, exit)\n" \
    "$(awk -v w="$wall" -v r="${regress:-0}" 'BEGIN { print w - r }')"
  if [ "$PARALLEL" = 1 ]; then
    echo "  per replay (wall s, then each step's s):"
    steps "$dir/stderr"
  fi
  echo
  sed -n '/^Regression run/,/replays:/p' "$dir/stdout"
done
