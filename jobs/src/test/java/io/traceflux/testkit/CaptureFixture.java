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

    /**
     * Writes production's baseline into the capture: {@code incidents} as
     * {@code id,severity,title} triples, {@code membership} as {@code incident_id,signal_id} pairs.
     * Every incident opens at the window start given.
     */
    public static void production(org.apache.spark.sql.SparkSession spark, Path capture, String openedAt,
            java.util.List<String[]> incidents, java.util.List<String[]> membership) {
        java.util.List<Row> incidentRows = new java.util.ArrayList<>();
        java.sql.Timestamp opened = java.sql.Timestamp.from(java.time.Instant.parse(openedAt));
        for (String[] i : incidents) {
            incidentRows.add(org.apache.spark.sql.RowFactory.create(i[0], opened, i[1], i[2]));
        }
        java.util.List<Row> memberRows = new java.util.ArrayList<>();
        for (String[] m : membership) {
            memberRows.add(org.apache.spark.sql.RowFactory.create(m[0], m[1]));
        }
        spark.createDataFrame(incidentRows, new org.apache.spark.sql.types.StructType()
                        .add("incident_id", "string").add("opened_at", "timestamp").add("severity", "string")
                        .add("title", "string"))
                .coalesce(1).write().parquet(capture.resolve("baseline/incidents").toString());
        spark.createDataFrame(memberRows, new org.apache.spark.sql.types.StructType()
                        .add("incident_id", "string").add("signal_id", "string"))
                .coalesce(1).write().parquet(capture.resolve("baseline/membership").toString());
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
