package io.traceflux.execution;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of the {@code executions} table (SPEC 5.1): what ran, on which pinned inputs, by
 * whom, and how it ended. The row is written {@code running} first and replaced when the run
 * ends, so a reader can tell a finished execution from one still writing.
 *
 * @param lineage the pinned inputs and who asked
 * @param status  running, succeeded, failed or refused
 * @param counts  row counts; null while running
 * @param error   why a failed run failed; null otherwise
 * @param pendingPromotion an enforced run that succeeded with every gate passed: it asks for its
 *                policy version to become active in its scope (SPEC 6.1); whether it was
 *                promoted is in {@code promotions}
 */
public record ExecutionRecord(Lineage lineage, String status, Instant finishedAt, Counts counts, String error,
        boolean pendingPromotion) {

    /** What an execution ran on: identical for a re-run of the same execution id. */
    public record Lineage(
            String executionId, String mode, String policyId, int policyVersion, String policySha256,
            String policyPath, String policyText, String captureId, String capturePath, String captureFormat, Long captureVersion,
            String baseline, String scope, Instant windowStart, Instant windowEnd, String triggeredBy,
            String reason, Instant startedAt, String codeVersion, String sparkVersion, String deltaVersion,
            String master) {
    }

    /** Row counts of a finished run; {@code unknownSeverity} counts selected signals of unknown severity. */
    public record Counts(long inputRows, long selectedRows, long quarantinedRows, long outOfWindowRows,
            long outOfScopeRows, long suppressedRows, long duplicateRows, long incidents, long unknownSeverity) {
    }

    public static final StructType SCHEMA = new StructType()
            .add("execution_id", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("mode", DataTypes.StringType)
            .add("policy_id", DataTypes.StringType)
            .add("policy_version", DataTypes.IntegerType)
            .add("policy_sha256", DataTypes.StringType)
            .add("policy_path", DataTypes.StringType)
            .add("policy_text", DataTypes.StringType)
            .add("capture_id", DataTypes.StringType)
            .add("capture_path", DataTypes.StringType)
            .add("capture_format", DataTypes.StringType)
            .add("capture_version", DataTypes.LongType)
            .add("baseline", DataTypes.StringType)
            .add("scope", DataTypes.StringType)
            .add("window_start", DataTypes.TimestampType)
            .add("window_end", DataTypes.TimestampType)
            .add("triggered_by", DataTypes.StringType)
            .add("reason", DataTypes.StringType)
            .add("started_at", DataTypes.TimestampType)
            .add("finished_at", DataTypes.TimestampType)
            .add("input_rows", DataTypes.LongType)
            .add("selected_rows", DataTypes.LongType)
            .add("quarantined_rows", DataTypes.LongType)
            .add("out_of_window_rows", DataTypes.LongType)
            .add("out_of_scope_rows", DataTypes.LongType)
            .add("suppressed_rows", DataTypes.LongType)
            .add("duplicate_rows", DataTypes.LongType)
            .add("incidents", DataTypes.LongType)
            .add("code_version", DataTypes.StringType)
            .add("spark_version", DataTypes.StringType)
            .add("delta_version", DataTypes.StringType)
            .add("master", DataTypes.StringType)
            .add("error", DataTypes.StringType)
            .add("pending_promotion", DataTypes.BooleanType)
            .add("unknown_severity", DataTypes.LongType);

    public static ExecutionRecord running(Lineage lineage) {
        return new ExecutionRecord(lineage, "running", null, null, null, false);
    }

    public ExecutionRecord succeeded(Instant at, Counts c, boolean pendingPromotion) {
        return new ExecutionRecord(lineage, "succeeded", at, c, null, pendingPromotion);
    }

    public ExecutionRecord failed(Instant at, String why) {
        return new ExecutionRecord(lineage, "failed", at, counts, why, false);
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
                l.codeVersion(), l.sparkVersion(), l.deltaVersion(), l.master(), error, pendingPromotion,
                c == null ? null : c.unknownSeverity());
    }

    /** This record as a one-row list, ready for {@code createDataFrame(rows, SCHEMA)}. */
    public List<Row> asRows() {
        return List.of(toRow());
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
