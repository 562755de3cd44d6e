package io.traceflux.capture;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.Snapshot;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.traceflux.InvalidInputException;
import io.traceflux.governance.KernelTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.VersionNotFoundException;

/**
 * A table that a cut reads (SPEC 2.4): a Delta table pinned to one version when it is opened
 * (the requested one, else the latest at that moment), or a folder of Parquet files, which has
 * no version to pin. Every later read sees that version, however the table moves on. The
 * version is pinned with Delta Kernel, which reads the log on the driver without Spark jobs.
 *
 * @param subject  how error messages name it, e.g. {@code lake /data/lake@42}
 * @param location the fully qualified path ({@code file:/data/lake}, {@code s3a://...})
 * @param version  the pinned Delta version; empty for Parquet
 */
public record SourceTable(String subject, String location, Capture.Format format,
                          Optional<Long> version) {

    /**
     * Finds the table at {@code ref} and pins its version; {@code role} names it in messages
     * ({@code lake}, {@code --incidents}). Reads only the Delta log, no data.
     */
    public static SourceTable open(SparkSession spark, TableRef ref, String role) {
        return pin(spark, ref, role).table();
    }

    /**
     * The table pinned as {@link #open} pins it, with Delta Kernel's snapshot of the pinned
     * version for a Delta table: Kernel reads the log for the version, without Spark jobs.
     */
    static Pinned pin(SparkSession spark, TableRef ref, String role) {
        String subject = role + " " + ref;
        Path path = new Path(ref.path());
        FileSystem fs = fileSystem(spark, path);
        if (!exists(fs, path)) {
            throw new InvalidInputException(subject + ": not found");
        }
        String location = fs.makeQualified(path).toString();
        if (!exists(fs, new Path(path, "_delta_log"))) {
            if (ref.version().isPresent()) {
                throw new InvalidInputException(subject + ": a version pins a Delta table, but "
                        + ref.path() + " has no _delta_log (Parquet files have no versions)");
            }
            return new Pinned(new SourceTable(subject, location, Capture.Format.PARQUET, Optional.empty()),
                    Optional.empty());
        }
        KernelTables kernel = KernelTables.open(location, spark.sparkContext().hadoopConfiguration());
        Snapshot latest = latest(kernel, subject);
        long latestVersion = latest.getVersion(kernel.engine());
        long pinned = ref.version().orElse(latestVersion);
        if (pinned > latestVersion) {
            throw new InvalidInputException(subject + ": the Delta table has no version " + pinned
                    + " (latest is " + latestVersion + ")");
        }
        Snapshot snapshot = pinned == latestVersion ? latest : versioned(kernel, pinned, subject);
        return new Pinned(new SourceTable(subject, location, Capture.Format.DELTA, Optional.of(pinned)),
                Optional.of(new KernelSnapshot(kernel, snapshot)));
    }

    /** A table as {@link #pin} found it; {@code delta} is empty for Parquet. */
    record Pinned(SourceTable table, Optional<KernelSnapshot> delta) {
    }

    /** Kernel's snapshot of a Delta table's pinned version, and the reader that loaded it. */
    record KernelSnapshot(KernelTables kernel, Snapshot snapshot) {
    }

    /** The rows of the pinned version, or of the Parquet files. */
    public Dataset<Row> read(SparkSession spark) {
        try {
            return format == Capture.Format.DELTA
                    ? spark.read().format("delta").option("versionAsOf", version.get()).load(location)
                    : spark.read().parquet(location);
        } catch (Exception e) {
            // Scala throws AnalysisException unchecked, so javac only lets us catch Exception.
            if (e instanceof VersionNotFoundException v) {
                throw new InvalidInputException(subject + ": the Delta table has no version "
                        + v.userVersion() + " (available: " + v.earliest() + " to " + v.latest()
                        + ")", e);
            }
            if (e instanceof AnalysisException) {
                throw new InvalidInputException(subject + ": cannot read it as "
                        + format.name().toLowerCase(Locale.ROOT) + ": " + firstLine(e), e);
            }
            throw e;
        }
    }

    /** {@code location@version}, or the location alone for Parquet. */
    public String pinned() {
        return version.map(v -> location + "@" + v).orElse(location);
    }

    /** What capture.json records: path, format and version (null for Parquet). */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("path", location);
        node.put("format", format.name().toLowerCase(Locale.ROOT));
        if (version.isPresent()) {
            node.put("version", version.get());
        } else {
            node.putNull("version");
        }
        return node;
    }

    private static Snapshot latest(KernelTables kernel, String subject) {
        try {
            return kernel.rootSnapshot(Optional.empty());
        } catch (TableNotFoundException e) {
            throw new InvalidInputException(subject + ": has a _delta_log without any commit", e);
        } catch (RuntimeException e) {
            throw new InvalidInputException(subject + ": has a _delta_log but is not a readable "
                    + "Delta table: " + firstLine(e), e);
        }
    }

    private static Snapshot versioned(KernelTables kernel, long version, String subject) {
        try {
            return kernel.rootSnapshot(Optional.of(version));
        } catch (KernelException e) {
            // The log was cleaned up to a later checkpoint: Kernel names the earliest version left.
            throw new InvalidInputException(subject + ": the Delta table has no version " + version
                    + " any more: " + firstLine(e), e);
        }
    }

    static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static FileSystem fileSystem(SparkSession spark, Path path) {
        try {
            return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the file system of " + path, e);
        }
    }

    private static boolean exists(FileSystem fs, Path path) {
        try {
            return fs.exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect " + path, e);
        }
    }
}
