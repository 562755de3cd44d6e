package io.traceflux.policy;

import java.util.regex.Pattern;

/**
 * Parses one Alertmanager-style matcher (SPEC 3.1): {@code name="value"}, {@code name!="value"},
 * {@code name=~"regex"}, {@code name!~"regex"}.
 *
 * <p>Spaces or tabs may surround the name, the operator and the quoted value, as Alertmanager
 * allows; the value must be double-quoted. Inside the quotes {@code \"} stands for {@code "} and
 * {@code \\} for {@code \}; any other backslash is kept with the character after it, so
 * {@code =~"web-\d+"} reaches the regex engine as {@code web-\d+}. Regex values must be valid RE2
 * within the size limits of {@link Regexes#re2Error}.
 */
public final class MatcherParser {

    /** What a matcher, fingerprint, group_by, equal or scope name must look like. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_./-]*");

    private final String text;
    private int pos;

    private MatcherParser(String text) {
        this.text = text;
    }

    /** Parses {@code text}; throws {@link PolicySyntaxException} saying what is wrong. */
    public static Matcher parse(String text) {
        return new MatcherParser(text).matcher();
    }

    private Matcher matcher() {
        skipBlanks();
        String name = name();
        skipBlanks();
        Matcher.Op op = op(name);
        skipBlanks();
        String value = quoted();
        skipBlanks();
        if (pos < text.length()) {
            throw error("unexpected text after the closing quote: " + text.substring(pos));
        }
        if (op.isRegex()) {
            Regexes.re2Error(value).ifPresent(e -> {
                throw error("invalid regex: " + e);
            });
        }
        return new Matcher(name, op, value, text);
    }

    private String name() {
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos), pos == start)) {
            pos++;
        }
        if (pos == start) {
            throw error(text.isBlank() ? "empty matcher" : "expected a name at the start, like service=\"api\"");
        }
        return text.substring(start, pos);
    }

    private static boolean isNameChar(char c, boolean first) {
        boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
        boolean rest = (c >= '0' && c <= '9') || c == '.' || c == '/' || c == '-';
        return letter || (!first && rest);
    }

    private Matcher.Op op(String name) {
        for (Matcher.Op op : new Matcher.Op[] {Matcher.Op.NE, Matcher.Op.NRE, Matcher.Op.RE, Matcher.Op.EQ}) {
            if (text.startsWith(op.symbol(), pos)) {
                pos += op.symbol().length();
                return op;
            }
        }
        throw error("expected =, !=, =~ or !~ after the name \"" + name + "\" (names match " + NAME + ")");
    }

    private String quoted() {
        if (pos >= text.length() || text.charAt(pos) != '"') {
            throw error("the value must be in double quotes, like service=\"api\"");
        }
        StringBuilder value = new StringBuilder();
        for (pos++; pos < text.length(); pos++) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return value.toString();
            }
            if (c == '\\' && pos + 1 < text.length() && (text.charAt(pos + 1) == '"' || text.charAt(pos + 1) == '\\')) {
                pos++;
                c = text.charAt(pos);
            }
            value.append(c);
        }
        throw error("unterminated quoted value (a \" inside the value is written \\\")");
    }

    private void skipBlanks() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private PolicySyntaxException error(String message) {
        return new PolicySyntaxException("invalid matcher " + quote(text) + ": " + message);
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }
}
