package io.traceflux.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * CSV lines (RFC 4180 quoting, {@code \n} line ends): a cell is quoted when it holds a comma,
 * quote, line break or leading/trailing space. Null is an empty cell; nested values (arrays,
 * maps, structs) are their compact JSON; other values print as in JSON Lines.
 */
final class CsvText {

    private CsvText() {
    }

    static String header(List<String> columns) {
        return String.join(",", columns.stream().map(CsvText::cell).toList()) + "\n";
    }

    static String line(Row row) {
        StructField[] fields = row.schema().fields();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            if (!row.isNullAt(i)) {
                line.append(cell(text(RowJson.value(fields[i].dataType(), row.get(i)))));
            }
        }
        return line.append('\n').toString();
    }

    static String cell(String text) {
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0 || !text.equals(text.strip());
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : BundleJson.compact(node);
    }
}
