package io.traceflux.execution;

import io.traceflux.actions.Firing;
import io.traceflux.capture.SelectionCounts;
import io.traceflux.parity.ParityReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a replay produced, for the summary and for callers (immutable).
 *
 * @param record           the final executions row
 * @param selection        input, quarantined (per reason), out-of-window, out-of-scope, selected
 * @param suppressedByRule rule id to suppressed signals, in policy order (zeros included)
 * @param duplicates       signals that are duplicates (in or out of an incident)
 * @param incidents        incidents formed
 * @param incidentSignals  signals in an incident, duplicates included
 * @param uncorrelated     representatives left outside any incident
 * @param unknownSeverity  selected signals whose severity normalized to unknown
 * @param firings          the would-be firings of the policy's actions (replay_actions), held ones included
 * @param parity           the parity report, empty when the run had no baseline
 * @param seconds          wall time of the run
 */
public record ReplayResult(ExecutionRecord record, SelectionCounts selection, Map<String, Long> suppressedByRule,
        long duplicates, long incidents, long incidentSignals, long uncorrelated, long unknownSeverity,
        List<Firing> firings, Optional<ParityReport> parity, double seconds) {

    public ReplayResult {
        firings = List.copyOf(firings);
    }

    /** False only when a baseline was compared and a gate failed (exit code 3). */
    public boolean gatesPassed() {
        return parity.map(ParityReport::gatesPassed).orElse(true);
    }
}
