package io.traceflux.testdata;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Log signals from Nezha's OnlineBoutique log windows. Unlike Train-Ticket's Logback lines, each
 * OnlineBoutique service logs its own way: the Go and Python services write JSON with a
 * {@code severity} field ({@code info} or {@code INFO}), adservice writes
 * {@code 05:18:42.995 INFO  - ...}, cartservice writes no level at all (its severity stays null,
 * which a policy sees as {@code unknown}). Sampling as for Train-Ticket
 * ({@link NezhaLogSignals#sample}): every non-info line, one in ten info (or level-less) lines.
 */
final class NezhaBoutiqueLogSignals {

    /** Every service's lines are one check: OnlineBoutique's logs carry no logger or method. */
    static final String CHECK = "app_log";

    private NezhaBoutiqueLogSignals() {
    }

    static Dataset<Row> signals(Dataset<Row> lines) {
        Dataset<Row> parsed = parse(lines);
        Column info = upper(coalesce(col("severity"), lit("INFO"))).equalTo("INFO");
        return SignalColumns.select(NezhaLogSignals.sample(parsed, info));
    }

    private static Dataset<Row> parse(Dataset<Row> lines) {
        Column text = get_json_object(col("Log"), "$.log");
        Column textLevel = regexp_extract(text, "^\\S+\\s+(INFO|WARN|ERROR)\\s", 1);
        Column level = coalesce(get_json_object(text, "$.severity"), when(textLevel.notEqual(""), textLevel));
        Column body = coalesce(get_json_object(text, "$.message"), text);
        return lines.select(
                SignalColumns.id("log-", col("PodName"), col("TimeUnixNano")).as("signal_id"),
                expr("timestamp_micros(cast(TimeUnixNano as bigint) div 1000)").as("ts"),
                SignalColumns.service(col("PodName")).as("service"),
                NodePlacement.region(col("Node")).as("region"),
                NodePlacement.pop(col("Node")).as("pop"),
                col("PodName").as("host"),
                lit(CHECK).as("check"),
                level.as("severity"),
                map(lit("namespace"), lit(NezhaSystem.ONLINE_BOUTIQUE.namespace()),
                        lit("node"), col("Node"),
                        lit("container"), col("Container"),
                        lit("trace_id"), col("TraceID"),
                        lit("span_id"), col("SpanID"),
                        lit("nezha_file"), col("nezha_file")).as("labels"),
                lit("log").as("source"),
                lit(null).cast("string").as("status"),
                substring(regexp_replace(body, "^.*?SpanID: \\S+ |\\s+$", ""), 1, NezhaLogSignals.MESSAGE_CHARS)
                        .as("message"),
                col("nezha_file"));
    }
}
