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

    /** {@code FILE:LINE: PATH: message}; the line is left out when unknown, the path when empty. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
