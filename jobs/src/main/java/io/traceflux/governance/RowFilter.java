package io.traceflux.governance;

import io.delta.kernel.expressions.AlwaysFalse;
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

    Predicate skipping() {
        Predicate p = null;
        for (Object v : values) {
            Predicate eq = new Predicate("=", new Column(column), literal(v));
            p = p == null ? eq : new Or(p, eq);
        }
        return p == null ? AlwaysFalse.ALWAYS_FALSE : p;
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
