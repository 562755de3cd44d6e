package io.traceflux.capture;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.unix_micros;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One table of cases, checked against both the driver parser and the Spark expression. */
class TimestampTextTest extends SparkTestBase {

    /** text -> the instant it denotes (java.time's ISO parser is the oracle), null if invalid. */
    private static final Map<String, String> CASES = new LinkedHashMap<>();

    static {
        valid("2026-11-20T10:03:07.125Z", "2026-11-20T10:03:07.125Z");
        valid("2026-11-20 10:03:07", "2026-11-20T10:03:07Z");
        valid("2026-11-20T10:03:07", "2026-11-20T10:03:07Z");
        valid("2026-11-20T15:33:07+05:30", "2026-11-20T10:03:07Z");
        valid("2026-11-20T04:33:07-05:30", "2026-11-20T10:03:07Z");
        valid("2026-11-20T10:03:07-00:00", "2026-11-20T10:03:07Z");
        valid("2026-11-20 10:03:07.5+00:00", "2026-11-20T10:03:07.5Z");
        valid("2026-11-20T23:30:00+23:59", "2026-11-19T23:31:00Z");
        valid("2026-11-20T00:00:00-23:59", "2026-11-20T23:59:00Z");
        valid("2026-11-20T10:03:07.123456789Z", "2026-11-20T10:03:07.123456Z");
        valid("2026-11-20T10:03:07.999999999Z", "2026-11-20T10:03:07.999999Z");
        valid("2026-11-20T10:03:07.0000009999999999999999Z", "2026-11-20T10:03:07Z");
        valid("2026-11-20T10:03:07.1", "2026-11-20T10:03:07.1Z");
        valid("2028-02-29T12:00:00Z", "2028-02-29T12:00:00Z");
        valid("2000-02-29T12:00:00Z", "2000-02-29T12:00:00Z");
        valid("1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z");
        valid("1969-12-31T23:59:59.5Z", "1969-12-31T23:59:59.5Z");
        valid("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z");
        valid("0000-01-01T00:00:00+01:00", "-0001-12-31T23:00:00Z");
        valid("9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.999999Z");
        invalid("2026-02-30T00:00:00Z");
        invalid("2026-02-29T00:00:00Z");
        invalid("1900-02-29T00:00:00Z");
        invalid("2026-04-31T00:00:00Z");
        invalid("2026-13-01T00:00:00Z");
        invalid("2026-00-10T00:00:00Z");
        invalid("2026-11-00T00:00:00Z");
        invalid("2026-11-20T24:00:00Z");
        invalid("2026-11-20T10:60:00Z");
        invalid("2026-11-20T23:59:60Z");
        invalid("2026-11-20T10:03:07+24:00");
        invalid("2026-11-20T10:03:07+05:60");
        invalid("2026-11-20T10:03:07+0530");
        invalid("2026-11-20T10:03:07+05");
        invalid("2026-11-20T10:03:07Z+05:30");
        invalid("2026-11-20t10:03:07Z");
        invalid("2026-11-20T10:03:07z");
        invalid(" 2026-11-20T10:03:07Z");
        invalid("2026-11-20T10:03:07Z ");
        invalid("2026-11-20T10:03:07Z\n");
        invalid("2026-11-20  10:03:07");
        invalid("2026-11-20_10:03:07");
        invalid("\uFF12\uFF10\uFF12\uFF16-11-20T10:03:07Z");
        invalid("\u0662\u0660\u0662\u0666-11-20T10:03:07Z");
        invalid("2026-11-20T10:03:0\u0667Z");
        invalid("2026-11-20T10:03:07.Z");
        invalid("2026-11-20T10:03:07,125Z");
        invalid("2026-11-20T10:03Z");
        invalid("2026-11-20");
        invalid("26-11-20T10:03:07Z");
        invalid("+2026-11-20T10:03:07Z");
        invalid("2026-11-20T1:03:07Z");
        invalid("");
    }

    private static void valid(String text, String expected) {
        CASES.put(text, expected);
    }

    private static void invalid(String text) {
        CASES.put(text, null);
    }

    static Stream<Arguments> cases() {
        return CASES.entrySet().stream().map(c -> Arguments.of(c.getKey(), c.getValue()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void driverParserFollowsTheTable(String text, String expected) {
        assertThat(TimestampText.parse(text))
                .isEqualTo(Optional.ofNullable(expected).map(Instant::parse));
    }

    @Test
    void sparkExpressionFollowsTheSameTable() {
        assertThat(sparkResults()).containsExactlyInAnyOrderEntriesOf(expectedMicros());
    }

    /** Every conversion is guarded, so strict ANSI casts never see a text outside the grammar. */
    @Test
    void sparkExpressionNeverFailsInAnsiMode() {
        spark.conf().set("spark.sql.ansi.enabled", "true");
        try {
            assertThat(sparkResults()).containsExactlyInAnyOrderEntriesOf(expectedMicros());
        } finally {
            spark.conf().set("spark.sql.ansi.enabled", "false");
        }
    }

    private static Map<String, Long> sparkResults() {
        List<String> texts = new ArrayList<>(CASES.keySet());
        texts.add(null);
        Dataset<Row> parsed = spark.createDataset(texts, Encoders.STRING()).toDF("text")
                .select(col("text"), unix_micros(TimestampText.parse(col("text"))));
        Map<String, Long> actual = new HashMap<>();
        for (Row row : parsed.collectAsList()) {
            actual.put(row.getString(0), row.isNullAt(1) ? null : row.getLong(1));
        }
        return actual;
    }

    private static Map<String, Long> expectedMicros() {
        Map<String, Long> expected = new HashMap<>();
        CASES.forEach((text, iso) ->
                expected.put(text, iso == null ? null : TimeRange.toMicros(Instant.parse(iso))));
        expected.put(null, null);
        return expected;
    }

    @Test
    void nullIsUnparseable() {
        assertThat(TimestampText.parse((String) null)).isEmpty();
    }
}
