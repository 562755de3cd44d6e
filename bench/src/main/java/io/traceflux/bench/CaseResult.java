package io.traceflux.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything measured for one window in one run, on the same files.
 *
 * @param rows         signals in the window
 * @param storm        whether a third of them are one storm (one fingerprint, one group key)
 * @param parquetMiB   size of the capture's Parquet files
 * @param files        number of Parquet files
 * @param floor        the bare read+write job
 * @param replayHeapSetting the -Xmx the measured replay ran with
 * @param outOfMemory  the attempt at the configured heap, when it ran out of memory
 * @param replay       {@code traceflux replay} with the {@code policy:} baseline
 * @param replayLog    its steps and in-process time
 * @param replayHeap   its GC log's peak heap
 * @param duck         the DuckDB peer
 * @param duckMemory   the memory_limit it ran with
 * @param duckResult   the peer's counts and phase times
 * @param agreement    the agreement check's result ({@code agree}, {@code checks})
 */
record CaseResult(String name, long rows, boolean storm, double parquetMiB, int files, Launch.Measured floor,
                  String replayHeapSetting, Optional<Launch.Measured> outOfMemory, Launch.Measured replay,
                  ReplayLog replayLog, GcLog replayHeap, Launch.Measured duck, String duckMemory, JsonNode duckResult,
                  JsonNode agreement) {

    double replayOverFloor() {
        return replay.wallSeconds() / floor.wallSeconds();
    }

    double replayOverDuck() {
        return replay.wallSeconds() / duck.wallSeconds();
    }

    double rowsPerSecond() {
        return rows / replay.wallSeconds();
    }

    boolean agrees() {
        return agreement != null && agreement.path("agree").asBoolean(false);
    }

    /** The checks that failed, as "what: replay N, DuckDB M". */
    List<String> disagreements() {
        if (agreement == null) {
            return List.of("agreement check did not run");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode c : agreement.path("checks")) {
            if (!c.path("equal").asBoolean()) {
                out.add(c.path("what").asText() + ": replay " + c.path("replay").asLong() + ", DuckDB "
                        + c.path("duckdb").asLong());
            }
        }
        return out;
    }
}
