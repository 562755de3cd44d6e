package io.traceflux.bundle;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How figures and times read in the summary and the report: fixed decimals, no locale, UTC.
 * Files meant for machines (JSON, CSV) keep full values instead.
 */
final class Formats {

    static final String NONE = "n/a";

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** A rate or score with four decimals, e.g. {@code 0.9500}. */
    static String ratio(Double value) {
        return value == null || value.isNaN() ? NONE : String.format(Locale.ROOT, "%.4f", value);
    }

    static String count(Long value) {
        return value == null ? NONE : Long.toString(value);
    }

    /** A whole number without decimals, anything else as a ratio (gate thresholds and actuals). */
    static String number(Double value) {
        if (value != null && value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        return ratio(value);
    }

    /** ISO-8601 UTC, e.g. {@code 2026-11-20T10:03:07.125Z}. */
    static String instant(Instant value) {
        return value == null ? NONE : value.toString();
    }

    /** Time of day in UTC, e.g. {@code 10:03:07.125}. */
    static String clock(Instant value) {
        return value == null ? NONE : CLOCK.format(value);
    }

    /** Text or {@code n/a}. */
    static String text(String value) {
        return value == null ? NONE : value;
    }
}
