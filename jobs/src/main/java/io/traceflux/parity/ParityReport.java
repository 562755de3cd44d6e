package io.traceflux.parity;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The parity figures of one execution (SPEC 4, 5.1 parity_report), as driver-side values.
 *
 * @param executionId          key of the row
 * @param scope                as the execution records it
 * @param baselineIncidents    baseline incidents with at least one selected signal
 * @param replayIncidents      replay incidents
 * @param classCounts          components per class (a SPLIT of one incident into 3 counts 1)
 * @param incidentParity       EXACT baseline incidents / baseline incidents (1.0 when none)
 * @param bcubed               B-cubed of the replay against the baseline clustering
 * @param fingerprintAgreement share of selected signals with the baseline's fingerprint, or
 *                             null when the baseline has none
 * @param suppressionAgreement share of selected signals with the baseline's suppressed_by
 *                             (same rule id, or both unsuppressed), or null
 * @param missingCritical      critical baseline incidents in MISSING components
 * @param criticalDowngraded   critical baseline incidents in other components whose replay
 *                             side has no critical incident
 * @param quarantinedByReason  rows quarantined per reason
 * @param unknownSeverity      selected signals with unknown severity
 * @param baselineConflicts    signals the baseline listed in several incidents
 * @param selectedSignals      selected signals
 * @param comparedSignals      selected signals in an incident on either side (B-cubed's)
 * @param newIncidents         replay incidents in NEW components
 * @param newlySuppressed      signals the replay suppressed and the baseline kept
 * @param confidence           level and reasons
 * @param gates                the policy's gates, in policy order
 */
public record ParityReport(
        String executionId,
        String scope,
        long baselineIncidents,
        long replayIncidents,
        Map<ComponentClass, Long> classCounts,
        double incidentParity,
        BCubed bcubed,
        Double fingerprintAgreement,
        Double suppressionAgreement,
        long missingCritical,
        long criticalDowngraded,
        Map<String, Long> quarantinedByReason,
        long unknownSeverity,
        long baselineConflicts,
        long selectedSignals,
        long comparedSignals,
        long newIncidents,
        long newlySuppressed,
        Confidence confidence,
        List<GateResult> gates) {

    public ParityReport {
        // Ordered copies: the report row's map keeps this order, so reruns write the same bytes.
        Map<ComponentClass, Long> byClass = new EnumMap<>(ComponentClass.class);
        byClass.putAll(classCounts);
        classCounts = Collections.unmodifiableMap(byClass);
        quarantinedByReason = Collections.unmodifiableMap(new LinkedHashMap<>(quarantinedByReason));
        gates = List.copyOf(gates);
    }

    /** Components of class {@code cls}. */
    public long count(ComponentClass cls) {
        return classCounts.getOrDefault(cls, 0L);
    }

    public long quarantined() {
        return total(quarantinedByReason);
    }

    /** Rows over all quarantine reasons. */
    static long total(Map<String, Long> quarantinedByReason) {
        return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * True when every gate passed, and when there is no gate; never when no signal was
     * selected (SPEC 4: a replay of nothing proves nothing).
     */
    public boolean gatesPassed() {
        return selectedSignals > 0 && gates.stream().allMatch(GateResult::passed);
    }

    /** The row in order of {@link io.traceflux.warehouse.Table#PARITY_REPORT}. */
    Row toRow() {
        return RowFactory.create(executionId, baselineIncidents, replayIncidents,
                count(ComponentClass.EXACT), count(ComponentClass.CHANGED), count(ComponentClass.SPLIT),
                count(ComponentClass.MERGED), count(ComponentClass.MISSING), count(ComponentClass.NEW),
                count(ComponentClass.RESHAPED), incidentParity,
                bcubed.precision(), bcubed.recall(), bcubed.f1(), fingerprintAgreement, suppressionAgreement,
                missingCritical, quarantined(), quarantinedByReason, unknownSeverity, baselineConflicts,
                confidence.level(), confidence.reasons(), gates.stream().map(GateResult::toRow).toList(), gatesPassed(),
                scope, selectedSignals, comparedSignals, newIncidents, newlySuppressed, criticalDowngraded);
    }
}
