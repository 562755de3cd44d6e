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
