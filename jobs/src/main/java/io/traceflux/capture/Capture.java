package io.traceflux.capture;

import io.delta.tables.DeltaTable;
import io.traceflux.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.VersionNotFoundException;

/**
 * An opened capture folder (SPEC 2.1): its manifest, the storage format of its signals and,
 * for Delta, the table version that is read. The version is pinned when the capture is opened
 * (the requested one, else the latest), so lineage records exactly what was read and a replay
 * of the same execution reads the same rows even after the table has changed.
 *
 * @param path          the capture folder as given (local path or Hadoop URI)
 * @param pinnedVersion the Delta version read; empty for Parquet
 * @param hasBaseline   whether {@code <capture>/baseline/} exists
 */
public record Capture(String path, CaptureManifest manifest, Format format,
                      Optional<Long> pinnedVersion, boolean hasBaseline) {

    /** How {@code <capture>/signals} is stored. */
    public enum Format { PARQUET, DELTA }

    public static final String SIGNALS = "signals";
    public static final String BASELINE = "baseline";

    /** Reads the manifest, detects the format and pins the Delta version; reads no signals. */
    public static Capture open(SparkSession spark, CaptureRef ref) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        CaptureManifest manifest = CaptureManifest.read(conf, ref.path());
        Path signals = new Path(ref.path(), SIGNALS);
        if (!isDirectory(conf, signals)) {
            throw invalid(ref.path(), "no signals folder at " + signals);
        }
        boolean delta = isDirectory(conf, new Path(signals, "_delta_log"));
        if (!delta && ref.version().isPresent()) {
            throw invalid(ref.toString(), "a version pins a Delta table, but " + signals
                    + " holds Parquet files (no _delta_log)");
        }
        Optional<Long> pinned = delta
                ? Optional.of(pinVersion(spark, ref, signals.toString()))
                : Optional.empty();
        boolean baseline = isDirectory(conf, new Path(ref.path(), BASELINE));
        return new Capture(ref.path(), manifest, delta ? Format.DELTA : Format.PARQUET, pinned,
                baseline);
    }

    /** {@code <capture>/signals}. */
    public String signalsPath() {
        return new Path(path, SIGNALS).toString();
    }

    /** {@code <capture>/baseline}, whether or not it exists. */
    public String baselinePath() {
        return new Path(path, BASELINE).toString();
    }

    /**
     * The signals as stored (the pinned version for Delta), checked against SPEC 2.1 by
     * {@link SignalSchema#validate}; {@code ts} keeps its stored type.
     */
    public Dataset<Row> signals(SparkSession spark) {
        Dataset<Row> rows;
        try {
            rows = format == Format.DELTA
                    ? spark.read().format("delta").option("versionAsOf", pinnedVersion.get())
                            .load(signalsPath())
                    : ParquetNanos.restoreTimestamp(spark.read().parquet(signalsPath()),
                            spark.sparkContext().hadoopConfiguration(), signalsPath());
        } catch (Exception e) {
            // Scala throws AnalysisException unchecked, so javac only lets us catch Exception.
            if (e instanceof VersionNotFoundException v) {
                throw invalid(path, "signals Delta table has no version " + v.userVersion()
                        + " (available: " + v.earliest() + " to " + v.latest() + ")", e);
            }
            if (e instanceof AnalysisException) {
                throw invalid(path, "cannot read " + signalsPath() + " as " + format + ": "
                        + e.getMessage(), e);
            }
            Optional<InvalidInputException> unreadable = UnreadableCapture.explain(e, path);
            if (unreadable.isPresent()) {
                throw unreadable.get();
            }
            throw e;
        }
        return SignalSchema.validate(rows, path);
    }

    /** The requested version if the table has it, else the latest version at this moment. */
    private static long pinVersion(SparkSession spark, CaptureRef ref, String signals) {
        long latest;
        try {
            latest = DeltaTable.forPath(spark, signals).history(1).select("version").head()
                    .getLong(0);
        } catch (Exception e) {
            if (e instanceof AnalysisException) {
                throw invalid(ref.path(), signals + " has a _delta_log but is not a readable "
                        + "Delta table: " + e.getMessage(), e);
            }
            throw e;
        }
        long requested = ref.version().orElse(latest);
        if (requested > latest) {
            throw invalid(ref.path(), "signals Delta table has no version " + requested
                    + " (latest is " + latest + ")");
        }
        return requested;
    }

    private static boolean isDirectory(Configuration conf, Path dir) {
        try {
            FileSystem fs = dir.getFileSystem(conf);
            return fs.exists(dir) && fs.getFileStatus(dir).isDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect " + dir, e);
        }
    }

    private static InvalidInputException invalid(String capture, String problem) {
        return new InvalidInputException("capture " + capture + ": " + problem);
    }

    private static InvalidInputException invalid(String capture, String problem, Exception cause) {
        return new InvalidInputException("capture " + capture + ": " + problem, cause);
    }
}
