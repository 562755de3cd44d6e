package io.traceflux.governance;

import io.delta.kernel.expressions.AlwaysFalse;
import io.delta.kernel.expressions.AlwaysTrue;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Or;
import io.delta.kernel.expressions.Predicate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Rows whose {@code column} equals one of {@code values}: Kernel skips the files whose
 * statistics exclude them, and the reader drops the other rows of the files it opens.
 *
 * @param values strings or longs, matching the column's type
 */
public record RowFilter(String column, List<Object> values) {

    public RowFilter {
        values = List.copyOf(values);
    }

    public static RowFilter equal(String column, Object value) {
        return new RowFilter(column, List.of(value));
    }

    public static RowFilter anyOf(String column, Collection<?> values) {
        return new RowFilter(column, List.copyOf(values));
    }

    /** Beyond this many values, statistics are not worth checking: nearly every file holds one. */
    private static final int MAX_SKIPPING_VALUES = 64;

    /**
     * {@code column = v1 OR column = v2 ...} as a balanced tree: Kernel evaluates it recursively,
     * and a chain of a thousand values (the executions a listing shows) overflowed its stack. A
     * long list skips nothing ({@code ALWAYS_TRUE}); {@link #keeps} still filters the rows.
     */
    Predicate skipping() {
        if (values.size() > MAX_SKIPPING_VALUES) {
            return AlwaysTrue.ALWAYS_TRUE;
        }
        return values.isEmpty() ? AlwaysFalse.ALWAYS_FALSE : anyOf(0, values.size());
    }

    private Predicate anyOf(int from, int to) {
        if (to - from == 1) {
            return new Predicate("=", new Column(column), literal(values.get(from)));
        }
        int middle = (from + to) >>> 1;
        return new Or(anyOf(from, middle), anyOf(middle, to));
    }

    boolean keeps(Map<String, Object> row) {
        return values.contains(row.get(column));
    }

    private static Literal literal(Object v) {
        if (v instanceof Long l) {
            return Literal.ofLong(l);
        }
        if (v instanceof Integer i) {
            return Literal.ofInt(i);
        }
        return Literal.ofString(String.valueOf(v));
    }
}
