package io.traceflux.bench;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.time.Duration;
import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A deterministic synthetic telemetry lake (SPEC 2.4): days of signals with the columns of
 * SPEC 2.1 plus the partition columns {@code date} and {@code hour} (UTC, derived from
 * {@code ts}), as an ingestion job would write them. The fleet is the benchmark window's
 * ({@link SyntheticWindow}): 6,000 hosts with skewed activity, 300 services, 40 POPs in 6
 * regions, 24 checks with skew, mixed-case severities, four label keys and a message.
 *
 * <p>Rows are made in time order: row {@code i} of {@code n} lies at {@code i/n} of the span plus
 * a jitter below one row's share of it. Each of {@code tasks} generator tasks therefore writes a
 * contiguous stretch of time, as a streaming ingestion appends it: about {@code tasks / hours}
 * files per hour partition, each covering a quarter of an hour or so.
 */
final class SyntheticLake {

    static final Instant START = Instant.parse("2026-11-16T00:00:00Z");

    private final long rows;
    private final Duration span;
    private final long seed;

    SyntheticLake(long rows, Duration span, long seed) {
        this.rows = rows;
        this.span = span;
        this.seed = seed;
    }

    Instant end() {
        return START.plus(span);
    }

    Dataset<Row> signals(SparkSession spark, int tasks) {
        long spanMicros = span.toNanos() / 1000;
        double microsPerRow = (double) spanMicros / rows;
        Column offset = floor(col("id").cast("double").multiply(microsPerRow).plus(uniform(1).multiply(microsPerRow)));
        Column h = floor(pow(uniform(2), 2).multiply(SyntheticWindow.HOSTS)).cast("int");
        Column popIndex = pmod(col("_h").multiply(13).plus(floor(col("_h").divide(7))),
                lit(SyntheticWindow.POPS.size())).cast("int");
        Column check = element_at(SyntheticWindow.stringArray(SyntheticWindow.CHECKS),
                floor(pow(uniform(3), 2).multiply(SyntheticWindow.CHECKS.size())).cast("int").plus(1));
        Dataset<Row> base = spark.range(0, rows, 1, tasks)
                .withColumn("_ts", timestamp_micros(offset.plus(START.getEpochSecond() * 1_000_000L)))
                .withColumn("_h", h)
                .withColumn("_pop_index", popIndex)
                .withColumn("_check", check);
        Column pop = element_at(SyntheticWindow.stringArray(SyntheticWindow.POPS), col("_pop_index").plus(1));
        Column region = element_at(SyntheticWindow.stringArray(SyntheticWindow.POP_REGIONS), col("_pop_index").plus(1));
        Column host = concat(lit("n"), lpad(col("_h").cast("string"), 5, "0"), lit("-"),
                floor(uniform(4).multiply(3)).cast("string"));
        Column service = element_at(SyntheticWindow.stringArray(SyntheticWindow.serviceNames()),
                pmod(col("_h"), lit(SyntheticWindow.SERVICES)).plus(1));
        return base.select(
                concat(lpad(lower(hex(pmod(xxhash64(col("id"), lit(seed)), lit(1L << 32)))), 8, "0"), lit("-"),
                        col("id").cast("string")).as("signal_id"),
                col("_ts").as("ts"), service.as("service"), region.as("region"), pop.as("pop"), host.as("host"),
                col("_check").as("check"), severity().as("severity"),
                map(lit("team"), concat(lit("team-"), pmod(col("_h"), lit(40)).cast("string")),
                        lit("env"), when(uniform(6).lt(0.04), lit("staging")).otherwise(lit("prod")),
                        lit("cluster"), concat(lit("k8s-"), pop), lit("az"), concat(region, lit("-a"))).as("labels"),
                when(col("_check").isin(SyntheticWindow.LOG_CHECKS.toArray()), lit("log")).otherwise(lit("prometheus"))
                        .as("source"),
                when(uniform(7).lt(0.8), lit("firing")).otherwise(lit("resolved")).as("status"),
                concat(col("_check"), lit(" on "), host, lit(": value "),
                        floor(uniform(8).multiply(1000)).cast("string")).as("message"),
                to_date(col("_ts")).as("date"), hour(col("_ts")).as("hour"));
    }

    /** Raw severities as sources send them: mixed case, a third info, a few empty. */
    private Column severity() {
        Column u = uniform(5);
        return when(u.lt(0.30), lit("INFO")).when(u.lt(0.55), lit("WARN")).when(u.lt(0.75), lit("ERROR"))
                .when(u.lt(0.85), lit("minor")).when(u.lt(0.93), lit("CRITICAL")).when(u.lt(0.97), lit("major"))
                .otherwise(lit(""));
    }

    private Column uniform(int k) {
        return SyntheticWindow.uniform(seed, k);
    }
}
