package io.traceflux.bundle;

import java.util.Locale;

/** The two sides of a comparison, as {@code data-side} and the files name them. */
enum Side {
    BASELINE, REPLAY;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
