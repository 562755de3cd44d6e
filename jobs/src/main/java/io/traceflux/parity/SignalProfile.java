package io.traceflux.parity;

import static io.traceflux.parity.SignalComparison.B_INCIDENT;
import static io.traceflux.parity.SignalComparison.B_SUPPRESSED;
import static io.traceflux.parity.SignalComparison.FINGERPRINT_DIFF;
import static io.traceflux.parity.SignalComparison.NEWLY_SUPPRESSED;
import static io.traceflux.parity.SignalComparison.R_INCIDENT;
import static io.traceflux.parity.SignalComparison.R_SUPPRESSED;
import static io.traceflux.parity.SignalComparison.SEVERITY;
import static io.traceflux.parity.SignalComparison.SUPPRESSION_DIFF;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The signal comparison summed over everything its summaries group or decide by: both
 * incidents, service, region and pop, both suppressing rules and the suppression flags. The
 * report's tally, blast_radius and rule_impact read these rows (about as many as incident
 * pairs times POPs) instead of passing over every signal once each.
 *
 * <p>A row's {@link #SIGNALS} are its signals; {@link #FINGERPRINT_DIFFS} and
 * {@link #UNKNOWN_SEVERITY} count those with a fingerprint difference and an unknown severity;
 * {@link #FIRST_TS} and {@link #LAST_TS} are their earliest and latest ts.
 * Service, region and pop are the empty string when absent, as blast_radius reports them.
 */
final class SignalProfile {

    static final String SIGNALS = "signals";
    static final String FINGERPRINT_DIFFS = "fingerprint_diffs";
    static final String UNKNOWN_SEVERITY = "unknown_severity";
    static final String FIRST_TS = "first_ts";
    static final String LAST_TS = "last_ts";
    /** The dimensions of blast_radius, in its order. */
    static final List<String> DIMENSIONS = List.of("service", "region", "pop");

    private SignalProfile() {
    }

    /** Sums {@code compared} (from {@link SignalComparison#compare}) over the profile's columns. */
    static Dataset<Row> of(Dataset<Row> compared) {
        Column[] keys = {col(B_INCIDENT), col(R_INCIDENT), dimension(0), dimension(1), dimension(2),
                col(R_SUPPRESSED), col(B_SUPPRESSED), col(SUPPRESSION_DIFF), col(NEWLY_SUPPRESSED)};
        return compared.groupBy(keys).agg(count(lit(1)).as(SIGNALS),
                count_if(col(FINGERPRINT_DIFF)).as(FINGERPRINT_DIFFS),
                count_if(col(SEVERITY).equalTo(lit("unknown"))).as(UNKNOWN_SEVERITY),
                min(col("ts")).as(FIRST_TS), max(col("ts")).as(LAST_TS));
    }

    /**
     * Per baseline incident, its selected signals: incident_id, first_member_at,
     * last_signal_at and signal_count (what the baseline_incidents table needs).
     */
    static Dataset<Row> baselineMembers(Dataset<Row> profile) {
        return profile.filter(col(B_INCIDENT).isNotNull())
                .groupBy(col(B_INCIDENT).as("incident_id"))
                .agg(min(col(FIRST_TS)).as("first_member_at"), max(col(LAST_TS)).as("last_signal_at"),
                        sum(col(SIGNALS)).as("signal_count"));
    }

    /** A profile row's signals where {@code condition} holds on it, else 0: a value to sum. */
    static Column signalsIf(Column condition) {
        return when(condition, col(SIGNALS)).otherwise(lit(0L));
    }

    private static Column dimension(int i) {
        String name = DIMENSIONS.get(i);
        return coalesce(col(name), lit("")).as(name);
    }
}
