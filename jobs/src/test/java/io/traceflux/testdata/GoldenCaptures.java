package io.traceflux.testdata;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Writes a {@link GoldenWindow} as a capture (SPEC 2.1): capture.json, signals/ and baseline/ with
 * one Parquet file each (see {@link SampleFiles}). Production's incidents get ids
 * {@code INC-<window>-NNN} numbered by (opened_at, key), the highest severity of their members
 * (under the canonical ranks, raw ERROR as major and WARN as warning) and their services; its
 * actions are what the window's {@link ProductionAutomation} took for them.
 */
final class GoldenCaptures {

    private GoldenCaptures() {
    }

    static void write(GoldenWindow w, Path dir) throws IOException {
        Files.createDirectories(dir);
        Dataset<Row> signals = SignalColumns.select(w.signals()).cache();
        SampleFiles.writeParquet(signals, dir.resolve("signals"),
                col("ts").asc_nulls_first(), col("signal_id"));
        Dataset<Row> members = w.members().join(signals.select("signal_id", "ts", "service", "severity"), "signal_id")
                .cache();
        Dataset<Row> incidents = incidents(w.name(), members).cache();
        SampleFiles.writeParquet(incidents.drop("incident_key"), dir.resolve("baseline/incidents"), col("incident_id"));
        Dataset<Row> membership = members.join(incidents, "incident_key").select("incident_id", "signal_id");
        SampleFiles.writeParquet(membership, dir.resolve("baseline/membership"), col("incident_id"), col("signal_id"));
        Dataset<Row> actions = w.automation().actions(signals.sparkSession(), incidents, membership, signals).cache();
        SampleFiles.writeParquet(actions, dir.resolve("baseline/actions"),
                col("fired_at"), col("incident_id"), col("action_id"));
        SampleFiles.writeJson(captureJson(w), dir.resolve("capture.json"));
        System.out.printf("%s: %d signals, %d baseline incidents, %d baseline actions%n", w.name(), signals.count(),
                incidents.count(), actions.count());
    }

    private static Dataset<Row> incidents(String window, Dataset<Row> members) {
        Dataset<Row> grouped = members.groupBy("incident_key").agg(
                min("ts").as("opened_at"),
                max(ProductionIncidents.rank(col("severity"))).as("rank"),
                first("title").as("title"),
                array_sort(collect_set("service")).as("services"),
                count(lit(1)).as("signals"));
        return grouped
                .withColumn("incident_id", format_string("INC-%s-%03d", lit(window),
                        row_number().over(Window.orderBy("opened_at", "incident_key"))))
                .select(col("incident_id"), col("incident_key"), col("opened_at"),
                        ProductionIncidents.name(col("rank")).as("severity"), col("title"),
                        col("services"));
    }

    private static Map<String, Object> captureJson(GoldenWindow w) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("capture_id", w.name());
        doc.put("window_start", w.window().start().toString());
        doc.put("window_end", w.window().end().toString());
        doc.put("scope", w.scope());
        doc.putAll(w.details());
        return doc;
    }
}
