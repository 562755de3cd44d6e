package io.traceflux.bundle;

import io.traceflux.warehouse.Table;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where the rows of one execution's evidence bundle come from: the warehouse tables
 * ({@code traceflux bundle}), or the rows a replay has just written and still holds
 * ({@link HeldTables}). {@link WriteBundle} builds the same files from either.
 */
public interface BundleSource {

    /** The execution's one {@code executions} row. */
    Row execution();

    /**
     * The execution's rows of {@code table} with the table's columns; empty when the table
     * does not exist (a table that exists without rows of this execution gives no rows).
     */
    Optional<Dataset<Row>> read(Table table);

    /**
     * The same rows as {@link #read}, when the source already holds them on the driver: the
     * bundle then sorts and exports them without a Spark job. Empty by default.
     */
    default Optional<List<Row>> held(Table table) {
        return Optional.empty();
    }
}
