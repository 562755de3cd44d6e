package io.traceflux.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed reads of document values. Each read reports what is wrong to {@link Problems} at the
 * value's path and returns empty, so that validation goes on and finds every error of the file.
 * An absent value reads as empty without a report: {@link #mapping} reports missing required
 * keys, and every other key is optional.
 */
public final class Fields {

    private final Problems problems;
    private final RegexBudget regexes = new RegexBudget();

    public Fields(Problems problems) {
        this.problems = problems;
    }

    /** Counts a valid normalize pattern against the policy's regex budget. */
    void countNormalize(Node at, String pattern) {
        regexes.add(at, Regexes.normalizeInstructions(pattern));
    }

    /** Reports the document when its regexes together exceed {@link RegexBudget#MAX_POLICY_INSTRUCTIONS}. */
    void checkRegexBudget() {
        regexes.check(problems);
    }

    Problems problems() {
        return problems;
    }

    /**
     * Checks that {@code node} is a mapping, reporting each unknown key and each missing required
     * key; returns whether it is a mapping at all (its known keys are then worth reading). Absent
     * is not a mapping, and not reported.
     */
    public boolean mapping(Node node, List<String> allowed, List<String> required) {
        if (!node.present()) {
            return false;
        }
        if (!node.json().isObject()) {
            problems.add(node, "expected a mapping with keys " + String.join(", ", allowed) + ", got " + node.kind());
            return false;
        }
        for (String key : node.keys()) {
            if (!allowed.contains(key)) {
                problems.add(node.get(key), "unknown key (allowed here: " + String.join(", ", allowed) + ")");
            }
        }
        for (String key : required) {
            if (!node.get(key).present()) {
                problems.add(node.get(key), "required key is missing");
            }
        }
        return true;
    }

    public Optional<String> string(Node node) {
        if (!node.present()) {
            return Optional.empty();
        }
        if (!node.json().isTextual()) {
            problems.add(node, "expected a string, got " + node.kind());
            return Optional.empty();
        }
        return Optional.of(node.json().textValue());
    }

    /** A whole number that fits an int and is at least {@code min}. */
    public Optional<Integer> integer(Node node, int min) {
        if (!node.present()) {
            return Optional.empty();
        }
        if (!node.json().isIntegralNumber() || !node.json().canConvertToInt()) {
            problems.add(node, "expected a whole number, got " + (node.json().isIntegralNumber() ? "one too large" : node.kind()));
            return Optional.empty();
        }
        int value = node.json().intValue();
        if (value < min) {
            problems.add(node, "must be at least " + min + ", got " + value);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** A finite number, integer or not. */
    public Optional<Double> number(Node node) {
        if (!node.present()) {
            return Optional.empty();
        }
        if (!node.json().isNumber() || !Double.isFinite(node.json().doubleValue())) {
            problems.add(node, "expected a number, got " + node.kind());
            return Optional.empty();
        }
        return Optional.of(node.json().doubleValue());
    }

    public Optional<List<Node>> list(Node node) {
        if (!node.present()) {
            return Optional.empty();
        }
        if (!node.json().isArray()) {
            problems.add(node, "expected a list, got " + node.kind());
            return Optional.empty();
        }
        return Optional.of(node.elements());
    }

    /** A string in one of the policy syntaxes, parsed by {@code parser}. */
    <T> Optional<T> parsed(Node node, Function<String, T> parser) {
        return string(node).flatMap(text -> {
            try {
                return Optional.of(parser.apply(text));
            } catch (PolicySyntaxException e) {
                problems.add(node, e.getMessage());
                return Optional.empty();
            }
        });
    }

    Optional<Duration> duration(Node node) {
        if (node.json().isNumber()) {
            problems.add(node, "expected a duration with a unit (ms, s, m or h), like 2m; got the number " + node.json().asText());
            return Optional.empty();
        }
        return parsed(node, Durations::parse);
    }

    Optional<Instant> timestamp(Node node) {
        return parsed(node, Timestamps::parse);
    }

    /** A name as matchers, fingerprints, group_by and equal use them. */
    Optional<String> name(Node node) {
        return string(node).filter(name -> {
            boolean valid = MatcherParser.NAME.matcher(name).matches();
            if (!valid) {
                problems.add(node, "invalid name \"" + name + "\": names match " + MatcherParser.NAME);
            }
            return valid;
        });
    }

    /** An optional list of distinct names; absent means none. */
    List<String> names(Node node) {
        List<String> names = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Node element : optionalList(node)) {
            name(element).ifPresent(name -> {
                String first = seen.putIfAbsent(name, element.path());
                if (first != null) {
                    problems.add(element, "\"" + name + "\" is listed twice (also at " + first + ")");
                } else {
                    names.add(name);
                }
            });
        }
        return names;
    }

    /**
     * A list of matchers; with {@code atLeastOne} an empty list is an error. Absent is empty: where
     * the key is required, {@link #mapping} reports it missing.
     */
    List<Matcher> matchers(Node node, boolean atLeastOne) {
        List<Node> elements = optionalList(node);
        if (atLeastOne && node.json().isArray() && elements.isEmpty()) {
            problems.add(node, "needs at least one matcher, like check=\"pop_unreachable\"");
        }
        List<Matcher> matchers = new ArrayList<>();
        elements.forEach(element -> parsed(element, MatcherParser::parse).ifPresent(matcher -> {
            matchers.add(matcher);
            if (matcher.op().isRegex()) {
                regexes.add(element, Regexes.matcherInstructions(matcher.value()));
            }
        }));
        return matchers;
    }

    /** The elements of a list, or none when it is absent or not a list (reported). */
    public List<Node> optionalList(Node node) {
        return list(node).orElse(List.of());
    }
}
