package io.traceflux.bundle;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a table as {@code <name>.csv} and {@code <name>.jsonl}: its first rows in a fixed row
 * order ({@link RowOrder}), up to a cap. Spark's top-k merges the partitions' first rows on an
 * executor and the driver streams only the result, so no more than the cap's rows of a large
 * diff table ever reach the driver. Rows a replay already holds on the driver are sorted there,
 * with no Spark job.
 */
final class TableExport {

    private final BundleWriter out;
    private final long maxRows;

    TableExport(BundleWriter out, long maxRows) {
        this.out = out;
        this.maxRows = maxRows;
    }

    /**
     * Exports {@code rows} under {@code folder}, ordered by {@code sortKey} then every other
     * orderable column, keeping the first {@code keep} rows for rendering.
     */
    ExportedTable export(String folder, String name, Dataset<Row> rows, List<String> sortKey, int keep) {
        return export(folder, name, rows, sortKey, keep, -1);
    }

    /**
     * As {@link #export(String, String, Dataset, List, int)} for rows already cut to the cap
     * from {@code total} rows (-1: unknown, counted here when the cap is reached).
     */
    ExportedTable export(String folder, String name, Dataset<Row> rows, List<String> sortKey, int keep, long total) {
        Dataset<Row> ordered = ordered(rows, sortKey).limit((int) Math.min(maxRows, Integer.MAX_VALUE));
        Written written = write(folder, name, List.of(rows.columns()), ordered.toLocalIterator(), keep);
        // Only a table that reached the cap needs a second pass to learn its size.
        long all = total >= 0 ? total : written.rows() < maxRows ? written.rows() : rows.count();
        return written.table(all);
    }

    /**
     * As {@link #export(String, String, Dataset, List, int)} for a table whose rows are also
     * {@code held} on the driver: sorted there, with no Spark job, unless {@link RowOrder} cannot
     * order one of its columns' types.
     */
    ExportedTable export(String folder, String name, Dataset<Row> rows, List<Row> held, List<String> sortKey,
            int keep) {
        StructType schema = rows.schema();
        Optional<Comparator<Row>> order = RowOrder.comparator(schema, sortKey);
        if (order.isEmpty()) {
            return export(folder, name, rows, sortKey, keep, held.size());
        }
        Iterator<Row> ordered = held.stream().sorted(order.get()).limit(maxRows).iterator();
        return write(folder, name, List.of(schema.fieldNames()), ordered, keep).table(held.size());
    }

    /** {@code rows} sorted by the key columns it has, then by its other atomic columns. */
    static Dataset<Row> ordered(Dataset<Row> rows, List<String> sortKey) {
        return rows.orderBy(RowOrder.columns(rows.schema(), sortKey).stream().map(functions::col)
                .toArray(Column[]::new));
    }

    /** The files written for one table, how many rows they have and the first rows kept. */
    private record Written(String name, List<String> files, List<String> columns, long rows, List<Row> head) {
        ExportedTable table(long total) {
            return new ExportedTable(name, files, columns, total, rows, head);
        }
    }

    private Written write(String folder, String name, List<String> columns, Iterator<Row> ordered, int keep) {
        String csv = folder + "/" + name + ".csv";
        String jsonl = folder + "/" + name + ".jsonl";
        List<Row> head = new ArrayList<>();
        long[] written = {0};
        out.write(csv, csvOut -> out.write(jsonl, jsonOut -> {
            csvOut.write(CsvText.header(columns));
            while (ordered.hasNext()) {
                Row row = ordered.next();
                writeRow(row, csvOut, jsonOut);
                if (head.size() < keep) {
                    head.add(row);
                }
                written[0]++;
            }
        }));
        return new Written(name, List.of(csv, jsonl), columns, written[0], head);
    }

    private static void writeRow(Row row, Writer csv, Writer jsonl) throws IOException {
        csv.write(CsvText.line(row));
        jsonl.write(BundleJson.compact(RowJson.of(row)));
        jsonl.write('\n');
    }
}
