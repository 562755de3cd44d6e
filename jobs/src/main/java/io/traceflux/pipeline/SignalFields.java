package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;

/**
 * Resolves a name used by matchers, fingerprints, scopes and group_by to a Spark column
 * (SPEC 3.1): one of the signal columns, or else a key of {@code labels}. An absent value (null
 * column, missing label, null labels) is the empty string, so comparisons never see null.
 */
public final class SignalFields {

    /** The names that are signal columns; every other name is a label key. */
    public static final Set<String> COLUMNS =
            Set.of("service", "region", "pop", "host", "check", "severity", "source", "status");

    /** Signal columns that a capture must have (SPEC 2.1); source and status are optional. */
    public static final List<String> REQUIRED_STRING_COLUMNS =
            List.of("signal_id", "service", "region", "pop", "host", "check", "severity");

    private SignalFields() {
    }

    /** The value of {@code name} for a signal, never null. */
    public static Column value(String name) {
        Column raw = COLUMNS.contains(name) ? col("`" + name + "`") : col("labels").getItem(name);
        return coalesce(raw, lit(""));
    }
}
