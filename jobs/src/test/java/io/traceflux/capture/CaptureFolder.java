package io.traceflux.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Writes capture folders (SPEC 2.1 layout) for tests: capture.json, signals, baseline. */
final class CaptureFolder {

    static final String WINDOW_START = "2026-11-20T10:00:00Z";
    static final String WINDOW_END = "2026-11-20T10:05:00Z";

    private final Path root;

    /** A folder with a capture.json for {@code [WINDOW_START, WINDOW_END)}. */
    CaptureFolder(Path root) {
        this.root = root;
        write(CaptureManifest.FILE_NAME, "{\"capture_id\": \"cap-1\", \"window_start\": \""
                + WINDOW_START + "\", \"window_end\": \"" + WINDOW_END + "\"}");
    }

    CaptureFolder parquet(Dataset<Row> signals) {
        signals.write().parquet(signalsPath());
        return this;
    }

    /** Writes (first call) or appends (later calls) one Delta version. */
    CaptureFolder deltaVersion(Dataset<Row> signals) {
        signals.write().format("delta").mode("append").save(signalsPath());
        return this;
    }

    CaptureFolder baseline() {
        try {
            Files.createDirectories(root.resolve("baseline").resolve("incidents"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    CaptureFolder write(String relativePath, String text) {
        try {
            Files.createDirectories(root.resolve(relativePath).getParent());
            Files.writeString(root.resolve(relativePath), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    String path() {
        return root.toString();
    }

    String signalsPath() {
        return root.resolve("signals").toString();
    }

    CaptureRef ref() {
        return new CaptureRef(path(), Optional.empty());
    }

    CaptureRef ref(long version) {
        return new CaptureRef(path(), Optional.of(version));
    }
}
