package io.traceflux.capture;

import static org.apache.spark.sql.functions.lit;

import io.traceflux.InvalidInputException;
import io.traceflux.pipeline.SignalFields;
import java.util.Collections;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;

/**
 * A scope (SPEC 2.3): the allowed values per dimension, e.g. {@code region=eu-west,pop=fra1|ams2}.
 * A dimension is a signal column or a label key, resolved like a matcher name; an absent value
 * is the empty string, so {@code pop=} allows signals without a POP. Values are compared exactly
 * (case-sensitive, no trimming) against the values as captured: {@code severity=...} sees the
 * raw severity, because the selected set must not depend on a policy's severity_map.
 *
 * <p>No scope ({@link #all()}) is written {@value #ALL}; {@link #toString()} is canonical
 * (dimensions and values sorted) and {@link #parse} reads it back.
 */
public record Scope(SortedMap<String, SortedSet<String>> dimensions) {

    /** The text of the scope that allows everything. */
    public static final String ALL = "*";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_./-]*");

    /** Keeps the invariants that make {@link #toString()} read back to an equal scope. */
    public Scope {
        TreeMap<String, SortedSet<String>> copy = new TreeMap<>();
        dimensions.forEach((name, values) -> {
            boolean representable =
                    values.stream().noneMatch(v -> v.contains(",") || v.contains("|"));
            if (!NAME.matcher(name).matches() || values.isEmpty() || !representable) {
                throw new IllegalArgumentException("not a scope dimension: " + name + "=" + values);
            }
            copy.put(name, Collections.unmodifiableSortedSet(new TreeSet<>(values)));
        });
        dimensions = Collections.unmodifiableSortedMap(copy);
    }

    /** The whole capture. */
    public static Scope all() {
        return new Scope(new TreeMap<>());
    }

    /** Parses {@code name=value|value,name=value}, or {@value #ALL}. */
    public static Scope parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(text, "it is empty; give no scope, or '" + ALL
                    + "', for the whole capture");
        }
        if (text.equals(ALL)) {
            return all();
        }
        SortedMap<String, SortedSet<String>> dims = new TreeMap<>();
        for (String part : text.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw invalid(text, "'" + part + "' is not name=value[|value...]");
            }
            String name = part.substring(0, eq);
            if (!NAME.matcher(name).matches()) {
                throw invalid(text, "'" + name + "' is not a name ([A-Za-z_][A-Za-z0-9_./-]*)");
            }
            if (dims.containsKey(name)) {
                throw invalid(text, "dimension '" + name + "' is given twice (list its values "
                        + "with '|' instead)");
            }
            dims.put(name, new TreeSet<>(Arrays.asList(part.substring(eq + 1).split("\\|", -1))));
        }
        return new Scope(dims);
    }

    public boolean isAll() {
        return dimensions.isEmpty();
    }

    /** True for signals in scope; never null, since absent values read as "". */
    public Column condition() {
        Column condition = lit(true);
        for (Map.Entry<String, SortedSet<String>> dim : dimensions.entrySet()) {
            Object[] allowed = dim.getValue().toArray();
            condition = condition.and(SignalFields.value(dim.getKey()).isin(allowed));
        }
        return condition;
    }

    /**
     * Whether every signal this scope allows is also allowed by {@code outer}: each dimension of
     * outer is restricted here to a subset of its values (extra dimensions only narrow further).
     */
    public boolean isWithin(Scope outer) {
        return outer.dimensions.entrySet().stream().allMatch(dim ->
                dimensions.containsKey(dim.getKey())
                        && dim.getValue().containsAll(dimensions.get(dim.getKey())));
    }

    @Override
    public String toString() {
        if (isAll()) {
            return ALL;
        }
        return dimensions.entrySet().stream()
                .map(dim -> dim.getKey() + "=" + String.join("|", dim.getValue()))
                .collect(Collectors.joining(","));
    }

    private static InvalidInputException invalid(String text, String problem) {
        return new InvalidInputException("invalid scope '" + text + "': " + problem);
    }
}
