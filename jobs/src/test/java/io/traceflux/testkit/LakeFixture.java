package io.traceflux.testkit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.to_date;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Telemetry lakes (SPEC 2.4) and production's tables for tests: a Delta table of signals
 * partitioned by {@code date} and {@code hour}, derived from {@code ts} in UTC as a lake's
 * ingestion would, one file per hour; and small Delta tables of incidents, membership and
 * actions with their timestamps as text.
 */
public final class LakeFixture {

    public static final StructType INCIDENTS = new StructType().add("incident_id", "string")
            .add("opened_at", "string").add("severity", "string").add("title", "string");
    public static final StructType MEMBERSHIP = new StructType().add("incident_id", "string")
            .add("signal_id", "string");
    public static final StructType ACTIONS = new StructType().add("incident_id", "string")
            .add("action_id", "string").add("kind", "string").add("target", "string").add("fired_at", "string");

    private LakeFixture() {
    }

    /**
     * Eight signals over four hour partitions of two days: a1 09:10, a2 09:50, b1 10:00, b2
     * 10:04:59.999999 (us-east), b3 10:05 (host h3), b4 10:30, c1 11:15 on 2026-11-20, d1 00:10
     * on 2026-11-21.
     */
    public static Signals twoDays() {
        return Signals.at("2026-11-20T09:00:00Z")
                .add("a1", Signals.seconds(600))
                .add("a2", Signals.seconds(3000))
                .add("b1", Signals.seconds(3600))
                .add("b2", Signals.seconds(3899) + 999_999, s -> s.region("us-east"))
                .add("b3", Signals.seconds(3900), s -> s.host("h3"))
                .add("b4", Signals.seconds(5400))
                .add("c1", Signals.seconds(8100))
                .add("d1", Signals.seconds(15 * 3600 + 600));
    }

    /** Production's tables for {@link #twoDays()}, as Delta tables under one folder. */
    public record Production(Path incidents, Path membership, Path actions) {
    }

    /**
     * INC-1 {b1, b2, b4} opened 10:00, INC-2 {a1, a2} opened 09:10 (text without offset), INC-3
     * {b2, c1} opened 10:04:59Z (text with an offset); one action each, fired_at as text.
     */
    public static Production production(SparkSession spark, Path dir) {
        return new Production(
                table(spark, dir.resolve("incidents"), INCIDENTS,
                        new String[] {"INC-1", "2026-11-20T10:00:00Z", "critical", "edge down"},
                        new String[] {"INC-2", "2026-11-20 09:10:00", "major", "slow"},
                        new String[] {"INC-3", "2026-11-20T12:04:59+02:00", "minor", "flaky"}),
                table(spark, dir.resolve("membership"), MEMBERSHIP,
                        new String[] {"INC-1", "b1"}, new String[] {"INC-1", "b2"}, new String[] {"INC-1", "b4"},
                        new String[] {"INC-2", "a1"}, new String[] {"INC-2", "a2"},
                        new String[] {"INC-3", "b2"}, new String[] {"INC-3", "c1"}),
                table(spark, dir.resolve("actions"), ACTIONS,
                        new String[] {"INC-1", "page-oncall", "page", "edge-oncall", "2026-11-20T10:01:00Z"},
                        new String[] {"INC-2", "ticket-major", "ticket", "edge-team", "2026-11-20T09:20:00Z"},
                        new String[] {"INC-3", "notify-chat", "notify", "#edge", "2026-11-20T10:06:00.5Z"}));
    }

    /** The signals with the lake's partition columns, as they are stored in it. */
    public static Dataset<Row> withPartitions(Dataset<Row> signals) {
        return signals.withColumn("date", to_date(col("ts"))).withColumn("hour", hour(col("ts")));
    }

    /** Appends one Delta version of signals to the lake at {@code lake} (created by the first call). */
    public static Path append(Path lake, Dataset<Row> signals) {
        withPartitions(signals).repartition(col("date"), col("hour"))
                .write().format("delta").mode("append").partitionBy("date", "hour").save(lake.toString());
        return lake;
    }

    /** A Delta table of {@code rows} (arrays of column values) with {@code schema}. */
    public static Path table(SparkSession spark, Path dir, StructType schema, String[]... rows) {
        List<Row> data = new ArrayList<>();
        for (String[] row : rows) {
            data.add(RowFactory.create((Object[]) row));
        }
        spark.createDataFrame(data, schema).coalesce(1).write().format("delta").save(dir.toString());
        return dir;
    }
}
