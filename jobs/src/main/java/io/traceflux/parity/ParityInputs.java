package io.traceflux.parity;

import io.traceflux.policy.SuppressionRule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Everything {@link ComputeParity} compares: the per-signal {@link Comparison} of the replay
 * with the baseline, both sides' incidents, the policy's rules and gates, and the capture's
 * data quality counts.
 *
 * @param executionId         key of every output row
 * @param scope               the scope as the execution records it (null: whole capture)
 * @param comparison          the replay's decisions beside the baseline's, per selected signal
 * @param replayIncidents     SPEC 5.1 replay_incidents: incident_id, opened_at, severity, title,
 *                            services
 * @param baseline            the baseline, already restricted to the selected signals
 * @param suppressionRules    the policy's rules, in order ({@code policy.suppression()})
 * @param gates               gate name to threshold ({@code policy.governance().gates()})
 * @param quarantinedByReason quarantined rows per reason, from the capture step
 * @param inputRows           every row the capture step read (selected or not): the
 *                            denominator of the quarantined share
 */
public record ParityInputs(
        String executionId,
        String scope,
        Comparison comparison,
        Dataset<Row> replayIncidents,
        Baseline baseline,
        List<SuppressionRule> suppressionRules,
        Map<String, Double> gates,
        Map<String, Long> quarantinedByReason,
        long inputRows) {

    public ParityInputs {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(replayIncidents, "replayIncidents");
        Objects.requireNonNull(baseline, "baseline");
        suppressionRules = List.copyOf(suppressionRules);
        // Gates keep the order the policy wrote them in, so the report lists them that way.
        gates = Collections.unmodifiableMap(new LinkedHashMap<>(gates));
        quarantinedByReason = Collections.unmodifiableMap(new LinkedHashMap<>(quarantinedByReason));
    }

    /**
     * The baseline side.
     *
     * @param signals          one row per selected signal, unique signal_id: signal_id,
     *                         incident_id (null: in no baseline incident), fingerprint and
     *                         suppressed_by (either column may be absent or all null)
     * @param incidents        incident_id, opened_at, severity (any case), title, optional
     *                         services; incidents without a selected signal are ignored
     * @param hasFingerprints  whether {@code fingerprint} holds the baseline's decisions
     * @param hasSuppression   whether {@code suppressed_by} holds the baseline's decisions
     * @param conflicts        signals the baseline listed in several incidents (SPEC 2.3)
     */
    public record Baseline(
            Dataset<Row> signals,
            Dataset<Row> incidents,
            boolean hasFingerprints,
            boolean hasSuppression,
            long conflicts) {

        /** An earlier execution or policy version: full per-signal decisions, no conflicts. */
        public static Baseline ofReplay(Dataset<Row> signals, Dataset<Row> incidents) {
            return new Baseline(signals, incidents, true, true, 0);
        }
    }
}
