package io.traceflux.testdata;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Golden windows of NAB metric series (Numenta Anomaly Benchmark): a threshold alert for every
 * point above the series' mean + {@link #WARN_SIGMAS} standard deviations (over the whole file),
 * {@code critical} above mean + {@link #CRITICAL_SIGMAS}. Production's baseline is one incident
 * per labelled anomaly window (combined_windows.json) holding the alerts inside it; alerts
 * outside every window are in no incident. NAB covers two weeks at five-minute cadence, so time
 * is compressed by {@link #COMPRESSION} from the window start (five minutes become 100 ms).
 */
final class NabGoldenWindows {

    static final double WARN_SIGMAS = 3;
    static final double CRITICAL_SIGMAS = 5;
    static final long COMPRESSION = 3000;
    private static final DateTimeFormatter LABEL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /** One NAB file and the signal columns it stands for (NAB names the entity only in the file name). */
    record Series(String file, String service, String host, String check) {
    }

    /** {@code window.start()} is the origin of the compressed clock: series time t becomes start + (t - start) / COMPRESSION. */
    record Spec(String name, CaptureWindow window, List<Series> series, String description) {
    }

    private NabGoldenWindows() {
    }

    static GoldenWindow build(SparkSession spark, Path nab, Spec spec) throws IOException {
        JsonNode labels = new ObjectMapper().readTree(nab.resolve("labels/combined_windows.json").toFile());
        Dataset<Row> signals = null;
        Dataset<Row> members = null;
        for (Series s : spec.series()) {
            Dataset<Row> alerts = alerts(spark, nab, spec.window(), s).cache();
            Dataset<Row> inWindows = labelled(alerts, s, labels.get(s.file()));
            signals = signals == null ? alerts : signals.unionByName(alerts);
            members = members == null ? inWindows : members.unionByName(inWindows);
        }
        signals = signals.filter(spec.window().contains("ts")).cache();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", "NAB series " + spec.series().stream().map(Series::file).toList()
                + " with labels/combined_windows.json; time compressed " + COMPRESSION
                + "x from window_start; derived by test-data/golden/generate.sh");
        details.put("description", spec.description() + " See test-data/golden/README.md.");
        details.put("attribution", GoldenAttribution.NAB);
        return new GoldenWindow(spec.name(), spec.window(), "nab", signals, members, details,
                ProductionAutomation.NAB);
    }

    private static Dataset<Row> alerts(SparkSession spark, Path nab, CaptureWindow window, Series s) {
        Dataset<Row> points = spark.read().option("header", "true").csv(nab.resolve("data").resolve(s.file()).toString())
                .select(to_timestamp(col("timestamp")).as("original_ts"), col("value").cast("double").as("value"));
        Row stats = points.agg(avg("value"), stddev_pop("value")).first();
        double warn = stats.getDouble(0) + WARN_SIGMAS * stats.getDouble(1);
        double critical = stats.getDouble(0) + CRITICAL_SIGMAS * stats.getDouble(1);
        long origin = window.start().toEpochMilli() * 1000;
        Column compressed = expr("timestamp_micros(" + origin + " + (unix_micros(original_ts) - " + origin + ") div "
                + COMPRESSION + ")");
        return points.filter(col("value").gt(warn)).select(
                SignalColumns.id("nab-", lit(s.file()), col("original_ts").cast("string")).as("signal_id"),
                compressed.as("ts"),
                lit(s.service()).as("service"),
                lit(null).cast("string").as("region"),
                lit(null).cast("string").as("pop"),
                lit(s.host()).as("host"),
                lit(s.check()).as("check"),
                when(col("value").gt(critical), "critical").otherwise("warning").as("severity"),
                map(lit("nab_file"), lit(s.file()),
                        lit("original_ts"), col("original_ts").cast("string"),
                        lit("value"), format_string("%.3f", col("value")),
                        lit("threshold"), format_string("%.3f", lit(warn))).as("labels"),
                lit("nab").as("source"),
                lit("firing").as("status"),
                format_string("%s=%.3f > %.3f", lit(s.check()), col("value"), lit(warn)).as("message"),
                col("original_ts"));
    }

    /** The alerts inside each labelled window (bounds inclusive, as NAB scores them), one incident each. */
    private static Dataset<Row> labelled(Dataset<Row> alerts, Series s, JsonNode windows) {
        Dataset<Row> members = alerts.limit(0).select(col("signal_id"), lit("").as("incident_key"), lit("").as("title"));
        int n = 0;
        for (JsonNode w : windows) {
            n++;
            Instant from = LocalDateTime.parse(w.get(0).asText(), LABEL_TIME).toInstant(ZoneOffset.UTC);
            Instant to = LocalDateTime.parse(w.get(1).asText(), LABEL_TIME).toInstant(ZoneOffset.UTC);
            members = members.unionByName(alerts
                    .filter(col("original_ts").geq(lit(Timestamp.from(from))).and(col("original_ts").leq(lit(Timestamp.from(to)))))
                    .select(col("signal_id"), lit(s.file() + "#" + n).as("incident_key"),
                            lit(s.host() + " " + s.check() + ": NAB anomaly window " + n + " (" + from + " .. " + to + ")")
                                    .as("title")));
        }
        return members;
    }
}
