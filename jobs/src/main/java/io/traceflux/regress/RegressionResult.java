package io.traceflux.regress;

import io.traceflux.ExitCode;
import java.util.List;

/**
 * What a regression run produced (immutable): its rows as written to {@code regression_runs}.
 *
 * @param runId   the run id
 * @param suite   the suite it ran
 * @param rows    one per window and policy version, in suite order
 * @param seconds wall time of the run
 */
public record RegressionResult(String runId, Suite suite, List<RegressionRow> rows, double seconds) {

    public RegressionResult {
        rows = List.copyOf(rows);
    }

    public long count(String status) {
        return rows.stream().filter(r -> r.status().equals(status)).count();
    }

    /**
     * SPEC 7.2: 1 when a window could not run, else 3 when a gate failed (that the suite does
     * not expect to fail) or a pinned figure moved, else 0.
     */
    public int exitCode() {
        if (rows.stream().anyMatch(RegressionRow::failed)) {
            return ExitCode.UNEXPECTED;
        }
        return rows.stream().anyMatch(RegressionRow::regressed) ? ExitCode.GATE_FAILED : ExitCode.OK;
    }
}
