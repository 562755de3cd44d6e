package io.traceflux.execution;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of the {@code executions} table (SPEC 5.1): what ran, on which pinned inputs, by
 * whom, and how it ended. The row is written {@code running} first and replaced when the run
 * ends, so a reader can tell a finished execution from one still writing.
 *
 * @param lineage the pinned inputs and who asked
 * @param attempt which attempt of the execution id this is, its earlier ones, and its driver
 * @param status  running, succeeded, failed or refused
 * @param counts  row counts; null while running
 * @param error   why a failed run failed; null otherwise
 */
public record ExecutionRecord(Lineage lineage, Attempt attempt, String status, Instant finishedAt, Counts counts,
        String error) {

    /** What an execution ran on: identical for a re-run of the same execution id. */
    public record Lineage(
            String executionId, String mode, String policyId, int policyVersion, String policySha256,
            String policyPath, String policyText, String captureId, String capturePath, String captureFormat, Long captureVersion,
            String baseline, String scope, Instant windowStart, Instant windowEnd, String triggeredBy,
            String reason, Instant startedAt, String codeVersion, String sparkVersion, String deltaVersion,
            String master, Long baselineIncidentsVersion, Long baselineMembershipVersion) {
    }

    /**
     * The attempt of an execution id a run is: the first is 1, each re-run adds one and keeps
     * the earlier attempts as they ended ({@code interrupted} for one whose driver died).
     */
    public record Attempt(int number, List<PastAttempt> previous, DriverProcess driver) {
        public Attempt {
            previous = List.copyOf(previous);
        }
    }

    /** An earlier attempt of the same execution id. */
    public record PastAttempt(int attempt, String status, Instant startedAt, Instant finishedAt, String error) {
        Row toRow() {
            return RowFactory.create(attempt, status, ts(startedAt), ts(finishedAt), error);
        }
    }

    /** Row counts of a finished run. */
    public record Counts(long inputRows, long selectedRows, long quarantinedRows, long outOfWindowRows,
            long outOfScopeRows, long suppressedRows, long duplicateRows, long incidents) {
    }

    public static ExecutionRecord running(Lineage lineage, Attempt attempt) {
        return new ExecutionRecord(lineage, attempt, "running", null, null, null);
    }

    public ExecutionRecord succeeded(Instant at, Counts c) {
        return new ExecutionRecord(lineage, attempt, "succeeded", at, c, null);
    }

    public ExecutionRecord failed(Instant at, String why) {
        return new ExecutionRecord(lineage, attempt, "failed", at, counts, why);
    }

    public Row toRow() {
        Lineage l = lineage;
        Counts c = counts;
        return RowFactory.create(l.executionId(), status, l.mode(), l.policyId(), l.policyVersion(), l.policySha256(),
                l.policyPath(), l.policyText(), l.captureId(), l.capturePath(), l.captureFormat(), l.captureVersion(), l.baseline(),
                l.scope(), ts(l.windowStart()), ts(l.windowEnd()), l.triggeredBy(), l.reason(), ts(l.startedAt()),
                ts(finishedAt),
                c == null ? null : c.inputRows(), c == null ? null : c.selectedRows(),
                c == null ? null : c.quarantinedRows(), c == null ? null : c.outOfWindowRows(),
                c == null ? null : c.outOfScopeRows(), c == null ? null : c.suppressedRows(),
                c == null ? null : c.duplicateRows(), c == null ? null : c.incidents(),
                l.codeVersion(), l.sparkVersion(), l.deltaVersion(), l.master(), error,
                l.baselineIncidentsVersion(), l.baselineMembershipVersion(), attempt.number(),
                attempt.previous().stream().map(PastAttempt::toRow).toList(), attempt.driver().host(),
                attempt.driver().pid(), ts(attempt.driver().startedAt()));
    }

    /** This record as a one-row list, in the order of {@link io.traceflux.warehouse.Table#EXECUTIONS}. */
    public List<Row> asRows() {
        return List.of(toRow());
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
