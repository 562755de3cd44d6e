package io.traceflux.testdata;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Golden windows of LANL's HPC node failures (LA-UR-05-7318): one {@code node_down} signal per
 * failure record whose start lies in the window. LANL's monitor paged per node and an operator
 * opened one record per node ("Same Event" is No on every row), so production's baseline is one
 * incident per record; a storm of nodes of one system failing in the same minute is what a good
 * policy merges. Times are LANL's local minute, read as UTC and spread within the minute by a
 * hash of the signal id (LANL has minute resolution only).
 */
final class LanlGoldenWindows {

    static final String CSV = "LA-UR-05-7318-failure-data-1996-2005.csv";
    static final List<String> CAUSES = List.of("Facilities", "Hardware", "Human Error", "Network", "Undetermined",
            "Software");

    record Spec(String name, CaptureWindow window, String description) {
    }

    private LanlGoldenWindows() {
    }

    static GoldenWindow build(SparkSession spark, Path lanl, Spec spec) {
        Dataset<Row> records = spark.read().option("header", "true").option("encoding", "ISO-8859-1")
                .csv(lanl.resolve(CSV).toString());
        Dataset<Row> signals = signals(withIds(records)
                .withColumn("started", to_timestamp(col("Prob Started"), "M/d/yyyy H:mm"))
                .filter(spec.window().contains("started")))
                .cache();
        Dataset<Row> members = signals.select(col("signal_id"), col("signal_id").as("incident_key"),
                concat(lit("node "), col("host"), lit(" down")).as("title"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", "LANL HPC failure records " + CSV + "; derived by test-data/golden/generate.sh");
        details.put("description", spec.description() + " See test-data/golden/README.md.");
        details.put("attribution", GoldenAttribution.LANL);
        return new GoldenWindow(spec.name(), spec.window(), "site=lanl", signals, members, details,
                ProductionAutomation.LANL);
    }

    /**
     * signal_id: 16 hex of SHA-256 over the record's fields; identical records (LANL has a few)
     * stay distinct signals because their occurrence number is part of the hashed text.
     */
    private static Dataset<Row> withIds(Dataset<Row> records) {
        Column raw = concat_ws("|", Arrays.stream(records.columns())
                .map(c -> coalesce(col("`" + c + "`"), lit(""))).toArray(Column[]::new));
        Column occurrence = row_number().over(Window.partitionBy("raw").orderBy("raw"));
        return records.withColumn("raw", raw)
                .withColumn("signal_id", SignalColumns.id("lanl-", col("raw"), occurrence.cast("string")));
    }

    private static Dataset<Row> signals(Dataset<Row> records) {
        Column system = col("System");
        Column jitterMs = pmod(conv(substring(sha2(col("signal_id"), 256), 1, 8), 16, 10).cast("long"), lit(60_000));
        return records.withColumn("jitter_ms", jitterMs).select(
                col("signal_id"),
                expr("timestamp_millis(unix_millis(started) + jitter_ms)").as("ts"),
                format_string("hpc-system-%s", system).as("service"),
                lit("lanl").as("region"),
                format_string("sys%s", system).as("pop"),
                format_string("sys%s-node%s", system, col("nodenumz")).as("host"),
                lit("node_down").as("check"),
                when(col("purpose").equalTo("graphics.fe"), "critical").otherwise("major").as("severity"),
                labels().as("labels"),
                lit("lanl-monitor").as("source"),
                lit("firing").as("status"),
                format_string("node %s of system %s (%s) down", col("nodenumz"), system, col("purpose"))
                        .as("message"));
    }

    private static Column labels() {
        Column cause = when(col("Facilities").isNotNull(), concat(lit("Facilities: "), col("Facilities")));
        for (String c : CAUSES.subList(1, CAUSES.size())) {
            cause = cause.when(col("`" + c + "`").isNotNull(), concat(lit(c + ": "), col("`" + c + "`")));
        }
        return map(
                lit("system"), col("System"),
                lit("node"), col("nodenumz"),
                lit("machine_type"), col("machine type"),
                lit("purpose"), coalesce(col("purpose"), lit("")),
                lit("root_cause"), coalesce(cause, lit("")),
                lit("prob_started"), col("Prob Started"),
                lit("prob_fixed"), coalesce(col("Prob Fixed"), lit("")),
                lit("down_time_min"), coalesce(col("Down Time"), lit("")));
    }
}
