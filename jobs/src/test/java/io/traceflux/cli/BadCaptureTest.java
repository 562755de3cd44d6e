package io.traceflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import io.traceflux.testkit.CaptureFixture;
import io.traceflux.testkit.Cli;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures and warehouses that cannot be used: each is refused with exit 2 and one line that
 * names the file or column, and nothing is written (the warehouse is not even created).
 */
class BadCaptureTest extends SparkTestBase {

    @TempDir
    Path dir;

    Path policies;
    Path warehouse;

    @BeforeEach
    void policy() {
        policies = CaptureFixture.policy(dir, "edge", 1, ReplayCommandTest.POLICY);
        warehouse = dir.resolve("wh");
    }

    Cli.Result replay(Path capture) {
        return Cli.run("replay", "--capture", capture.toString(), "--policy", "edge@v1", "--policies",
                policies.toString(), "--warehouse", warehouse.toString(), "--execution-id", "bad");
    }

    Path parquetCapture() {
        return CaptureFixture.parquet(dir.resolve("cap"), "cap-1", "2026-11-20T10:00:00Z", "2026-11-20T10:10:00Z",
                ReplayCommandTest.edgeSignals().build(spark));
    }

    static Path onlyFile(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }

    void assertRefused(Cli.Result r, String... mentions) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.messages()).hasSize(1);
        assertThat(r.messages().get(0)).startsWith("traceflux: error: ").contains(mentions)
                .doesNotContain("Exception");
        assertThat(warehouse).doesNotExist();
    }

    @Test
    void aTruncatedParquetFileIsNamed() throws IOException {
        Path capture = parquetCapture();
        Path part = onlyFile(capture.resolve("signals"), ".parquet");
        try (RandomAccessFile f = new RandomAccessFile(part.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        assertRefused(replay(capture), part.getFileName().toString());
    }

    @Test
    void aFileThatIsNotParquetIsNamed() throws IOException {
        Path capture = parquetCapture();
        Files.writeString(capture.resolve("signals/notes.parquet"), "these are notes, not signals\n");
        assertRefused(replay(capture), "notes.parquet");
    }

    @Test
    void aDeltaLogPointingAtAMissingFileIsNamed() throws IOException {
        Path capture = CaptureFixture.delta(dir.resolve("cap"), "cap-1", "2026-11-20T10:00:00Z",
                "2026-11-20T10:10:00Z", ReplayCommandTest.edgeSignals().build(spark));
        Path part = onlyFile(capture.resolve("signals"), ".parquet");
        Files.delete(part);
        assertRefused(replay(capture), part.getFileName().toString());
    }

    @Test
    void aColumnOfTheWrongTypeIsNamed() {
        Path capture = CaptureFixture.parquet(dir.resolve("cap"), "cap-1", "2026-11-20T10:00:00Z",
                "2026-11-20T10:10:00Z", ReplayCommandTest.edgeSignals().build(spark)
                        .withColumn("service", org.apache.spark.sql.functions.lit(42)));
        assertRefused(replay(capture), "service");
    }

    @Test
    void aWindowOfZeroLengthIsRefused() throws IOException {
        Path capture = parquetCapture();
        Files.writeString(capture.resolve("capture.json"), """
                {"capture_id": "cap-1", "window_start": "2026-11-20T10:00:00Z", "window_end": "2026-11-20T10:00:00Z"}
                """);
        assertRefused(replay(capture), "capture.json", "window_end");
    }

    @Test
    void aWarehouseThatIsAFileIsRefused() throws IOException {
        Path capture = parquetCapture();
        warehouse = Files.writeString(dir.resolve("wh-file"), "not a folder");
        Cli.Result r = replay(capture);
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.messages()).containsExactly("traceflux: error: warehouse " + warehouse
                + " is a file, not a folder");
        assertThat(Files.readString(warehouse)).isEqualTo("not a folder");
        assertThat(List.of(dir.toFile().list())).doesNotContain("wh");
    }
}
