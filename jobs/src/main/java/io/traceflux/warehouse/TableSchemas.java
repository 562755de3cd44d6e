package io.traceflux.warehouse;

import java.util.Arrays;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The column layout of every output table, in the order the tables hold them: the SPEC 5.1
 * contract columns first, extras after. {@link Table} pairs each with its name; writers conform
 * their rows to it, and readers (the bundle, the baselines) find columns by these names.
 *
 * <p>Fields are nullable except the executions row's key and status: writers append
 * DataFrames whose nullability Spark infers, and a NOT NULL mismatch must never fail a write.
 */
public final class TableSchemas {

    private static final DataType TEXT = DataTypes.StringType;
    private static final DataType LONG = DataTypes.LongType;
    private static final DataType DOUBLE = DataTypes.DoubleType;
    private static final DataType TIME = DataTypes.TimestampType;
    private static final DataType TEXT_MAP = DataTypes.createMapType(TEXT, TEXT);
    private static final DataType TEXTS = DataTypes.createArrayType(TEXT);

    /**
     * One gate of the parity report: {@code passed} compares {@code actual} with {@code threshold};
     * {@code reason} says why a gate failed whatever its figure (no signal selected), else null.
     */
    public static final StructType GATE = schema(
            field("name", TEXT), field("threshold", DOUBLE), field("actual", DOUBLE),
            field("passed", DataTypes.BooleanType), field("reason", TEXT));

    /** One linked (baseline, replay) pair of an incident_diffs component. */
    public static final StructType PAIR = schema(
            field("baseline_incident_id", TEXT), field("replay_incident_id", TEXT),
            field("overlap", LONG), field("jaccard", DOUBLE));

    /** An earlier attempt of an execution id, as the next attempt found it. */
    static final StructType ATTEMPT = schema(
            field("attempt", DataTypes.IntegerType), field("status", TEXT), field("started_at", TIME),
            field("finished_at", TIME), field("error", TEXT));

    /**
     * {@code baseline_*_version}: the Delta versions of the baseline tables read (null for
     * Parquet); {@code attempt}, {@code previous_attempts} and {@code driver_*}: which attempt
     * of the execution id the row is, how the earlier ones ended, and the JVM that runs it.
     */
    static final StructType EXECUTIONS = schema(
            DataTypes.createStructField("execution_id", TEXT, false),
            DataTypes.createStructField("status", TEXT, false),
            field("mode", TEXT), field("policy_id", TEXT), field("policy_version", DataTypes.IntegerType),
            field("policy_sha256", TEXT), field("policy_path", TEXT), field("policy_text", TEXT),
            field("capture_id", TEXT), field("capture_path", TEXT), field("capture_format", TEXT),
            field("capture_version", LONG), field("baseline", TEXT), field("scope", TEXT),
            field("window_start", TIME), field("window_end", TIME), field("triggered_by", TEXT),
            field("reason", TEXT), field("started_at", TIME), field("finished_at", TIME),
            field("input_rows", LONG), field("selected_rows", LONG), field("quarantined_rows", LONG),
            field("out_of_window_rows", LONG), field("out_of_scope_rows", LONG), field("suppressed_rows", LONG),
            field("duplicate_rows", LONG), field("incidents", LONG), field("code_version", TEXT),
            field("spark_version", TEXT), field("delta_version", TEXT), field("master", TEXT),
            field("error", TEXT), field("baseline_incidents_version", LONG), field("baseline_membership_version", LONG),
            field("attempt", DataTypes.IntegerType), field("previous_attempts", DataTypes.createArrayType(ATTEMPT)),
            field("driver_host", TEXT), field("driver_pid", LONG), field("driver_started_at", TIME));

    /** {@code extra}: the capture's columns SPEC 2.1 does not name, as one JSON text (null: none). */
    static final StructType REPLAY_SIGNALS = schema(
            field("execution_id", TEXT), field("signal_id", TEXT), field("ts", TIME), field("service", TEXT),
            field("region", TEXT), field("pop", TEXT), field("host", TEXT), field("check", TEXT),
            field("severity", TEXT), field("raw_severity", TEXT), field("fingerprint", TEXT),
            field("suppressed_by", TEXT), field("duplicate_of", TEXT), field("incident_id", TEXT),
            field("decision", TEXT), field("reason", TEXT), field("group_key", TEXT_MAP), field("labels", TEXT_MAP),
            field("source", TEXT), field("status", TEXT), field("message", TEXT), field("extra", TEXT));

