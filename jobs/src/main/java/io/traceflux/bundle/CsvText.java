package io.traceflux.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * CSV lines (RFC 4180 quoting, {@code \n} line ends): a cell is quoted when it holds a comma,
 * quote, line break or leading/trailing space. Null is an empty cell; nested values (arrays,
 * maps, structs) are their compact JSON; other values print as in JSON Lines.
 *
 * <p>Text cells are neutralised against spreadsheet formula injection (OWASP "CSV Injection"): a
 * value of a string column that begins with {@code = + - @}, tab or carriage return, which a
 * spreadsheet would run as a formula, is written with a leading single quote and in quotes
 * ({@code "'=1+1"}). Numbers, booleans and times are never text to a spreadsheet and stay as they
 * are ({@code -3} in a numeric column is a number); JSON Lines keep every value exactly.
 */
final class CsvText {

    /** First characters that make a spreadsheet read a cell as a formula. */
    private static final String FORMULA_START = "=+-@\t\r";

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
                String text = text(RowJson.value(fields[i].dataType(), row.get(i)));
                line.append(fields[i].dataType() instanceof StringType ? textCell(text) : cell(text));
            }
        }
        return line.append('\n').toString();
    }

    static String cell(String text) {
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0 || !text.equals(text.strip());
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** The cell of a string column's value: neutralised when a spreadsheet would take it for a formula. */
    static String textCell(String text) {
        if (text.isEmpty() || FORMULA_START.indexOf(text.charAt(0)) < 0) {
            return cell(text);
        }
        return "\"'" + text.replace("\"", "\"\"") + '"';
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : BundleJson.compact(node);
    }
}
