package io.traceflux.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Distinct values numbered in order of arrival, null included: {@link SortedPass} stores a
 * row's columns as these codes. Within one co-partition key most columns take few values
 * (a service's hosts, checks, severities), so a row costs an int per column.
 *
 * @param <T> the value type; equal values (by {@code equals}) get one code
 */
final class Dictionary<T> {

    /** Beyond this many values a cleared dictionary starts afresh rather than keep its large table. */
    private static final int KEEP = 4096;

    private Map<T, Integer> codes = new HashMap<>();
    private List<T> values = new ArrayList<>();

    /** The value's code, numbering it if it is new. */
    int code(T value) {
        Integer code = codes.get(value);
        if (code == null) {
            code = values.size();
            codes.put(value, code);
            values.add(value);
        }
        return code;
    }

    T value(int code) {
        return values.get(code);
    }

    int size() {
        return values.size();
    }

    void clear() {
        if (values.size() > KEEP) {
            codes = new HashMap<>();
            values = new ArrayList<>();
        } else {
            codes.clear();
            values.clear();
        }
    }
}
