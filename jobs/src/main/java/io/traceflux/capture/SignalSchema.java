package io.traceflux.capture;

import static org.apache.spark.sql.functions.lit;

import io.traceflux.InvalidInputException;
import io.traceflux.pipeline.SignalFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Checks that captured signals have the columns and types of SPEC 2.1, and adds the optional
 * columns that later steps refer to ({@code source}, {@code status}) as null strings when a
 * capture lacks them. Unknown extra columns are kept.
 */
public final class SignalSchema {

    /** Optional columns that, when present, must be strings. */
    public static final List<String> OPTIONAL_STRING_COLUMNS = List.of(
            "source", "status", "message", "baseline_fingerprint", "baseline_suppressed_by");

    /** Optional columns added as null strings when absent, because matchers may name them. */
    public static final List<String> ADDED_WHEN_ABSENT = List.of("source", "status");

    /** Metadata key set on columns this class added, so they are not reported as read. */
    public static final String ADDED_METADATA_KEY = "traceflux_added";

    /** Names the replay adds to signal rows; a capture column with such a name would be lost. */
    public static final List<String> RESERVED = List.of(Quarantine.REASON, Quarantine.RAW);

    private static final Set<DataType> TS_TYPES =
            Set.of(DataTypes.TimestampType, DataTypes.TimestampNTZType, DataTypes.StringType);

    private static final Set<DataType> LABELS_TYPES = Set.of(
            DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true),
            DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false));

    private SignalSchema() {
    }

    /**
     * The signals, with absent optional columns added, or an InvalidInputException naming
     * {@code capturePath} and every column that is missing or has a wrong type.
     */
    public static Dataset<Row> validate(Dataset<Row> signals, String capturePath) {
        return checked(signals, "capture " + capturePath);
    }

    /**
     * The same for any table of signals, such as a lake; {@code subject} starts the error
     * message ({@code lake /data/lake@42: signals do not have ...}).
     */
    static Dataset<Row> checked(Dataset<Row> signals, String subject) {
        require(signals.schema(), subject);
        Metadata added = new MetadataBuilder().putBoolean(ADDED_METADATA_KEY, true).build();
        Dataset<Row> result = signals;
        for (String name : ADDED_WHEN_ABSENT) {
            if (field(signals.schema(), name) == null) {
                result = result.withColumn(name, lit(null).cast(DataTypes.StringType), added);
            }
        }
        return result;
    }

    /** The InvalidInputException of {@link #checked} for a schema that lacks SPEC 2.1's columns or types. */
    static void require(StructType schema, String subject) {
        List<String> problems = problems(schema);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(subject + ": signals do not have the SPEC 2.1 schema: "
                    + String.join("; ", problems));
        }
    }

    /** Whether a column was added by {@link #validate} rather than read from the capture. */
    public static boolean isAdded(StructField field) {
        return field.metadata().contains(ADDED_METADATA_KEY);
    }

    private static List<String> problems(StructType schema) {
        List<String> problems = new ArrayList<>();
        for (String name : SignalFields.REQUIRED_STRING_COLUMNS) {
            require(schema, name, Set.of(DataTypes.StringType), "string", problems);
        }
        require(schema, "ts", TS_TYPES, "timestamp, timestamp_ntz or string", problems);
        require(schema, "labels", LABELS_TYPES, "map<string,string>", problems);
        for (String name : OPTIONAL_STRING_COLUMNS) {
            StructField field = field(schema, name);
            if (field != null && !field.dataType().equals(DataTypes.StringType)) {
                problems.add(wrongType(field, "string"));
            }
        }
        for (String name : RESERVED) {
            if (field(schema, name) != null) {
                problems.add("column '" + name + "' is reserved for the replay's own use");
            }
        }
        return problems;
    }

    private static void require(StructType schema, String name, Set<DataType> allowed,
                                String expected, List<String> problems) {
        StructField field = field(schema, name);
        if (field == null) {
            problems.add("column '" + name + "' is missing (expected " + expected + ")");
        } else if (!allowed.contains(field.dataType())) {
            problems.add(wrongType(field, expected));
        }
    }

    private static String wrongType(StructField field, String expected) {
        return "column '" + field.name() + "' has type " + field.dataType().simpleString()
                + ", expected " + expected;
    }

    /** The field named exactly {@code name}: a differently cased column does not count. */
    private static StructField field(StructType schema, String name) {
        for (StructField field : schema.fields()) {
            if (field.name().equals(name)) {
                return field;
            }
        }
        return null;
    }
}
