package io.traceflux.policy;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Policy durations (SPEC 3.2): a whole number and one unit, {@code ms}, {@code s}, {@code m} or
 * {@code h}, such as {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h}. No sign, no fraction,
 * no compound ({@code 1m30s}), no spaces. Zero ({@code 0s}) is a valid duration; whether a
 * particular setting accepts it is the loader's business.
 */
public final class Durations {

    private static final Pattern SYNTAX = Pattern.compile("([0-9]+)(ms|s|m|h)");

    private Durations() {
    }

    /** Parses {@code text}; throws {@link PolicySyntaxException} saying what is wrong. */
    public static Duration parse(String text) {
        java.util.regex.Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new PolicySyntaxException("invalid duration \"" + text
                    + "\": write a whole number and one unit (ms, s, m or h), e.g. 500ms, 90s, 2m, 1h");
        }
        try {
            long amount = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            d.toNanos(); // the pipeline works in micro- and nanoseconds: refuse what they cannot hold
            return d;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new PolicySyntaxException("duration \"" + text + "\" is too large");
        }
    }

    /** The shortest text that parses back to {@code d}: 120s gives {@code 2m}, 1500ms stays {@code 1500ms}. */
    public static String format(Duration d) {
        if (d.isNegative() || d.toNanosPart() % 1_000_000 != 0) {
            throw new IllegalArgumentException("not a policy duration (whole non-negative milliseconds): " + d);
        }
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms != 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms != 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
