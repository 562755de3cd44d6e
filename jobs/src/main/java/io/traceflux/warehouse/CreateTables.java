package io.traceflux.warehouse;

import io.delta.tables.DeltaTable;
import io.traceflux.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the tables a warehouse lacks, empty and with their registry columns, so that a run's
 * writes are ordinary commits to existing tables. A replay does it beside its first stages:
 * on a fresh warehouse, Delta's first commits (class loading, protocol and metadata) then cost
 * no time on the run's critical path. Another process creating the same table at the same
 * moment is no error: its table serves.
 */
public final class CreateTables {

    private final SparkSession spark;
    private final Warehouse warehouse;

    public CreateTables(SparkSession spark, Warehouse warehouse) {
        this.spark = spark;
        this.warehouse = warehouse;
    }

    /**
     * Refuses a warehouse whose root or table paths are not folders, before anything is
     * written: a file where a table belongs is a mistake in {@code --warehouse}, not a failure.
     */
    public void checkPaths(List<Table> tables) {
        checkFolder(new Path(warehouse.root()), "warehouse " + warehouse.root() + " is a file, not a folder");
        for (Table table : tables) {
            Path path = new Path(warehouse.tablePath(table));
            checkFolder(path, "warehouse table " + path + " is a file, not a Delta table folder");
        }
    }

    /** Creates each of {@code tables} that does not exist yet. */
    public void ifMissing(List<Table> tables) {
        for (Table table : tables) {
            if (!exists(table)) {
                create(table);
            }
        }
    }

    private void create(Table table) {
        try {
            DeltaTable.createIfNotExists(spark).location(warehouse.tablePath(table))
                    .addColumns(table.schema()).execute();
        } catch (RuntimeException e) {
            // A concurrent creator won the race for version 0 (Delta reports a protocol or
            // metadata change): the table exists now, which is all this step needs.
            if (!exists(table)) {
                throw e;
            }
        }
    }

    private void checkFolder(Path path, String problem) {
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(path) && !fs.getFileStatus(path).isDirectory()) {
                throw new InvalidInputException(problem);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect " + path, e);
        }
    }

    private boolean exists(Table table) {
        Path log = new Path(warehouse.tablePath(table), "_delta_log");
        try {
            FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(log) && fs.listStatus(log).length > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect " + log, e);
        }
    }
}
