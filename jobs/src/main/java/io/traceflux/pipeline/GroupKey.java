package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * The correlation group key of a signal: its group_by values as an array (what rows are
 * partitioned by), as a map (the group_key column) and as text (incident ids, explanations).
 */
public final class GroupKey {

    private GroupKey() {
    }

    /** {@code array<string>} of the group_by values in order (absent values are ""). */
    public static Column values(List<String> groupBy) {
        List<Column> values = new ArrayList<>();
        groupBy.forEach(name -> values.add(SignalFields.value(name)));
        return array(values.toArray(Column[]::new)).cast("array<string>");
    }

    /** {@code map<string,string>} of group_by name to value, from {@link #values}. */
    public static Column of(List<String> groupBy, Column values) {
        List<Column> names = new ArrayList<>();
        groupBy.forEach(name -> names.add(lit(name)));
        return map_from_arrays(array(names.toArray(Column[]::new)).cast("array<string>"), values);
    }

    /** {@code name=value} pairs joined by commas, in group_by order, from {@link #values}; "" for none. */
    public static Column text(List<String> groupBy, Column values) {
        List<Column> parts = new ArrayList<>();
        for (int i = 0; i < groupBy.size(); i++) {
            if (!parts.isEmpty()) {
                parts.add(lit(","));
            }
            parts.add(lit(groupBy.get(i) + "="));
            parts.add(element_at(values, i + 1));
        }
        return parts.isEmpty() ? lit("") : concat(parts.toArray(Column[]::new));
    }
}
