package io.traceflux.warehouse;

import java.util.Locale;

/**
 * The output tables of SPEC 5, each keyed by {@code execution_id}; {@code baseline_incidents}
 * (the compared baseline incidents with their selected members' time span) feeds the timeline.
 */
public enum Table {
    EXECUTIONS, REPLAY_SIGNALS, REPLAY_INCIDENTS, QUARANTINE,
    PARITY_REPORT, INCIDENT_DIFFS, FINGERPRINT_DIFFS, SUPPRESSION_DIFFS, CORRELATION_DIFFS,
    RULE_IMPACT, BLAST_RADIUS, BASELINE_INCIDENTS;

    /** The table of this name (as the parity package names its tables). */
    public static Table named(String tableName) {
        return valueOf(tableName.toUpperCase(Locale.ROOT));
    }

    /** The folder name under the warehouse root. */
    public String tableName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
