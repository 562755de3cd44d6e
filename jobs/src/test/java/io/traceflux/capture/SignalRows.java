package io.traceflux.capture;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Builds small signal DataFrames with the SPEC 2.1 columns. Each {@link #add} starts a row with
 * plain defaults; {@link #set} and {@link #label} change the row added last. Columns outside
 * SPEC 2.1's required set become extra string columns.
 */
final class SignalRows {

    private static final List<String> REQUIRED =
            List.of("signal_id", "ts", "service", "region", "pop", "host", "check", "severity");

    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final Set<String> extraColumns = new LinkedHashSet<>();

    /** A row with defaults: service api, region eu-west, pop fra1, host web-1, check cpu, major. */
    SignalRows add(String signalId, String ts) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("signal_id", signalId);
        row.put("ts", ts);
        row.put("service", "api");
        row.put("region", "eu-west");
        row.put("pop", "fra1");
        row.put("host", "web-1");
        row.put("check", "cpu");
        row.put("severity", "major");
        row.put("labels", null);
        rows.add(row);
        return this;
    }

    /** Sets a column of the last row; a name outside SPEC 2.1's set adds a string column. */
    SignalRows set(String column, String value) {
        if (!REQUIRED.contains(column)) {
            extraColumns.add(column);
        }
        last().put(column, value);
        return this;
    }

    @SuppressWarnings("unchecked")
    SignalRows label(String key, String value) {
        Map<String, String> labels = (Map<String, String>) last().get("labels");
        if (labels == null) {
            labels = new LinkedHashMap<>();
            last().put("labels", labels);
        }
        labels.put(key, value);
        return this;
    }

    /** The rows with {@code ts} as text. */
    Dataset<Row> toDataFrame(SparkSession spark) {
        StructType schema = schema();
        List<Row> data = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Object[] values = new Object[schema.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(schema.fields()[i].name());
            }
            data.add(RowFactory.create(values));
        }
        return spark.createDataFrame(data, schema);
    }

    /** The rows with {@code ts} cast (in the UTC session) to {@code tsType}. */
    Dataset<Row> toDataFrame(SparkSession spark, DataType tsType) {
        return toDataFrame(spark).withColumn("ts", col("ts").cast(tsType));
    }

    private StructType schema() {
        List<StructField> fields = new ArrayList<>();
        for (String name : REQUIRED) {
            fields.add(DataTypes.createStructField(name, DataTypes.StringType, true));
        }
        fields.add(DataTypes.createStructField("labels",
                DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true));
        for (String name : extraColumns) {
            fields.add(DataTypes.createStructField(name, DataTypes.StringType, true));
        }
        return DataTypes.createStructType(fields);
    }

    private Map<String, Object> last() {
        return rows.get(rows.size() - 1);
    }
}
