package io.traceflux.parity;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Names and schemas of the parity output tables (SPEC 5, 5.1), so the writer can create them
 * before the first execution. The contract columns come first, in SPEC order; extra columns
 * follow. Every field is nullable: the writer appends DataFrames whose nullability Spark infers,
 * and a NOT NULL mismatch must never fail a write.
 */
public final class ParityTables {

    public static final String PARITY_REPORT_TABLE = "parity_report";
    public static final String INCIDENT_DIFFS_TABLE = "incident_diffs";
    public static final String FINGERPRINT_DIFFS_TABLE = "fingerprint_diffs";
    public static final String SUPPRESSION_DIFFS_TABLE = "suppression_diffs";
    public static final String CORRELATION_DIFFS_TABLE = "correlation_diffs";
    public static final String RULE_IMPACT_TABLE = "rule_impact";
    public static final String BLAST_RADIUS_TABLE = "blast_radius";

    /** One gate of the report: {@code passed} compares {@code actual} with {@code threshold}. */
    public static final StructType GATE = schema(
            field("name", DataTypes.StringType),
            field("threshold", DataTypes.DoubleType),
            field("actual", DataTypes.DoubleType),
            field("passed", DataTypes.BooleanType));

    public static final StructType PARITY_REPORT = schema(
            field("execution_id", DataTypes.StringType),
            field("baseline_incidents", DataTypes.LongType),
            field("replay_incidents", DataTypes.LongType),
            field("exact", DataTypes.LongType),
            field("changed", DataTypes.LongType),
            field("split", DataTypes.LongType),
            field("merged", DataTypes.LongType),
            field("missing", DataTypes.LongType),
            field("new", DataTypes.LongType),
            field("reshaped", DataTypes.LongType),
            field("incident_parity", DataTypes.DoubleType),
            field("bcubed_precision", DataTypes.DoubleType),
            field("bcubed_recall", DataTypes.DoubleType),
            field("bcubed_f1", DataTypes.DoubleType),
            field("fingerprint_agreement", DataTypes.DoubleType),
            field("suppression_agreement", DataTypes.DoubleType),
            field("missing_critical", DataTypes.LongType),
            field("quarantined", DataTypes.LongType),
            field("quarantined_by_reason", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType)),
            field("unknown_severity", DataTypes.LongType),
            field("baseline_conflicts", DataTypes.LongType),
            field("confidence", DataTypes.StringType),
            field("confidence_reasons", DataTypes.createArrayType(DataTypes.StringType)),
            field("gates", DataTypes.createArrayType(GATE)),
            field("gates_passed", DataTypes.BooleanType),
            // Extras: the scope (SPEC 4) and the denominators behind the rates above.
            field("scope", DataTypes.StringType),
            field("selected_signals", DataTypes.LongType),
            field("compared_signals", DataTypes.LongType),
            field("new_incidents", DataTypes.LongType),
            field("newly_suppressed", DataTypes.LongType),
            field("critical_downgraded", DataTypes.LongType));

    /** One linked (baseline, replay) pair of a component. */
    public static final StructType PAIR = schema(
            field("baseline_incident_id", DataTypes.StringType),
            field("replay_incident_id", DataTypes.StringType),
            field("overlap", DataTypes.LongType),
            field("jaccard", DataTypes.DoubleType));

    public static final StructType INCIDENT_DIFFS = schema(
            field("execution_id", DataTypes.StringType),
            field("component_id", DataTypes.StringType),
            field("class", DataTypes.StringType),
            field("baseline_incident_ids", DataTypes.createArrayType(DataTypes.StringType)),
            field("replay_incident_ids", DataTypes.createArrayType(DataTypes.StringType)),
            field("shared_signals", DataTypes.LongType),
            field("baseline_only_signals", DataTypes.LongType),
            field("replay_only_signals", DataTypes.LongType),
            field("jaccard", DataTypes.DoubleType),
            field("pairs", DataTypes.createArrayType(PAIR)),
            field("changes", DataTypes.createArrayType(DataTypes.StringType)));

    private static final StructField[] SIGNAL_DIFF = {
            field("execution_id", DataTypes.StringType),
            field("signal_id", DataTypes.StringType),
            field("ts", DataTypes.TimestampType),
            field("service", DataTypes.StringType),
            field("region", DataTypes.StringType),
            field("pop", DataTypes.StringType),
            field("before", DataTypes.StringType),
            field("after", DataTypes.StringType),
            field("rule", DataTypes.StringType),
            field("reason", DataTypes.StringType)};

    public static final StructType FINGERPRINT_DIFFS = signalDiff();

    /** {@code change}: newly_suppressed, no_longer_suppressed or rule_changed. */
    public static final StructType SUPPRESSION_DIFFS = signalDiff(field("change", DataTypes.StringType));

    public static final StructType CORRELATION_DIFFS = signalDiff(
            field("component_id", DataTypes.StringType),
            field("class", DataTypes.StringType));

    public static final StructType RULE_IMPACT = schema(
            field("execution_id", DataTypes.StringType),
            field("rule_id", DataTypes.StringType),
            field("kind", DataTypes.StringType),
            field("position", DataTypes.IntegerType),
            field("signals_changed", DataTypes.LongType),
            field("newly_suppressed", DataTypes.LongType),
            field("no_longer_suppressed", DataTypes.LongType),
            field("baseline_incidents_affected", DataTypes.LongType),
            field("replay_incidents_affected", DataTypes.LongType),
            field("incidents_affected", DataTypes.LongType));

    public static final StructType BLAST_RADIUS = schema(
            field("execution_id", DataTypes.StringType),
            field("dimension", DataTypes.StringType),
            field("value", DataTypes.StringType),
            field("signals", DataTypes.LongType),
            field("baseline_incidents", DataTypes.LongType),
            field("replay_incidents", DataTypes.LongType),
            field("changed_signals", DataTypes.LongType),
            field("newly_suppressed", DataTypes.LongType));

    private ParityTables() {
    }

    /** {@code data} with exactly the columns of {@code schema}, in its order and types. */
    static Dataset<Row> conform(Dataset<Row> data, StructType schema) {
        Column[] columns = Arrays.stream(schema.fields())
                .map(f -> col(f.name()).cast(f.dataType()).as(f.name()))
                .toArray(Column[]::new);
        return data.select(columns);
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
