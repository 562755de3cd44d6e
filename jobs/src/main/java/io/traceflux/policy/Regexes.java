package io.traceflux.policy;

/** TEMPORARY stand-in until the policy package lands. */
public final class Regexes {
    private Regexes() {
    }

    public static String anchoredJava(String re2) {
        return "(?d)\\A(?:" + re2 + ")\\z";
    }

    public static String unanchoredJava(String re2) {
        return "(?d)" + re2;
    }

    public static String literalReplacement(String text) {
        return java.util.regex.Matcher.quoteReplacement(text);
    }
}
