package io.traceflux.bundle;

import io.traceflux.warehouse.Table;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Builds the rows of one warehouse table by column name: {@link #row} starts a row with every
 * column null, {@link #set} fills the row started last. {@link #write} appends them to the
 * Delta table at {@code <warehouse>/<table>}.
 */
final class TableRows {

    static final DataType STRINGS = DataTypes.createArrayType(DataTypes.StringType);
    static final DataType STRING_MAP = DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);

    private final String table;
    private final StructType schema;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    TableRows(String table, StructType schema) {
        this.table = table;
        this.schema = schema;
    }

    TableRows row(String executionId) {
        rows.add(new LinkedHashMap<>());
        return set(Table.EXECUTION_ID, executionId);
    }

    /** Sets a column of the last row; strings in timestamp columns are ISO instants. */
    TableRows set(String column, Object value) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException(table + " has no column " + column);
        }
        DataType type = schema.apply(column).dataType();
        Object v = value instanceof String s && type.equals(DataTypes.TimestampType) ? Timestamp.from(Instant.parse(s))
                : value;
        rows.get(rows.size() - 1).put(column, v);
        return this;
    }

    void write(SparkSession spark, Path warehouse) {
        List<Row> data = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            data.add(RowFactory.create(Arrays.stream(schema.fieldNames()).map(r::get).toArray()));
        }
        spark.createDataFrame(data, schema).write().format("delta").mode("append")
                .save(warehouse.resolve(table).toString());
    }

    /** A schema from alternating names and types. */
    static StructType schema(Object... namesAndTypes) {
        StructType s = new StructType().add(Table.EXECUTION_ID, DataTypes.StringType);
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            s = s.add((String) namesAndTypes[i], (DataType) namesAndTypes[i + 1]);
        }
        return s;
    }
}
