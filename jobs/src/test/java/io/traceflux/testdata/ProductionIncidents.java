package io.traceflux.testdata;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The incidents production formed for the window, and their membership. Production grouped the
 * signals it did not suppress per service into sessions (a gap over {@link #GAP} starts a new
 * one) and opened an incident for each session of at least two signals, like v1. It was not
 * perfect, the way production is not:
 * <ul>
 *   <li>it never correlated signals without a host (the entry service's SLO alerts);</li>
 *   <li>for the faulty service of an injected fault, on-call escalated the incident to
 *       {@code critical} and split the signals from {@link #FOLLOW_UP_AFTER} after injection into
 *       a follow-up incident, copying the last signal of the first one into it as well (so that
 *       signal is in two production incidents).</li>
 * </ul>
 */
final class ProductionIncidents {

    static final Duration GAP = Duration.ofMinutes(2);
    static final Duration FOLLOW_UP_AFTER = Duration.ofSeconds(90);
    static final int MIN_SIGNALS = 2;

    /** Both baseline tables. */
    record Baseline(Dataset<Row> incidents, Dataset<Row> membership) {
    }

    private ProductionIncidents() {
    }

    /** {@code signals}: one row per signal_id with its production decision (baseline_suppressed_by). */
    static Baseline of(SparkSession spark, Dataset<Row> signals, List<NezhaFault> faults) {
        if (faults.stream().map(NezhaFault::service).distinct().count() != faults.size()) {
            // the split joins faults by service: two faults of one service would double its signals
            throw new IllegalStateException("more than one fault per service near the window: " + faults);
        }
        Dataset<Row> members = withFollowUpCopy(split(sessions(signals), faultsTable(spark, faults)));
        Dataset<Row> incidents = incidents(members);
        Dataset<Row> membership = members.join(incidents, new String[] {"service", "session", "part"})
                .select(col("incident_id"), col("signal_id"));
        return new Baseline(incidents.select("incident_id", "opened_at", "severity", "title", "services"), membership);
    }

    /** Per-service sessions of at least MIN_SIGNALS signals that production saw. */
    private static Dataset<Row> sessions(Dataset<Row> signals) {
        WindowSpec byService = Window.partitionBy("service").orderBy("ts", "signal_id");
        Column micros = expr("unix_micros(ts)");
        Column starts = when(lag(micros, 1).over(byService).isNull()
                .or(micros.minus(lag(micros, 1).over(byService)).gt(GAP.toNanos() / 1000)), 1).otherwise(0);
        return signals
                .filter(col("baseline_suppressed_by").isNull().and(col("host").isNotNull()))
                .withColumn("starts", starts)
                .withColumn("session", sum("starts").over(byService.rowsBetween(Window.unboundedPreceding(), 0)))
                .withColumn("size", count(lit(1)).over(Window.partitionBy("service", "session")))
                .filter(col("size").geq(MIN_SIGNALS))
                .drop("starts", "size");
    }

    private static Dataset<Row> faultsTable(SparkSession spark, List<NezhaFault> faults) {
        StructType schema = new StructType()
                .add("service", DataTypes.StringType)
                .add("inject_ts", DataTypes.TimestampType)
                .add("inject_type", DataTypes.StringType);
        List<Row> rows = faults.stream()
                .map(f -> RowFactory.create(f.service(), Timestamp.from(f.injectTime()), f.type())).toList();
        return spark.createDataFrame(rows, schema);
    }

    /** part 1 = the faulty service's follow-up incident; everything else is part 0. */
    private static Dataset<Row> split(Dataset<Row> sessions, Dataset<Row> faults) {
        Column followUpFrom = col("inject_ts").plus(expr("INTERVAL " + FOLLOW_UP_AFTER.toSeconds() + " SECONDS"));
        return sessions.join(faults, new String[] {"service"}, "left")
                .withColumn("part", when(col("inject_ts").isNotNull().and(col("ts").geq(followUpFrom)), 1).otherwise(0));
    }

    /** On-call copied the first incident's last signal into the follow-up incident too. */
    private static Dataset<Row> withFollowUpCopy(Dataset<Row> members) {
        Dataset<Row> followUps = members.filter(col("part").equalTo(1)).select("service", "session").distinct();
        Dataset<Row> last = members
                .filter(col("inject_ts").isNotNull().and(col("part").equalTo(0)))
                .withColumn("rn", row_number().over(Window.partitionBy("service", "session")
                        .orderBy(col("ts").desc(), col("signal_id").desc())))
                .filter(col("rn").equalTo(1)).drop("rn");
        Dataset<Row> copied = last.join(followUps, new String[] {"service", "session"}, "left_semi")
                .withColumn("part", lit(1));
        return members.unionByName(copied);
    }

    private static Dataset<Row> incidents(Dataset<Row> members) {
        Dataset<Row> grouped = members.groupBy("service", "session", "part").agg(
                min("ts").as("opened_at"),
                max(rank(col("severity"))).as("rank"),
                count(lit(1)).as("signals"),
                array_sort(collect_set("service")).as("services"),
                max("inject_type").as("inject_type"));
        Column fault = col("inject_type").isNotNull();
        Column drill = concat(col("service"), lit(": errors during the "), col("inject_type"), lit(" fault drill"));
        Column ordinal = row_number().over(Window.orderBy("opened_at", "service", "part"));
        return grouped
                .withColumn("severity", when(fault.and(col("part").equalTo(0)), "critical").otherwise(name(col("rank"))))
                .withColumn("title", when(fault.and(col("part").equalTo(0)), drill)
                        .when(fault, concat(drill, lit(" (follow-up)")))
                        .otherwise(concat(col("service"), lit(": "), col("signals"), lit(" signals"))))
                .withColumn("incident_id", format_string("INC-%s-%03d", date_format(col("opened_at"), "yyyyMMdd"), ordinal));
    }

    /** Canonical rank of a raw severity under v1's severity_map (ERROR major, WARN warning). */
    static Column rank(Column raw) {
        Column ranks = map(lit("critical"), lit(5), lit("major"), lit(4), lit("minor"), lit(3), lit("warning"), lit(2),
                lit("info"), lit(1), lit("error"), lit(4), lit("warn"), lit(2));
        return coalesce(element_at(ranks, lower(raw)), lit(0));
    }

    static Column name(Column rank) {
        return element_at(map(lit(5), lit("critical"), lit(4), lit("major"), lit(3), lit("minor"), lit(2), lit("warning"),
                lit(1), lit("info"), lit(0), lit("unknown")), rank);
    }
}
