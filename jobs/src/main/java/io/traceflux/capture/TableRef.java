package io.traceflux.capture;

import io.traceflux.InvalidInputException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code PATH[@VERSION]} argument: a table or folder (local path or any Hadoop URI) and
 * optionally the Delta version to read. {@code --capture}, {@code --from}, {@code --incidents},
 * {@code --membership} and {@code --actions} all take this form.
 *
 * <p>Only a trailing {@code @<ASCII digits>} is a version, so {@code s3a://b/team@x/cap@3} is
 * path {@code s3a://b/team@x/cap}, version 3. A trailing {@code @}, {@code @-N} or an
 * out-of-range number is rejected rather than taken as part of the path: it is almost always a
 * broken version (an empty template variable), and a folder name ending that way is not worth
 * the ambiguity.
 */
public record TableRef(String path, Optional<Long> version) {

    private static final Pattern VERSIONED = Pattern.compile("(?s)(.*)@([0-9]+)");
    private static final Pattern BROKEN_VERSION = Pattern.compile("(?s).*@-?[0-9]*");

    /**
     * Parses {@code PATH[@VERSION]}; {@code option} and {@code noun} name the argument in error
     * messages ({@code --from: the lake path is empty}).
     */
    public static TableRef parse(String option, String noun, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(option + ": the " + noun + " path is empty");
        }
        Matcher m = VERSIONED.matcher(text);
        if (m.matches()) {
            if (m.group(1).isBlank()) {
                throw new InvalidInputException(option + ": the " + noun + " path is empty");
            }
            return new TableRef(m.group(1), Optional.of(version(option, text, m.group(2))));
        }
        if (BROKEN_VERSION.matcher(text).matches()) {
            throw new InvalidInputException(option + " '" + text
                    + "': the version after '@' must be a non-negative integer");
        }
        return new TableRef(text, Optional.empty());
    }

    private static long version(String option, String text, String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(option + " '" + text + "': version " + digits
                    + " is out of range", e);
        }
    }

    @Override
    public String toString() {
        return version.map(v -> path + "@" + v).orElse(path);
    }
}
