package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/** The correlation group key of a signal: its group_by values, as a map and as text. */
public final class GroupKey {

    private GroupKey() {
    }

    /** {@code map<string,string>} of group_by name to value (absent values are ""). */
    public static Column of(List<String> groupBy) {
        List<Column> names = new ArrayList<>();
        List<Column> values = new ArrayList<>();
        for (String name : groupBy) {
            names.add(lit(name));
            values.add(SignalFields.value(name));
        }
        return map_from_arrays(array(names.toArray(Column[]::new)).cast("array<string>"),
                array(values.toArray(Column[]::new)).cast("array<string>"));
    }

    /** {@code name=value} pairs joined by commas, in group_by order; "" for no group_by. */
    public static Column text(List<String> groupBy) {
        List<Column> parts = new ArrayList<>();
        for (String name : groupBy) {
            if (!parts.isEmpty()) {
                parts.add(lit(","));
            }
            parts.add(lit(name + "="));
            parts.add(SignalFields.value(name));
        }
        return parts.isEmpty() ? lit("") : concat(parts.toArray(Column[]::new));
    }
}
