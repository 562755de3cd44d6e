package io.traceflux.capture;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.unix_micros;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuarantineTest extends SparkTestBase {

    /** A capture window that every test row lies outside of, so each row keeps its raw JSON. */
    private static final Quarantine OUT_OF_WINDOW = new Quarantine(new TimeRange(
            java.time.Instant.parse("2027-01-01T00:00:00Z"), java.time.Instant.parse("2027-01-02T00:00:00Z")));

    private static final Quarantine QUARANTINE = new Quarantine(new TimeRange(
            Instant.parse(CaptureFolder.WINDOW_START), Instant.parse(CaptureFolder.WINDOW_END)));

    @Test
    void givesEachRowTheFirstReasonInSpecOrder() {
        SignalRows rows = new SignalRows()
                .add("ok", "2026-11-20T10:01:00Z").set("tag", "ok")
                .add(null, "garbage").set("tag", "null id and bad ts")
                .add(null, "2026-11-20T10:01:00Z").set("tag", "null id")
                .add("dup", "2026-11-20T10:01:00Z").set("tag", "dup good ts")
                .add("dup", "garbage").set("tag", "dup bad ts")
                .add("bad", "2026-02-30T10:01:00Z").set("tag", "impossible date")
                .add("none", null).set("tag", "null ts")
                .add("late", "2026-11-20T10:04:00-00:30").set("tag", "outside by offset");

        Map<String, String> reasons = reasonsBy("tag", QUARANTINE.apply(validated(rows)));

        Map<String, String> expected = new HashMap<>();
        expected.put("ok", null);
        expected.put("null id and bad ts", "null_signal_id");
        expected.put("null id", "null_signal_id");
        expected.put("dup good ts", "duplicate_signal_id");
        expected.put("dup bad ts", "duplicate_signal_id");
        expected.put("impossible date", "invalid_ts");
        expected.put("null ts", "invalid_ts");
        expected.put("outside by offset", "outside_capture_window");
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(expected);
    }

    /** Same window checks whatever type ts was stored with. */
    @ParameterizedTest
    @ValueSource(strings = {"string", "timestamp", "timestamp_ntz"})
    void theWindowIsHalfOpenAtMicrosecondPrecision(String tsType) {
        SignalRows rows = new SignalRows()
                .add("before", "2026-11-20 09:59:59.999999")
                .add("start", "2026-11-20 10:00:00")
                .add("last", "2026-11-20 10:04:59.999999")
                .add("end", "2026-11-20 10:05:00");

        Dataset<Row> classified = QUARANTINE.apply(
                SignalSchema.validate(rows.toDataFrame(spark, DataType.fromDDL(tsType)), "cap"));

        Map<String, String> expected = new HashMap<>();
        expected.put("before", "outside_capture_window");
        expected.put("start", null);
        expected.put("last", null);
        expected.put("end", "outside_capture_window");
        assertThat(reasonsBy("signal_id", classified)).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(classified.schema().apply("ts").dataType()).isEqualTo(DataTypes.TimestampType);
        assertThat(micros(classified, "last")).isEqualTo(micros("2026-11-20T10:04:59.999999Z"));
    }

    @Test
    void textTimestampsAreConvertedWithTheirOffsetAndTruncated() {
        SignalRows rows = new SignalRows().add("a", "2026-11-20T11:03:07.1234569+01:00");

        Dataset<Row> classified = QUARANTINE.apply(validated(rows));

        assertThat(micros(classified, "a")).isEqualTo(micros("2026-11-20T10:03:07.123456Z"));
    }

    @Test
    void rawIsTheRowAsReadWithNullsAndWithoutAddedColumns() {
        SignalRows rows = new SignalRows()
                .add("a", "2026-11-20T10:01:00+00:00").set("host", null).label("team", "edge");

        Row row = OUT_OF_WINDOW.apply(validated(rows)).first();

        assertThat(QUARANTINE.apply(validated(rows)).first().<String>getAs(Quarantine.RAW))
                .as("raw is kept for quarantined rows only").isNull();
        assertThat(row.<String>getAs(Quarantine.RAW)).isEqualTo("{\"signal_id\":\"a\","
                + "\"ts\":\"2026-11-20T10:01:00+00:00\",\"service\":\"api\",\"region\":\"eu-west\","
                + "\"pop\":\"fra1\",\"host\":null,\"check\":\"cpu\",\"severity\":\"major\","
                + "\"labels\":{\"team\":\"edge\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"timestamp", "timestamp_ntz"})
    void rawRendersStoredTimestampsAsUtcWithMicroseconds(String tsType) {
        Dataset<Row> signals = new SignalRows().add("a", "2026-11-20 10:01:00.5")
                .toDataFrame(spark, DataType.fromDDL(tsType));

        Row row = OUT_OF_WINDOW.apply(SignalSchema.validate(signals, "cap")).first();

        assertThat(row.<String>getAs(Quarantine.RAW)).isEqualTo("{\"signal_id\":\"a\","
                + "\"ts\":\"2026-11-20T10:01:00.500000Z\",\"service\":\"api\",\"region\":\"eu-west\","
                + "\"pop\":\"fra1\",\"host\":\"web-1\",\"check\":\"cpu\",\"severity\":\"major\","
                + "\"labels\":null}");
    }

    @Test
    void acceptedAndRejectedSplitTheRows() {
        SignalRows rows = new SignalRows()
                .add("ok", "2026-11-20T10:01:00Z")
                .add("bad", "yesterday")
                .add(null, "2026-11-20T10:01:00Z");
        Dataset<Row> classified = QUARANTINE.apply(validated(rows));

        Dataset<Row> accepted = Quarantine.accepted(classified);
        Dataset<Row> rejected = Quarantine.rejected(classified);

        assertThat(accepted.columns()).containsExactly("signal_id", "ts", "service", "region", "pop",
                "host", "check", "severity", "labels", "source", "status");
        assertThat(accepted.select("signal_id").as(Encoders.STRING())
                .collectAsList()).containsExactly("ok");
        assertThat(rejected.columns()).containsExactly("signal_id", "reason", "raw");
        assertThat(rejected.orderBy("reason").collectAsList().stream().map(Row::toString).toList())
                .containsExactly(
                        "[bad,invalid_ts,{\"signal_id\":\"bad\",\"ts\":\"yesterday\",\"service\":\"api\","
                                + "\"region\":\"eu-west\",\"pop\":\"fra1\",\"host\":\"web-1\",\"check\":\"cpu\","
                                + "\"severity\":\"major\",\"labels\":null}]",
                        "[null,null_signal_id,{\"signal_id\":null,\"ts\":\"2026-11-20T10:01:00Z\","
                                + "\"service\":\"api\",\"region\":\"eu-west\",\"pop\":\"fra1\",\"host\":\"web-1\","
                                + "\"check\":\"cpu\",\"severity\":\"major\",\"labels\":null}]");
    }

    private static Dataset<Row> validated(SignalRows rows) {
        return SignalSchema.validate(rows.toDataFrame(spark), "cap");
    }

    private static Map<String, String> reasonsBy(String key, Dataset<Row> classified) {
        Map<String, String> reasons = new HashMap<>();
        for (Row row : classified.select(key, Quarantine.REASON).collectAsList()) {
            reasons.put(row.getString(0), row.getString(1));
        }
        return reasons;
    }

    private static long micros(Dataset<Row> classified, String signalId) {
        return classified.filter(col("signal_id").equalTo(signalId))
                .select(unix_micros(col("ts"))).first().getLong(0);
    }

    private static long micros(String instant) {
        return TimeRange.toMicros(Instant.parse(instant));
    }
}
