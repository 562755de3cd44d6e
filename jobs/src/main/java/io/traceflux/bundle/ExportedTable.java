package io.traceflux.bundle;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A table (or a section of signals) as it went into the bundle.
 *
 * @param name    table or section name, e.g. {@code rule_impact} or {@code changed}
 * @param files   the bundle paths of its CSV and JSON Lines files
 * @param columns column names in file order
 * @param total   rows in the warehouse for this execution
 * @param written rows written to the files (at most the cap)
 * @param head    the first rows in file order, kept for the summary and the report
 */
public record ExportedTable(String name, List<String> files, List<String> columns, long total, long written,
                            List<Row> head) {

    public ExportedTable {
        files = List.copyOf(files);
        columns = List.copyOf(columns);
        head = List.copyOf(head);
    }

    /** Rows in the warehouse that are not in the files. */
    public long omitted() {
        return total - written;
    }

    /** Rows in the warehouse that the summary and the report do not show. */
    public long omittedFromHead() {
        return total - head.size();
    }
}
