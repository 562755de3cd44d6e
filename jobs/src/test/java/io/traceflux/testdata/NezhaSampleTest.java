package io.traceflux.testdata;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.traceflux.SparkTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Pins the committed sample capture (test-data/captures/nezha-tt-2023-01-29): its schema and the
 * counts test-data/README.md documents, so that a regeneration that changes them is noticed.
 */
class NezhaSampleTest extends SparkTestBase {

    private static final Path CAPTURE =
            Path.of(System.getProperty("traceflux.repo", ".."), "test-data/captures/nezha-tt-2023-01-29");
    private static final String NULL = "<null>";

    private static Dataset<Row> table(String relative) {
        return spark.read().parquet(CAPTURE.resolve(relative).toString());
    }

    /** Group counts as a sorted map, for exact comparison; a null group is {@link #NULL}. */
    private static Map<String, Long> countsBy(Dataset<Row> rows, String column) {
        Map<String, Long> counts = new TreeMap<>();
        for (Row r : rows.groupBy(coalesce(col(column), lit(NULL))).count().collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        return counts;
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        return new TreeMap<>(counts);
    }

    private static List<String> ids(Dataset<Row> rows) {
        return rows.select("signal_id").as(Encoders.STRING()).collectAsList();
    }

    private static String sha256Hex16(String text) throws NoSuchAlgorithmException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash).substring(0, 16);
    }

    @Test
    void signalsHaveExactlyTheCaptureSchema() {
        StructType expected = StructType.fromDDL("signal_id STRING, ts TIMESTAMP, service STRING, region STRING, "
                + "pop STRING, host STRING, check STRING, severity STRING, labels MAP<STRING, STRING>, "
                + "source STRING, status STRING, message STRING, baseline_fingerprint STRING, "
                + "baseline_suppressed_by STRING");
        assertThat(table("signals").schema()).isEqualTo(expected);
        assertThat(table("baseline/incidents").schema()).isEqualTo(StructType.fromDDL(
                "incident_id STRING, opened_at TIMESTAMP, severity STRING, title STRING, services ARRAY<STRING>"));
        assertThat(table("baseline/membership").schema())
                .isEqualTo(StructType.fromDDL("incident_id STRING, signal_id STRING"));
        assertThat(table("baseline/actions").schema()).isEqualTo(StructType.fromDDL(
                "incident_id STRING, action_id STRING, kind STRING, target STRING, fired_at TIMESTAMP"));
    }

    @Test
    void signalCountsAreTheDocumentedOnes() {
        Dataset<Row> signals = table("signals");
        assertThat(signals.count()).isEqualTo(1126);
        assertThat(signals.select("signal_id").distinct().count()).isEqualTo(1125);
        assertThat(countsBy(signals, "severity")).isEqualTo(sorted(Map.of(
                "ERROR", 37L, "INFO", 751L, "WARN", 304L, "critical", 6L, "warning", 28L)));
        assertThat(countsBy(signals, "source")).isEqualTo(sorted(Map.of("log", 1092L, "metric", 34L)));
        // gateway and ui-dashboard pods wrote no log line, so their node (and region) is unknown
        assertThat(countsBy(signals, "region")).isEqualTo(sorted(Map.of("cn-east", 698L, "cn-north", 414L, NULL, 14L)));
    }

    @Test
    void quarantineRowsAreTheDocumentedOnes() {
        Dataset<Row> signals = table("signals");
        assertThat(ids(signals.filter(col("ts").isNull()))).containsExactly("log-004e1bc2bde58aa8");
        assertThat(signals.filter(col("ts").geq("2023-01-29 08:46:00")).selectExpr("signal_id", "cast(ts as string)")
                .collectAsList().toString()).isEqualTo("[[log-0f9dde72162d63cf,2023-01-29 16:43:54.788197]]");
        assertThat(signals.groupBy("signal_id").count().filter(col("count").gt(1)).collectAsList().toString())
                .isEqualTo("[[log-88c5c7cd178ab35a,2]]");
    }

    @Test
    void baselineIsProductionsThirteenIncidents() {
        Dataset<Row> incidents = table("baseline/incidents");
        Dataset<Row> membership = table("baseline/membership");
        assertThat(incidents.count()).isEqualTo(13);
        assertThat(countsBy(incidents, "severity")).isEqualTo(sorted(Map.of("critical", 4L, "major", 3L, "warning", 6L)));
        assertThat(membership.count()).isEqualTo(367);
        // on-call copied one ts-contacts-service signal into the follow-up incident as well
        assertThat(membership.groupBy("signal_id").count().filter(col("count").gt(1)).count()).isEqualTo(1);
        assertThat(countsBy(table("signals"), "baseline_suppressed_by"))
                .isEqualTo(sorted(Map.of("drop-info", 751L, "silence-uri-tag-warning", 1L, NULL, 374L)));
    }

    /**
     * Production's paging rules (tt-checkout v1's actions) over its 13 incidents: a page for each
     * critical one (the contacts drill, escalated by hand, to the accounts team) and a ticket
     * for each that reached major; the warning ones fire nothing, and no cooldown holds (one
     * incident per service and rule).
     */
    @Test
    void baselineActionsArePagesForCriticalAndTicketsForMajorIncidents() {
        assertThat(table("baseline/actions").orderBy("fired_at", "incident_id")
                .selectExpr("concat_ws(' ', incident_id, kind, target, cast(fired_at as string))")
                .as(Encoders.STRING()).collectAsList()).containsExactly(
                        "INC-20230129-002 page tt-booking-oncall 2023-01-29 08:42:09.597476",
                        "INC-20230129-004 page tt-booking-oncall 2023-01-29 08:42:10.636336",
                        "INC-20230129-005 page tt-booking-oncall 2023-01-29 08:42:10.666101",
                        "INC-20230129-010 ticket TT-CHECKOUT 2023-01-29 08:43:14.757769",
                        "INC-20230129-011 page tt-accounts-oncall 2023-01-29 08:43:17.121704",
                        "INC-20230129-008 ticket TT-CHECKOUT 2023-01-29 08:43:26.379473",
                        "INC-20230129-013 ticket TT-CHECKOUT 2023-01-29 08:44:32.632888");
    }

    @Test
    void baselineFingerprintIsSpecStepTwoOverV1Fields() throws NoSuchAlgorithmException {
        String expected = sha256Hex16(
                "check=ContactsServiceImpl.findContactsById\nservice=ts-contacts-service\nhost=ts-contacts-service\n");
        List<Row> fingerprints = table("signals")
                .filter(col("check").equalTo("ContactsServiceImpl.findContactsById"))
                .groupBy("baseline_fingerprint").count().collectAsList();
        assertThat(fingerprints.toString()).isEqualTo("[[" + expected + ",20]]");
    }

    @Test
    void captureJsonDeclaresTheWindowAndAttribution() throws IOException {
        JsonNode capture = new ObjectMapper().readTree(CAPTURE.resolve("capture.json").toFile());
        assertThat(capture.get("capture_id").asText()).isEqualTo("nezha-tt-2023-01-29");
        assertThat(capture.get("window_start").asText()).isEqualTo("2023-01-29T08:42:00Z");
        assertThat(capture.get("window_end").asText()).isEqualTo("2023-01-29T08:46:00Z");
        assertThat(capture.get("attribution").get("license").asText()).isEqualTo("MIT");
        assertThat(Files.readString(CAPTURE.resolve("LICENSE-nezha"))).contains("Copyright (c) 2023 IntelligentDDS");
    }
}
