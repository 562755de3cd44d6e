package io.traceflux.testdata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes the sample so that the same input gives the same bytes: each table as one Parquet file
 * with sorted rows and a fixed name (Spark's own part names carry a random UUID), without
 * Spark's _SUCCESS and .crc side files.
 */
final class SampleFiles {

    static final String PART_FILE = "part-00000.snappy.parquet";

    private SampleFiles() {
    }

    /** Replaces {@code dir} with one Parquet file of {@code rows} ordered by {@code order}. */
    static void writeParquet(Dataset<Row> rows, Path dir, Column... order) {
        Path staging = dir.resolveSibling(dir.getFileName() + ".staging");
        deleteTree(staging);
        rows.coalesce(1).sortWithinPartitions(order).write().parquet(staging.toString());
        try (Stream<Path> files = Files.list(staging)) {
            List<Path> parts = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
            if (parts.size() != 1) {
                throw new IllegalStateException("expected one Parquet file in " + staging + ", found " + parts);
            }
            deleteTree(dir);
            Files.createDirectories(dir);
            Files.move(parts.get(0), dir.resolve(PART_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deleteTree(staging);
    }

    /** Writes {@code document} as indented JSON, keys in the map's order. */
    static void writeJson(Map<String, Object> document, Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
        Files.writeString(file, Files.readString(file) + "\n");
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
