package io.traceflux.policy;

import java.util.Optional;

/**
 * Policy regexes: RE2 syntax (SPEC 3.1), run by Spark through java.util.regex. {@link #re2Error}
 * is the validation gate; the {@code *Java} methods translate a validated pattern into Java text
 * with the same meaning (see {@link Re2Translator} for what is rewritten and why).
 *
 * <p>Known remaining difference: under {@code (?i)}, the few characters whose case folding is not
 * a plain upper/lower pair (Kelvin sign, long s) can match differently inside negated classes.
 */
public final class Regexes {

    private Regexes() {
    }

    /**
     * Why {@code pattern} cannot be used, or empty when it is valid RE2 and its Java translation
     * compiles. Backreferences and lookaround get a message saying RE2 lacks them.
     */
    public static Optional<String> re2Error(String pattern) {
        try {
            com.google.re2j.Pattern.compile(pattern);
        } catch (com.google.re2j.PatternSyntaxException e) {
            return Optional.of(explain(pattern, e.getMessage().replaceFirst("^error parsing regexp: ", "")));
        }
        try {
            java.util.regex.Pattern.compile(unanchoredJava(pattern));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("valid RE2, but the Java regex engine Spark uses cannot run it: "
                    + e.getMessage().lines().findFirst().orElse(""));
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

    /** A Java pattern that, with find(), matches exactly the strings {@code re2} fully matches. */
    public static String anchoredJava(String re2) {
        return "\\A(?:" + Re2Translator.translate(re2) + ")\\z";
    }

    /** A Java pattern that finds the same matches as {@code re2} searched anywhere. */
    public static String unanchoredJava(String re2) {
        return Re2Translator.translate(re2);
    }

    /** {@code text} as a Java replacement that inserts it literally ({@code $1} stays {@code $1}). */
    public static String literalReplacement(String text) {
        return java.util.regex.Matcher.quoteReplacement(text);
    }
}
