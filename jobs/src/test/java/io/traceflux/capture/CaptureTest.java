package io.traceflux.capture;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traceflux.InvalidInputException;
import io.traceflux.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureTest extends SparkTestBase {

    @TempDir
    Path dir;

    @Test
    void opensAParquetCaptureUnpinned() {
        CaptureFolder folder = new CaptureFolder(dir).parquet(twoSignals());

        Capture capture = Capture.open(spark, folder.ref());

        assertThat(capture.path()).isEqualTo(folder.path());
        assertThat(capture.manifest().captureId()).isEqualTo("cap-1");
        assertThat(capture.format()).isEqualTo(Capture.Format.PARQUET);
        assertThat(capture.pinnedVersion()).isEmpty();
        assertThat(capture.hasBaseline()).isFalse();
        assertThat(ids(capture)).containsExactly("a", "b");
    }

    @Test
    void addsAbsentSourceAndStatusAsNullStringsAndKeepsExtraColumns() {
        Dataset<Row> stored = new SignalRows()
                .add("a", "2026-11-20T10:00:00Z").set("status", "firing").set("region_code", "euw")
                .toDataFrame(spark);
        CaptureFolder folder = new CaptureFolder(dir).parquet(stored);

        Dataset<Row> signals = Capture.open(spark, folder.ref()).signals(spark);

        assertThat(signals.columns()).containsExactly("signal_id", "ts", "service", "region", "pop",
                "host", "check", "severity", "labels", "status", "region_code", "source");
        assertThat(signals.schema().apply("source").dataType()).isEqualTo(DataTypes.StringType);
        Row row = signals.first();
        assertThat(row.<String>getAs("source")).isNull();
        assertThat(row.<String>getAs("status")).isEqualTo("firing");
        assertThat(row.<String>getAs("region_code")).isEqualTo("euw");
    }

    @Test
    void detectsTheBaselineFolder() {
        CaptureFolder folder = new CaptureFolder(dir).parquet(twoSignals()).baseline();

        assertThat(Capture.open(spark, folder.ref()).hasBaseline()).isTrue();
    }

    @Test
    void aDeltaCaptureReadsTheRequestedVersion() {
        CaptureFolder folder = twoDeltaVersions();

        Capture capture = Capture.open(spark, folder.ref(0));

        assertThat(capture.format()).isEqualTo(Capture.Format.DELTA);
        assertThat(capture.pinnedVersion()).contains(0L);
        assertThat(ids(capture)).containsExactly("a", "b");
    }

    @Test
    void withoutAVersionTheLatestIsPinnedAtOpenTime() {
        CaptureFolder folder = twoDeltaVersions();

        Capture capture = Capture.open(spark, folder.ref());
        folder.deltaVersion(new SignalRows().add("d", "2026-11-20T10:03:00Z").toDataFrame(spark));

        assertThat(capture.pinnedVersion()).contains(1L);
        assertThat(ids(capture)).containsExactly("a", "b", "c");
        assertThat(Capture.open(spark, folder.ref()).pinnedVersion()).contains(2L);
    }

    @Test
    void aVersionAfterTheLatestIsNamed() {
        CaptureFolder folder = twoDeltaVersions();

        assertThatThrownBy(() -> Capture.open(spark, folder.ref(2)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("capture " + folder.path() + ": signals Delta table has no version 2 "
                        + "(latest is 1)");
    }

    @Test
    void aVersionWhoseLogWasCleanedUpIsNamed() throws IOException {
        CaptureFolder folder = twoDeltaVersions();
        // A checkpoint at version 2, then the first commit deleted as log clean-up would do.
        spark.sql("ALTER TABLE delta.`" + folder.signalsPath()
                + "` SET TBLPROPERTIES ('delta.checkpointInterval' = '1')");
        Files.delete(dir.resolve("signals/_delta_log/00000000000000000000.json"));

        Capture capture = Capture.open(spark, folder.ref(0));

        assertThatThrownBy(() -> capture.signals(spark))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("capture " + folder.path() + ": signals Delta table has no version 0 "
                        + "(available: 2 to 2)");
    }

    @Test
    void aVersionOnAParquetCaptureIsRejected() {
        CaptureFolder folder = new CaptureFolder(dir).parquet(twoSignals());

        assertThatThrownBy(() -> Capture.open(spark, folder.ref(3)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("capture " + folder.path() + "@3: a version pins a Delta table, but "
                        + folder.signalsPath() + " holds Parquet files (no _delta_log)");
    }

    @Test
    void aMissingManifestIsNamed() {
        Path empty = dir.resolve("no-manifest");

        CaptureRef ref = new CaptureRef(empty.toString(), Optional.empty());

        assertThatThrownBy(() -> Capture.open(spark, ref))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(empty.resolve("capture.json") + ": not found");
    }

    @Test
    void aMissingSignalsFolderIsNamed() {
        CaptureFolder folder = new CaptureFolder(dir);

        assertThatThrownBy(() -> Capture.open(spark, folder.ref()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("capture " + folder.path() + ": no signals folder at "
                        + folder.signalsPath());
    }

    @Test
    void aSchemaProblemNamesTheCaptureAndColumn() {
        Dataset<Row> stored = twoSignals()
                .withColumn("ts", col("ts").cast("timestamp").cast("long"))
                .drop("host");
        CaptureFolder folder = new CaptureFolder(dir).parquet(stored);

        Capture capture = Capture.open(spark, folder.ref());

        assertThatThrownBy(() -> capture.signals(spark))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("capture " + folder.path() + ": signals do not have the SPEC 2.1 schema: "
                        + "column 'host' is missing (expected string); "
                        + "column 'ts' has type bigint, expected timestamp, timestamp_ntz or string");
    }

    private Dataset<Row> twoSignals() {
        return new SignalRows().add("a", "2026-11-20T10:00:00Z").add("b", "2026-11-20T10:01:00Z")
                .toDataFrame(spark);
    }

    private CaptureFolder twoDeltaVersions() {
        return new CaptureFolder(dir)
                .deltaVersion(twoSignals())
                .deltaVersion(new SignalRows().add("c", "2026-11-20T10:02:00Z").toDataFrame(spark));
    }

    private static List<String> ids(Capture capture) {
        return capture.signals(spark).select("signal_id").orderBy("signal_id")
                .as(Encoders.STRING()).collectAsList();
    }
}
