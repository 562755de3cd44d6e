package io.traceflux.parity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Production's incidents as a baseline (SPEC 2.2, 2.3): membership restricted to the selected
 * signals, one incident per signal.
 *
 * <p>Membership rows with a null incident_id or signal_id name no membership and are ignored;
 * repeated (incident, signal) rows count once. A signal listed in several incidents stays in
 * the smallest incident_id (by code point, as Spark orders strings) and is one conflict.
 * Baseline incidents left without a selected signal drop out of the comparison by themselves:
 * {@link ComputeParity} only compares incidents that have a member signal.
 */
public final class ProductionBaseline {

    /** Optional per-signal production decisions on the signals (SPEC 2.1). */
    public static final String BASELINE_FINGERPRINT = "baseline_fingerprint";
    public static final String BASELINE_SUPPRESSED_BY = "baseline_suppressed_by";

    private ProductionBaseline() {
    }

    /**
     * The baseline's signals after restriction.
     *
     * @param signals         signal_id, incident_id, fingerprint, suppressed_by: one row per
     *                        selected signal
     * @param conflicts       selected signals production listed in several incidents
     * @param hasFingerprints whether the selected signals carried baseline_fingerprint
     * @param hasSuppression  whether they carried baseline_suppressed_by
     */
    public record Restricted(Dataset<Row> signals, long conflicts, boolean hasFingerprints, boolean hasSuppression) {

        /** The baseline side of {@link ParityInputs}, with production's incidents table. */
        public ParityInputs.Baseline withIncidents(Dataset<Row> incidents) {
            return new ParityInputs.Baseline(signals, incidents, hasFingerprints, hasSuppression, conflicts);
        }
    }

    /**
     * Restricts production membership to the selected signals.
     *
     * @param membership        incident_id, signal_id
     * @param selectedSignalIds signal_id of every selected signal, optionally with
     *                          {@value #BASELINE_FINGERPRINT} and {@value #BASELINE_SUPPRESSED_BY}
     * @return the restricted signals; counting the conflicts runs one Spark job
     */
    public static Restricted restrict(Dataset<Row> membership, Dataset<Row> selectedSignalIds) {
        Dataset<Row> perSignal = membership
                .filter(col("incident_id").isNotNull().and(col("signal_id").isNotNull()))
                .join(selectedSignalIds.select(col("signal_id")), new String[] {"signal_id"}, "left_semi")
                .groupBy(col("signal_id").as("m_signal_id"))
                .agg(min(col("incident_id")).as("incident_id"), countDistinct(col("incident_id")).as("incidents"));
        long conflicts = perSignal.filter(col("incidents").gt(1)).count();
        boolean hasFingerprints = has(selectedSignalIds, BASELINE_FINGERPRINT);
        boolean hasSuppression = has(selectedSignalIds, BASELINE_SUPPRESSED_BY);
        Dataset<Row> signals = selectedSignalIds
                .select(col("signal_id"),
                        optional(hasFingerprints, BASELINE_FINGERPRINT).as("fingerprint"),
                        optional(hasSuppression, BASELINE_SUPPRESSED_BY).as("suppressed_by"))
                .join(perSignal, col("signal_id").equalTo(col("m_signal_id")), "left")
                .select(col("signal_id"), col("incident_id"), col("fingerprint"), col("suppressed_by"));
        return new Restricted(signals, conflicts, hasFingerprints, hasSuppression);
    }

    private static boolean has(Dataset<Row> data, String column) {
        return Arrays.asList(data.columns()).contains(column);
    }

    private static Column optional(boolean present, String column) {
        return present ? col(column).cast(DataTypes.StringType) : lit(null).cast(DataTypes.StringType);
    }
}
