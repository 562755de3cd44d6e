package io.traceflux.bundle;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a table as {@code <name>.csv} and {@code <name>.jsonl}: its first rows in a fixed row
 * order, up to a cap. Spark's top-k merges the partitions' first rows on an executor and the
 * driver streams only the result, so no more than the cap's rows of a large diff table ever
 * reach the driver.
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
        List<String> columns = Arrays.asList(rows.columns());
        String csv = folder + "/" + name + ".csv";
        String jsonl = folder + "/" + name + ".jsonl";
        List<Row> head = new ArrayList<>();
        long[] written = {0};
        out.write(csv, csvOut -> out.write(jsonl, jsonOut -> {
            csvOut.write(CsvText.header(columns));
            Iterator<Row> it = ordered.toLocalIterator();
            while (it.hasNext()) {
                Row row = it.next();
                writeRow(row, csvOut, jsonOut);
                if (head.size() < keep) {
                    head.add(row);
                }
                written[0]++;
            }
        }));
        // Only a table that reached the cap needs a second pass to learn its size.
        long all = total >= 0 ? total : written[0] < maxRows ? written[0] : rows.count();
        return new ExportedTable(name, List.of(csv, jsonl), columns, all, written[0], head);
    }

    /** {@code rows} sorted by the key columns it has, then by its other atomic columns. */
    static Dataset<Row> ordered(Dataset<Row> rows, List<String> sortKey) {
        List<String> names = Arrays.asList(rows.columns());
        List<Column> order = new ArrayList<>();
        sortKey.stream().filter(names::contains).forEach(k -> order.add(functions.col(k)));
        for (StructField f : rows.schema().fields()) {
            boolean nested = f.dataType() instanceof MapType || f.dataType() instanceof ArrayType
                    || f.dataType() instanceof StructType;
            if (!nested && !sortKey.contains(f.name())) {
                order.add(functions.col(f.name()));
            }
        }
        return rows.orderBy(order.toArray(Column[]::new));
    }

    private static void writeRow(Row row, Writer csv, Writer jsonl) throws IOException {
        csv.write(CsvText.line(row));
        jsonl.write(BundleJson.compact(RowJson.of(row)));
        jsonl.write('\n');
    }
}
