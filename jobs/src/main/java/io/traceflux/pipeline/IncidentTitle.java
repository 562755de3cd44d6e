package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import io.traceflux.policy.TitleTemplate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Renders an incident title (SPEC 3.2 step 6) from the template the policy loader parsed and
 * checked: literal text, {@code {count}}, and group_by names read from the group key.
 */
public final class IncidentTitle {

    private final List<TitleTemplate.Part> parts;

    public IncidentTitle(String template) {
        this.parts = TitleTemplate.parse(template);
    }

    /** The title for an incident with {@code count} signals and {@code groupKey}. */
    public Column render(Column count, Column groupKey) {
        List<Column> columns = new ArrayList<>();
        for (TitleTemplate.Part part : parts) {
            if (!part.placeholder()) {
                columns.add(lit(part.text()));
            } else if (part.text().equals("count")) {
                columns.add(count.cast("string"));
            } else {
                columns.add(coalesce(groupKey.getItem(part.text()), lit("")));
            }
        }
        return columns.isEmpty() ? lit("") : concat(columns.toArray(Column[]::new));
    }
}
