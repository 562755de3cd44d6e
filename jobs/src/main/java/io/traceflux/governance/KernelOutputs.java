package io.traceflux.governance;

import io.delta.kernel.Snapshot;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.traceflux.warehouse.HeldRowsAppender;
import io.traceflux.warehouse.Table;
import io.traceflux.warehouse.Warehouse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;

/**
 * Appends a replay's small output tables with Delta Kernel: the rows the run holds on the
 * driver become one Parquet file and one commit, with no Spark query to plan and schedule
 * ({@code bench/commit-floor.sh}: the sample replay's 14 tables took 1.6 to 1.9 s with Spark's
 * Delta writer, 0.4 to 0.5 s appended here). Only a table that exists with
 * exactly the registry's columns is appended here; any other is declined, and Spark writes it
 * (creating it or merging its schema). File statistics cover the leading atomic columns, as
 * the tables' own {@code dataSkippingNumIndexedCols} asks of Spark's writes.
 */
public final class KernelOutputs implements HeldRowsAppender {

    /** Leading columns with statistics, as {@code Sessions} sets for tables Spark creates. */
    private static final int STATS_COLUMNS = 3;

    private final KernelTables tables;
    private final String engineInfo;

    private KernelOutputs(KernelTables tables, String engineInfo) {
        this.tables = tables;
        this.engineInfo = engineInfo;
    }

    /**
     * @param commitMetadata what each commit says of the run that wrote it; Kernel cannot set
     *                       {@code userMetadata}, so it follows the engine name in
     *                       {@code engineInfo}
     */
    public static KernelOutputs of(Warehouse warehouse, Configuration hadoopConf, String commitMetadata) {
        return new KernelOutputs(KernelTables.open(warehouse.root(), hadoopConf),
                KernelTables.ENGINE_INFO + " " + commitMetadata);
    }

    @Override
    public boolean append(Table table, List<Row> rows) {
        StructType schema = GovernanceTables.kernel(table.schema());
        Optional<Snapshot> snapshot = tables.snapshot(table.tableName());
        if (snapshot.isEmpty() || !sameType(snapshot.get().getSchema(tables.engine()), schema)) {
            return false;
        }
        List<Map<String, Object>> values = rows.stream().map(r -> SparkValues.of(r, table.schema())).toList();
        tables.append(table.tableName(), schema, values, statsColumns(schema), Optional.empty(), engineInfo);
        return true;
    }

    private static List<String> statsColumns(StructType schema) {
        return schema.fields().stream().limit(STATS_COLUMNS)
                .filter(f -> !(f.getDataType() instanceof StructType || f.getDataType() instanceof ArrayType
                        || f.getDataType() instanceof MapType))
                .map(StructField::getName).toList();
    }

    /** The same columns in the same order with the same types, whatever their nullability. */
    private static boolean sameType(DataType a, DataType b) {
        if (a instanceof StructType x && b instanceof StructType y) {
            if (x.length() != y.length()) {
                return false;
            }
            for (int i = 0; i < x.length(); i++) {
                if (!x.at(i).getName().equals(y.at(i).getName())
                        || !sameType(x.at(i).getDataType(), y.at(i).getDataType())) {
                    return false;
                }
            }
            return true;
        } else if (a instanceof ArrayType x && b instanceof ArrayType y) {
            return sameType(x.getElementType(), y.getElementType());
        } else if (a instanceof MapType x && b instanceof MapType y) {
            return sameType(x.getKeyType(), y.getKeyType()) && sameType(x.getValueType(), y.getValueType());
        }
        return a.equals(b);
    }
}
