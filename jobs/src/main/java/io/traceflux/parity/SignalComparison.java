package io.traceflux.parity;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.traceflux.pipeline.CoPartition;
import io.traceflux.spark.ScalaSeqs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The per-signal comparison every signal-level output derives from: one row per selected
 * signal with what the replay and the baseline decided for it, and which differences count.
 *
 * <p>The selected signals are the replay's; baseline rows for other signals are ignored, which
 * is what restricts any baseline to the selected signals (SPEC 2.3). A selected signal without
 * a baseline row reads as in no baseline incident, unsuppressed, without fingerprint.
 */
final class SignalComparison {

    static final String SIGNAL_ID = "signal_id";
    static final String SEVERITY = "severity";
    // The replay's columns keep their replay_signals names, so that its decisions can be read
    // back from the comparison as they are (Comparison#rows); the baseline's are b_.
    static final String R_INCIDENT = "incident_id";
    static final String R_FINGERPRINT = "fingerprint";
    static final String R_SUPPRESSED = "suppressed_by";
    static final String R_DECISION = "decision";
    static final String R_REASON = "reason";
    static final String B_INCIDENT = "b_incident_id";
    static final String B_FINGERPRINT = "b_fingerprint";
    static final String B_SUPPRESSED = "b_suppressed_by";
    /** True when the baseline provably kept the signal, null when it cannot tell. */
    static final String B_KEPT = "b_kept";
    static final String NEWLY_SUPPRESSED = "newly_suppressed";
    static final String FINGERPRINT_DIFF = "fingerprint_diff";
    static final String SUPPRESSION_DIFF = "suppression_diff";
    static final String COMPONENT_ID = "component_id";
    static final String CLASS = "class";
    static final String B_SIZE = "b_incident_size";
    static final String R_SIZE = "r_incident_size";
    static final String CORRELATION_DIFF = "correlation_diff";
    static final String CORRELATION_RULE = "correlation_rule";
    static final String OUTCOME_CHANGED = "outcome_changed";

    /** The grouping's name wherever a rule is named (rule_impact, diff tables). */
    static final String GROUPING = "correlation";

    private SignalComparison() {
    }

    /**
     * Joins the baseline's view onto the replay's decisions and flags the differences. Every
     * column of {@code replay} is kept (with at least signal_id, ts, service, region, pop,
     * severity, incident_id, fingerprint, suppressed_by and decision). When both sides carry a
     * {@link CoPartition#PART} key they are partitioned on it alike, and joining on it too lets
     * Spark match them partition by partition, without a shuffle.
     */
    static Dataset<Row> compare(Dataset<Row> replay, ParityInputs.Baseline baseline) {
        List<String> keys = new ArrayList<>(List.of(SIGNAL_ID));
        if (Arrays.asList(replay.columns()).contains(CoPartition.PART)
                && Arrays.asList(baseline.signals().columns()).contains(CoPartition.PART)) {
            keys.add(CoPartition.PART);
        }
        Dataset<Row> b = baseline.signals().select(columns(keys, col("incident_id").as(B_INCIDENT),
                decisions(baseline.signals(), "fingerprint", baseline.hasFingerprints()).as(B_FINGERPRINT),
                decisions(baseline.signals(), "suppressed_by", baseline.hasSuppression()).as(B_SUPPRESSED)));
        // A joined PART stays: replay_signals' join with the whole signals keys on it as well.
        Dataset<Row> joined = replay.join(b, ScalaSeqs.of(keys), "left");
        return joined
                .withColumn(B_KEPT, kept(baseline.hasSuppression()))
                .withColumn(NEWLY_SUPPRESSED, col(R_SUPPRESSED).isNotNull().and(coalesce(col(B_KEPT), lit(false))))
                .withColumn(FINGERPRINT_DIFF, baseline.hasFingerprints()
                        ? not(col(B_FINGERPRINT).eqNullSafe(col(R_FINGERPRINT))) : lit(false))
                .withColumn(SUPPRESSION_DIFF, baseline.hasSuppression()
                        ? not(col(B_SUPPRESSED).eqNullSafe(col(R_SUPPRESSED))) : col(NEWLY_SUPPRESSED));
    }

    /**
     * Adds the parity component and the correlation flags to each row: a signal, or a
     * {@link SignalProfile} row (both carry the incidents and suppressing rules the flags
     * depend on). {@code baselineMap} and {@code replayMap} (incident_id, component_id, class,
     * size) are small and broadcast.
     */
    static Dataset<Row> withComponents(Dataset<Row> compared, Dataset<Row> baselineMap, Dataset<Row> replayMap) {
        Dataset<Row> b = prefixed(baselineMap, "bm_", B_SIZE);
        Dataset<Row> r = prefixed(replayMap, "rm_", R_SIZE);
        return compared
                .join(broadcast(b), col(B_INCIDENT).equalTo(col("bm_incident_id")), "left")
                .join(broadcast(r), col(R_INCIDENT).equalTo(col("rm_incident_id")), "left")
                .withColumn(COMPONENT_ID, coalesce(col("bm_component_id"), col("rm_component_id")))
                .withColumn(CLASS, coalesce(col("bm_class"), col("rm_class")))
                .drop("bm_incident_id", "bm_component_id", "bm_class", "rm_incident_id", "rm_component_id", "rm_class")
                // A signal in an incident on either side whose component is not EXACT: exactly the
                // signals whose co-members changed, or that gained or lost an incident.
                .withColumn(CORRELATION_DIFF, coalesce(col(CLASS).notEqual(lit(ComponentClass.EXACT.name())), lit(false)))
                .withColumn(CORRELATION_RULE, correlationRule())
                .withColumn(OUTCOME_CHANGED, col(SUPPRESSION_DIFF).or(col(CORRELATION_DIFF)));
    }

    /**
     * The rule responsible for a membership change: the replay's suppressing rule, else the
     * baseline rule that no longer suppresses a signal now in an incident, else the grouping.
     */
    private static Column correlationRule() {
        return coalesce(col(R_SUPPRESSED), when(col(R_INCIDENT).isNotNull(), col(B_SUPPRESSED)), lit(GROUPING));
    }

    /**
     * With suppression decisions the baseline kept what it did not suppress; without them only
     * a signal in a baseline incident is known to have been kept.
     */
    private static Column kept(boolean hasSuppression) {
        return hasSuppression ? col(B_SUPPRESSED).isNull() : when(col(B_INCIDENT).isNotNull(), lit(true));
    }

    private static Column decisions(Dataset<Row> baselineSignals, String column, boolean present) {
        if (!present) {
            return lit(null).cast(DataTypes.StringType);
        }
        if (!Arrays.asList(baselineSignals.columns()).contains(column)) {
            throw new IllegalArgumentException("baseline signals lack the column " + column + " they claim to have");
        }
        return col(column).cast(DataTypes.StringType);
    }

    private static Column[] columns(List<String> keys, Column... more) {
        List<Column> all = new ArrayList<>();
        keys.forEach(k -> all.add(col(k)));
        all.addAll(List.of(more));
        return all.toArray(Column[]::new);
    }

    private static Dataset<Row> prefixed(Dataset<Row> map, String prefix, String sizeName) {
        return map.select(
                col("incident_id").as(prefix + "incident_id"),
                col("component_id").as(prefix + "component_id"),
                col("class").as(prefix + "class"),
                col("size").as(sizeName));
    }
}
