package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;

/**
 * An incident title template (SPEC 3.2 step 6): literal text with {@code {count}} and
 * {@code {name}} placeholders for group_by names. The policy loader has already rejected any
 * other placeholder; text outside placeholders is copied as it is.
 */
public final class TitleTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_./-]*)}");

    private final String template;

    public TitleTemplate(String template) {
        this.template = template;
    }

    /** The title for an incident with {@code count} signals and {@code groupKey}. */
    public Column render(Column count, Column groupKey) {
        List<Column> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        while (m.find()) {
            parts.add(lit(template.substring(last, m.start())));
            String name = m.group(1);
            parts.add(name.equals("count") ? count.cast("string") : coalesce(groupKey.getItem(name), lit("")));
            last = m.end();
        }
        parts.add(lit(template.substring(last)));
        return concat(parts.toArray(Column[]::new));
    }
}
