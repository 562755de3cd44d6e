package io.traceflux.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import io.traceflux.warehouse.CreateTables;
import io.traceflux.warehouse.Table;
import io.traceflux.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/**
 * The small output tables appended with Delta Kernel read back through Spark exactly as the
 * rows were: every incident-level and signal-level table, with maps, arrays of structs, microsecond timestamps
 * and nulls at every level; a table that is missing or has other columns is declined and left
 * untouched.
 */
class KernelOutputsTest extends SparkTestBase {

    private static final String METADATA = "{\"execution_id\":\"e1\",\"policy_sha256\":\"00\"}";

    @TempDir
    Path dir;

    @Test
    void everyTableARunCanHoldReadsBackAsTheRowsAppended() {
        Warehouse warehouse = new Warehouse(dir.toString());
        List<Table> held = new ArrayList<>(Table.INCIDENT_LEVEL);
        held.addAll(Table.SIGNAL_LEVEL);
        new CreateTables(spark, warehouse).ifMissing(held);
        KernelOutputs outputs = KernelOutputs.of(warehouse, spark.sparkContext().hadoopConfiguration(), METADATA);
        for (Table table : held) {
            List<Row> rows = List.of(row(table.schema(), 1, false), row(table.schema(), 2, false),
                    row(table.schema(), 3, true));

            assertThat(outputs.append(table, rows)).as(table.tableName()).isTrue();

            Dataset<Row> read = spark.read().format("delta").load(warehouse.tablePath(table));
            assertThat(json(read)).as(table.tableName())
                    .containsExactlyInAnyOrderElementsOf(json(spark.createDataFrame(rows, table.schema())));
        }
        Row commit = spark.sql("describe history delta.`" + warehouse.tablePath(Table.REPLAY_INCIDENTS) + "`")
                .orderBy(col("version").desc()).select("operation", "engineInfo").first();
        assertThat(commit.getString(0)).isEqualTo("WRITE");
        assertThat(commit.getString(1)).endsWith("/TraceFlux " + METADATA);
    }

    @Test
    void aMissingTableOrOneWithOtherColumnsIsDeclinedAndUntouched() {
        Warehouse warehouse = new Warehouse(dir.toString());
        KernelOutputs outputs = KernelOutputs.of(warehouse, spark.sparkContext().hadoopConfiguration(), METADATA);
        List<Row> rows = List.of(row(Table.RULE_IMPACT.schema(), 1, false));

        assertThat(outputs.append(Table.RULE_IMPACT, rows)).isFalse();
        assertThat(dir.resolve(Table.RULE_IMPACT.tableName())).doesNotExist();

        String path = warehouse.tablePath(Table.RULE_IMPACT);
        spark.createDataFrame(rows, Table.RULE_IMPACT.schema()).withColumn("added_later", lit("x"))
                .write().format("delta").save(path);
        assertThat(outputs.append(Table.RULE_IMPACT, rows)).isFalse();
        assertThat(spark.read().format("delta").load(path).count()).isEqualTo(1);
    }

    private static List<String> json(Dataset<Row> rows) {
        return rows.select(to_json(struct(col("*")))).as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    }

    /** A row with a value of its type in every column, distinct per {@code n}; nulls below the top with {@code nulls}. */
    private static Row row(StructType schema, int n, boolean nulls) {
        List<Object> values = new ArrayList<>();
        for (StructField f : schema.fields()) {
            values.add(f.name().equals(Table.EXECUTION_ID) ? "e1" : value(f.dataType(), n, nulls));
        }
        return RowFactory.create(values.toArray());
    }

    private static Object value(DataType type, int n, boolean nulls) {
        if (type instanceof StringType) {
            return nulls ? null : "text-" + n + "-é";
        } else if (type instanceof LongType) {
            return 10_000_000_000L + n;
        } else if (type instanceof IntegerType) {
            return n;
        } else if (type instanceof DoubleType) {
            return n / 3.0;
        } else if (type instanceof BooleanType) {
            return n % 2 == 0;
        } else if (type instanceof TimestampType) {
            Timestamp ts = Timestamp.from(java.time.Instant.parse("2026-11-20T10:03:07Z"));
            ts.setNanos(123_456_000 + n * 1000);
            return ts;
        } else if (type instanceof ArrayType a) {
            List<Object> list = java.util.Arrays.asList(value(a.elementType(), n, false),
                    value(a.elementType(), n + 1, nulls));
            return JavaConverters.asScalaBuffer(list).toList();
        } else if (type instanceof MapType m) {
            java.util.Map<Object, Object> map = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 6; i++) {
                map.put(value(m.keyType(), n * 10 + i, false), i == 5 && nulls ? null : value(m.valueType(), i, false));
            }
            return JavaConverters.mapAsScalaMap(map);
        } else if (type instanceof StructType s) {
            return row(s, n, nulls);
        }
        throw new IllegalArgumentException("no test value for " + type);
    }
}
