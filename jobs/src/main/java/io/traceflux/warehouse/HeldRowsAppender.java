package io.traceflux.warehouse;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Appends rows that a run already holds on the driver to one of its output tables, as one
 * commit and without a Spark job ({@link ExecutionWriter#writeAll}). It declines a table it
 * cannot append to as it is (no such table yet, other columns): the writer then writes the
 * rows with Spark.
 */
@FunctionalInterface
public interface HeldRowsAppender {

    /** Never appends anything. */
    HeldRowsAppender NONE = (table, rows) -> false;

    /**
     * Appends {@code rows}, each with exactly {@code table}'s registry columns.
     *
     * @return false when it did not append (and wrote nothing)
     */
    boolean append(Table table, List<Row> rows);
}
