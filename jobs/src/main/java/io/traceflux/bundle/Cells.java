package io.traceflux.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * How a table cell reads in the summary and the report (unescaped: callers escape for their
 * format): empty for null, four decimals for fractions, ISO-8601 for times, compact JSON for
 * nested values.
 */
final class Cells {

    private Cells() {
    }

    static String text(Row row, String column) {
        int i = Arrays.asList(row.schema().fieldNames()).indexOf(column);
        if (i < 0 || row.isNullAt(i)) {
            return "";
        }
        StructField field = row.schema().fields()[i];
        JsonNode node = RowJson.value(field.dataType(), row.get(i));
        if (node.isFloatingPointNumber()) {
            return Formats.ratio(node.asDouble());
        }
        return node.isValueNode() ? node.asText() : BundleJson.compact(node);
    }
}
