package io.traceflux.capture;

import static io.traceflux.capture.QuarantineReason.DUPLICATE_SIGNAL_ID;
import static io.traceflux.capture.QuarantineReason.INVALID_TS;
import static io.traceflux.capture.QuarantineReason.NULL_SIGNAL_ID;
import static io.traceflux.capture.QuarantineReason.OUTSIDE_CAPTURE_WINDOW;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Classifies captured signals (SPEC 2.1): every row gets {@code ts} as a TimestampType and a
 * {@code quarantine_reason} (null when the row can be processed), checked in SPEC order, plus
 * {@code raw}, the row as read rendered as JSON text for the quarantine table. No row is
 * dropped here; {@link #accepted} and {@link #rejected} split the result.
 */
public final class Quarantine {

    public static final String REASON = "quarantine_reason";
    public static final String RAW = "raw";
    private static final String PARSED_TS = "_quarantine_parsed_ts";
    private static final String DUPLICATED = "_quarantine_duplicated_id";

    /**
     * JSON for {@code raw}: nulls kept so the row reads as stored; timestamps ISO-8601 UTC with
     * microseconds (a timestamp_ntz counts as UTC, as everywhere in the replay).
     */
    private static final Map<String, String> RAW_JSON = Map.of(
            "ignoreNullFields", "false",
            "timeZone", "UTC",
            "timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'",
            "timestampNTZFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private final TimeRange captureWindow;

    /** @param captureWindow {@code [window_start, window_end)} of capture.json */
    public Quarantine(TimeRange captureWindow) {
        this.captureWindow = captureWindow;
    }

    /**
     * The signals of {@link SignalSchema#validate}, each classified. {@code raw} is built only
     * for quarantined rows: a JSON copy of every good row would cost more than the replay.
     */
    public Dataset<Row> apply(Dataset<Row> signals) {
        return apply(signals, duplicatedIds(signals));
    }

    /**
     * As {@link #apply(Dataset)}, with the {@link #duplicatedIds} of the same signals computed
     * beforehand: a replay reads the classified signals several times and caches the ids once.
     */
    public Dataset<Row> apply(Dataset<Row> signals, Dataset<Row> duplicatedIds) {
        Column ts = asTimestamp(col("ts"), signals.schema().apply("ts").dataType());
        Column reason = when(col("signal_id").isNull(), NULL_SIGNAL_ID.code())
                .when(col(DUPLICATED).isNotNull(), DUPLICATE_SIGNAL_ID.code())
                .when(ts.isNull(), INVALID_TS.code())
                .when(not(captureWindow.contains(ts)), OUTSIDE_CAPTURE_WINDOW.code());
        List<Column> asRead = new ArrayList<>();
        for (StructField field : signals.schema().fields()) {
            if (!SignalSchema.isAdded(field)) {
                asRead.add(col(quoted(field.name())));
            }
        }
        return signals.join(duplicatedIds, signals.col("signal_id").equalTo(duplicatedIds.col(DUPLICATED)), "left")
                .withColumn(PARSED_TS, ts)
                .withColumn(REASON, reason)
                .withColumn(RAW, when(col(REASON).isNotNull(), to_json(struct(asRead.toArray(Column[]::new)), RAW_JSON)))
                .withColumn("ts", col(PARSED_TS))
                .drop(PARSED_TS, DUPLICATED);
    }

    /**
     * The signal_ids that occur more than once, one row each. Only the ids travel through the
     * aggregation; the result is small, so once cached Spark broadcasts it into the join above
     * and the wide signal rows are never shuffled for this check.
     */
    public static Dataset<Row> duplicatedIds(Dataset<Row> signals) {
        return signals.filter(col("signal_id").isNotNull())
                .groupBy(col("signal_id").as(DUPLICATED)).count()
                .filter(col("count").gt(1)).select(DUPLICATED);
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** The rows that can be processed, without the classification columns. */
    public static Dataset<Row> accepted(Dataset<Row> classified) {
        return classified.filter(col(REASON).isNull()).drop(REASON, RAW);
    }

    /** The quarantined rows: signal_id, reason, raw (SPEC 5.1 without execution_id). */
    public static Dataset<Row> rejected(Dataset<Row> classified) {
        return classified.filter(col(REASON).isNotNull())
                .select(col("signal_id"), col(REASON).as("reason"), col(RAW));
    }

    /** {@code ts} of the stored type as an instant (TimestampType), null when unparseable. */
    private static Column asTimestamp(Column ts, DataType type) {
        if (type.equals(DataTypes.TimestampType)) {
            return ts;
        }
        // A timestamp_ntz is read as UTC through its text, which holds in any session time zone.
        Column text = type.equals(DataTypes.TimestampNTZType) ? ts.cast(DataTypes.StringType) : ts;
        return TimestampText.parse(text);
    }
}
