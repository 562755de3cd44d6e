package io.traceflux.parity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.traceflux.InvalidInputException;
import io.traceflux.capture.TimestampText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Production's baseline tables of a capture (SPEC 2.1, 2.2): {@code <capture>/baseline/incidents},
 * {@code <capture>/baseline/membership} and, when production's actions were captured,
 * {@code <capture>/baseline/actions}, each a Parquet folder or a Delta table.
 *
 * <p>Columns are checked before anything runs; a problem raises {@link InvalidInputException}
 * naming the path and the column. Timestamps without time zone read as UTC, like capture text.
 *
 * @param incidents  incident_id, opened_at (timestamp), severity, title (null when absent),
 *                   services (array&lt;string&gt;, null when absent)
 * @param membership incident_id, signal_id
 * @param actions    incident_id, action_id (null when absent), kind, target, fired_at (timestamp;
 *                   null where the text is not in the ts grammar) and fired_at_text (as stored);
 *                   empty when the capture has no {@code baseline/actions}
 */
public record BaselineTables(Dataset<Row> incidents, Dataset<Row> membership, Optional<Dataset<Row>> actions) {

    /** Whether the capture has a {@code baseline/} folder (then the default baseline is production). */
    public static boolean exists(SparkSession spark, String capturePath) {
        Path baseline = new Path(capturePath, "baseline");
        return existsPath(spark, baseline);
    }

    public static BaselineTables read(SparkSession spark, String capturePath) {
        Path incidentsPath = new Path(new Path(capturePath, "baseline"), "incidents");
        Path membershipPath = new Path(new Path(capturePath, "baseline"), "membership");
        Dataset<Row> incidents = load(spark, incidentsPath);
        Dataset<Row> membership = load(spark, membershipPath);
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
        Path actionsPath = actionsPath(capturePath);
        Optional<Dataset<Row>> actions = existsPath(spark, actionsPath)
                ? Optional.of(actions(load(spark, actionsPath), actionsPath.toString())) : Optional.empty();
        return new BaselineTables(checkedIncidents, checkedMembership, actions);
    }

    /** Where production's actions are: {@code <capture>/baseline/actions}. */
    public static Path actionsPath(String capturePath) {
        return new Path(new Path(capturePath, "baseline"), "actions");
    }

    private static Dataset<Row> actions(Dataset<Row> actions, String at) {
        StructField firedAt = field(actions, "fired_at").orElseThrow(() ->
                new InvalidInputException(at + ": missing required column fired_at"));
        DataType type = firedAt.dataType();
        if (!type.equals(DataTypes.StringType) && !type.equals(DataTypes.TimestampType)
                && !type.equals(DataTypes.TimestampNTZType)) {
            throw new InvalidInputException(at + ": column " + firedAt.name()
                    + " must be timestamp or text in the ts grammar, found " + type.simpleString());
        }
        Column parsed = type.equals(DataTypes.StringType)
                ? TimestampText.parse(col(firedAt.name())) : col(firedAt.name()).cast(DataTypes.TimestampType);
        return actions.select(
                required(actions, at, "incident_id", DataTypes.StringType),
                optional(actions, at, "action_id", DataTypes.StringType),
                required(actions, at, "kind", DataTypes.StringType),
                required(actions, at, "target", DataTypes.StringType),
                parsed.as("fired_at"),
                col(firedAt.name()).cast(DataTypes.StringType).as("fired_at_text"));
    }

    private static Dataset<Row> load(SparkSession spark, Path path) {
        if (!existsPath(spark, path)) {
            throw new InvalidInputException(path + ": baseline table not found (expected Parquet files or a Delta table)");
        }
        boolean delta = existsPath(spark, new Path(path, "_delta_log"));
        try {
            return delta ? spark.read().format("delta").load(path.toString()) : spark.read().parquet(path.toString());
        } catch (Exception e) {
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

    /** A timestamp, or a timestamp without time zone read as UTC (the session zone). */
    private static Column timestamp(Dataset<Row> data, String path, String name) {
        StructField field = field(data, name).orElseThrow(() ->
                new InvalidInputException(path + ": missing required column " + name));
        if (!field.dataType().equals(DataTypes.TimestampNTZType)) {
            checkType(path, field, DataTypes.TimestampType);
        }
        return col(field.name()).cast(DataTypes.TimestampType).as(name);
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
