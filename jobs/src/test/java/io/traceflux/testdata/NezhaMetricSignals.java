package io.traceflux.testdata;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Metric alerts from Nezha's per-pod one-minute metrics: a signal per pod, minute and rule whose
 * value crosses the threshold of Nezha's alarm step (CPU or memory usage rate above 80 %, P90
 * latency above the system's threshold: 300 ms for Train-Ticket, 200 ms for OnlineBoutique), sent
 * the way an Alertmanager would: severity {@code warning}, or {@code critical} above the rule's
 * second, higher threshold.
 */
final class NezhaMetricSignals {

    /** One alarm rule over a metric column (a Nezha CSV header). */
    record AlarmRule(String metric, String check, double warnAbove, double criticalAbove) {
    }

    /** Above this P90 latency (seconds) an alert is {@code critical}. */
    static final double LATENCY_CRITICAL_S = 1.0;

    static List<AlarmRule> podRules(NezhaSystem system) {
        return List.of(
                new AlarmRule("CpuUsageRate(%)", "cpu_high", 80, 95),
                new AlarmRule("MemoryUsageRate(%)", "memory_high", 80, 95),
                new AlarmRule("PodServerLatencyP90(s)", "latency_p90_high", system.latencyAboveS(), LATENCY_CRITICAL_S),
                new AlarmRule("PodClientLatencyP90(s)", "client_latency_p90_high", system.latencyAboveS(),
                        LATENCY_CRITICAL_S));
    }

    /** The entry service's SLO latency (front_service.csv); it has no pod, so no host. */
    static AlarmRule frontendRule(NezhaSystem system) {
        return new AlarmRule("LatencyP90(s)", "frontend_latency_p90_high", system.latencyAboveS(), LATENCY_CRITICAL_S);
    }

    private NezhaMetricSignals() {
    }

    /** Alerts of every pod in the window; region and POP come from the pod's node. */
    static Dataset<Row> podAlerts(SparkSession spark, NezhaSystem system, Path dayDir, CaptureWindow window,
            Dataset<Row> podNodes) {
        Dataset<Row> rows = minutes(spark, dayDir.resolve("metric").resolve(system.podMetricGlob()), window)
                .withColumn("host", col("PodName"))
                .join(podNodes, "host", "left")
                .withColumn("service", SignalColumns.service(col("PodName")))
                .withColumn("nezha_file", concat(lit("metric/"), col("PodName"), lit("_metric.csv")));
        Dataset<Row> alerts = null;
        for (AlarmRule rule : podRules(system)) {
            Dataset<Row> one = alerts(rows, system, rule, col("PodName"));
            alerts = alerts == null ? one : alerts.unionByName(one);
        }
        return alerts;
    }

    /** Alerts of the entry service's SLO latency in the window. */
    static Dataset<Row> frontendAlerts(SparkSession spark, NezhaSystem system, Path dayDir, CaptureWindow window) {
        Dataset<Row> rows = minutes(spark, dayDir.resolve("metric/front_service.csv"), window)
                .withColumn("host", lit(null).cast("string"))
                .withColumn("node", lit(null).cast("string"))
                .withColumn("service", lit(system.frontendService()))
                .withColumn("nezha_file", lit("metric/front_service.csv"));
        return alerts(rows, system, frontendRule(system), lit("front_service"));
    }

    /** Rows whose minute lies in the window; Nezha's {@code Time} is a Go time string in UTC. */
    private static Dataset<Row> minutes(SparkSession spark, Path files, CaptureWindow window) {
        Column goTime = regexp_extract(col("Time"), "^(\\S+ \\S+) \\+0000 UTC", 1);
        return spark.read().option("header", "true").csv(files.toString())
                .withColumn("ts", goTime.cast("timestamp"))
                .filter(window.contains("ts"));
    }

    private static Dataset<Row> alerts(Dataset<Row> rows, NezhaSystem system, AlarmRule rule, Column emitter) {
        Column value = col("`" + rule.metric() + "`").cast("double");
        // Nezha writes NaN for a pod without requests; Spark orders NaN above every number, but
        // Nezha's rule (NaN > 0.3 is false in Python) raises no alarm for it.
        Column crossed = value.gt(rule.warnAbove()).and(not(isnan(value)));
        return SignalColumns.select(rows.filter(crossed).select(
                SignalColumns.id("alert-", emitter, lit(rule.check()), col("TimeStamp")).as("signal_id"),
                col("ts"),
                col("service"),
                NodePlacement.region(col("node")).as("region"),
                NodePlacement.pop(col("node")).as("pop"),
                col("host"),
                lit(rule.check()).as("check"),
                when(value.gt(rule.criticalAbove()), "critical").otherwise("warning").as("severity"),
                labels(system, rule, value).as("labels"),
                lit("metric").as("source"),
                lit("firing").as("status"),
                format_string("%s=%.3f > %.3f", lit(rule.metric()), value, lit(rule.warnAbove())).as("message")));
    }

    private static Column labels(NezhaSystem system, AlarmRule rule, Column value) {
        Column all = map(
                lit("namespace"), lit(system.namespace()),
                lit("node"), col("node"),
                lit("metric"), lit(rule.metric()),
                lit("value"), format_string("%.3f", value),
                lit("threshold"), format_string("%.3f", lit(rule.warnAbove())),
                lit("nezha_file"), col("nezha_file"));
        return map_filter(all, (k, v) -> v.isNotNull());
    }
}
