package io.traceflux.bundle;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/**
 * Reads a collected row's values by column name, tolerating absent columns (read as null), so
 * that a writer adding or lacking an optional column never breaks the bundle. Scala collections
 * become Java ones; maps are sorted by key so that everything rendered from them is stable.
 */
final class RowValues {

    private RowValues() {
    }

    /** The raw value, or null when the column is absent or null. */
    static Object get(Row row, String name) {
        int i = index(row, name);
        return i < 0 || row.isNullAt(i) ? null : row.get(i);
    }

    static String string(Row row, String name) {
        Object v = get(row, name);
        return v == null ? null : String.valueOf(v);
    }

    static Long longValue(Row row, String name) {
        return get(row, name) instanceof Number n ? n.longValue() : null;
    }

    static Double doubleValue(Row row, String name) {
        return get(row, name) instanceof Number n ? n.doubleValue() : null;
    }

    static Boolean bool(Row row, String name) {
        return get(row, name) instanceof Boolean b ? b : null;
    }

    static Instant instant(Row row, String name) {
        return toInstant(get(row, name));
    }

    /** A list value (empty when absent). */
    static List<Object> list(Row row, String name) {
        return toList(get(row, name));
    }

    static List<String> strings(Row row, String name) {
        List<String> out = new ArrayList<>();
        for (Object o : list(row, name)) {
            out.add(o == null ? null : String.valueOf(o));
        }
        return out;
    }

    /** A map value sorted by key text (empty when absent). */
    static Map<String, Object> map(Row row, String name) {
        return toMap(get(row, name));
    }

    /** Timestamps in any of Spark's Java representations; wall-clock NTZ values are UTC. */
    static Instant toInstant(Object v) {
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (v instanceof Date d) {
            return d.toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return v instanceof Instant i ? i : null;
    }

    @SuppressWarnings("deprecation")
    static List<Object> toList(Object v) {
        if (v instanceof scala.collection.Seq<?> seq) {
            return new ArrayList<>(JavaConverters.seqAsJavaList(seq));
        }
        if (v instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (v instanceof Object[] array) {
            return new ArrayList<>(Arrays.asList(array));
        }
        return v == null ? new ArrayList<>() : new ArrayList<>(Collections.singletonList(v));
    }

    @SuppressWarnings("deprecation")
    static Map<String, Object> toMap(Object v) {
        Map<?, ?> source = v instanceof scala.collection.Map<?, ?> m ? JavaConverters.mapAsJavaMap(m)
                : v instanceof Map<?, ?> m ? m : Map.of();
        Map<String, Object> sorted = new TreeMap<>();
        source.forEach((k, value) -> sorted.put(String.valueOf(k), value));
        return sorted;
    }

    private static int index(Row row, String name) {
        if (row.schema() == null) {
            return -1;
        }
        return Arrays.asList(row.schema().fieldNames()).indexOf(name);
    }
}
