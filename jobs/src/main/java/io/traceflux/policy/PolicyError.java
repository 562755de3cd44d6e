package io.traceflux.policy;

/**
 * One problem in a policy file.
 *
 * @param file    the file as it was named to the loader
 * @param path    where in the document, like {@code suppression[2].inhibit.equal}; empty for
 *                the file as a whole
 * @param line    1-based line where the parser saw it, 0 when unknown
 * @param message what is wrong, and where it helps, what is expected
 */
public record PolicyError(String file, String path, int line, String message) {

    /** Longest path or message printed; the values a message quotes come from the file and may be long. */
    static final int MAX_PRINTED = 500;

    /**
     * {@code FILE:LINE: PATH: message} on one line; the line is left out when unknown, the path
     * when empty. Control characters are escaped and an overlong path or message is cut.
     */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : printable(path) + ": ") + printable(message);
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX_PRINTED).forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        int total = text.codePointCount(0, text.length());
        return total > MAX_PRINTED ? out + "... (" + total + " characters)" : out.toString();
    }
}
