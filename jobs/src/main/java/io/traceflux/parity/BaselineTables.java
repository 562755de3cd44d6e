package io.traceflux.parity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.traceflux.InvalidInputException;
import io.traceflux.capture.TimestampText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.VersionNotFoundException;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Production's baseline tables of a capture (SPEC 2.1): {@code <capture>/baseline/incidents}
 * and {@code <capture>/baseline/membership}, each a Parquet folder or a Delta table.
 *
 * <p>Columns are checked before anything runs; a problem raises {@link InvalidInputException}
 * naming the path and the column. {@code opened_at} may be a timestamp, a timestamp without
 * time zone (read as UTC) or text in the {@code ts} grammar (SPEC 2.2), like a signal's ts.
 * A table stored as Delta is pinned like the signals: read at the version asked for, else at
 * its latest version, which {@code versions} records.
 *
 * @param incidents  incident_id, opened_at (timestamp), severity, title (null when absent),
 *                   services (array&lt;string&gt;, null when absent)
 * @param membership incident_id, signal_id
 * @param versions   table name ({@link #INCIDENTS}, {@link #MEMBERSHIP}) to the Delta version
 *                   read; absent for a Parquet table
 */
public record BaselineTables(Dataset<Row> incidents, Dataset<Row> membership, Map<String, Long> versions) {

    public static final String INCIDENTS = "incidents";
    public static final String MEMBERSHIP = "membership";

    public BaselineTables {
        versions = Collections.unmodifiableMap(new TreeMap<>(versions));
    }

    /** Whether the capture has a {@code baseline/} folder (then the default baseline is production). */
    public static boolean exists(SparkSession spark, String capturePath) {
        Path baseline = new Path(capturePath, "baseline");
        return existsPath(spark, baseline);
    }

    /** The tables at their latest versions. */
    public static BaselineTables read(SparkSession spark, String capturePath) {
        return read(spark, capturePath, Map.of());
    }

    /** The tables, each Delta one at the version {@code pins} gives for its name, else its latest. */
    public static BaselineTables read(SparkSession spark, String capturePath, Map<String, Long> pins) {
        Path incidentsPath = new Path(new Path(capturePath, "baseline"), INCIDENTS);
        Path membershipPath = new Path(new Path(capturePath, "baseline"), MEMBERSHIP);
        Map<String, Long> versions = new TreeMap<>();
        Dataset<Row> incidents = load(spark, incidentsPath, INCIDENTS, pins, versions);
        Dataset<Row> membership = load(spark, membershipPath, MEMBERSHIP, pins, versions);
        String at = incidentsPath.toString();
        Dataset<Row> checkedIncidents = incidents.select(
                required(incidents, at, "incident_id", DataTypes.StringType),
                timestamp(incidents, at, "opened_at"),
                required(incidents, at, "severity", DataTypes.StringType),
                optional(incidents, at, "title", DataTypes.StringType),
                optional(incidents, at, "services", DataTypes.createArrayType(DataTypes.StringType)));
        String mAt = membershipPath.toString();
        Dataset<Row> checkedMembership = membership.select(
                required(membership, mAt, "incident_id", DataTypes.StringType),
                required(membership, mAt, "signal_id", DataTypes.StringType));
        return new BaselineTables(checkedIncidents, checkedMembership, versions);
    }

    private static Dataset<Row> load(SparkSession spark, Path path, String name, Map<String, Long> pins,
            Map<String, Long> versions) {
        if (!existsPath(spark, path)) {
            throw new InvalidInputException(path + ": baseline table not found (expected Parquet files or a Delta table)");
        }
        boolean delta = existsPath(spark, new Path(path, "_delta_log"));
        try {
            if (!delta) {
                return spark.read().parquet(path.toString());
            }
            long version = pins.containsKey(name) ? pins.get(name) : latestVersion(spark, path);
            versions.put(name, version);
            return spark.read().format("delta").option("versionAsOf", version).load(path.toString());
        } catch (Exception e) {
            if (e instanceof VersionNotFoundException v) {
                throw new InvalidInputException(path + ": baseline Delta table has no version " + v.userVersion()
                        + " (available: " + v.earliest() + " to " + v.latest() + ")", e);
            }
            // Scala throws AnalysisException (a checked type in Java) without declaring it.
            if (e instanceof AnalysisException) {
                throw new InvalidInputException(path + ": cannot read the baseline table: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static Column required(Dataset<Row> data, String path, String name, DataType type) {
        StructField field = field(data, name).orElseThrow(() ->
                new InvalidInputException(path + ": missing required column " + name));
        checkType(path, field, type);
        return col(field.name()).as(name);
    }

    private static Column optional(Dataset<Row> data, String path, String name, DataType type) {
        Optional<StructField> field = field(data, name);
        field.ifPresent(f -> checkType(path, f, type));
        return field.map(f -> col(f.name())).orElse(lit(null).cast(type)).as(name);
    }

    /**
     * A timestamp, a timestamp without time zone read as UTC (the session zone), or text in the
     * ts grammar (unparseable text reads as null, as an absent opened_at does).
     */
    private static Column timestamp(Dataset<Row> data, String path, String name) {
        StructField field = field(data, name).orElseThrow(() ->
                new InvalidInputException(path + ": missing required column " + name));
        if (field.dataType().equals(DataTypes.StringType)) {
            return TimestampText.parse(col(field.name())).as(name);
        }
        if (!field.dataType().equals(DataTypes.TimestampNTZType)) {
            checkType(path, field, DataTypes.TimestampType);
        }
        return col(field.name()).cast(DataTypes.TimestampType).as(name);
    }

    private static long latestVersion(SparkSession spark, Path path) {
        return DeltaTable.forPath(spark, path.toString()).history(1).select("version").head().getLong(0);
    }

    private static void checkType(String path, StructField field, DataType expected) {
        DataType actual = field.dataType();
        boolean ok = expected instanceof ArrayType a && actual instanceof ArrayType b
                ? a.elementType().equals(b.elementType())
                : expected.equals(actual);
        if (!ok) {
            throw new InvalidInputException(path + ": column " + field.name() + " must be "
                    + expected.simpleString() + ", found " + actual.simpleString());
        }
    }

    /** Spark resolves column names case-insensitively; so does this check. */
    private static Optional<StructField> field(Dataset<Row> data, String name) {
        return Arrays.stream(data.schema().fields()).filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }

    private static boolean existsPath(SparkSession spark, Path path) {
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + path, e);
        }
    }
}
