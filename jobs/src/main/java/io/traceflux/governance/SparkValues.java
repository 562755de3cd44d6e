package io.traceflux.governance;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * A Spark row as the plain Java values that {@link ValueVectors} writes: structs as maps from
 * field name to value, arrays as lists, maps as maps, timestamps as {@link java.time.Instant}.
 */
final class SparkValues {

    private SparkValues() {
    }

    /** The row's fields by name, each converted by its type in {@code schema}. */
    static Map<String, Object> of(Row row, StructType schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            out.put(fields[i].name(), value(row.get(i), fields[i].dataType()));
        }
        return out;
    }

    private static Object value(Object v, DataType type) {
        if (v == null) {
            return null;
        } else if (v instanceof Timestamp ts) {
            return ts.toInstant();
        } else if (type instanceof StructType struct) {
            return of((Row) v, struct);
        } else if (type instanceof ArrayType array) {
            List<Object> out = new ArrayList<>();
            JavaConverters.seqAsJavaList((scala.collection.Seq<?>) v)
                    .forEach(e -> out.add(value(e, array.elementType())));
            return out;
        } else if (type instanceof MapType map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            JavaConverters.mapAsJavaMap((scala.collection.Map<?, ?>) v)
                    .forEach((k, e) -> out.put(value(k, map.keyType()), value(e, map.valueType())));
            return out;
        }
        return v;
    }
}
