package io.traceflux.bundle;

/**
 * Escaping for everything that reaches report.html. Every value from the tables goes through
 * {@link #text} whether it lands in element content or in a (double-quoted) attribute, so a
 * signal message such as {@code <img src=x onerror=alert(1)>} shows as text.
 */
final class Html {

    private Html() {
    }

    /** {@code &}, {@code <}, {@code >}, {@code "} and {@code '} as character references; null as empty. */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
