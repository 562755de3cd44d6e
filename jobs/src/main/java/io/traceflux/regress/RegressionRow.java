package io.traceflux.regress;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of {@code regression_runs} (SPEC 5, 7.2): how one policy version fared on one window
 * in one run. The parity columns are null when the replay failed or had no baseline.
 *
 * @param status   {@link #PASSED}, {@link #REGRESSED} (a gate failed that the suite does not
 *                 expect to fail, or a pinned figure moved) or {@link #FAILED} (it could not run)
 * @param exitCode what {@code traceflux replay} would have exited with: 0, 3 (a gate failed),
 *                 2 (invalid input), 4 (a re-run refused: the execution was decided on) or 1
 * @param moved    the pinned figures that moved, in figure order
 * @param error    why a failed replay failed; null otherwise
 */
public record RegressionRow(String runId, String suite, int suiteVersion, String window, String capture,
        String baseline, String policy, String policyId, int policyVersion, boolean candidate, String policySha256,
        String executionId, String status, int exitCode, Double incidentParity, Double bcubedF1,
        Boolean gatesPassed, Long incidents, List<MovedFigure> moved, String error, String codeVersion,
        Instant startedAt, double seconds) {

    public static final String PASSED = "passed";
    public static final String REGRESSED = "regressed";
    public static final String FAILED = "failed";

    public RegressionRow {
        moved = List.copyOf(moved);
    }

    public boolean failed() {
        return FAILED.equals(status);
    }

    public boolean regressed() {
        return REGRESSED.equals(status);
    }

    /**
     * Why this row fails the run, one line per reason (empty when it passed): each moved
     * figure, a gate failure the suite does not pin, or the error of a replay that could not run.
     */
    public List<String> reasons() {
        String pair = window + " x " + policy + ": ";
        if (failed()) {
            return List.of(pair + "could not run (exit " + exitCode + "): " + error.replaceAll("\\s+", " "));
        }
        List<String> reasons = new ArrayList<>(moved.stream().map(m -> pair + m.figure() + " moved from "
                + m.old() + " to " + m.now()).toList());
        boolean gatePinned = moved.stream().anyMatch(m -> m.figure().equals(Figure.GATES_PASSED.key()));
        if (regressed() && Boolean.FALSE.equals(gatesPassed) && !gatePinned) {
            reasons.add(pair + "a gate failed (exit 3)");
        }
        return reasons;
    }

    /** The row in {@code regression_runs}' column order ({@link io.traceflux.warehouse.Table#REGRESSION_RUNS}). */
    public Row toRow() {
        List<Row> movedRows = moved.stream().map(m -> RowFactory.create(m.figure(), m.old(), m.now())).toList();
        return RowFactory.create(runId, suite, suiteVersion, window, capture, baseline, policy, policyId, policyVersion,
                candidate, policySha256, executionId, status, exitCode, incidentParity, bcubedF1, gatesPassed,
                incidents, movedRows, error, codeVersion, Timestamp.from(startedAt), seconds);
    }
}
