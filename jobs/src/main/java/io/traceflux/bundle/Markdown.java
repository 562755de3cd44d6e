package io.traceflux.bundle;

/**
 * Escaping for everything that reaches summary.md. Markdown renderers pass raw HTML through,
 * so {@code < > &} become character references; Markdown's own punctuation is backslash-escaped
 * so that a value can neither format text, open a link nor break a table row; line breaks
 * become spaces.
 */
final class Markdown {

    private static final String PUNCTUATION = "\\`*_[](){}#+!|~";

    private Markdown() {
    }

    /** Safe inline text; null as {@code n/a}. */
    static String text(String value) {
        if (value == null) {
            return Formats.NONE;
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r', '\n' -> out.append(' ');
                default -> {
                    if (PUNCTUATION.indexOf(c) >= 0) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }
}
