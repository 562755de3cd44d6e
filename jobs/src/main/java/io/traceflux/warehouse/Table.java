package io.traceflux.warehouse;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The registry of output tables (SPEC 5): each table's folder name under the warehouse root,
 * its columns ({@link TableSchemas}), the columns a reader may rely on, and the order exported
 * rows take. Writers ({@link ExecutionWriter}), parity, the baselines and the evidence bundle
 * all name tables through it, so a table is declared once.
 *
 * <p>Every table is keyed by {@code execution_id}, except {@link #REGRESSION_RUNS}, which is
 * keyed by {@code run_id} and names each replay's {@code execution_id}; the governance tables
 * ({@link #APPROVALS}, {@link #PROMOTIONS}, {@link #AUDIT_LOG}) are written without Spark, through
 * {@code io.traceflux.governance.GovernanceTables}. {@code required} columns must exist in any
 * warehouse that has the table (the SPEC 5.1 contract a reader depends on); the other columns
 * are read when present, so a table written by an older version still reads. {@code sortKey}
 * leads the order of exported rows; the remaining orderable columns break ties, so the order
 * never depends on how Spark partitioned the data.
 */
public enum Table {

    EXECUTIONS("executions", TableSchemas.EXECUTIONS,
            List.of("status", "mode", "policy_id", "policy_version", "policy_sha256", "capture_id",
                    "capture_path", "baseline", "scope", "window_start", "window_end", "triggered_by",
                    "started_at", "finished_at"),
            List.of()),
    REPLAY_SIGNALS("replay_signals", TableSchemas.REPLAY_SIGNALS, List.of("signal_id", "ts", "incident_id"),
            List.of("ts", "signal_id")),
    REPLAY_INCIDENTS("replay_incidents", TableSchemas.REPLAY_INCIDENTS,
            List.of("incident_id", "opened_at", "last_signal_at"), List.of("opened_at", "incident_id")),
    QUARANTINE("quarantine", TableSchemas.QUARANTINE, List.of("reason"), List.of("reason", "signal_id")),
    PARITY_REPORT("parity_report", TableSchemas.PARITY_REPORT,
            List.of("baseline_incidents", "replay_incidents", "incident_parity"), List.of()),
    INCIDENT_DIFFS("incident_diffs", TableSchemas.INCIDENT_DIFFS,
            List.of("component_id", "class", "baseline_incident_ids", "replay_incident_ids"),
            List.of("component_id")),
    FINGERPRINT_DIFFS("fingerprint_diffs", TableSchemas.FINGERPRINT_DIFFS, signalDiffColumns(),
            List.of("ts", "signal_id")),
    SUPPRESSION_DIFFS("suppression_diffs", TableSchemas.SUPPRESSION_DIFFS, signalDiffColumns(),
            List.of("ts", "signal_id")),
    CORRELATION_DIFFS("correlation_diffs", TableSchemas.CORRELATION_DIFFS, signalDiffColumns(),
            List.of("ts", "signal_id")),
    RULE_IMPACT("rule_impact", TableSchemas.RULE_IMPACT, List.of("rule_id"), List.of("position", "rule_id")),
    BLAST_RADIUS("blast_radius", TableSchemas.BLAST_RADIUS, List.of("dimension", "value"),
            List.of("dimension", "value")),
    REPLAY_ACTIONS("replay_actions", TableSchemas.REPLAY_ACTIONS,
            List.of("incident_id", "action_id", "kind", "target", "fires_at", "held_by_cooldown", "rule"),
            List.of("fires_at", "incident_id", "action_id")),
    ACTION_DIFFS("action_diffs", TableSchemas.ACTION_DIFFS,
            List.of("component_id", "kind", "target", "class", "baseline_firings", "replay_firings",
                    "baseline_first_at", "replay_first_at", "shift_seconds"),
            List.of("component_id", "kind", "target")),
    /** The compared baseline incidents with their selected members' time span: the timeline's baseline lane. */
    BASELINE_INCIDENTS("baseline_incidents", TableSchemas.BASELINE_INCIDENTS,
            List.of("incident_id", "opened_at", "last_signal_at"), List.of("opened_at", "incident_id")),
    /** The compared baseline incidents' firings: the timeline's baseline marks. */
    BASELINE_ACTIONS("baseline_actions", TableSchemas.BASELINE_ACTIONS,
            List.of("incident_id", "kind", "target", "fires_at"), List.of("fires_at", "incident_id", "action_id")),
    /** Governance (SPEC 6.5), written by the control plane with Delta Kernel. */
    APPROVALS("approvals", TableSchemas.APPROVALS, List.of("approver", "decision", "scope", "at"),
            List.of("audit_seq")),
    PROMOTIONS("promotions", TableSchemas.PROMOTIONS,
            List.of("promotion_id", "policy_id", "policy_version", "scope", "promoted_by", "promoted_at"),
            List.of("audit_seq")),
    /** SPEC 6.4: the hash-chained audit log. */
    AUDIT_LOG("audit_log", TableSchemas.AUDIT_LOG,
            List.of("seq", "at", "actor", "action", "details", "prev_hash", "hash"), List.of("seq")),
    /** The nightly regression (SPEC 7.2): keyed by {@code run_id}, not written by a replay. */
    REGRESSION_RUNS("regression_runs", TableSchemas.REGRESSION_RUNS,
            List.of("run_id", "window", "policy", "status", "exit_code", "incident_parity", "bcubed_f1",
                    "gates_passed", "moved", "started_at"),
            List.of("run_id", "window", "policy"));

    /** The key column of every table. */
    public static final String EXECUTION_ID = "execution_id";

    /** The tables a replay writes besides {@link #EXECUTIONS}, in SPEC 5's order. */
    public static final List<Table> REPLAY_OUTPUTS = List.of(REPLAY_SIGNALS, REPLAY_INCIDENTS, QUARANTINE,
            PARITY_REPORT, INCIDENT_DIFFS, FINGERPRINT_DIFFS, SUPPRESSION_DIFFS, CORRELATION_DIFFS, RULE_IMPACT,
            BLAST_RADIUS, REPLAY_ACTIONS, ACTION_DIFFS, BASELINE_INCIDENTS, BASELINE_ACTIONS);

    /**
     * The replay outputs with a row per incident, component, rule, dimension value or action
     * firing, never per signal: their size follows the number of incidents, so a run with few
     * incidents can hold them on the driver.
     */
    public static final List<Table> INCIDENT_LEVEL = List.of(REPLAY_INCIDENTS, PARITY_REPORT, INCIDENT_DIFFS,
            RULE_IMPACT, BLAST_RADIUS, REPLAY_ACTIONS, ACTION_DIFFS, BASELINE_INCIDENTS, BASELINE_ACTIONS);

    /**
     * The replay outputs with at most a row per row of the capture: their size follows the
     * capture's, so a run over a small capture can hold them on the driver too.
     */
    public static final List<Table> SIGNAL_LEVEL = List.of(REPLAY_SIGNALS, QUARANTINE, FINGERPRINT_DIFFS,
            SUPPRESSION_DIFFS, CORRELATION_DIFFS);

    /**
     * The small tables the control-plane commands read without Spark, one row or a few per
     * execution or decision: kept in few files ({@code io.traceflux.governance.CompactControlPlane}).
     */
    public static final List<Table> CONTROL_PLANE = List.of(EXECUTIONS, PARITY_REPORT, APPROVALS, PROMOTIONS,
            AUDIT_LOG);

    private final String tableName;
    private final StructType schema;
    private final List<String> required;
    private final List<String> sortKey;

    Table(String tableName, StructType schema, List<String> required, List<String> sortKey) {
        this.tableName = tableName;
        this.schema = schema;
        this.required = required;
        this.sortKey = sortKey;
    }

    /** The folder name under the warehouse root. */
    public String tableName() {
        return tableName;
    }

    /** The columns, in table order, the key first. */
    public StructType schema() {
        return schema;
    }

    /** Columns a reader may rely on besides {@link #EXECUTION_ID}. */
    public List<String> required() {
        return required;
    }

    /** Columns read when present. */
    public List<String> optional() {
        return Arrays.stream(schema.fieldNames())
                .filter(n -> !n.equals(EXECUTION_ID) && !required.contains(n))
                .toList();
    }

    /** The leading sort columns of exported rows. */
    public List<String> sortKey() {
        return sortKey;
    }

    /**
     * {@code rows} with exactly this table's columns, in its order and types. A column the
     * rows lack is a programming error, named in the exception.
     */
    public Dataset<Row> conform(Dataset<Row> rows) {
        Set<String> present = Set.of(rows.columns());
        List<Column> columns = new ArrayList<>();
        for (StructField f : schema.fields()) {
            if (!present.contains(f.name())) {
                throw new IllegalArgumentException(tableName + " rows lack column " + f.name()
                        + " (they have " + String.join(", ", rows.columns()) + ")");
            }
            columns.add(col("`" + f.name() + "`").cast(f.dataType()).as(f.name()));
        }
        return rows.select(columns.toArray(Column[]::new));
    }

    private static List<String> signalDiffColumns() {
        return List.of("signal_id", "ts", "service", "region", "pop", "before", "after", "rule", "reason");
    }
}
