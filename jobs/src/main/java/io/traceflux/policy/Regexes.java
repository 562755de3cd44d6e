package io.traceflux.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Policy regexes: RE2 syntax (SPEC 3.1), validated and evaluated by com.google.re2j, an RE2
 * implementation whose matching time is linear in the length of the text (no backtracking), so
 * no pattern a policy can hold makes a replay super-linear. {@link #re2Error} (matchers) and
 * {@link #normalizeError} (fingerprint normalize) are the validation gates; {@link #fullMatch}
 * and {@link #replaceAll} are what a replay evaluates, on the driver or on executors, through a
 * per-JVM cache of compiled patterns.
 *
 * <p>Literal text needs no regex engine: a matcher pattern made only of literal alternatives
 * ({@link #literalAlternatives}) is evaluated as equality, a normalize pattern that is one literal
 * as plain text replacement, and neither has a size limit beyond the policy's own. Every other
 * pattern is refused when its program would exceed {@value #MAX_INSTRUCTIONS} instructions or
 * its groups nest deeper than {@value #MAX_DEPTH} levels (see {@link Re2Size}): re2j expands
 * counted repetitions when it compiles ({@code ((a{1000}){1000}){1000}} runs out of memory), its
 * compiler recurses once per group level, and its matching time per character grows with the
 * program (its automaton keeps up to one thread per instruction alive), so the instruction limit
 * is what bounds the cost of one matcher per signal (docs/reliability.md has the figures).
 */
public final class Regexes {

    /**
     * Largest program accepted for a pattern the engine runs (re2j instructions, estimated from
     * the text). A matcher that keeps every instruction alive costs the same time per
     * instruction on every character of every signal: on the 1M-signal benchmark replay,
     * {@code (.*){74}#} (297 instructions) doubled it and {@code (.*){490}#} (1,961) made it six
     * times slower, so one pattern costs at most about one more replay, not several.
     */
    public static final int MAX_INSTRUCTIONS = 250;

    /** Deepest group nesting accepted. */
    public static final int MAX_DEPTH = 100;

    /** Characters that are RE2 syntax outside a class; every other character stands for itself. */
    private static final String META = "\\.+*?()|[]{}^$";

    /** Compiled patterns per JVM (driver or executor); a policy holds few, a long-lived executor may see many policies. */
    private static final ConcurrentHashMap<String, com.google.re2j.Pattern> COMPILED = new ConcurrentHashMap<>();
    private static final int CACHE_SIZE = 1024;

    private Regexes() {
    }

    /**
     * Why {@code pattern} cannot be a matcher's regex, or empty when it is literal alternatives or
     * valid RE2 within the size limits. Backreferences and lookaround get a message saying RE2
     * lacks them.
     */
    public static Optional<String> re2Error(String pattern) {
        return literalAlternatives(pattern).isPresent() ? Optional.empty() : engineError(pattern);
    }

    /** Why {@code pattern} cannot be a normalize pattern (before the empty-match rule), or empty. */
    public static Optional<String> normalizeError(String pattern) {
        return literal(pattern).isPresent() ? Optional.empty() : engineError(pattern);
    }

    /**
     * The estimated program size of a valid matcher regex as the engine runs it; 0 when it is
     * literal alternatives, which run as equality.
     */
    static long matcherInstructions(String re2) {
        return literalAlternatives(re2).isPresent() ? 0 : Re2Size.of(re2).instructions();
    }

    /** The same for a valid normalize pattern; 0 when it is one literal, replaced as plain text. */
    static long normalizeInstructions(String re2) {
        return literal(re2).isPresent() ? 0 : Re2Size.of(re2).instructions();
    }

    private static Optional<String> engineError(String pattern) {
        Re2Size.Estimate size = Re2Size.of(pattern);
        if (size.depth() > MAX_DEPTH) {
            return Optional.of("groups nested " + size.depth() + " deep; at most " + MAX_DEPTH + " levels are allowed");
        }
        if (size.instructions() > MAX_INSTRUCTIONS) {
            return Optional.of("too large: it expands to about " + (size.instructions() >= 1L << 40 ? "a trillion or more"
                    : String.format("%,d", size.instructions())) + " RE2 instructions, more than the "
                    + String.format("%,d", MAX_INSTRUCTIONS) + " allowed (counted repetitions multiply: (a{10}){20} is 240)");
        }
        try {
            com.google.re2j.Pattern.compile(pattern);
            return Optional.empty();
        } catch (com.google.re2j.PatternSyntaxException e) {
            return Optional.of(explain(pattern, e.getMessage().replaceFirst("^error parsing regexp: ", "")));
        }
    }

    private static String explain(String pattern, String re2Message) {
        if (re2Message.matches("invalid escape sequence: `\\\\[1-9].*")) {
            return "backreferences (\\1 ...) are not supported by RE2: " + re2Message;
        }
        boolean lookbehind = re2Message.contains("`(?<`") && (pattern.contains("(?<=") || pattern.contains("(?<!"));
        if (re2Message.contains("`(?=`") || re2Message.contains("`(?!`") || lookbehind) {
            return "lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported by RE2: " + re2Message;
        }
        if (re2Message.contains("`(?<`")) {
            return "named groups are written (?P<name>...) in RE2: " + re2Message;
        }
        return re2Message;
    }

    /**
     * The strings {@code re2} fully matches when it is nothing but literal alternatives
     * ({@code info|unknown}, {@code web\.example}: characters that are not RE2 syntax, punctuation
     * escaped with a backslash, joined by {@code |}), or empty when it uses any other syntax.
     * Such a pattern fully matches a value exactly when the value equals one of them, so it can be
     * evaluated as plain equality.
     */
    public static Optional<List<String>> literalAlternatives(String re2) {
        List<String> alternatives = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < re2.length(); i++) {
            char c = re2.charAt(i);
            if (c == '|') {
                alternatives.add(current.toString());
                current.setLength(0);
            } else if (c == '\\' && i + 1 < re2.length() && isAsciiPunctuation(re2.charAt(i + 1))) {
                current.append(re2.charAt(++i));
            } else if (META.indexOf(c) >= 0) {
                return Optional.empty();
            } else {
                current.append(c);
            }
        }
        alternatives.add(current.toString());
        return Optional.of(List.copyOf(alternatives));
    }

    /** The text {@code re2} stands for when it is one literal (no {@code |}), or empty. */
    public static Optional<String> literal(String re2) {
        return literalAlternatives(re2).filter(l -> l.size() == 1).map(l -> l.get(0));
    }

    private static boolean isAsciiPunctuation(char c) {
        return c >= '!' && c <= '~' && !Character.isLetterOrDigit(c);
    }

    /** Whether validated {@code re2} finds an empty match in the empty string. */
    public static boolean matchesEmpty(String re2) {
        return literal(re2).map(String::isEmpty).orElseGet(() -> compiled(re2).matcher("").find());
    }

    /** Whether validated {@code re2} matches all of {@code value} (SPEC 3.1: matchers are fully anchored). */
    public static boolean fullMatch(String re2, String value) {
        return compiled(re2).matches(value);
    }

    /**
     * {@code value} with every non-overlapping match of validated {@code re2}, left to right,
     * replaced by {@code replacement} taken literally (no group references). After an empty match
     * the search moves on one character, as java.util.regex does.
     */
    public static String replaceAll(String re2, String value, String replacement) {
        com.google.re2j.Matcher m = compiled(re2).matcher(value);
        if (!m.find()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + replacement.length());
        int done = 0;
        do {
            out.append(value, done, m.start()).append(replacement);
            done = m.end();
        } while (m.find());
        return out.append(value, done, value.length()).toString();
    }

    private static com.google.re2j.Pattern compiled(String re2) {
        com.google.re2j.Pattern pattern = COMPILED.get(re2);
        if (pattern == null) {
            if (COMPILED.size() >= CACHE_SIZE) {
                COMPILED.clear();
            }
            pattern = COMPILED.computeIfAbsent(re2, com.google.re2j.Pattern::compile);
        }
        return pattern;
    }
}
