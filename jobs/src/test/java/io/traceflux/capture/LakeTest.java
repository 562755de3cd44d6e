package io.traceflux.capture;

import static io.traceflux.capture.CutCaptureTest.at;
import static io.traceflux.capture.CutCaptureTest.ids;
import static io.traceflux.capture.CutCaptureTest.lakeSignals;
import static io.traceflux.capture.CutCaptureTest.ref;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.year;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.traceflux.SparkTestBase;
import io.traceflux.testkit.Signals;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake layouts that {@link LakeLayout} documents, each cut for {@code [10:00, 10:05)} of
 * {@link CutCaptureTest#lakeSignals()} (b1 and b2 inside; b3 at 10:05 and the others outside),
 * with the files the scan read.
 */
class LakeTest extends SparkTestBase {

    private static final TimeRange WINDOW = new TimeRange(at("10:00:00"), at("10:05:00"));

    @TempDir
    Path dir;

    @Test
    void aParquetFolderPartitionedByDateAndHourIsPrunedByItsFolders() {
        lakeSignals().build(spark).withColumn("date", date_format(col("ts"), "yyyy-MM-dd"))
                .withColumn("hour", hour(col("ts"))).repartition(col("date"), col("hour"))
                .write().partitionBy("date", "hour").parquet(dir.resolve("lake").toString());

        Lake lake = Lake.open(spark, ref(dir.resolve("lake")));

        assertThat(lake.table().format()).isEqualTo(Capture.Format.PARQUET);
        assertThat(lake.layout().parts()).extracting(LakeLayout.Part::column).containsExactly("date", "hour");
        assertCut(lake, 4, 1);
    }

    @Test
    void yearMonthDayAndHourAsTextArePruned() {
        lakeSignals().build(spark).withColumn("year", year(col("ts")).cast("string"))
                .withColumn("month", date_format(col("ts"), "MM")).withColumn("day", date_format(col("ts"), "dd"))
                .withColumn("hour", date_format(col("ts"), "HH"))
                .repartition(col("year"), col("month"), col("day"), col("hour"))
                .write().format("delta").partitionBy("year", "month", "day", "hour").save(dir.resolve("lake").toString());

        Lake lake = Lake.open(spark, ref(dir.resolve("lake")));

        assertThat(lake.layout().parts()).extracting(LakeLayout.Part::unit).containsExactly(LakeLayout.Unit.YEAR,
                LakeLayout.Unit.MONTH, LakeLayout.Unit.DAY, LakeLayout.Unit.HOUR);
        assertCut(lake, 4, 1);
    }

    @Test
    void aDeltaPartitionColumnGeneratedFromTsIsPrunedByDelta() {
        DeltaTable.create(spark).location(dir.resolve("lake").toString())
                .addColumns(Signals.SCHEMA)
                .addColumn(DeltaTable.columnBuilder(spark, "ingest_day").dataType(DataTypes.DateType)
                        .generatedAlwaysAs("CAST(ts AS DATE)").build())
                .partitionedBy("ingest_day").execute();
        Dataset<Row> signals = lakeSignals().build(spark);
        signals.withColumn("_d", col("ts").cast("date")).repartition(col("_d")).drop("_d")
                .write().format("delta").mode(SaveMode.Append).save(dir.resolve("lake").toString());

        Lake lake = Lake.open(spark, ref(dir.resolve("lake")));

        // No name rule knows "ingest_day": the partition filter is Delta's, derived from ts.
        assertThat(lake.layout().parts()).isEmpty();
        assertThat(lake.layout().generated()).containsExactly("ingest_day");
        assertCut(lake, 2, 1);
        assertThat(lake.window(WINDOW, Scope.all()).listing())
                .isEqualTo("Spark's Delta reader (partition columns generated from ts)");
    }

    @Test
    void aPartitionValueThatIsNotADateIsReadRatherThanPruned() {
        lakeSignals().build(spark).withColumn("date", date_format(col("ts"), "yyyyMMdd"))
                .repartition(col("date")).write().format("delta").partitionBy("date")
                .save(dir.resolve("lake").toString());

        Lake lake = Lake.open(spark, ref(dir.resolve("lake")));

        assertThat(lake.layout().parts()).extracting(LakeLayout.Part::column).containsExactly("date");
        assertThat(ids(lake.window(WINDOW, Scope.all()).rows())).containsExactly("b1", "b2");
    }

    @Test
    void textTimestampsWithOffsetsAreCutByTheirInstant() {
        Dataset<Row> text = new SignalRows()
                .add("early", "2026-11-20T11:59:59+02:00")      // 09:59:59Z: outside
                .add("inside", "2026-11-20T12:00:00+02:00")     // 10:00:00Z
                .add("plain", "2026-11-20 10:04:59.999999")     // no offset: UTC
                .add("late", "2026-11-20T05:05:00-05:00")       // 10:05:00Z: outside
                .add("garbage", "yesterday")
                .toDataFrame(spark);
        text.write().format("delta").save(dir.resolve("lake").toString());

        Lake lake = Lake.open(spark, ref(dir.resolve("lake")));

        assertThat(ids(lake.window(WINDOW, Scope.all()).rows())).containsExactly("inside", "plain");
        assertThat(lake.layout().describe()).isEqualTo("not partitioned by time: file statistics on ts only");
    }

    @Test
    void aTimestampWithoutTimeZoneIsReadAsUtc() {
        lakeSignals().build(spark).withColumn("ts", col("ts").cast(DataTypes.TimestampNTZType))
                .write().format("delta").save(dir.resolve("lake").toString());

        Lake lake = Lake.open(spark, ref(dir.resolve("lake")));

        assertThat(ids(lake.window(WINDOW, Scope.all()).rows())).containsExactly("b1", "b2");
    }

    /** Cuts WINDOW, checks the rows and that the scan read {@code read} of {@code files} files. */
    private void assertCut(Lake lake, long files, long read) {
        ObservedScan scan = new ObservedScan(spark, lake.window(WINDOW, Scope.all()));
        List<String> cut = ids(scan.rows());
        ScanMetrics metrics = scan.metrics();

        assertThat(cut).containsExactly("b1", "b2");
        assertThat(lake.files()).isEqualTo(files);
        assertThat(metrics.filesRead()).isEqualTo(read);
        assertThat(metrics.partitionFilters()).isNotEmpty();
    }
}
