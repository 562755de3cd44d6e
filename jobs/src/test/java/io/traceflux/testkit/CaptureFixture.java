package io.traceflux.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Writes a capture folder as SPEC 2.1 lays it out: capture.json and signals/. */
public final class CaptureFixture {

    private CaptureFixture() {
    }

    /** A capture at {@code dir} with the window {@code [start, end)} and Parquet signals. */
    public static Path parquet(Path dir, String captureId, String start, String end, Dataset<Row> signals) {
        manifest(dir, captureId, start, end);
        signals.coalesce(1).write().parquet(dir.resolve("signals").toString());
        return dir;
    }

    /** The same with the signals as a Delta table (version 0). */
    public static Path delta(Path dir, String captureId, String start, String end, Dataset<Row> signals) {
        manifest(dir, captureId, start, end);
        signals.coalesce(1).write().format("delta").save(dir.resolve("signals").toString());
        return dir;
    }

    /** Writes {@code <dir>/policies/<id>/v<version>.yaml} and returns the policies folder. */
    public static Path policy(Path dir, String id, int version, String yaml) {
        Path file = dir.resolve("policies").resolve(id).resolve("v" + version + ".yaml");
        write(file, yaml);
        return dir.resolve("policies");
    }

    private static void manifest(Path dir, String captureId, String start, String end) {
        write(dir.resolve("capture.json"), "{\"capture_id\": \"" + captureId + "\", \"window_start\": \"" + start
                + "\", \"window_end\": \"" + end + "\", \"scope\": \"test\", \"source\": \"unit test\"}");
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
