package io.traceflux.bundle;

import java.util.List;

/**
 * Every warehouse table the evidence bundle reads, and the columns it reads from each: the one
 * place to align with the writers (SPEC 5.1 names). Each table is a path-based Delta table at
 * {@code <warehouse>/<name>}, filtered on {@code execution_id} (implied, always required).
 *
 * <p>A required column must exist when the table exists; an optional one is read when present
 * and treated as null otherwise. Only {@link #EXECUTIONS} must exist: a run without a baseline
 * has no parity tables. {@code sortKey} gives exported rows their fixed order; the remaining
 * orderable columns break ties, so the order never depends on how Spark partitioned the data.
 */
public enum BundleTable {

    EXECUTIONS("executions", true,
            List.of("status", "mode", "policy_id", "policy_version", "policy_sha256", "capture_id",
                    "capture_path", "baseline", "scope", "window_start", "window_end", "triggered_by",
                    "started_at", "finished_at"),
            List.of("reason", "policy_path", "policy_text", "capture_format", "capture_version",
                    "code_version", "spark_version", "delta_version", "master", "error",
                    "input_rows", "selected_rows", "quarantined_rows", "out_of_window_rows",
                    "out_of_scope_rows", "suppressed_rows", "duplicate_rows", "incidents"),
            List.of()),
    REPLAY_SIGNALS("replay_signals", false,
            List.of("signal_id", "ts", "incident_id"),
            List.of("service", "region", "pop", "host", "check", "severity", "raw_severity",
                    "fingerprint", "suppressed_by", "duplicate_of", "decision", "reason", "source",
                    "status", "message", "labels"),
            List.of("ts", "signal_id")),
    REPLAY_INCIDENTS("replay_incidents", false, incidentColumns(),
            List.of("group_key", "first_signal_id", "severity", "signal_count",
                    "distinct_fingerprints", "services", "hosts", "title"),
            List.of("opened_at", "incident_id")),
    /** The baseline side's incidents as the parity step writes them (optional). */
    BASELINE_INCIDENTS("baseline_incidents", false, incidentColumns(),
            List.of("group_key", "severity", "signal_count", "title"),
            List.of("opened_at", "incident_id")),
    QUARANTINE("quarantine", false, List.of("reason"), List.of("signal_id", "raw"),
            List.of("reason", "signal_id")),
    PARITY_REPORT("parity_report", false,
            List.of("baseline_incidents", "replay_incidents", "incident_parity"),
            List.of("exact", "changed", "split", "merged", "missing", "new", "reshaped",
                    "bcubed_precision", "bcubed_recall", "bcubed_f1", "fingerprint_agreement",
                    "suppression_agreement", "missing_critical", "quarantined",
                    "quarantined_by_reason", "unknown_severity", "baseline_conflicts",
                    "confidence", "confidence_reasons", "gates", "gates_passed"),
            List.of()),
    INCIDENT_DIFFS("incident_diffs", false,
            List.of("component_id", "class", "baseline_incident_ids", "replay_incident_ids"),
            List.of("shared_signals", "baseline_only_signals", "replay_only_signals", "jaccard",
                    "pairs", "changes"),
            List.of("component_id")),
    FINGERPRINT_DIFFS("fingerprint_diffs", false, signalDiffColumns(), List.of(),
            List.of("ts", "signal_id")),
    /** {@code change} (newly_suppressed, ...) is read when present, else derived from before/after. */
    SUPPRESSION_DIFFS("suppression_diffs", false, signalDiffColumns(), List.of("change"),
            List.of("ts", "signal_id")),
    CORRELATION_DIFFS("correlation_diffs", false, signalDiffColumns(), List.of(),
            List.of("ts", "signal_id")),
    RULE_IMPACT("rule_impact", false, List.of("rule_id"),
            List.of("kind", "position", "signals_changed", "incidents_affected"),
            List.of("position", "rule_id")),
    BLAST_RADIUS("blast_radius", false, List.of("dimension", "value"),
            List.of("baseline_incidents", "replay_incidents", "signals_changed", "changed_signals",
                    "newly_suppressed"),
            List.of("dimension", "value")),
    /** Governance (SPEC 6): exported to tables/ when present; the report shows the audit log's record. */
    APPROVALS("approvals", false, List.of(), List.of(), List.of());

    /** The key column of every table. */
    public static final String EXECUTION_ID = "execution_id";

    /** rule_impact's changed-signal count: the first of these names that the row has. */
    public static final List<String> RULE_IMPACT_CHANGED = List.of("signals_changed");

    /** blast_radius's changed-signal count: the name, then the parity step's current name. */
    public static final List<String> BLAST_RADIUS_CHANGED = List.of("signals_changed", "changed_signals");

    private final String tableName;
    private final boolean mandatory;
    private final List<String> required;
    private final List<String> optional;
    private final List<String> sortKey;

    BundleTable(String tableName, boolean mandatory, List<String> required, List<String> optional,
            List<String> sortKey) {
        this.tableName = tableName;
        this.mandatory = mandatory;
        this.required = required;
        this.optional = optional;
        this.sortKey = sortKey;
    }

    /** The folder name under the warehouse root. */
    public String tableName() {
        return tableName;
    }

    /** Whether a bundle cannot be written without this table. */
    public boolean mandatory() {
        return mandatory;
    }

    /** Columns that must exist besides {@link #EXECUTION_ID}. */
    public List<String> required() {
        return required;
    }

    /** Columns read when present. */
    public List<String> optional() {
        return optional;
    }

    /** The leading sort columns of exported rows. */
    public List<String> sortKey() {
        return sortKey;
    }

    private static List<String> incidentColumns() {
        return List.of("incident_id", "opened_at", "last_signal_at");
    }

    /** The per-signal diff tables' common columns. */
    private static List<String> signalDiffColumns() {
        return List.of("signal_id", "ts", "service", "region", "pop", "before", "after", "rule",
                "reason");
    }
}
