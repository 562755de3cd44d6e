package io.traceflux.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Converts collected rows to JSON the same way every time: fields in schema order, map entries
 * sorted by key, timestamps as ISO-8601 UTC instants ({@code 2026-11-20T10:03:07.125Z}),
 * numbers as Java prints them, binary as Base64.
 */
final class RowJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RowJson() {
    }

    /** The whole row as an object. */
    static ObjectNode of(Row row) {
        return struct(row.schema(), row);
    }

    /** One value of type {@code type}. */
    static JsonNode value(DataType type, Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (type instanceof StructType s) {
            return struct(s, (Row) v);
        }
        if (type instanceof ArrayType a) {
            ArrayNode array = NODES.arrayNode();
            RowValues.toList(v).forEach(e -> array.add(value(a.elementType(), e)));
            return array;
        }
        if (type instanceof MapType m) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<String, Object> e : RowValues.toMap(v).entrySet()) {
                object.set(e.getKey(), value(m.valueType(), e.getValue()));
            }
            return object;
        }
        return atomic(v);
    }

    private static ObjectNode struct(StructType schema, Row row) {
        ObjectNode object = NODES.objectNode();
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            object.set(fields[i].name(), value(fields[i].dataType(), row.isNullAt(i) ? null : row.get(i)));
        }
        return object;
    }

    private static JsonNode atomic(Object v) {
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return NODES.numberNode(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float) {
            return NODES.numberNode(((Number) v).doubleValue());
        }
        if (v instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (v instanceof byte[] bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (v instanceof Date d) {
            return NODES.textNode(d.toLocalDate().toString());
        }
        if (v instanceof LocalDateTime l) {
            return NODES.textNode(l.toString());
        }
        Instant instant = RowValues.toInstant(v);
        return NODES.textNode(instant != null ? instant.toString() : String.valueOf(v));
    }
}
