package io.traceflux.policy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * The timestamp text of SPEC 2.1, {@code YYYY-MM-DD[T or space]HH:MM:SS[.fraction][Z or ±HH:MM]},
 * used by maintenance windows (and usable for command-line window bounds). ASCII digits only; the
 * date and time must exist; offset hours 00–23 and minutes 00–59; no offset means UTC. Digits
 * beyond microseconds are truncated, because the pipeline compares at microsecond precision.
 */
public final class Timestamps {

    private static final Pattern SYNTAX = Pattern.compile(
            "([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2}):([0-9]{2})"
                    + "(?:\\.([0-9]+))?(Z|([+-])([0-9]{2}):([0-9]{2}))?");

    private Timestamps() {
    }

    /** Parses {@code text}; throws {@link PolicySyntaxException} saying what is wrong. */
    public static Instant parse(String text) {
        java.util.regex.Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new PolicySyntaxException("invalid timestamp \"" + text
                    + "\": write YYYY-MM-DDTHH:MM:SS[.fraction][Z or ±HH:MM], e.g. 2026-11-20T10:00:00Z");
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.of(num(m, 1), num(m, 2), num(m, 3), num(m, 4), num(m, 5), num(m, 6),
                    micros(m.group(7)) * 1000);
        } catch (DateTimeException e) {
            throw new PolicySyntaxException("invalid timestamp \"" + text + "\": no such date or time");
        }
        return local.toInstant(ZoneOffset.UTC).minusSeconds(offsetSeconds(m, text));
    }

    private static int num(java.util.regex.Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int micros(String fraction) {
        if (fraction == null) {
            return 0;
        }
        String six = (fraction + "000000").substring(0, 6);
        return Integer.parseInt(six);
    }

    /** ±HH:MM as seconds east of UTC; wider than java.time's ±18:00, as SPEC allows 00–23. */
    private static long offsetSeconds(java.util.regex.Matcher m, String text) {
        if (m.group(9) == null) {
            return 0;
        }
        int hours = num(m, 10);
        int minutes = num(m, 11);
        if (hours > 23 || minutes > 59) {
            throw new PolicySyntaxException("invalid timestamp \"" + text + "\": offset must be 00:00 to 23:59");
        }
        long seconds = hours * 3600L + minutes * 60L;
        return m.group(9).equals("-") ? -seconds : seconds;
    }
}
