package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.traceflux.policy.Regexes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Policy regexes (SPEC 3.1, 3.2) as Spark columns, evaluated in linear time. Spark's own
 * {@code rlike} and {@code regexp_replace} run java.util.regex, which backtracks: a pattern such
 * as {@code (.*.){10}#} takes seconds per short value and longer than any run can wait on a long
 * one. So a pattern is evaluated by RE2/J ({@link Regexes}) in a Spark function that carries only
 * the pattern text and finds it compiled in a per-JVM cache on each executor. A pattern that is
 * only literal text needs no regex engine and stays a Spark built-in: equality or {@code isin}
 * for a matcher, {@code replace} for a normalize.
 */
final class Re2Columns {

    private Re2Columns() {
    }

    /** Whether {@code value} (never null) is fully matched by validated {@code re2}. */
    static Column fullMatch(Column value, String re2) {
        return Regexes.literalAlternatives(re2)
                .map(literals -> literals.size() == 1 ? value.equalTo(lit(literals.get(0)))
                        : value.isin(literals.toArray()))
                .orElseGet(() -> udf(new FullMatch(re2), DataTypes.BooleanType).withName("re2_full_match").apply(value));
    }

    /** {@code value} (never null) with every match of validated {@code re2} replaced by literal {@code replacement}. */
    static Column replaceAll(Column value, String re2, String replacement) {
        return Regexes.literal(re2)
                .map(literal -> functions.replace(value, lit(literal), lit(replacement)))
                .orElseGet(() -> udf(new ReplaceAll(re2, replacement), DataTypes.StringType).withName("re2_replace_all").apply(value));
    }

    /** The Spark function of {@link #fullMatch}: serialised with the pattern text only. */
    private record FullMatch(String re2) implements UDF1<String, Boolean> {
        @Override
        public Boolean call(String value) {
            return Regexes.fullMatch(re2, value);
        }
    }

    /** The Spark function of {@link #replaceAll}. */
    private record ReplaceAll(String re2, String replacement) implements UDF1<String, String> {
        @Override
        public String call(String value) {
            return Regexes.replaceAll(re2, value, replacement);
        }
    }
}
