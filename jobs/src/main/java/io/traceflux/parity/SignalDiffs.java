package io.traceflux.parity;

import io.traceflux.warehouse.Table;
import static io.traceflux.parity.SignalComparison.B_FINGERPRINT;
import static io.traceflux.parity.SignalComparison.B_INCIDENT;
import static io.traceflux.parity.SignalComparison.B_SIZE;
import static io.traceflux.parity.SignalComparison.B_SUPPRESSED;
import static io.traceflux.parity.SignalComparison.CLASS;
import static io.traceflux.parity.SignalComparison.COMPONENT_ID;
import static io.traceflux.parity.SignalComparison.CORRELATION_DIFF;
import static io.traceflux.parity.SignalComparison.CORRELATION_RULE;
import static io.traceflux.parity.SignalComparison.FINGERPRINT_DIFF;
import static io.traceflux.parity.SignalComparison.R_DECISION;
import static io.traceflux.parity.SignalComparison.R_FINGERPRINT;
import static io.traceflux.parity.SignalComparison.R_INCIDENT;
import static io.traceflux.parity.SignalComparison.R_REASON;
import static io.traceflux.parity.SignalComparison.R_SIZE;
import static io.traceflux.parity.SignalComparison.R_SUPPRESSED;
import static io.traceflux.parity.SignalComparison.SUPPRESSION_DIFF;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The per-signal diff tables (SPEC 5): one row per selected signal whose result differs from
 * the baseline, with before, after, the responsible rule and a readable reason. Each is a
 * filter and projection of the signal comparison, so the tables and the report's counts agree.
 */
final class SignalDiffs {

    static final String NEWLY_SUPPRESSED = "newly_suppressed";
    static final String NO_LONGER_SUPPRESSED = "no_longer_suppressed";
    static final String RULE_CHANGED = "rule_changed";

    private SignalDiffs() {
    }

    /** Signals whose fingerprint differs (none when the baseline has no fingerprints). */
    static Dataset<Row> fingerprints(Dataset<Row> compared, String executionId) {
        Dataset<Row> diffs = compared.filter(col(FINGERPRINT_DIFF)).select(signal(executionId,
                col(B_FINGERPRINT), col(R_FINGERPRINT), lit("fingerprint"),
                concat(lit("fingerprint differs from the baseline's; "), replayDecision())));
        return Table.FINGERPRINT_DIFFS.conform(diffs);
    }

    /**
     * Signals whose suppressed_by differs; without baseline decisions, only signals suppressed
     * by the replay that the baseline kept in an incident.
     */
    static Dataset<Row> suppressions(Dataset<Row> compared, String executionId) {
        Column change = when(col(B_SUPPRESSED).isNull(), lit(NEWLY_SUPPRESSED))
                .when(col(R_SUPPRESSED).isNull(), lit(NO_LONGER_SUPPRESSED))
                .otherwise(lit(RULE_CHANGED));
        Column keptIn = coalesce(concat(lit(" in incident "), col(B_INCIDENT)), lit(""));
        Column reason = when(col(B_SUPPRESSED).isNull(),
                        concat(lit("suppressed by "), col(R_SUPPRESSED), lit("; the baseline kept it"), keptIn))
                .when(col(R_SUPPRESSED).isNull(),
                        concat(lit("the baseline suppressed it by "), col(B_SUPPRESSED), lit("; "), replayDecision()))
                .otherwise(concat(lit("suppressed by "), col(R_SUPPRESSED), lit(" instead of "), col(B_SUPPRESSED)));
        Dataset<Row> diffs = compared.filter(col(SUPPRESSION_DIFF))
                .select(signal(executionId, col(B_SUPPRESSED), col(R_SUPPRESSED),
                        coalesce(col(R_SUPPRESSED), col(B_SUPPRESSED)), reason, change.as("change")));
        return Table.SUPPRESSION_DIFFS.conform(diffs);
    }

    /**
     * Signals in an incident on either side whose component is not EXACT; before and after are
     * the baseline and replay incident ids.
     */
    static Dataset<Row> correlations(Dataset<Row> classified, String executionId) {
        Column reason = when(col(R_INCIDENT).isNull(),
                        concat(lit("left baseline incident "), col(B_INCIDENT), lit(" ("), col(CLASS), lit("); "),
                                replayDecision()))
                .when(col(B_INCIDENT).isNull(),
                        concat(lit("joined replay incident "), col(R_INCIDENT), lit(" ("), col(CLASS),
                                lit("); the baseline had it in no incident"),
                                coalesce(concat(lit(", suppressed by "), col(B_SUPPRESSED)), lit(""))))
                .otherwise(concat(col(CLASS), lit(": baseline incident "), col(B_INCIDENT),
                        lit(" ("), col(B_SIZE).cast("string"), lit(" signals) vs replay incident "), col(R_INCIDENT),
                        lit(" ("), col(R_SIZE).cast("string"), lit(" signals)")));
        Dataset<Row> diffs = classified.filter(col(CORRELATION_DIFF))
                .select(signal(executionId, col(B_INCIDENT), col(R_INCIDENT), col(CORRELATION_RULE), reason,
                        col(COMPONENT_ID), col(CLASS)));
        return Table.CORRELATION_DIFFS.conform(diffs);
    }

    /** The columns every diff table starts with, then {@code extra}. */
    private static Column[] signal(String executionId, Column before, Column after, Column rule, Column reason,
            Column... extra) {
        Stream<Column> common = Stream.of(
                lit(executionId).as("execution_id"), col("signal_id"), col("ts"), col("service"), col("region"),
                col("pop"), before.as("before"), after.as("after"), rule.as("rule"), reason.as("reason"));
        return Stream.concat(common, Arrays.stream(extra)).toArray(Column[]::new);
    }

    /** {@code replay: <decision> (<reason>)}, the reason only when the replay gave one. */
    private static Column replayDecision() {
        return concat(lit("replay: "), coalesce(col(R_DECISION), lit("unknown")),
                coalesce(concat(lit(" ("), col(R_REASON), lit(")")), lit("")));
    }
}
