package io.traceflux.policy;

import java.util.Locale;
import java.util.Optional;

/** Canonical severities with their ranks (SPEC 3.2 step 1); {@code UNKNOWN} is everything else. */
public enum Severity {
    UNKNOWN(0), INFO(1), WARNING(2), MINOR(3), MAJOR(4), CRITICAL(5);

    private final int rank;

    Severity(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** The lower-case name that tables, matchers and fingerprints see. */
    public String canonicalName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A canonical name (case-insensitive) other than {@code unknown}, if {@code text} is one. */
    public static Optional<Severity> fromCanonical(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Severity s : values()) {
            if (s != UNKNOWN && s.canonicalName().equals(text.toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
