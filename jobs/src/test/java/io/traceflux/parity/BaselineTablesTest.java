package io.traceflux.parity;

import static io.traceflux.parity.ParityAssertions.assertRows;
import static io.traceflux.parity.ParityAssertions.cols;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traceflux.InvalidInputException;
import io.traceflux.SparkTestBase;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTablesTest extends SparkTestBase {

    @TempDir
    Path capture;

    private String path(String table) {
        return capture.resolve("baseline").resolve(table).toString();
    }

    private void write(String table, String format, String... selectExprs) {
        Dataset<Row> data = spark.range(1).selectExpr(selectExprs);
        data.write().format(format).save(path(table));
    }

    private void validMembership() {
        write("membership", "parquet", "'b1' as incident_id", "'s1' as signal_id");
    }

    @Test
    void readsParquetIncidentsAndADeltaMembership() {
        write("incidents", "parquet", "'b1' as incident_id", "timestamp'2026-11-20 10:00:00' as opened_at",
                "'ERROR' as severity", "'db down' as title", "array('db') as services", "'x' as extra");
        write("membership", "delta", "'b1' as incident_id", "'s1' as signal_id");

        assertThat(BaselineTables.exists(spark, capture.toString())).isTrue();
        BaselineTables tables = BaselineTables.read(spark, capture.toString());
        assertRows(tables.incidents(), cols("*"), "[b1,2026-11-20 10:00:00.0,ERROR,db down,[db]]");
        assertRows(tables.membership(), cols("*"), "[b1,s1]");
    }

    @Test
    void optionalColumnsMayBeAbsentAndLocalTimestampsAreUtc() {
        write("incidents", "parquet", "'b1' as incident_id",
                "to_timestamp_ntz('2026-11-20 10:00:00') as opened_at", "'major' as severity");
        validMembership();

        Dataset<Row> incidents = BaselineTables.read(spark, capture.toString()).incidents();
        assertThat(incidents.schema().catalogString()).isEqualTo(
                "struct<incident_id:string,opened_at:timestamp,severity:string,title:string,services:array<string>>");
        assertRows(incidents, cols("incident_id", "cast(unix_seconds(opened_at) as string)", "title", "services"),
                "[b1,1795168800,null,null]");
    }

    @Test
    void aMissingColumnNamesThePathAndTheColumn() {
        write("incidents", "parquet", "'b1' as incident_id", "'major' as severity");
        validMembership();

        assertThatThrownBy(() -> BaselineTables.read(spark, capture.toString()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(path("incidents") + ": missing required column opened_at");
    }

    @Test
    void aWrongTypeNamesThePathTheColumnAndBothTypes() {
        write("incidents", "parquet", "'b1' as incident_id", "timestamp'2026-11-20 10:00:00' as opened_at",
                "'major' as severity");
        write("membership", "parquet", "'b1' as incident_id", "42L as signal_id");

        assertThatThrownBy(() -> BaselineTables.read(spark, capture.toString()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(path("membership") + ": column signal_id must be string, found bigint");
    }

    @Test
    void aMissingTableIsInvalidInput() {
        write("incidents", "parquet", "'b1' as incident_id", "timestamp'2026-11-20 10:00:00' as opened_at",
                "'major' as severity");

        assertThatThrownBy(() -> BaselineTables.read(spark, capture.toString()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(path("membership") + ": baseline table not found (expected Parquet files or a Delta table)");
    }

    @Test
    void aCaptureWithoutBaselineFolderHasNoBaseline() {
        assertThat(BaselineTables.exists(spark, capture.toString())).isFalse();
    }
}
