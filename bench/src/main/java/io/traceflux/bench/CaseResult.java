package io.traceflux.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything measured for one window in one run, on the same files.
 *
 * @param rows       signals in the window
 * @param storm      whether a third of them are one storm (one fingerprint, one group key)
 * @param parquetMiB size of the capture's Parquet files
 * @param files      number of Parquet files
 * @param floor      the bare read+write job
 * @param one        {@code traceflux replay} of the replayed policy alone, no baseline
 * @param full       {@code traceflux replay} with the {@code policy:} baseline: two policies, parity, bundle
 * @param peerOne    the DuckDB peer on the replayed policy alone, checked against {@code one}
 * @param peerFull   the DuckDB peer on both policies and their pairs, checked against {@code full}
 */
record CaseResult(String name, long rows, boolean storm, double parquetMiB, int files, Launch.Measured floor,
                  Replay one, Replay full, Peer peerOne, Peer peerFull) {

    /**
     * One measured replay.
     *
     * @param heap        the -Xmx it ran with
     * @param outOfMemory the attempt at the configured heap, when it ran out of memory
     * @param log         its steps and in-process time
     * @param gc          its GC log's peak heap
     */
    record Replay(Launch.Measured run, String heap, Optional<Launch.Measured> outOfMemory, ReplayLog log, GcLog gc) {

        double wall() {
            return run.wallSeconds();
        }

        double cpu() {
            return run.cpuSeconds();
        }
    }

    /**
     * One measured run of the peer and its agreement with the replay it mirrors.
     *
     * @param memory    the memory_limit it ran with ({@code default}: DuckDB's own)
     * @param result    the peer's counts and phase times
     * @param agreement the agreement check's result ({@code agree}, {@code checks}); null if it did not run
     */
    record Peer(Launch.Measured run, String memory, JsonNode result, JsonNode agreement) {

        double wall() {
            return run.wallSeconds();
        }

        double cpu() {
            return run.cpuSeconds();
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

    boolean agrees() {
        return peerOne.agrees() && peerFull.agrees();
    }

    /** What failed to agree, per run. */
    List<String> disagreements() {
        List<String> out = new ArrayList<>();
        peerOne.disagreements().forEach(d -> out.add("one policy: " + d));
        peerFull.disagreements().forEach(d -> out.add("full: " + d));
        return out;
    }
}
