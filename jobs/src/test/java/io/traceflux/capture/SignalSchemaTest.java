package io.traceflux.capture;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traceflux.InvalidInputException;
import io.traceflux.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignalSchemaTest extends SparkTestBase {

    private static final String PREFIX = "capture cap: signals do not have the SPEC 2.1 schema: ";

    @ParameterizedTest
    @ValueSource(strings = {"timestamp", "timestamp_ntz", "string"})
    void acceptsEveryTsType(String type) {
        Dataset<Row> signals = signals().toDataFrame(spark, DataType.fromDDL(type));

        Dataset<Row> valid = SignalSchema.validate(signals, "cap");

        assertThat(valid.schema().apply("ts").dataType()).isEqualTo(DataType.fromDDL(type));
    }

    @Test
    void marksOnlyTheColumnsItAdded() {
        Dataset<Row> signals = signals().set("source", "probe").toDataFrame(spark);

        Dataset<Row> valid = SignalSchema.validate(signals, "cap");

        assertThat(SignalSchema.isAdded(valid.schema().apply("status"))).isTrue();
        assertThat(SignalSchema.isAdded(valid.schema().apply("source"))).isFalse();
        assertThat(SignalSchema.isAdded(valid.schema().apply("signal_id"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"signal_id", "ts", "service", "region", "pop", "host", "check",
        "severity", "labels"})
    void namesAMissingRequiredColumn(String column) {
        Dataset<Row> signals = signals().toDataFrame(spark).drop(column);

        String expected = switch (column) {
            case "ts" -> "timestamp, timestamp_ntz or string";
            case "labels" -> "map<string,string>";
            default -> "string";
        };
        assertThatThrownBy(() -> SignalSchema.validate(signals, "cap"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(PREFIX + "column '" + column + "' is missing (expected " + expected
                        + ")");
    }

    @Test
    void aDifferentlyCasedColumnDoesNotCount() {
        Dataset<Row> signals = signals().toDataFrame(spark).withColumnRenamed("host", "HOST");

        assertThatThrownBy(() -> SignalSchema.validate(signals, "cap"))
                .hasMessage(PREFIX + "column 'host' is missing (expected string)");
    }

    @Test
    void namesEveryWrongTypeWithWhatWasFound() {
        Dataset<Row> signals = signals().toDataFrame(spark)
                .withColumn("ts", lit(1795168800L))
                .withColumn("severity", lit(5))
                .withColumn("labels", map(lit("k"), lit(1)))
                .withColumn("message", lit(true))
                .withColumn("raw", lit("x"));

        assertThatThrownBy(() -> SignalSchema.validate(signals, "cap"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(PREFIX
                        + "column 'severity' has type int, expected string; "
                        + "column 'ts' has type bigint, expected timestamp, timestamp_ntz or string; "
                        + "column 'labels' has type map<string,int>, expected map<string,string>; "
                        + "column 'message' has type boolean, expected string; "
                        + "column 'raw' is reserved for the replay's own use");
    }

    @Test
    void acceptsLabelsWhoseValuesCannotBeNull() {
        Dataset<Row> signals = signals().toDataFrame(spark)
                .withColumn("labels", map(lit("team"), lit("edge")));
        assertThat(signals.schema().apply("labels").dataType())
                .isEqualTo(DataTypes.createMapType(
                        DataTypes.StringType, DataTypes.StringType, false));

        assertThat(SignalSchema.validate(signals, "cap").select(col("labels").getItem("team"))
                .first().getString(0)).isEqualTo("edge");
    }

    private static SignalRows signals() {
        return new SignalRows().add("a", "2026-11-20 10:00:00");
    }
}
