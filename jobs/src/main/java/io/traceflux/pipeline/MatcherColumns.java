package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.traceflux.policy.Matcher;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Compiles Alertmanager matchers (SPEC 3.1) into Spark column expressions, so a policy never
 * runs code of its own: equality on the resolved value, or a full RE2 match evaluated in linear
 * time ({@link Re2Columns}).
 */
public final class MatcherColumns {

    private MatcherColumns() {
    }

    /** The conjunction of {@code matchers}; an empty list matches every signal. */
    public static Column all(List<Matcher> matchers) {
        Column result = lit(true);
        for (Matcher m : matchers) {
            result = result.and(one(m));
        }
        return result;
    }

    /** One matcher as a boolean column that is never null. */
    public static Column one(Matcher m) {
        return on(m, SignalFields.value(m.name()));
    }

    /**
     * One matcher over {@code value} instead of the signal's own value of its name (a would-be
     * action reads an incident's values: SPEC 3.4); {@code value} must never be null.
     */
    public static Column on(Matcher m, Column value) {
        Column positive = m.op().isRegex()
                ? Re2Columns.fullMatch(value, m.value())
                : value.equalTo(lit(m.value()));
        return m.op().isNegated() ? not(positive) : positive;
    }
}
