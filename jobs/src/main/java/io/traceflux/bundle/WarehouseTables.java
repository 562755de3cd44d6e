package io.traceflux.bundle;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.traceflux.warehouse.Table;
import io.traceflux.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The rows of one execution in the warehouse's Delta tables ({@code <warehouse>/<table>},
 * path-based). A table that does not exist reads as absent; an existing table lacking a
 * required column is an error naming both.
 */
public final class WarehouseTables implements BundleSource {

    private final SparkSession spark;
    private final String warehouse;
    private final String executionId;

    /** The rows of {@code executionId} in the tables under {@code warehouse}. */
    public WarehouseTables(SparkSession spark, String warehouse, String executionId) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.executionId = executionId;
    }

    /** The execution's rows of {@code table}, every column kept; empty when the table is absent. */
    @Override
    public Optional<Dataset<Row>> read(Table table) {
        Path path = new Path(warehouse, table.tableName());
        if (!exists(new Path(path, "_delta_log"))) {
            if (table == Table.EXECUTIONS) {
                throw new InvalidInputException("warehouse " + warehouse + " has no " + table.tableName()
                        + " table (expected a Delta table at " + path + ")");
            }
            return Optional.empty();
        }
        Dataset<Row> rows = spark.read().format("delta").load(path.toString());
        List<String> columns = Arrays.asList(rows.columns());
        for (String name : requiredWithKey(table)) {
            if (!columns.contains(name)) {
                throw new InvalidInputException("warehouse table " + path + " lacks required column " + name);
            }
        }
        return Optional.of(rows.filter(col(Table.EXECUTION_ID).equalTo(lit(executionId))));
    }

    /** The execution's one row of {@code executions}. */
    @Override
    public Row execution() {
        List<Row> rows = read(Table.EXECUTIONS).orElseThrow().limit(2).collectAsList();
        if (rows.isEmpty()) {
            throw new InvalidInputException("unknown execution '" + executionId + "': no row in "
                    + new Path(warehouse, Table.EXECUTIONS.tableName()));
        }
        if (rows.size() > 1) {
            throw new InvalidInputException("execution '" + executionId + "' has more than one row in "
                    + new Path(warehouse, Table.EXECUTIONS.tableName()));
        }
        return rows.get(0);
    }

    private static List<String> requiredWithKey(Table table) {
        return Stream.concat(Stream.of(Table.EXECUTION_ID), table.required().stream()).toList();
    }

    private boolean exists(Path path) {
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + path, e);
        }
    }
}
