package io.traceflux.capture;

import static io.traceflux.capture.CutCaptureTest.at;
import static io.traceflux.capture.CutCaptureTest.ids;
import static io.traceflux.capture.CutCaptureTest.ref;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.traceflux.SparkTestBase;
import io.traceflux.testkit.LakeFixture;
import io.traceflux.testkit.Signals;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Delta lake's windows listed by Delta Kernel ({@link KernelLake}) against Delta's own reader:
 * the same rows and the same files, no Spark job to list them, and Delta's reader wherever
 * Kernel's listing cannot stand in for it (deletion vectors, column mapping).
 */
class KernelLakeTest extends SparkTestBase {

    private static final TimeRange WINDOW = new TimeRange(at("10:00:00"), at("10:05:00"));

    @TempDir
    Path dir;

    @Test
    void kernelListsTheFilesAndRowsThatDeltasReaderReads() {
        // Two versions over 09:00-12:00, each one file per hour: the first with each hour's
        // first half, the second with its second half; and signals without ts.
        Path lake = dir.resolve("lake");
        LakeFixture.append(lake, halfHours(0).build(spark));
        LakeFixture.append(lake, halfHours(1800).add("no-ts-1", 0, Signals.Signal::noTs)
                .add("no-ts-2", 0, Signals.Signal::noTs).build(spark));
        Lake opened = Lake.open(spark, ref(lake));

        assertThat(opened.files()).isEqualTo(7);
        // One file of one partition; then the end of one hour and the start of the next.
        assertSameAsDelta(opened, lake, new TimeRange(at("10:10:00"), at("10:20:00")), 1);
        assertSameAsDelta(opened, lake, new TimeRange(at("10:29:30"), at("11:00:45")), 2);
    }

    @Test
    void listingAWindowRunsNoSparkJob() throws Exception {
        Path lake = LakeFixture.append(dir.resolve("lake"), LakeFixture.twoDays().build(spark));
        spark.sparkContext().listenerBus().waitUntilEmpty();
        AtomicInteger jobs = new AtomicInteger();
        SparkListener counter = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart job) {
                jobs.incrementAndGet();
            }
        };
        spark.sparkContext().addSparkListener(counter);
        try {
            LakeWindow window = Lake.open(spark, ref(lake)).window(WINDOW, Scope.all());
            spark.sparkContext().listenerBus().waitUntilEmpty();

            assertThat(window.listing()).isEqualTo(Lake.KERNEL_LISTING);
            assertThat(jobs.get()).isZero();
        } finally {
            spark.sparkContext().removeSparkListener(counter);
        }
    }

    @Test
    void aWindowWhoseFilesCarryDeletionVectorsIsReadByDeltasReader() {
        Path lake = createLake("delta.enableDeletionVectors", "true");
        LakeFixture.append(lake, LakeFixture.twoDays().build(spark));
        // b2 shares 10:00's file with b1, b3 and b4: a deletion vector, not a rewrite.
        DeltaTable.forPath(spark, lake.toString()).delete(col("signal_id").equalTo("b2"));
        Lake opened = Lake.open(spark, ref(lake));

        LakeWindow withDeletion = opened.window(WINDOW, Scope.all());
        LakeWindow without = opened.window(new TimeRange(at("11:00:00"), at("12:00:00")), Scope.all());

        assertThat(ids(withDeletion.rows())).containsExactly("b1");
        assertThat(ids(without.rows())).containsExactly("c1");
        assertThat(withDeletion.listing()).isEqualTo("Spark's Delta reader (deletion vectors in the window's files)");
        assertThat(without.listing()).isEqualTo(Lake.KERNEL_LISTING);
    }

    @Test
    void aLakeWithColumnMappingIsReadByDeltasReader() {
        // New columns of a table with name mapping get physical names of their own
        // (col-<uuid>): a plain Parquet read would find none of them.
        Path lake = createLake("delta.columnMapping.mode", "name");
        LakeFixture.append(lake, LakeFixture.twoDays().build(spark));

        LakeWindow window = Lake.open(spark, ref(lake)).window(WINDOW, Scope.all());

        assertThat(ids(window.rows())).containsExactly("b1", "b2");
        assertThat(window.rows().filter(col("service").equalTo("api").and(col("hour").equalTo(10))).count())
                .isEqualTo(2);
        assertThat(window.listing()).isEqualTo("Spark's Delta reader (column mapping mode name)");
    }

    /** The window as Kernel lists it and as Delta's reader reads it: same rows, columns and files. */
    private static void assertSameAsDelta(Lake opened, Path lake, TimeRange window, long files) {
        LakeWindow kernel = opened.window(window, Scope.all());
        Dataset<Row> delta = spark.read().format("delta").load(lake.toString())
                .filter(col("ts").geq(lit(window.start())).and(col("ts").lt(lit(window.end()))));

        List<String> expected = json(delta);
        assertThat(kernel.listing()).isEqualTo(Lake.KERNEL_LISTING);
        assertThat(kernel.rows().schema()).isEqualTo(delta.schema());
        assertThat(json(kernel.rows())).hasSizeGreaterThan(10).hasSameSizeAs(expected).isEqualTo(expected);
        ScanMetrics kernelScan = read(kernel);
        ScanMetrics deltaScan = read(new LakeWindow(delta, "Delta"));
        assertThat(kernelScan.filesRead()).isEqualTo(deltaScan.filesRead()).isEqualTo(files);
        assertThat(kernelScan.bytesRead()).isEqualTo(deltaScan.bytesRead());
        assertThat(kernelScan.partitionsRead()).isEqualTo(deltaScan.partitionsRead());
    }

    /** A signal every 45 s in the first or second half of each hour from 09:00 to 12:00. */
    private static Signals halfHours(long offsetSeconds) {
        Signals signals = Signals.at("2026-11-20T09:00:00Z");
        for (int hour = 0; hour < 3; hour++) {
            for (int i = 0; i < 40; i++) {
                long second = hour * 3600L + offsetSeconds + i * 45L;
                signals.add("s" + second, Signals.seconds(second), s -> s.region(second % 2 == 0 ? "eu-west" : "us-east")
                        .host("h" + second % 7).label("rack", "r" + second % 3));
            }
        }
        return signals;
    }

    /** An empty lake partitioned by date and hour, with one table property. */
    private Path createLake(String property, String value) {
        Path lake = dir.resolve("lake");
        DeltaTable.create(spark).location(lake.toString()).addColumns(Signals.SCHEMA)
                .addColumn("date", DataTypes.DateType).addColumn("hour", DataTypes.IntegerType)
                .partitionedBy("date", "hour").property(property, value).execute();
        return lake;
    }

    private static List<String> json(Dataset<Row> rows) {
        return rows.select(to_json(struct(col("*")))).collectAsList().stream().map(r -> r.getString(0)).sorted()
                .toList();
    }

    /** Runs the window's query once and returns what its scans read. */
    private static ScanMetrics read(LakeWindow window) {
        ObservedScan scan = new ObservedScan(spark, window);
        scan.rows().write().format("noop").mode("overwrite").save();
        return scan.metrics();
    }
}
