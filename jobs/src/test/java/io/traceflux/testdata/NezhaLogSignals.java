package io.traceflux.testdata;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Log signals from Nezha's one-minute Train-Ticket log windows: one signal per WARN/ERROR line as
 * received (so a line that two minute files both hold arrives twice, with one id), and a
 * deterministic sample of the INFO lines (distinct lines, one in {@link #INFO_ONE_IN} by id hash),
 * the way a log shipper samples INFO but never errors.
 */
final class NezhaLogSignals {

    static final int INFO_ONE_IN = 10;
    static final int MESSAGE_CHARS = 200;

    /** {@code 16:42:22.382 INFO  t.s.TravelServiceImpl#532 TraceID: .. SpanID: .. body}. */
    private static final String LINE =
            "(?s)^\\S+\\s+(INFO|WARN|ERROR)\\s+(\\S+)\\s+TraceID: (\\S+) SpanID: (\\S+) (.*?)\\s*$";

    private NezhaLogSignals() {
    }

    /** The raw lines of the minute files ({@code HH_MM}), each with the file it came from. */
    static Dataset<Row> lines(SparkSession spark, Path dayDir, List<String> minuteFiles) {
        Dataset<Row> all = null;
        for (String minute : minuteFiles) {
            String file = "log/" + minute + "_log.csv";
            Dataset<Row> one = spark.read().option("header", "true").option("escape", "\"")
                    .csv(dayDir.resolve(file).toString())
                    .withColumn("nezha_file", lit(file));
            all = all == null ? one : all.unionByName(one);
        }
        return all;
    }

    /** Which node each pod ran on (every pod in the logs sits on exactly one node). */
    static Dataset<Row> podNodes(Dataset<Row> lines) {
        return lines.select(col("PodName").as("host"), col("Node").as("node")).distinct();
    }

    /** The sampled log signals in the capture's columns. */
    static Dataset<Row> signals(Dataset<Row> lines) {
        return SignalColumns.select(sample(parse(lines), col("severity").equalTo("INFO")));
    }

    private static Dataset<Row> parse(Dataset<Row> lines) {
        Column text = get_json_object(col("Log"), "$.log");
        return lines
                .withColumn("level", regexp_extract(text, LINE, 1))
                .withColumn("logger", regexp_extract(text, LINE, 2))
                .withColumn("body", regexp_extract(text, LINE, 5))
                .select(
                        SignalColumns.id("log-", col("PodName"), col("TimeUnixNano")).as("signal_id"),
                        expr("timestamp_micros(cast(TimeUnixNano as bigint) div 1000)").as("ts"),
                        SignalColumns.service(col("PodName")).as("service"),
                        NodePlacement.region(col("Node")).as("region"),
                        NodePlacement.pop(col("Node")).as("pop"),
                        col("PodName").as("host"),
                        check(col("logger"), col("body")).as("check"),
                        col("level").as("severity"),
                        labels().as("labels"),
                        lit("log").as("source"),
                        lit(null).cast("string").as("status"),
                        substring(col("body"), 1, MESSAGE_CHARS).as("message"),
                        col("nezha_file"));
    }

    /**
     * What the line is about: the logging class and, when the body starts with a bracketed
     * method tag, that method ({@code OrderServiceImpl.getSoldTickets}); the line number is left
     * out so that a code change does not rename the check.
     */
    static Column check(Column logger, Column body) {
        Column cls = regexp_extract(logger, "([A-Za-z0-9_]+)\\]?#[0-9]+$", 1);
        Column method = regexp_extract(body, "^\\[([^\\]\\[]+)\\]", 1);
        return when(method.equalTo(""), cls).otherwise(concat(cls, lit("."), method));
    }

    private static Column labels() {
        return map(
                lit("namespace"), lit(NezhaSystem.TRAIN_TICKET.namespace()),
                lit("node"), col("Node"),
                lit("container"), col("Container"),
                lit("logger"), col("logger"),
                lit("trace_id"), col("TraceID"),
                lit("span_id"), col("SpanID"),
                lit("nezha_file"), col("nezha_file"));
    }

    /**
     * Every line that is not {@code info} as received, and one in {@link #INFO_ONE_IN} of the
     * distinct {@code info} lines (by the hash of signal_id, so the choice is stable).
     */
    static Dataset<Row> sample(Dataset<Row> parsed, Column info) {
        Column notInfo = not(info);
        Column firstCopy = row_number().over(Window.partitionBy("signal_id").orderBy("nezha_file")).equalTo(1);
        Column bucket = pmod(conv(substring(sha2(col("signal_id"), 256), 1, 8), 16, 10).cast("long"), lit(INFO_ONE_IN));
        return parsed.withColumn("first_copy", firstCopy)
                .filter(notInfo.or(col("first_copy").and(bucket.equalTo(0))));
    }
}
