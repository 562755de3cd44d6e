package io.traceflux.capture;

import io.traceflux.InvalidInputException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --capture PATH[@VERSION]} argument (SPEC 7.1): a capture folder (local path or any
 * Hadoop URI) and optionally the Delta version of its signals table.
 *
 * <p>Only a trailing {@code @<ASCII digits>} is a version, so {@code s3a://b/team@x/cap@3} is
 * path {@code s3a://b/team@x/cap}, version 3. A trailing {@code @}, {@code @-N} or an
 * out-of-range number is rejected rather than taken as part of the path: it is almost always a
 * broken version (an empty template variable), and a folder name ending that way is not worth
 * the ambiguity.
 */
public record CaptureRef(String path, Optional<Long> version) {

    private static final Pattern VERSIONED = Pattern.compile("(?s)(.*)@([0-9]+)");
    private static final Pattern BROKEN_VERSION = Pattern.compile("(?s).*@-?[0-9]*");

    public CaptureRef {
        if (path == null || path.isBlank()) {
            throw new InvalidInputException("--capture: the capture path is empty");
        }
        if (version.isPresent() && version.get() < 0) {
            throw new InvalidInputException("--capture " + path + ": version must be >= 0");
        }
    }

    /** Parses {@code PATH[@VERSION]}. */
    public static CaptureRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("--capture: the capture path is empty");
        }
        Matcher m = VERSIONED.matcher(text);
        if (m.matches()) {
            return new CaptureRef(m.group(1), Optional.of(version(text, m.group(2))));
        }
        if (BROKEN_VERSION.matcher(text).matches()) {
            throw new InvalidInputException("--capture '" + text
                    + "': the version after '@' must be a non-negative integer");
        }
        return new CaptureRef(text, Optional.empty());
    }

    private static long version(String text, String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--capture '" + text + "': version " + digits
                    + " is out of range", e);
        }
    }

    @Override
    public String toString() {
        return version.map(v -> path + "@" + v).orElse(path);
    }
}