    static final StructType REPLAY_INCIDENTS = schema(
            field("execution_id", TEXT), field("incident_id", TEXT), field("group_key", TEXT_MAP),
            field("first_signal_id", TEXT), field("opened_at", TIME), field("last_signal_at", TIME),
            field("severity", TEXT), field("signal_count", LONG), field("distinct_fingerprints", LONG),
            field("services", TEXTS), field("hosts", TEXTS), field("title", TEXT));

    static final StructType QUARANTINE = schema(
            field("execution_id", TEXT), field("signal_id", TEXT), field("reason", TEXT), field("raw", TEXT));

    /**
     * Extras after the contract: the scope (SPEC 4) and the denominators behind the rates.
     */
    static final StructType PARITY_REPORT = schema(
            field("execution_id", TEXT), field("baseline_incidents", LONG), field("replay_incidents", LONG),
            field("exact", LONG), field("changed", LONG), field("split", LONG), field("merged", LONG),
            field("missing", LONG), field("new", LONG), field("reshaped", LONG), field("incident_parity", DOUBLE),
            field("bcubed_precision", DOUBLE), field("bcubed_recall", DOUBLE), field("bcubed_f1", DOUBLE),
            field("fingerprint_agreement", DOUBLE), field("suppression_agreement", DOUBLE),
            field("missing_critical", LONG), field("quarantined", LONG),
            field("quarantined_by_reason", DataTypes.createMapType(TEXT, LONG)), field("unknown_severity", LONG),
            field("baseline_conflicts", LONG), field("confidence", TEXT), field("confidence_reasons", TEXTS),
            field("gates", DataTypes.createArrayType(GATE)), field("gates_passed", DataTypes.BooleanType),
            field("scope", TEXT), field("selected_signals", LONG), field("compared_signals", LONG),
            field("new_incidents", LONG), field("newly_suppressed", LONG), field("critical_downgraded", LONG));

    static final StructType INCIDENT_DIFFS = schema(
            field("execution_id", TEXT), field("component_id", TEXT), field("class", TEXT),
            field("baseline_incident_ids", TEXTS), field("replay_incident_ids", TEXTS),
            field("shared_signals", LONG), field("baseline_only_signals", LONG), field("replay_only_signals", LONG),
            field("jaccard", DOUBLE), field("pairs", DataTypes.createArrayType(PAIR)), field("changes", TEXTS));

    private static final StructField[] SIGNAL_DIFF = {
            field("execution_id", TEXT), field("signal_id", TEXT), field("ts", TIME), field("service", TEXT),
            field("region", TEXT), field("pop", TEXT), field("before", TEXT), field("after", TEXT),
            field("rule", TEXT), field("reason", TEXT)};

    static final StructType FINGERPRINT_DIFFS = signalDiff();

    /** {@code change}: newly_suppressed, no_longer_suppressed or rule_changed. */
    static final StructType SUPPRESSION_DIFFS = signalDiff(field("change", TEXT));

    static final StructType CORRELATION_DIFFS = signalDiff(field("component_id", TEXT), field("class", TEXT));

    static final StructType RULE_IMPACT = schema(
            field("execution_id", TEXT), field("rule_id", TEXT), field("kind", TEXT),
            field("position", DataTypes.IntegerType), field("signals_changed", LONG), field("newly_suppressed", LONG),
            field("no_longer_suppressed", LONG), field("baseline_incidents_affected", LONG),
            field("replay_incidents_affected", LONG), field("incidents_affected", LONG));

    static final StructType BLAST_RADIUS = schema(
            field("execution_id", TEXT), field("dimension", TEXT), field("value", TEXT), field("signals", LONG),
            field("baseline_incidents", LONG), field("replay_incidents", LONG), field("changed_signals", LONG),
            field("newly_suppressed", LONG));

    /** Production incidents carry no last-signal time or group key: both come from the members. */
    static final StructType BASELINE_INCIDENTS = schema(
            field("execution_id", TEXT), field("incident_id", TEXT), field("opened_at", TIME),
            field("last_signal_at", TIME), field("severity", TEXT), field("title", TEXT),
            field("group_key", TEXT_MAP), field("signal_count", LONG));

    /** SPEC 6.5. */
    static final StructType APPROVALS = schema(
            field("execution_id", TEXT), field("approver", TEXT), field("decision", TEXT), field("scope", TEXT),
            field("comment", TEXT), field("at", TIME), field("policy_sha256", TEXT));

    private TableSchemas() {
    }

    private static StructType signalDiff(StructField... extra) {
        StructField[] all = Arrays.copyOf(SIGNAL_DIFF, SIGNAL_DIFF.length + extra.length);
        System.arraycopy(extra, 0, all, SIGNAL_DIFF.length, extra.length);
        return new StructType(all);
    }

    private static StructType schema(StructField... fields) {
        return new StructType(fields);
    }

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }
}
