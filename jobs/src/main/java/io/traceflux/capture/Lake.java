package io.traceflux.capture;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.VersionChecksum;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * A telemetry lake (SPEC 2.4): a Delta table or Parquet folder with the signal columns of
 * SPEC 2.1, opened at a pinned version, with its partition layout and size. {@link #window}
 * gives the rows of a time window (and scope) with filters that Spark and Delta push down to
 * partitions and file statistics, so a cut lists and reads only what can hold the window.
 *
 * @param files total data files of the pinned version
 * @param bytes their total size
 */
public record Lake(SourceTable table, Dataset<Row> rows, LakeLayout layout,
                   List<String> partitionColumns, long files, long bytes) {

    /** Opens and checks the lake; reads the Delta log (or lists the Parquet folder), no data. */
    public static Lake open(SparkSession spark, TableRef ref) {
        SourceTable table = SourceTable.open(spark, ref, "lake");
        Dataset<Row> rows = table.read(spark);
        SignalSchema.checked(rows, table.subject());
        if (table.format() == Capture.Format.DELTA) {
            Snapshot snapshot = table.snapshot(spark);
            List<String> partitions = JavaConverters.seqAsJavaList(snapshot.metadata().partitionColumns());
            return new Lake(table, rows, LakeLayout.detect(partitions, snapshot.metadata().schema()),
                    partitions, fromChecksum(snapshot, VersionChecksum::numFiles, snapshot::numOfFiles),
                    fromChecksum(snapshot, VersionChecksum::tableSizeBytes, snapshot::sizeInBytes));
        }
        HadoopFsRelation relation = relation(rows.queryExecution().analyzed());
        List<String> partitions = Arrays.asList(relation.partitionSchema().fieldNames());
        return new Lake(table, rows, LakeLayout.detect(partitions, rows.schema()), partitions,
                relation.location().inputFiles().length, relation.location().sizeInBytes());
    }

    /**
     * A snapshot figure from the version's checksum file when Delta wrote one (Spark's writers
     * do at every commit), else computed: computing it replays the whole log in Spark jobs,
     * which was more than half of a 10-minute cut's time on a lake of 749 files.
     */
    private static long fromChecksum(Snapshot snapshot, ToLongFunction<VersionChecksum> figure,
            LongSupplier computed) {
        Option<VersionChecksum> checksum = snapshot.checksumOpt();
        return checksum.isDefined() ? figure.applyAsLong(checksum.get()) : computed.getAsLong();
    }

    /**
     * The rows with {@code ts} in {@code [start, end)} and in scope, with every column as
     * stored. Rows whose {@code ts} is null or unreadable text belong to no window.
     */
    public Dataset<Row> window(TimeRange window, Scope scope) {
        Dataset<Row> filtered = SignalSchema.checked(rows, table.subject())
                .filter(inWindow(window).and(scope.condition()));
        // Back to the lake's own columns: the check adds absent optional ones for the scope.
        return filtered.select(Arrays.stream(rows.columns()).map(c -> col(LakeLayout.quoted(c)))
                .toArray(Column[]::new));
    }

    /** {@code ts} as a timestamp (text parsed, timestamp_ntz read as UTC). */
    public Column ts() {
        DataType type = tsType();
        if (type.equals(DataTypes.StringType)) {
            return TimestampText.parse(col("ts"));
        }
        return type.equals(DataTypes.TimestampType) ? col("ts") : col("ts").cast(DataTypes.TimestampType);
    }

    /**
     * The partition filter (when the layout has one) and a filter on {@code ts} itself in a
     * form that data skipping understands: a comparison of the column with literals.
     */
    Column inWindow(TimeRange window) {
        Instant start = window.start().truncatedTo(ChronoUnit.MICROS);
        Instant end = window.end().truncatedTo(ChronoUnit.MICROS);
        Column inside = layout.filter(window).orElse(lit(true));
        DataType type = tsType();
        if (type.equals(DataTypes.TimestampType)) {
            return inside.and(col("ts").geq(lit(start))).and(col("ts").lt(lit(end)));
        }
        if (type.equals(DataTypes.TimestampNTZType)) {
            return inside.and(col("ts").geq(lit(utc(start)))).and(col("ts").lt(lit(utc(end))));
        }
        // Text: any offset is within a day of UTC, so the text's leading date lies between the
        // day before the window and the day after it. That range is plain text order, which
        // file statistics can use; the parsed instant then decides exactly.
        LocalDate first = utc(start).toLocalDate().minusDays(1);
        LocalDate afterLast = utc(end).toLocalDate().plusDays(2);
        Column parsed = TimestampText.parse(col("ts"));
        return inside.and(col("ts").geq(lit(first.toString()))).and(col("ts").lt(lit(afterLast.toString())))
                .and(parsed.geq(lit(start))).and(parsed.lt(lit(end)));
    }

    private DataType tsType() {
        return rows.schema().apply("ts").dataType();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static HadoopFsRelation relation(LogicalPlan plan) {
        for (LogicalPlan leaf : JavaConverters.seqAsJavaList(plan.collectLeaves())) {
            if (leaf instanceof LogicalRelation r && r.relation() instanceof HadoopFsRelation fs) {
                return fs;
            }
        }
        throw new IllegalStateException("a Parquet read without a file relation: " + plan);
    }
}
